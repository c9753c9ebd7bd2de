"""Transcripts out of the catalog, for the commands that show or use them."""

from __future__ import annotations

from pathlib import Path

from rushes.analysis.speech import BUNDLED
from rushes.catalog import Catalog, Clip, Transcript
from rushes.errors import BadInput
from rushes.project import Project


def transcript_of(catalog: Catalog, clip: Clip, model: str | None = None) -> Transcript | None:
    """The clip's transcript by ``model``; by default the bundled model's, else the newest."""
    models = catalog.transcripts.models(clip.fingerprint)
    if model:
        if model not in models:
            raise BadInput(f"{clip.path}: no transcript by model {model!r} "
                           f"(have: {', '.join(models) or 'none'})")  # fmt: skip
        return catalog.transcripts.get(clip.fingerprint, model)
    if not models:
        return None
    return catalog.transcripts.get(clip.fingerprint, BUNDLED if BUNDLED in models else models[-1])


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
