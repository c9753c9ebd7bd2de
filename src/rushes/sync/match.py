"""Find where a camera clip's sound lies in a recorder's sound, to the sample.

1. Coarse: both recordings become onset envelopes (band-limited to speech, log energy every
   10 ms, rises only, standardised), so different microphones, gains and room noise matter
   little; an FFT cross-correlation over every lag of the whole recorder file finds the best
   offset and the best one at least half a second away from it. A best match not clearly
   above the second is ambiguous (repetitive sound, silence) and refused.
2. Fine: at windows along the camera clip the two signals themselves are cross-correlated
   around the predicted offset, with a parabola through the peak for a sub-sample offset.
3. Drift: a line through the windows' offsets; its slope is the clocks' drift (ppm) and its
   value at the camera's first frame is the offset reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import butter, correlate, sosfiltfilt

RATE = 16000  # both sounds are compared at this rate
HOP = 160  # envelope: 10 ms
AWAY = 50  # envelope frames (0.5 s) that separate the best match from the second
MIN_SCORE = 0.15  # normalised correlation below this: no match
MIN_RATIO = 1.25  # best / second below this: ambiguous
SIMILAR = 0.4  # an ambiguous pair must at least sound alike this much; else it is no match
MIN_FINE = 0.25  # normalised correlation of the signals in a fine window below this: no agreement
WINDOW = 4.0  # seconds of each fine window
SEARCH = 0.05  # seconds searched either side of the prediction in a fine window


@dataclass(frozen=True)
class Match:
    offset: float  # seconds into the recording at the camera sound's first sample
    drift_ppm: float
    score: float  # normalised correlation of the envelopes
    ratio: float  # best score over the second best, away from it
    windows: int  # fine windows that agreed

    @property
    def confidence(self) -> float:
        return round(float(min(1.0, self.score * (1 - 1 / max(self.ratio, 1.0)) * 2)), 3)


def speech_band(samples: np.ndarray) -> np.ndarray:
    sos = butter(4, [200, 3500], "bandpass", fs=RATE, output="sos")
    return sosfiltfilt(sos, samples).astype(np.float32)


def envelope(samples: np.ndarray) -> np.ndarray:
    frames = len(samples) // HOP
    if frames < 2:
        return np.zeros(0, np.float32)
    energy = (samples[: frames * HOP].reshape(frames, HOP).astype(np.float64) ** 2).mean(axis=1)
    rises = np.maximum(np.diff(np.log10(energy + 1e-10), prepend=0.0), 0.0)
    std = rises.std()
    return ((rises - rises.mean()) / std).astype(np.float32) if std > 0 else rises * 0


def coarse(camera_env: np.ndarray, recorder_env: np.ndarray) -> tuple[int, float, float]:
    """(lag, score, ratio): ``camera_env[0]`` lines up with ``recorder_env[lag]``."""
    n, m = len(camera_env), len(recorder_env)
    corr = correlate(recorder_env, camera_env, mode="full", method="fft")
    lags = np.arange(-(n - 1), m)
    overlap = np.minimum(lags + n, m) - np.maximum(lags, 0)
    needed = min(max(300, n // 3), 1000, n)  # a third of the camera clip, 3 to 10 s
    usable = overlap >= max(needed, 1)
    if not usable.any():
        return 0, 0.0, 0.0
    score = np.where(usable, corr / np.maximum(overlap, 1), -np.inf)
    best = int(np.argmax(score))
    away = score.copy()
    away[max(0, best - AWAY) : best + AWAY + 1] = -np.inf
    second = float(away.max()) if np.isfinite(away.max()) else 0.0
    top = float(score[best])
    return int(lags[best]), top, top / second if second > 0 else float("inf")


def _fine(camera: np.ndarray, recorder: np.ndarray, start: int, predicted: float) -> float | None:
    """Offset (samples) of camera[start:start+WINDOW] in the recorder, near ``predicted``;
    None where the window is silent or the two signals do not agree there."""
    length = int(WINDOW * RATE)
    piece = camera[start : start + length]
    reach = int(SEARCH * RATE)
    first = int(round(start + predicted)) - reach
    if first < 0 or first + length + 2 * reach > len(recorder) or len(piece) < length:
        return None
    if piece.std() < 1e-4:
        return None
    target = recorder[first : first + length + 2 * reach]
    corr = correlate(target, piece, mode="valid", method="fft")
    k = int(np.argmax(corr))
    energy = np.sqrt(np.sum(piece.astype(np.float64) ** 2)
                     * np.sum(target[k : k + length].astype(np.float64) ** 2))  # fmt: skip
    if not energy or corr[k] / energy < MIN_FINE:
        return None
    if 0 < k < len(corr) - 1:
        a, b, c = corr[k - 1], corr[k], corr[k + 1]
        shift = 0.5 * (a - c) / (a - 2 * b + c) if a - 2 * b + c else 0.0
    else:
        shift = 0.0
    return first + k + shift - start


@dataclass(frozen=True)
class Prepared:
    """One recording made ready once for any number of comparisons."""

    band: np.ndarray
    envelope: np.ndarray


def prepare(samples: np.ndarray) -> Prepared:
    """``samples``: 16 kHz mono."""
    band = speech_band(samples) if len(samples) > 64 else samples.astype(np.float32)
    return Prepared(band, envelope(band))


def match(camera: Prepared, recorder: Prepared) -> Match | None:
    """Where ``camera`` lies in ``recorder``; None when nowhere. A match whose ``windows``
    is 0 was found but is ambiguous (not clearly better than another offset)."""
    cam, rec = camera.band, recorder.band
    if len(cam) < RATE or len(rec) < RATE:
        return None
    lag, score, ratio = coarse(camera.envelope, recorder.envelope)
    if score < MIN_SCORE:
        return None
    if ratio < MIN_RATIO:
        return Match(lag * HOP / RATE, 0.0, score, ratio, 0) if score >= SIMILAR else None
    predicted = float(lag * HOP)
    step = int(WINDOW * RATE)
    points: list[tuple[float, float]] = []
    tried = 0
    starts = range(0, max(1, len(cam) - step + 1), max(step, (len(cam) - step) // 12 or step))
    for start in starts:
        if len(points) >= 2:  # follow the drift found so far
            t, o = np.array(points).T
            slope, intercept = np.polyfit(t, o, 1)
            predicted = intercept + slope * start
        if not 0 <= start + predicted <= len(rec) - step:
            continue  # this part of the camera clip is outside the recording
        tried += 1
        found = _fine(cam, rec, start, predicted)
        if found is not None and abs(found - predicted) < SEARCH * RATE - 2:
            points.append((float(start + step / 2), found))  # a window tells its middle
            predicted = found
    if len(points) * 2 < tried or not points:  # the signals must agree along the clip
        return None
    slope, intercept, agreed = _line(np.array(points))
    return Match(float(intercept / RATE), float(slope * 1e6), score, ratio, agreed)


def _line(points: np.ndarray) -> tuple[float, float, int]:
    """Offset against time, robustly: Theil-Sen, then least squares on the points within
    half a millisecond of it (a window can lock onto the next pitch period)."""
    t, o = points.T
    if len(points) < 3:
        return 0.0, float(np.median(o - 0.0)), len(points)
    pairs = [(o[j] - o[i]) / (t[j] - t[i]) for i in range(len(t)) for j in range(i + 1, len(t))]
    slope = float(np.median(pairs))
    intercept = float(np.median(o - slope * t))
    good = np.abs(o - (intercept + slope * t)) <= 0.0005 * RATE
    if good.sum() >= 3:
        slope, intercept = np.polyfit(t[good], o[good], 1)
    return float(slope), float(intercept), int(good.sum())
