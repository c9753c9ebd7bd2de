"""Hand the cut over: one OpenTimelineIO timeline written for every editing program.

>>> timeline = load_timeline(Path("cut.otio"))
>>> export(timeline, "fcpxml", Path("cut.fcpxml"))

Writers take a :class:`Cut` (edits in whole frames, sources probed from disk), so a
timeline that names a missing file stops here with one line, before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import opentimelineio as otio

from rushes.errors import BadInput
from rushes.export.cut import (
    Cut,
    Edit,
    Source,
    build_timeline,
    read_cut,
    source_of,
)  # fmt: skip
from rushes.export.edl import write_edl
from rushes.export.fcp7 import write_fcp7
from rushes.export.fcpxml import write_fcpxml
from rushes.export.mlt import write_mlt
from rushes.export.preview import render_preview
from rushes.export.sound import SoundEdit, SoundFile, SyncedSound
from rushes.export.subtitles import WordsOf, cues, write_srt, write_vtt

SUFFIXES = {
    "otio": ".otio", "fcp7": ".xml", "fcpxml": ".fcpxml", "edl": ".edl", "mlt": ".mlt",
    "srt": ".srt", "vtt": ".vtt", "mp4": ".mp4",
}  # fmt: skip
FORMATS = tuple(SUFFIXES)
_TEXT_WRITERS: dict[str, Callable[[Cut], str]] = {
    "fcp7": write_fcp7, "fcpxml": write_fcpxml, "edl": write_edl, "mlt": write_mlt,
}  # fmt: skip


def load_timeline(path: Path) -> otio.schema.Timeline:
    if not path.is_file():
        raise BadInput(f"{path}: no such timeline file")
    try:
        timeline = otio.adapters.read_from_file(str(path))
    except Exception as exc:  # OTIO raises many kinds for a file it cannot read
        raise BadInput(f"{path}: not a readable timeline ({type(exc).__name__}: {exc})") from None
    if not isinstance(timeline, otio.schema.Timeline):
        raise BadInput(f"{path}: holds a {type(timeline).__name__}, not a timeline")
    return timeline


def export(
    timeline: otio.schema.Timeline, fmt: str, out: Path, words_of: WordsOf | None = None,
    origin: str = "cut", burn: bool = True,
) -> Path:  # fmt: skip
    """Write ``timeline`` as ``fmt`` to ``out``, replacing it only once complete."""
    if fmt not in SUFFIXES:
        raise BadInput(f"{fmt}: unknown export format (one of {', '.join(FORMATS)})")
    cut = read_cut(timeline, origin)
    if not out.parent.is_dir():
        raise BadInput(f"{out}: no such folder {out.parent}")
    if out.is_dir():
        raise BadInput(f"{out}: is a folder; give a file name")
    if not os.access(out.parent, os.W_OK):
        raise BadInput(f"{out}: the folder {out.parent} is read-only")
    partial = out.with_name(f".{out.name}.partial")
    try:
        if fmt == "otio":
            partial.write_text(otio.adapters.write_to_string(timeline, "otio_json"))
        elif fmt == "mp4":
            render_preview(cut, partial.with_suffix(".mp4"), burn=burn)
            partial = partial.with_suffix(".mp4")
        elif fmt in ("srt", "vtt"):
            if words_of is None:
                raise BadInput(f"{origin}: subtitles need transcripts (run rushes analyze)")
            items = cues(cut, words_of)
            partial.write_text(write_srt(items) if fmt == "srt" else write_vtt(items))
        else:
            partial.write_text(_TEXT_WRITERS[fmt](cut), encoding="utf-8")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out


__all__ = [
    "FORMATS", "SUFFIXES", "Cut", "Edit", "SoundEdit", "SoundFile", "Source", "SyncedSound",
    "build_timeline", "export", "load_timeline", "read_cut", "source_of",
]  # fmt: skip
