"""Transcripts out of the catalog, for the commands that show or use them."""

from __future__ import annotations

from pathlib import Path

from rushes.analysis.speech.lookup import transcript_of
from rushes.catalog import Catalog
from rushes.errors import BadInput
from rushes.project import Project


def words_for_subtitles(cut: Path):
    """``path -> [(start, end, text)]`` from the project holding ``cut`` (or the current one)."""
    try:
        project = Project.find(cut.resolve().parent)
    except BadInput:
        project = Project.find()
    catalog = Catalog.open(project.catalog_path)

    def words_of(path: Path):
        clip = catalog.clips.by_path(path)
        if clip is None:
            raise BadInput(f"{path}: not in the project at {project.root}; rushes add it first")
        transcript = transcript_of(catalog, clip)
        if transcript is None:
            if not clip.probe.audio:
                return []
            raise BadInput(f"{path}: no transcript yet (rushes analyze -a speech)")
        return [(float(w.start), float(w.end), w.text) for w in transcript.words]

    return words_of
