"""The ``picture`` analyzer: technical QC of the picture from small frames, every frame.

From the one-pass decoder it takes 160x90 grey (sharpness, exposure, motion, repeats) and
48x27 RGB (colour; the frames shot detection already asks for, so decoded once), measures a
few numbers per frame in vectorised numpy, keeps them as signals, and turns runs of bad
frames into findings: soft focus (relative to the clip's sharpest frames, and absolute),
under/over-exposure, clipped highlights, crushed shadows, shake (high-frequency jitter of
the global motion, not a pan), black frames, frozen or repeated frames, and a colour cast
that drifts within a shot. A steady cadence of repeated frames (2:2, 3:2, 24 in 25) is what
the footage is: one note on the clip, and only a repeat that breaks it is a dropped frame.
The summary keeps the clip's sharpness and a small signature of its picture (16x9 block
levels of eight frames spread over the clip, each normalised), so that takes of one setup
can be told from another's.
Thresholds are settings (``[picture]`` in rushes.toml).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from rushes.analysis.base import Analyzer, ClipAnalysis
from rushes.analysis.findings import Finding, runs, scores
from rushes.analysis.registry import register
from rushes.catalog.records import Clip
from rushes.media import VideoImage, VideoRequest

GREY = VideoRequest(160, 90, "gray")
COLOUR = VideoRequest(48, 27, "rgb24")

DEFAULTS = {
    "black_level": 12,  # median luma (0-255) at or below which a frame is black
    "underexposed_level": 32,  # median luma below: underexposed (a night scene: 30-45)
    "dark_level": 22,  # median luma below: too dark to grade back (an error, not a warning)
    "overexposed_level": 215,  # median luma above: overexposed
    "clipped_share": 0.15,  # share of pixels at 250+ for clipped highlights
    "crushed_share": 0.25,  # share of pixels at 5 or below for crushed shadows
    "soft_ratio": 0.55,  # sharpness below this share of the clip's sharp frames: soft
    "soft_absolute": 0.2,  # a whole clip whose sharp frames stay below this is soft
    "shake_pixels": 2.0,  # jitter (RMS, in 160-pixel-wide frame pixels) above: shake
    "drift": 0.04,  # chromaticity change within a shot above: colour drift
    "min_seconds": 0.2,  # shortest exposure/focus/shake problem reported
}


@register
class Picture(Analyzer):
    name = "picture"
    version = 3

    def applies_to(self, clip: Clip) -> bool:
        return clip.probe.kind == "video"

    def start(self, clip: Clip) -> ClipAnalysis:
        options = {**DEFAULTS, **self.options}
        return PictureOfClip(Fraction(clip.probe.frame_rate or 25), options)


class PictureOfClip(ClipAnalysis):
    requests = (GREY, COLOUR)

    def __init__(self, rate: Fraction, options: dict[str, Any]):
        self.rate, self.options = rate, options
        self.rows: list[tuple] = []  # per frame: time, median, mean, hi, lo, sharp, diff
        self.motion: list[tuple[float, float, float]] = []
        self.colour: list[np.ndarray] = []
        self.previous: np.ndarray | None = None
        self.previous_spectrum: np.ndarray | None = None
        self.window = np.outer(np.hanning(90), np.hanning(160)).astype(np.float32)
        self.blocks: list[np.ndarray] = []  # 16x9 block levels, a frame a second

    def take(self, request, item: VideoImage) -> None:
        if request == COLOUR:
            self.colour.append(item.image.reshape(-1, 3).mean(axis=0))
            return
        grey = item.image.astype(np.float32)
        picture = _inside_bars(grey)
        lap = np.abs(4 * grey[1:-1, 1:-1] - grey[:-2, 1:-1] - grey[2:, 1:-1]
                     - grey[1:-1, :-2] - grey[1:-1, 2:])  # fmt: skip
        spectrum = np.fft.rfft2((grey - grey.mean()) * self.window)
        if self.previous is None:
            diff, move = 255.0, (0.0, 0.0, 0.0)
        else:
            diff = float(np.abs(grey - self.previous).mean())
            move = _shift(self.previous_spectrum, spectrum, grey.shape)
        self.previous, self.previous_spectrum = grey, spectrum
        if len(self.rows) % max(1, round(float(self.rate))) == 0:
            self.blocks.append(grey.reshape(9, 10, 16, 10).mean(axis=(1, 3)))
        self.rows.append((
            float(item.time), float(np.median(picture)), float(picture.mean()),
            float((picture >= 250).mean()), float((picture <= 5).mean()),
            float(lap.mean() / (grey.std() + 4.0)), diff,
        ))  # fmt: skip
        self.motion.append(move)

    def finish(self, folder: Path) -> dict[str, Any]:
        if not self.rows:
            return {"frames": 0, "findings": [], "scores": scores([], 0, 1)}
        rows = np.array(self.rows, np.float64)
        motion = np.array(self.motion, np.float64)
        colour = np.array(self.colour[: len(rows)], np.float64).reshape(-1, 3)
        np.savez_compressed(folder / "signals.npz", rows=rows, motion=motion, colour=colour)
        findings = detect(rows, motion, colour, self.rate, self.options)
        duration = float(rows[-1, 0] + 1 / self.rate)
        return {
            "frames": len(rows),
            "findings": [f.as_dict() for f in findings],
            "scores": scores([f.as_dict() for f in findings], 0.0, duration),
            "sharpness": round(float(np.percentile(rows[:, 5], 90)), 3),
            "signature": _signature(self.blocks),
        }


MOVING = 2.0  # a soft stretch whose frames change this many times more than the shot's
# sharp frames do (medians) is motion blur, not focus: a lens out of focus smooths the
# picture, so its frames change less (a panned texture blurred: 0.33 of its sharp frames'
# change), while a whip pan or a hand passing the lens changes them more. Soft stretches of
# the packaged real footage, where no lens was out of focus (1523 in the judgement bench's
# shoots): 1221 change more than this (and STILL)
STILL = 0.5  # grey levels: a change this small is sensor noise on a locked-off shot

SIGNATURE_FRAMES = 8


def _signature(blocks: list[np.ndarray]) -> list[list[float]]:
    """The picture's layout at eight moments, blind to exposure and focus: block levels
    with zero mean and unit spread (a flat picture gives zeros)."""
    picked = np.linspace(0, len(blocks) - 1, min(SIGNATURE_FRAMES, len(blocks))).round()
    out = []
    for k in picked.astype(int):
        values = blocks[k].ravel() - blocks[k].mean()
        spread = values.std()
        out.append([round(float(v), 2) for v in (values / spread if spread > 1e-6 else values)])
    return out


def _inside_bars(grey: np.ndarray) -> np.ndarray:
    """The picture without letterbox or pillarbox bars (rows or columns black throughout),
    so framing for 2.39:1 is not read as crushed shadows or underexposure."""
    rows = np.flatnonzero(grey.max(axis=1) > 24)
    cols = np.flatnonzero(grey.max(axis=0) > 24)
    if len(rows) < 10 or len(cols) < 10:
        return grey
    return grey[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def _shift(a: np.ndarray, b: np.ndarray, shape) -> tuple[float, float, float]:
    """Global motion between two frames by phase correlation: (dx, dy, confidence)."""
    cross = a * np.conj(b)
    cross /= np.abs(cross) + 1e-9
    corr = np.fft.irfft2(cross, s=shape)
    peak = np.unravel_index(int(np.argmax(corr)), corr.shape)
    confidence = float(corr[peak])
    out = []
    for axis in (1, 0):
        n = shape[axis]
        p = peak[axis]
        before = corr[(peak[0] - (axis == 0)) % shape[0], (peak[1] - (axis == 1)) % shape[1]]
        after = corr[(peak[0] + (axis == 0)) % shape[0], (peak[1] + (axis == 1)) % shape[1]]
        denominator = before - 2 * corr[peak] + after
        offset = 0.5 * (before - after) / denominator if denominator else 0.0
        value = p + offset
        out.append(value - n if value > n / 2 else value)
    return out[0], out[1], confidence


def _shots(diff: np.ndarray, count: int) -> list[tuple[int, int]]:
    """Frame ranges between cuts (a jump of the whole picture), for per-shot judgements."""
    cuts = np.flatnonzero(diff[:count] > 30).tolist()
    bounds = [0, *[c for c in cuts if c > 0], count]
    return list(zip(bounds, bounds[1:], strict=False))


def _median(values: np.ndarray, width: int) -> np.ndarray:
    """Moving median: a pan survives it, a single jolt (a cut, a repeat) does not."""
    padded = np.pad(values, width // 2, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, width)
    return np.median(windows, axis=1)


def detect(rows: np.ndarray, motion: np.ndarray, colour: np.ndarray, rate: Fraction,
           o: dict[str, Any]) -> list[Finding]:  # fmt: skip
    """Findings from the per-frame signals."""
    times, median, mean, hi, lo, sharp, diff = rows.T
    step = float(1 / rate)
    shortest = max(1, round(o["min_seconds"] * float(rate)))
    out: list[Finding] = []

    def add(kind, first, stop, severity, reason):
        out.append(Finding(kind, round(float(times[first]), 4),
                           round(float(times[stop - 1] + step), 4), severity, reason))  # fmt: skip

    black = (median <= o["black_level"]) & ((mean <= o["black_level"] + 12) | (hi < 0.1))
    for a, b in runs(black):
        add("black", a, b, "warning", f"black picture for {b - a} frame{'s' * (b - a > 1)}")
    lit = ~black
    frozen = lit & (diff < 0.05)
    frozen[1:] &= lit[:-1]
    motion = motion.copy()
    jolts = np.flatnonzero(frozen)
    motion[np.clip(np.concatenate([jolts, jolts + 1]), 0, len(motion) - 1), 2] = 0.0
    repeats = runs(frozen)
    cadence = _cadence([a for a, b in repeats if b - a == 1])
    if cadence:
        period = cadence[0]
        content = float(rate) * (period - 1) / period
        every = f"picture repeats every {_ordinal(period)} frame"
        add("cadence", 0, len(rows), "info", f"{every}: {content:.3f} fps content")
    for a, b in repeats:
        seconds = (b - a) * step
        if seconds >= 1.0:
            add("frozen", a, b, "error", f"picture frozen for {seconds:.1f} s")
        elif not (cadence and b - a == 1 and a % cadence[0] == cadence[1]):
            add("frozen", a, b, "warning",
                f"{b - a} repeated frame{'s' * (b - a > 1)} (dropped frames?)")  # fmt: skip
    under = lit & (median < o["underexposed_level"])
    for a, b in runs(under, shortest, bridge=1):
        level = median[a:b].mean()
        if level < o["dark_level"]:
            add("underexposed", a, b, "error", f"too dark to recover: level {level:.0f}/255")
        else:
            add("underexposed", a, b, "warning", f"underexposed: level {level:.0f}/255")
    over = lit & (median > o["overexposed_level"])
    for a, b in runs(over, shortest, bridge=1):
        add("overexposed", a, b, "warning", f"overexposed: level {median[a:b].mean():.0f}/255")
    clipped = lit & ~over & (hi > o["clipped_share"])
    for a, b in runs(clipped, shortest, bridge=1):
        add("clipped_highlights", a, b, "info",
            f"clipped highlights: {100 * hi[a:b].mean():.0f}% of the picture at white")  # fmt: skip
    crushed = lit & ~under & (lo > o["crushed_share"])
    for a, b in runs(crushed, shortest, bridge=1):
        add("crushed_shadows", a, b, "info",
            f"crushed shadows: {100 * lo[a:b].mean():.0f}% of the picture at black")  # fmt: skip
    usable = lit & ~frozen
    second = max(1, round(float(rate)))
    for first, stop in _shots(diff, len(rows)):
        part = usable[first:stop]
        if part.sum() < second:
            continue
        best = float(np.percentile(sharp[first:stop][part], 90))
        soft = part & (sharp[first:stop] < o["soft_ratio"] * best)
        steady = diff[first:stop][part & ~soft]
        steady_change = float(np.median(steady)) if steady.size else 0.0
        for a, b in runs(soft, shortest, bridge=2):
            if np.median(diff[first + a : first + b]) > MOVING * steady_change + STILL:
                continue  # motion blur: the picture moves, the lens is not to blame
            ratio = sharp[first + a : first + b].mean() / best
            add("soft_focus", first + a, first + b, "warning",
                f"soft focus: {100 * ratio:.0f}% of the shot's sharpest")  # fmt: skip
    if usable.sum() >= 3:
        best = float(np.percentile(sharp[usable], 90))
        if best < o["soft_absolute"]:
            add("soft_focus", 0, len(rows), "info", f"the whole clip is soft ({best:.2f})")
    out += _shake(times, motion, lit, rate, o, shortest, add)
    out += _drift(colour, diff, lit, rate, o, add)
    return sorted(out, key=lambda f: (f.start, f.kind))


def _cadence(singles: list[int]) -> tuple[int, int] | None:
    """(period, phase) when single repeated frames come at a steady interval (a 2:2 or 3:2
    cadence, 24 fps in 25): at least six, most of them one period apart."""
    if len(singles) < 6:
        return None
    gaps = np.diff(singles)
    period = int(np.bincount(gaps).argmax())
    if period < 2 or (gaps == period).mean() < 0.7:
        return None
    phase = int(np.bincount(np.array(singles) % period).argmax())
    return period, phase


def _ordinal(n: int) -> str:
    return {2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _shake(times, motion, lit, rate, o, shortest, add) -> list[Finding]:
    if len(motion) < 5:
        return []
    trusted = lit & (motion[:, 2] > 0.1)
    window = max(3, round(float(rate) * 0.4) | 1)
    jitter = np.zeros(len(motion))
    for axis in (0, 1):
        values = np.where(trusted, motion[:, axis], 0.0)
        jitter += (values - _median(values, window)) ** 2  # a pan is smooth, shake is not
    jitter = np.where(trusted, np.sqrt(jitter), 0.0)
    for a, b in runs(jitter > o["shake_pixels"], max(shortest, round(0.4 * float(rate))),
                     bridge=3):  # fmt: skip
        add("shake", a, b, "warning",
            f"camera shake: jitter {jitter[a:b].mean():.1f} px at 160 px wide")  # fmt: skip
    return []


def _drift(colour, diff, lit, rate, o, add) -> list[Finding]:
    """A colour cast that changes within a shot: chromaticity moving away from the shot's
    first second while no cut happens (a cut is a jump of the picture)."""
    if len(colour) < 2:
        return []
    total = colour.sum(axis=1, keepdims=True) + 1e-6
    chroma = (colour / total)[:, [0, 2]]
    second = max(1, round(float(rate)))
    for first, stop in _shots(diff, len(colour)):
        if stop - first < 2 * second:
            continue
        reference = np.median(chroma[first : first + second], axis=0)
        away = np.abs(chroma[first:stop] - reference).max(axis=1) > o["drift"]
        away &= lit[first:stop]
        for a, b in runs(away, second, bridge=2):
            add("color_drift", first + a, first + b, "info",
                "colour balance drifts within the shot")  # fmt: skip
    return []
