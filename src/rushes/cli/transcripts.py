"""Transcripts out of the catalog, for the commands that show or use them."""

from __future__ import annotations

from pathlib import Path

from rushes.analysis.speech.lookup import words_source
from rushes.errors import BadInput
from rushes.project import Project


def words_for_subtitles(cut: Path):
    """Subtitle words from the project holding ``cut`` (or the current one)."""
    try:
        project = Project.find(cut.resolve().parent)
    except BadInput:
        project = Project.find()
    return words_source(project)
