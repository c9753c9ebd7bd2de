"""Options and helpers every command shares: finding the project, opening the catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from rushes.catalog import Catalog, Clip
from rushes.errors import BadInput
from rushes.project import Project

# Paths are checked by the commands, which say what is wrong in one line; Click's own check
# of readability would print a usage message instead.
PATH = click.Path(path_type=Path, readable=False)


def project_option(command: Callable) -> Callable:
    """``--project DIR`` (or $RUSHES_PROJECT); without it, search upwards from here."""
    return click.option(
        "--project", "project_dir", type=PATH, envvar="RUSHES_PROJECT",
        help="Project folder (default: the nearest one at or above the current folder).",
    )(command)  # fmt: skip


def load_project(project_dir: Path | None) -> Project:
    return Project.at(project_dir) if project_dir else Project.find()


def open_catalog(project: Project) -> Catalog:
    return Catalog.open(project.catalog_path)


def find_clip(catalog: Catalog, text: str) -> Clip:
    """The one clip ``text`` names (a path, a file name or a fingerprint)."""
    as_path = str(Path(text).resolve()) if Path(text).exists() else text
    found = catalog.clips.matching(as_path)
    if not found:
        raise BadInput(f"{text}: no such clip in the catalog")
    if len(found) > 1:
        names = ", ".join(str(c.path) for c in found[:5])
        raise BadInput(f"{text}: matches {len(found)} clips ({names}); give the full path")
    return found[0]
