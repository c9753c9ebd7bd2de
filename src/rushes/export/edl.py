"""CMX3600 EDL, written here rather than by otio-cmx3600-adapter: the adapter writes every
timecode at one rate (a 25 fps source in a 23.976 cut gets wrong source timecode), infers
drop-frame from the rate alone (a non-drop 29.97 cut cannot be written), writes no FCM line,
and derives reel names from file names with characters CMX does not allow.

Reel names are at most 8 characters, A-Z and 0-9, unique per source; the full name follows
each event in ``* FROM CLIP NAME`` and the path in ``* SOURCE FILE`` / ``* FROM FILE``.
"""

from __future__ import annotations

import re
import unicodedata

from rushes.catalog.phonetic import latin
from rushes.export.cut import Cut, Edit, Source
from rushes.export.sound import SoundEdit
from rushes.media.timecode import from_frames

REEL_LENGTH = 8


def reel_names(sources: list) -> dict:
    """One reel name per source: its name in capitals and digits, shortened, made unique."""
    names: dict[Source, str] = {}
    taken: set[str] = set()
    for source in sources:
        base = re.sub(r"[^A-Z0-9]", "", _ascii(source.path.stem).upper()) or "REEL"
        name = base[:REEL_LENGTH]
        number = 1
        while name in taken:
            suffix = str(number)
            name = base[: REEL_LENGTH - len(suffix)] + suffix
            number += 1
        taken.add(name)
        names[source] = name
    return names


def _ascii(name: str) -> str:
    """A name in Latin letters for the EDL's A-Z0-9 ("сцена1_дубль2" -> "stsena1_dubl2"):
    Cyrillic transliterated, accents dropped."""
    name = re.sub(r"[^\W\d_]+", lambda word: latin(word.group(), sound=False), name.lower())
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def channels(source: Source) -> str:
    """Picture with both audio tracks (AA/V), with one (B), or alone (V)."""
    if source.audio_channels >= 2:
        return "AA/V"
    return "B" if source.audio_channels == 1 else "V"


def write_edl(cut: Cut) -> str:
    """Picture events, then (dual-system sound) an audio event per recorder stretch: ``A``
    for the first recorder track, ``A2`` for the second, source timecode from the file's
    BWF time reference, at the cut's rate."""
    reels = reel_names([*cut.sources, *dict.fromkeys(s.sound for s in cut.sounds)])
    fcm = "DROP FRAME" if cut.drop_frame and cut.ntsc else "NON-DROP FRAME"
    lines = [f"TITLE: {_title(cut.name)}", f"FCM: {fcm}", ""]
    for number, edit in enumerate(cut.edits, 1):
        lines += _event(number, edit, reels[edit.source], cut, "V" if cut.sounds else None)
    for number, sound in enumerate(cut.sounds, len(cut.edits) + 1):
        lines += _sound_event(number, sound, reels[sound.sound], cut)
    return "\n".join(lines) + "\n"


def _sound_event(number: int, sound: SoundEdit, reel: str, cut: Cut) -> list[str]:
    drop = cut.drop_frame and cut.ntsc
    first = round(((sound.sound.start_seconds or 0) + sound.start) * cut.rate)
    length = sound.record_out - sound.record_in

    def tc(frames: int, start: int = 0) -> str:
        return from_frames(start + frames, cut.rate, drop)

    channel = "A" if sound.track == 1 else f"A{sound.track}"
    return [
        f"{number:03d}  {reel:<8} {channel:<5} C        {tc(first)} {tc(first + length)} "
        f"{tc(sound.record_in, cut.start_frame)} {tc(sound.record_out, cut.start_frame)}",
        f"* FROM CLIP NAME:  {sound.sound.path.stem}",
        f"* SOURCE FILE: {sound.sound.path}",
        f"* FROM FILE: {sound.sound.path}",
        "",
    ]


def _event(number: int, edit: Edit, reel: str, cut: Cut, channel: str | None = None) -> list[str]:
    source = edit.source
    src_drop = source.drop_frame and source.ntsc

    def src(frames: int) -> str:
        return from_frames(frames, source.rate, src_drop)

    def rec(frames: int) -> str:
        return from_frames(cut.start_frame + frames, cut.rate, cut.drop_frame and cut.ntsc)

    event = (
        f"{number:03d}  {reel:<8} {channel or channels(source):<5} C        "
        f"{src(edit.tc_in)} {src(edit.tc_out)} {rec(edit.record_in)} {rec(edit.record_out)}"
    )
    return [
        event,
        f"* FROM CLIP NAME:  {edit.name}",
        f"* SOURCE FILE: {source.path}",
        f"* FROM FILE: {source.path}",
        "",
    ]


def _title(name: str) -> str:
    return re.sub(r"[\r\n]", " ", name)[:70]
