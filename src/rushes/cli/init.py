"""``rushes init [DIR]``: make DIR (default: here) a project."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.cli.common import PATH
from rushes.project import Project


@click.command("init")
@click.argument("folder", type=PATH, default=".")
def command(folder: Path) -> None:
    """Create .rushes/ (catalog, cache, rushes.toml) in FOLDER."""
    project = Project.create(folder)
    click.echo(f"rushes project in {project.root}")
