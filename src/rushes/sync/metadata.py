"""What a recorder file says about itself: BWF ``bext`` time reference (its start, in
samples since midnight) and iXML scene, take, tape and timecode rate, read with wavinfo.
Only a hint: the sound decides, and a disagreement is reported."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path


@dataclass(frozen=True)
class RecorderInfo:
    start_seconds: Fraction | None  # since midnight, from bext
    scene: str | None = None
    take: str | None = None
    tape: str | None = None
    timecode_rate: Fraction | None = None


def recorder_info(path: Path) -> RecorderInfo:
    """Nothing for a file that is not a Broadcast WAV or whose metadata does not parse."""
    if path.suffix.lower() not in (".wav", ".bwf"):
        return RecorderInfo(None)
    try:
        from wavinfo import WavInfoReader

        info = WavInfoReader(str(path))
    except Exception:  # noqa: BLE001 - metadata is optional; the sound still syncs
        return RecorderInfo(None)
    start = None
    if info.bext is not None and info.fmt is not None and info.fmt.sample_rate:
        start = Fraction(info.bext.time_reference, info.fmt.sample_rate)
    scene = take = tape = rate = None
    ixml = getattr(info, "ixml", None)
    if ixml is not None:
        scene, take, tape = (getattr(ixml, k, None) or None for k in ("scene", "take", "tape"))
        try:
            raw = ixml.parsed.findtext(".//TIMECODE_RATE") if ixml.parsed is not None else None
            rate = Fraction(raw.replace(" ", "")) if raw else None
        except (ValueError, ZeroDivisionError, AttributeError):
            rate = None
    return RecorderInfo(start, scene, take, tape, rate)
