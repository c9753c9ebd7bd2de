"""Transcripts out of the catalog, for the commands that show or use them."""

from __future__ import annotations

from pathlib import Path

from rushes.analysis.speech.lookup import words_source
from rushes.errors import BadInput
from rushes.project import Project


def words_for_subtitles(cut: Path, project_dir: Path | None = None):
    """Subtitle words from the project named (``--project``, $RUSHES_PROJECT), else the one
    holding ``cut``, else the current one."""
    if project_dir:
        return words_source(Project.at(project_dir))
    try:
        project = Project.find(cut.resolve().parent)
    except BadInput:
        project = Project.find()
    return words_source(project)
