"""A fast first look at hours of long-GOP footage: compare keyframes, and decode and
examine only the GOPs between two keyframes that differ.

A GOP whose first keyframe and the next look alike is taken to hold no transition; on long
takes that skips most of the decoding. What a GOP hides and puts back (a cut away and back
within one GOP) can be missed: this is a first look, not the log.

>>> transitions = keyframe_guided(Path("A001C003.mp4"), Fraction(25), frames=90000)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.analysis.shots.engines import detect
from rushes.analysis.shots.model import Transition
from rushes.media import VideoRequest
from rushes.media.keyframes import decode_span, keyframes

TINY = VideoRequest(48, 27, "rgb24")
CHANGED = 0.03  # mean difference between two keyframes that says "look inside"
CONTEXT = 16  # frames decoded before and after a GOP, so an edge transition is seen whole


def keyframe_guided(path: Path, rate: Fraction, frames: int, engine: str = "auto") -> list:
    keys = keyframes(path, TINY, rate)
    if len(keys) < 2:
        return _examine(path, rate, 0, frames, engine)
    spans = []
    bounds = [k.index for k in keys] + [frames]
    for i, key in enumerate(keys):
        after = keys[i + 1].image if i + 1 < len(keys) else None
        if after is None:
            spans.append((key.index, bounds[i + 1]))
            continue
        diff = np.abs(key.image.astype(np.float32) - after.astype(np.float32)).mean() / 255
        if diff >= CHANGED:
            spans.append((key.index, bounds[i + 1] + 1))
    found: set[Transition] = set()
    for first, stop in _merge(spans):
        found.update(_examine(path, rate, first, stop, engine))
    return sorted(found)


def _examine(path, rate, first, stop, engine) -> list[Transition]:
    lo, hi = max(0, first - CONTEXT), stop + CONTEXT
    span = decode_span(path, TINY, rate, lo, hi)
    result = []
    for t in detect(span, engine):
        moved = Transition(t.first + lo, t.last + lo, t.kind)
        if first <= moved.first < stop:
            result.append(moved)
    return result


def _merge(spans):
    merged = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 2 * CONTEXT:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
