"""A file a cut names, probed, or one line saying why it cannot be used."""

from __future__ import annotations

from pathlib import Path

from rushes.errors import BadInput
from rushes.media import NotMedia, probe
from rushes.media.records import Probe


def probed(path: Path, what: str) -> Probe:
    """``what`` names the kind of file in the message: "media file", "sound file"."""
    if not path.exists():
        raise BadInput(f"{path}: {what} not found (moved, renamed or offline?)")
    try:
        return probe(path)
    except NotMedia as exc:
        raise BadInput(f"{path}: {exc}") from None
