"""The classical engine: cuts, fades and dissolves from cheap signals on 48x27 frames.

A cut is a one-frame jump in picture that the following frames do not take back (a flash
or someone crossing the lens comes back to where it was). A fade is a run of black frames
with the fall into it and the rise out of it, or a dip to white climbed into and fallen out
of over frames (a flash goes white at once). A dissolve is a stretch whose middle frames
are a mix of the frame before it and the frame after it.

>>> transitions = detect(frames_48x27)
"""

from __future__ import annotations

import numpy as np

from rushes.analysis.shots.model import Transition
from rushes.analysis.shots.signals import Signals, runs

BLACK = 0.07  # mean level below which a frame counts as black
WHITE = 0.93  # ...above which white
RAMP = 2  # frames of climb into white (and of fall out of it), at least, of a dip to white
CUT_MIN = 0.08  # smallest step that can be a clean cut on its own
CUT_RATIO = 3.0  # ... and how far it must stand above its neighbours
SPIKE_MIN = 0.03  # a smaller jump is only a candidate for a closer look
DISSOLVE_LENGTHS = range(6, 26, 2)
GRADUAL_REACH = 7  # frames either side for the long-range difference
GRADUAL_OVER, GRADUAL_PLUS = 1.3, 0.02  # a gradual candidate's change over its neighbourhood's


def _mean_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.abs(a - b).mean(axis=-1)


def clean_cuts(s: Signals) -> list[int]:
    """Cuts beyond doubt: a large step, alone among its neighbours, not taken back."""
    peak = s.neighbour_peak()
    hits = (s.step >= CUT_MIN) & (s.step >= CUT_RATIO * peak)
    hits &= np.minimum(s.returns, s.back) >= 0.5 * s.step
    return [int(i) for i in np.flatnonzero(hits) if i > 0]


def spikes(s: Signals) -> list[int]:
    """Jumps worth a closer look (what a cheap detector calls a cut at low confidence)."""
    peak = s.neighbour_peak()
    hits = (s.step >= SPIKE_MIN) & (s.step >= 1.5 * peak)
    return [int(i) for i in np.flatnonzero(hits) if i > 0]


def fades(s: Signals) -> list[Transition]:
    """Through black: the fall into a run of black frames and the rise out of it; and dips
    to white, whose climb and fall take ``RAMP`` frames or more each side (a flash goes
    white at once and comes back at once)."""
    n = len(s.luma)
    found = []
    for level, sign in ((s.luma < BLACK, 1), (s.luma > WHITE, -1)):
        luma = sign * s.luma  # towards the run: falling into black, climbing into white
        for i, j in runs(level):
            first, last = i, j
            while first > 0 and luma[first - 1] > luma[first] + 0.003 and i - first < 40:
                first -= 1
            while last + 1 < n and luma[last + 1] > luma[last] + 0.003 and last - j < 40:
                last += 1
            if first == 0 or last == n - 1:  # a clip starting or ending so has no shot there
                continue
            if sign < 0 and min(i - first, last - j) < RAMP:
                continue
            found.append(Transition(first, last, "fade"))
    return found


def long_change(flat: np.ndarray, reach: int = GRADUAL_REACH) -> np.ndarray:
    """Difference between the frames ``reach`` before and after each frame."""
    change = np.zeros(len(flat), np.float32)
    if len(flat) > 2 * reach:
        change[reach:-reach] = _mean_diff(flat[2 * reach :], flat[: -2 * reach])
    return change


def gradual_candidates(flat: np.ndarray, s: Signals, taken: list[Transition]) -> list[int]:
    """Frames where the picture changes a lot over a few frames but no cut explains it,
    measured with flashes taken out (a flash beside a dissolve would hide it), against the
    change around it (a dissolve between moving shots stands out less than between still
    ones: ``GRADUAL_OVER`` times the neighbourhood's median, plus ``GRADUAL_PLUS``)."""
    change = long_change(deflashed(flat, s))
    near = np.zeros(len(flat), bool)
    for t in taken:
        near[max(0, t.first - 2 * GRADUAL_REACH) : t.last + 2 * GRADUAL_REACH + 1] = True
    local_max = np.r_[False, (change[1:-1] >= change[:-2]) & (change[1:-1] >= change[2:]), False]
    stands_out = change >= GRADUAL_OVER * _baseline(change) + GRADUAL_PLUS
    hits = local_max & (change >= 0.06) & ~near & stands_out
    return [int(i) for i in np.flatnonzero(hits)]


