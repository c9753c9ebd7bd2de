"""Where subtitles find their words: the transcripts in the project's catalog."""

from __future__ import annotations

from pathlib import Path

from rushes.errors import BadInput


def words_for_subtitles(cut: Path):
    raise BadInput(f"{cut}: subtitles need transcripts, and this project has none yet")
