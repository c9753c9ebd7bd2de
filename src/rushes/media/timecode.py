"""SMPTE timecode as exact frame counts, through OpenTimelineIO's opentime.

Drop-frame (29.97, 59.94) is written with ``;`` and kept as such; a timecode string from a
file is turned into a frame number at the clip's own rate, never into float seconds.

>>> to_frames("01:00:00;00", Fraction(30000, 1001))
107892
>>> from_frames(107892, Fraction(30000, 1001), drop_frame=True)
'01:00:00;00'
"""

from __future__ import annotations

from fractions import Fraction

import opentimelineio as otio

_RT = otio.opentime.RationalTime


def is_drop_frame(timecode: str) -> bool:
    return ";" in timecode or "." in timecode


def to_frames(timecode: str, rate: Fraction) -> int:
    """Frame number of ``timecode`` at ``rate`` (drop-frame when the string says so)."""
    value = otio.opentime.from_timecode(timecode, float(rate))
    return round(value.value)


def from_frames(frames: int, rate: Fraction, drop_frame: bool = False) -> str:
    """Timecode of frame number ``frames`` at ``rate``."""
    return _RT(frames, float(rate)).to_timecode(float(rate), drop_frame)


def timecode_at(start_timecode: str | None, rate: Fraction, seconds: Fraction) -> str | None:
    """The source timecode ``seconds`` into a clip that starts at ``start_timecode``."""
    if not start_timecode or not rate:
        return None
    frames = to_frames(start_timecode, rate) + int(seconds * rate)
    return from_frames(frames, rate, is_drop_frame(start_timecode))
