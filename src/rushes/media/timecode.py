"""SMPTE timecode as exact frame counts (our own arithmetic, checked against OpenTimelineIO's
in the tests: a command that shows a timecode need not import OTIO).

Drop-frame (29.97, 59.94) is written with ``;`` and kept as such; a timecode string from a
file is turned into a frame number at the clip's own rate, never into float seconds.

>>> to_frames("01:00:00;00", Fraction(30000, 1001))
107892
>>> from_frames(107892, Fraction(30000, 1001), drop_frame=True)
'01:00:00;00'
"""

from __future__ import annotations

from fractions import Fraction

DAY = 24 * 3600


def is_drop_frame(timecode: str) -> bool:
    return ";" in timecode or "." in timecode


def _nominal(rate: Fraction) -> int:
    return round(float(rate))


def _dropped(rate: Fraction) -> int:
    """Frame numbers skipped at each minute but every tenth: 2 at 29.97, 4 at 59.94."""
    return 2 * round(float(rate) / 30) if float(rate) % 1 else 0


def to_frames(timecode: str, rate: Fraction) -> int:
    """Frame number of ``timecode`` at ``rate`` (drop-frame when the string says so)."""
    parts = timecode.replace(";", ":").replace(".", ":").split(":")
    if len(parts) != 4 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"{timecode!r}: not a timecode (HH:MM:SS:FF)")
    hours, minutes, seconds, frames = (int(p) for p in parts)
    nominal = _nominal(rate)
    total = ((hours * 60 + minutes) * 60 + seconds) * nominal + frames
    if is_drop_frame(timecode):
        every = hours * 60 + minutes
        total -= _dropped(rate) * (every - every // 10)
    return total


def from_frames(frames: int, rate: Fraction, drop_frame: bool = False) -> str:
    """Timecode of frame number ``frames`` at ``rate`` (wrapping at 24 hours)."""
    if frames < 0:
        raise ValueError(f"{frames}: a timecode cannot be negative")
    nominal = _nominal(rate)
    drop = _dropped(rate) if drop_frame else 0
    if drop:
        per_ten = nominal * 600 - drop * 9
        per_minute = nominal * 60 - drop
        tens, rest = divmod(frames, per_ten)
        frames += drop * 9 * tens + (drop * ((rest - drop) // per_minute) if rest > drop else 0)
    frames %= DAY * nominal
    seconds, ff = divmod(frames, nominal)
    hh, seconds = divmod(seconds, 3600)
    mm, ss = divmod(seconds, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}{';' if drop else ':'}{ff:02d}"


def timecode_at(start_timecode: str | None, rate: Fraction, seconds: Fraction) -> str | None:
    """The source timecode ``seconds`` into a clip that starts at ``start_timecode``."""
    if not start_timecode or not rate:
        return None
    frames = to_frames(start_timecode, rate) + int(seconds * rate)
    return from_frames(frames, rate, is_drop_frame(start_timecode))