def deflashed(flat: np.ndarray, s: Signals) -> np.ndarray:
    """``flat`` with each flash (up to 3 frames that come back to the frame before them)
    replaced by the frame before it."""
    out = flat
    for i in np.flatnonzero((s.step >= SPIKE_MIN) & (s.returns < 0.5 * s.step)):
        if i == 0:
            continue
        for j in range(i + 1, min(i + 5, len(flat))):
            if float(_mean_diff(flat[j], flat[i - 1])) < 0.5 * s.step[i]:
                out = out.copy() if out is flat else out
                out[i:j] = flat[i - 1]
                break
    return out


def _baseline(values: np.ndarray, reach: int = 40) -> np.ndarray:
    """Median of each frame's neighbourhood: what "a lot of change" is measured against."""
    if len(values) <= 2 * reach:
        return np.full(len(values), np.median(values) if len(values) else 0.0)
    padded = np.pad(values, reach, mode="edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1)[:, ::4]
    return np.median(windows, axis=1)[: len(values)]


def dissolve_at(flat: np.ndarray, centre: int) -> Transition | None:
    """The blend of the frame before into the frame after around ``centre``, if any: of the
    spans that fit almost as well as the best, the longest (a dissolve's ends are nearly
    pure picture, so shorter spans inside it fit too)."""
    n = len(flat)
    fits: list[tuple[float, int, int]] = []
    for length in DISSOLVE_LENGTHS:
        for first in range(centre - length + 2, centre + 1, 2):
            last = first + length - 1
            if first < 1 or last + 1 >= n:
                continue
            a, b = flat[first - 1], flat[last + 1]
            apart = float(_mean_diff(a, b))
            if apart < 0.05:
                continue
            t = (np.arange(1, length + 1, dtype=np.float32) / (length + 1))[:, None]
            middle = flat[first : last + 1]
            residual = float(_mean_diff(middle, a * (1 - t) + b * t).mean())
            # A pan fits a blend of its ends no better than it fits the nearer end; a
            # dissolve fits the blend far better.
            nearer = np.where(t[:, 0] < 0.5, _mean_diff(middle, a), _mean_diff(middle, b))
            if residual > 0.45 * float(nearer.mean()) or residual / apart > 0.25:
                continue
            fits.append((residual / apart, first, last))
    if not fits:
        return None
    best = min(score for score, _, _ in fits)
    _, first, last = max(fits, key=lambda f: (f[0] <= 1.5 * best + 0.02, f[2] - f[1], -f[0]))
    return Transition(first, last, "dissolve")


def dissolves(flat: np.ndarray, s: Signals, taken: list[Transition]) -> list[Transition]:
    """Blend-verified dissolves around the gradual candidates that ``taken`` leaves open."""
    found: list[Transition] = []
    for centre in gradual_candidates(flat, s, taken):
        dissolve = dissolve_at(flat, centre)
        if dissolve and not overlaps(dissolve, taken + found):
            found.append(dissolve)
    return found


def is_flash(s: Signals, frame: int) -> bool:
    """The picture comes back to where it was around ``frame``: a flash, not a cut."""
    return bool(min(s.returns[frame], s.back[frame]) < 0.5 * s.step[frame])


def flatten(frames: np.ndarray) -> np.ndarray:
    return frames.reshape(len(frames), -1).astype(np.float32) / 255.0


def detect(frames: np.ndarray) -> list[Transition]:
    """All transitions by the classical engine alone."""
    s = Signals.of(frames)
    flat = flatten(frames)
    found = fades(s)
    for i in clean_cuts(s) + spikes(s):
        if not inside(i, found) and not is_flash(s, i) and s.step[i] >= 0.05:
            found.append(Transition(i, i, "cut"))
    return sorted(set(found + dissolves(flat, s, found)))


def inside(frame: int, transitions: list[Transition], margin: int = 1) -> bool:
    return any(t.first - margin <= frame <= t.last + margin for t in transitions)


def overlaps(t: Transition, others: list[Transition]) -> bool:
    return any(t.first <= o.last + 1 and o.first <= t.last + 1 for o in others)
