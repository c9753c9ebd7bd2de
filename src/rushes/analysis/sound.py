"""The ``sound`` analyzer: technical QC of a clip's first sound stream, streamed.

Sound arrives at the stream's own rate and channels (float), so full-scale samples are
seen as recorded. Every 5 ms tick keeps its level, whether it is digital silence and
whether it holds a run of full-scale samples; every second keeps its spectrum's hum and
flatness; loudness is measured as it goes (:mod:`loudness`). Findings: clipping (runs of
full-scale samples, and flat tops at any level: a recorder that clipped and was turned down
afterwards leaves runs of equal samples at one ceiling, again and again), dropouts (digital
silence inside sound), long silence, a high noise floor, mains hum at 50 or 60 Hz, and
loudness far from a usable level. Hum and noise are judged against the dialogue's level: a
faint hum under speech is a note, not a fault. Thresholds are settings (``[sound]`` in
rushes.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from scipy.signal import butter, sosfilt, sosfilt_zi

from rushes.analysis.base import Analyzer, ClipAnalysis
from rushes.analysis.findings import Finding, runs, scores
from rushes.analysis.loudness import LoudnessMeter
from rushes.analysis.registry import register
from rushes.catalog.records import Clip
from rushes.media import AudioChunk, AudioRequest

TICKS = 200  # a second
DEFAULTS = {
    "full_scale": 0.999,  # |sample| at or above: full scale
    "clip_run": 3,  # consecutive full-scale samples that make a clip
    # after lossy coding (AAC) clipped peaks come back rippled just under full scale: many
    # samples of a 5 ms tick this close to it are a clip too
    "near_full_scale": 0.95,
    "near_count": 12,
    "dropout_level": 1e-4,  # |sample| below (-80 dBFS): digital silence
    "dropout_ms": 10,  # shortest dropout
    "silence_db": -60.0,  # level below: silence
    "silence_seconds": 10.0,  # longest silence that is not reported
    "noise_floor_db": -45.0,  # a floor above this, noise-like: noise
    "hum_db": 25.0,  # a 50/60 Hz line this far above its neighbours: hum (bass notes: ~20)
    "under_dialogue_db": 30.0,  # hum or noise this far under the dialogue: a note only
    "flat_level": 0.03,  # flat tops below this (-30 dBFS) are not looked for
    "flat_ticks": 3,  # 5 ms ticks with flat tops at one level: a clipping ceiling
    "loudness_min": -40.0,  # LUFS: quieter than this is reported
    "loudness_max": -5.0,  # LUFS: louder than this is reported
}


@register
class Sound(Analyzer):
    name = "sound"
    version = 4  # 3: every clipping ceiling, not only the clip's loudest; 4: a dropout
    # beside a word on one side only is in dialogue (seed 17023: a word's end cut off)

    def applies_to(self, clip: Clip) -> bool:
        return bool(clip.probe.audio)

    def start(self, clip: Clip) -> ClipAnalysis:
        stream = clip.probe.audio[0]
        channels = 1 if stream.channels == 1 else 2
        return SoundOfClip(stream.sample_rate, channels, {**DEFAULTS, **self.options})


class SoundOfClip(ClipAnalysis):
    def __init__(self, rate: int, channels: int, options: dict[str, Any]):
        self.rate, self.channels, self.o = rate, channels, options
        self.requests = (AudioRequest(rate, "mono" if channels == 1 else "stereo", "fltp"),)
        self.tick = rate // TICKS
        self.carry = np.zeros((channels, 0), np.float32)
        self.second: list[np.ndarray] = []
        self.levels: list[np.ndarray] = []
        self.silent: list[np.ndarray] = []
        self.clipped: list[np.ndarray] = []
        self.flat: list[np.ndarray] = []  # per tick: level of its highest flat top, or 0
        self.hum: list[tuple[float, float, float]] = []  # per second: hz, excess dB, flatness
        self.meter = LoudnessMeter(rate, channels)
        # narrow bands around 50 and 60 Hz, per tick, to place hum to the tick
        self.bands = {hz: butter(2, [hz - 5, hz + 5], "bandpass", fs=rate, output="sos")
                      for hz in (50, 60)}  # fmt: skip
        self.band_state = {hz: sosfilt_zi(sos) * 0 for hz, sos in self.bands.items()}
        self.band_levels: dict[int, list[np.ndarray]] = {50: [], 60: []}

    def take(self, request, item: AudioChunk) -> None:
        samples = item.samples.astype(np.float32)
        self.meter.add(samples)
        data = np.concatenate([self.carry, samples], axis=1)
        whole = data.shape[1] // self.tick * self.tick
        self._ticks(data[:, :whole])
        self.carry = data[:, whole:]

    def _ticks(self, data: np.ndarray) -> None:
        if not data.shape[1]:
            return
        ticks = data.reshape(self.channels, -1, self.tick)
        power = (ticks.astype(np.float64) ** 2).mean(axis=2).max(axis=0)
        self.levels.append(10 * np.log10(power + 1e-12))
        self.silent.append((np.abs(ticks) < self.o["dropout_level"]).all(axis=(0, 2)))
        full = np.abs(ticks) >= self.o["full_scale"]
        run = self.o["clip_run"]
        together = full[..., : self.tick - run + 1].copy()
        for k in range(1, run):
            together &= full[..., k : self.tick - run + 1 + k]
        near = (np.abs(ticks) >= self.o["near_full_scale"]).sum(axis=2).max(axis=0)
        self.clipped.append(together.any(axis=(0, 2)) | (near >= self.o["near_count"]))
        level = np.abs(ticks[..., 2:])
        flat = (ticks[..., 2:] == ticks[..., 1:-1]) & (ticks[..., 1:-1] == ticks[..., :-2])
        tops = np.where(flat & (level >= self.o["flat_level"]), level, 0.0).max(axis=(0, 2))
        self.flat.append(tops.astype(np.float32))
        mono = data.mean(axis=0)
        for hz, sos in self.bands.items():
            narrow, self.band_state[hz] = sosfilt(sos, mono, zi=self.band_state[hz])
            power = (narrow.reshape(-1, self.tick) ** 2).mean(axis=1)
            self.band_levels[hz].append(10 * np.log10(power + 1e-12))
        self.second.append(mono)
        pending = np.concatenate(self.second)
        while len(pending) >= self.rate:
            self.hum.append(_hum(pending[: self.rate], self.rate))
            pending = pending[self.rate :]
        self.second = [pending]

    def finish(self, folder: Path) -> dict[str, Any]:
        if not self.levels:
            return {"findings": [], "scores": scores([], 0, 1), "loudness_lufs": None}
        level = np.concatenate(self.levels)
        silent = np.concatenate(self.silent)
        clipped = np.concatenate(self.clipped)
        flat = np.concatenate(self.flat)
        hum = np.array(self.hum).reshape(-1, 3)
        bands = {hz: np.concatenate(v) for hz, v in self.band_levels.items()}
        np.savez_compressed(folder / "signals.npz", level=level, silent=silent,
                            clipped=clipped, flat=flat, hum=hum, hum50=bands[50],
                            hum60=bands[60])  # fmt: skip
        loudness = self.meter.integrated()
        findings = detect(level, silent, clipped, hum, loudness, self.o, bands, flat)
        duration = len(level) / TICKS
        return {
            "findings": [f.as_dict() for f in findings],
            "scores": scores([f.as_dict() for f in findings], 0.0, duration),
            "loudness_lufs": None if loudness is None else round(loudness, 1),
            "true_peak_dbtp": round(self.meter.true_peak_db(), 1),
            "noise_floor_db": _floor(level),
        }


def _hum(mono: np.ndarray, rate: int) -> tuple[float, float, float]:
    """Strongest mains line (50 or 60 Hz, with harmonics) over its neighbourhood, in dB, and
    the spectral flatness of the second (1: noise-like, 0: tonal)."""
    spectrum = np.abs(np.fft.rfft(mono * np.hanning(len(mono)))) + 1e-9  # 1 Hz bins
    best = (0.0, -99.0)
    for mains in (50, 60):
        # mains hum always has its fundamental; a voice's harmonics can fall on 100 or 120 Hz
        line = spectrum[mains - 1 : mains + 2].max()
        around = np.median(np.concatenate([spectrum[20:45], spectrum[70:95], spectrum[130:145]]))
        excess = 20 * np.log10(line / around)
        if excess > best[1]:
            best = (float(mains), float(excess))
    band = spectrum[20 : min(len(spectrum), 8000)]
    flatness = float(np.exp(np.log(band).mean()) / band.mean())
    level = 20 * np.log10(np.sqrt((mono**2).mean()) + 1e-12)
    return best[0], best[1] if level > -70 else -99.0, flatness


def _floor(level: np.ndarray) -> float | None:
    sounding = level[level > -100]
    return round(float(np.percentile(sounding, 10)), 1) if len(sounding) else None


def _hum_span(band: np.ndarray, first: int, stop: int) -> tuple[int, int]:
    """Ticks where the mains band stands out, within seconds first-1..stop+1: above the
    level halfway (in dB) between the band inside the flagged seconds and outside them, and
    at most 6 dB under the inside (the filter rings on for a few ticks after the hum)."""
    lo, hi = max(0, (first - 1) * TICKS), min(len(band), (stop + 1) * TICKS)
    smooth = np.convolve(band, np.ones(5) / 5, mode="same")
    inside = np.median(smooth[first * TICKS : min(len(band), stop * TICKS)])
    outside = np.concatenate([smooth[:lo], smooth[hi:]])
    base = np.median(outside) if len(outside) else np.percentile(smooth, 5)
    above = np.flatnonzero(smooth[lo:hi] > max((inside + base) / 2, inside - 6))
    if not len(above):
        return first * TICKS, stop * TICKS
    return lo + int(above[0]), lo + int(above[-1]) + 1


NEAR = 3 * TICKS  # ticks each side in which a ceiling must be the loudest flat top


def _ceilings(flat: np.ndarray, o) -> list[float]:
    """The levels at which the sound was clipped: flat tops that come again and again at
    one level, the loudest of the flat tops around them (a natural peak is flat once, by
    chance). Several: one take clipped at full scale, the next clipped and turned down."""
    tops = flat[flat > 0]
    if len(tops) < o["flat_ticks"]:
        return []
    values, counts = np.unique(tops, return_counts=True)
    out = []
    for value in values[counts >= o["flat_ticks"]]:
        at = np.flatnonzero(flat == value)
        around = [flat[max(0, k - NEAR) : k + NEAR].max() for k in at]
        if np.median(around) <= value / 0.5:
            out.append(float(value))
    return out


def _dialogue_db(level: np.ndarray) -> float | None:
    """The level of the loud passages (speech, when there is some), in dBFS."""
    sounding = level[level > -70]
    return float(np.percentile(sounding, 90)) if len(sounding) > TICKS // 2 else None


def detect(level, silent, clipped, hum, loudness, o, bands=None, flat=None) -> list[Finding]:
    out: list[Finding] = []

    def add(kind, first, stop, severity, reason, per=TICKS):
        out.append(Finding(kind, round(first / per, 4), round(stop / per, 4), severity, reason))

    ceilings = _ceilings(flat, o) if flat is not None else []
    lowered = np.zeros(len(clipped), bool)
    for ceiling in ceilings:
        clipped = clipped | (flat == np.float32(ceiling))
        if ceiling < o["full_scale"]:
            lowered |= flat == np.float32(ceiling)
    for a, b in runs(clipped, 1, bridge=60):  # one passage, not one finding per syllable
        reason = "clipped sound: samples at full scale"
        if lowered[a:b].any():
            ceiling = float(flat[a:b][lowered[a:b]].max())
            reason = (f"clipped sound: flat tops at {20 * np.log10(ceiling):.1f} dBFS "
                      "(clipped, then turned down)")  # fmt: skip
        add("audio_clipping", a, b, "warning" if b - a < TICKS else "error", reason)
    quiet = level < o["silence_db"]
    long_quiet = round(o["silence_seconds"] * TICKS)
    shortest = max(1, round(o["dropout_ms"] * TICKS / 1000))
    for a, b in runs(silent, shortest):
        if b - a >= long_quiet:
            continue
        before, after = level[max(0, a - 20) : a], level[b : b + 20]
        if not (len(before) and len(after) and before.max() > -90 and after.max() > -90):
            continue  # silence at an end, or between silences: not a dropout
        ms = 1000 * (b - a) / TICKS
        if before.max() > -50 or after.max() > -50:  # it cuts into a word on either side
            add("dropout", a, b, "error", f"dropout: {ms:.0f} ms of digital silence in sound")
        else:  # only room tone around it: filled from the room tone
            add("dropout", a, b, "warning", f"dropout in room tone: {ms:.0f} ms")
    for a, b in runs(quiet, long_quiet, bridge=4):
        add("silence", a, b, "info", f"no sound for {(b - a) / TICKS:.1f} s")
    dialogue = _dialogue_db(level)
    mains = hum[:, 1] > o["hum_db"] if len(hum) else np.zeros(0, bool)
    for a, b in runs(mains, 1, bridge=1):
        hz = 50 if (hum[a:b, 0] == 50).sum() * 2 >= b - a else 60
        reason = f"mains hum at {hz} Hz (+{hum[a:b, 1].mean():.0f} dB)"
        severity = "warning"
        if bands and dialogue is not None:
            strength = float(np.median(bands[hz][a * TICKS : b * TICKS]))
            if dialogue - strength >= o["under_dialogue_db"]:
                severity = "info"
                reason = (f"faint mains hum at {hz} Hz: {strength:.0f} dBFS under dialogue at "
                          f"{dialogue:.0f} dBFS")  # fmt: skip
        if bands:
            add("hum", *_hum_span(bands[hz], a, b), severity, reason)
        else:
            add("hum", a, b, severity, reason, per=1)
    seconds = len(level) / TICKS
    if len(hum):
        lit = np.array([level[i * TICKS : (i + 1) * TICKS].mean() for i in range(len(hum))])
        order = np.argsort(lit)[: max(1, len(lit) // 5)]
        floor, flatness = float(np.median(lit[order])), float(np.median(hum[order, 2]))
        if floor > o["noise_floor_db"] and flatness > 0.3 and floor < -6:
            severity = "warning" if floor > -30 else "info"
            if dialogue is not None and dialogue - floor >= o["under_dialogue_db"]:
                severity = "info"
            out.append(Finding("noise", 0.0, round(seconds, 4), severity,
                               f"noise floor {floor:.0f} dBFS, quietest passages"))  # fmt: skip
    if loudness is not None and not o["loudness_min"] <= loudness <= o["loudness_max"]:
        word = "quiet" if loudness < o["loudness_min"] else "loud"
        out.append(Finding("loudness", 0.0, round(seconds, 4), "info",
                           f"very {word}: {loudness:.0f} LUFS integrated"))  # fmt: skip
    return sorted(out, key=lambda f: (f.start, f.kind))
