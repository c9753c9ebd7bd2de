"""Options and helpers every command shares: finding the project, opening the catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from rushes.catalog import Catalog
from rushes.project import Project


def project_option(command: Callable) -> Callable:
    """``--project DIR`` (or $RUSHES_PROJECT); without it, search upwards from here."""
    return click.option(
        "--project", "project_dir", type=click.Path(path_type=Path), envvar="RUSHES_PROJECT",
        help="Project folder (default: the nearest one at or above the current folder).",
    )(command)  # fmt: skip


def load_project(project_dir: Path | None) -> Project:
    return Project.at(project_dir) if project_dir else Project.find()


def open_catalog(project: Project) -> Catalog:
    return Catalog.open(project.catalog_path)
