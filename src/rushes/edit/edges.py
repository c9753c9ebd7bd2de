"""A performance's edges put on the sound: the recogniser's word times are a tenth of a
second or more off, and an editor trims where the voice starts and stops, not where the
text does. The last word's end moves out to where the sound falls away (a reverberant room
keeps it going), the first word's start back to where it rises; never across a pause.

>>> start, end = on_the_sound(3.1, 9.8, levels)   # waveform levels, 10 ms a row
(3.02, 10.24)
"""

from __future__ import annotations

import numpy as np

STEP = 0.01  # seconds a row of the waveform analyzer's levels
PAUSE = 0.15  # this much quiet ends the voice
REACH_BEFORE, REACH_AFTER = 0.4, 1.0  # how far an edge may move
UNDER_LOUD, OVER_FLOOR = 30.0, 8.0  # dB: the voice's threshold, from its loud parts and the floor


def on_the_sound(start: float, end: float, levels: np.ndarray) -> tuple[float, float]:
    """(start, end) moved onto the voice's own onset and decay; as given without levels."""
    if levels is None or not len(levels):
        return start, end
    db = 20 * np.log10(levels[:, 1].astype(np.float64) + 1e-9)
    first, last = int(start / STEP), min(len(db) - 1, int(end / STEP))
    if last <= first:
        return start, end
    threshold = max(np.percentile(db[first : last + 1], 90) - UNDER_LOUD,
                    np.percentile(db, 10) + OVER_FLOOR)  # fmt: skip
    after = _extent(db >= threshold, last, +1, round(REACH_AFTER / STEP))
    before = _extent(db >= threshold, first, -1, round(REACH_BEFORE / STEP))
    return min(start, before * STEP), max(end, (after + 1) * STEP)


def _extent(voiced: np.ndarray, at: int, direction: int, reach: int) -> int:
    """The last voiced row from ``at`` going ``direction``, stopping at a pause."""
    pause = round(PAUSE / STEP)
    edge, quiet = at, 0
    for k in range(at, at + direction * reach, direction):
        if not 0 <= k < len(voiced):
            break
        if voiced[k]:
            edge, quiet = k, 0
        else:
            quiet += 1
            if quiet >= pause:
                break
    return edge
