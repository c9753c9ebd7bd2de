"""The three shot engines behind one call: ``fast``, ``transnet`` and ``auto``.

``auto`` takes from the fast engine what is beyond doubt (clean cuts, fades through black)
and asks TransNetV2 only about the stretches it could not decide (small jumps, flashes,
fast moves, possible dissolves): the network's accuracy where it matters, at close to the
classical engine's cost.

>>> detect(frames_48x27, "auto")
[Transition(first=120, last=120, kind='cut'), Transition(first=300, last=315, kind='dissolve')]
"""

from __future__ import annotations

import numpy as np

from rushes.analysis.shots import fast, transnet
from rushes.analysis.shots.model import Transition
from rushes.analysis.shots.signals import Signals
from rushes.errors import BadInput

ENGINES = ("auto", "fast", "transnet")
DOUBT_REACH = 12  # frames either side of a doubtful spot that TransNetV2 looks at


def check_engine(engine: str, what: str = "unknown shot engine") -> str:
    """``engine`` if it is one of :data:`ENGINES`; bad input naming ``what`` otherwise."""
    if engine not in ENGINES:
        raise BadInput(f"{what} {engine!r} (choose from {', '.join(ENGINES)})")
    return engine


def detect(frames: np.ndarray, engine: str = "auto") -> list[Transition]:
    check_engine(engine)
    if len(frames) < 2:
        return []
    if engine == "fast":
        return fast.detect(frames)
    s = Signals.of(frames)
    if engine == "transnet":
        single, many = transnet.predict_all(frames)
        return transnet.transitions(single, many, s.step, s.luma, fast.BLACK)
    return _auto(frames, s)


def _auto(frames: np.ndarray, s: Signals) -> list[Transition]:
    flat = fast.flatten(frames)
    sure = fast.fades(s)
    sure += [Transition(i, i, "cut") for i in fast.clean_cuts(s) if not fast.inside(i, sure)]
    sure += fast.dissolves(flat, s, sure)
    doubtful = [i for i in fast.spikes(s) if not fast.inside(i, sure, DOUBT_REACH)]
    doubtful += fast.gradual_candidates(flat, s, sure)
    ranges = _merge([(i - DOUBT_REACH, i + DOUBT_REACH + 1) for i in sorted(doubtful)])
    if not ranges:
        return sorted(sure)
    single, many = transnet.predict_ranges(frames, ranges)
    checked = transnet.transitions(single, many, s.step, s.luma, fast.BLACK)
    # The network takes a flash for a cut; the frames after it say otherwise.
    checked = [t for t in checked if not (t.kind == "cut" and fast.is_flash(s, t.first))]
    return sorted(sure + [t for t in checked if not fast.overlaps(t, sure)])


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
