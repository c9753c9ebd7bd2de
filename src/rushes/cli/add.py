"""``rushes add PATH...``: record every clip under the paths in the catalog."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rushes.cli.common import PATH, load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, clip_dict, emit_json, stderr, warn_line
from rushes.errors import BadInput
from rushes.ingest import AddReport, add_paths


@click.command("add")
@click.argument("paths", nargs=-1, required=True, type=PATH)
@project_option
@FORMAT
def command(paths: tuple[Path, ...], project_dir: Path | None, fmt: str) -> None:
    """Add the media files found under PATHS (files or folders, recursively)."""
    project = load_project(project_dir)
    console = stderr()
    with open_catalog(project) as catalog, Progress(
        TextColumn("adding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=console, disable=not console.is_terminal,
        transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("", total=None)

        def on_file(path: Path, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=path.name)

        report = add_paths(catalog, list(paths), on_file)
    for path in report.missing:
        warn_line(f"{path}: no such file or folder")
    for item in report.unreadable:
        warn_line(f"{item.path}: {item.reason}")
    if fmt == "json":
        emit_json(_as_json(report))
    else:
        _print(report)
    if not report.ok:
        raise SystemExit(BadInput.exit_code)


def _print(report: AddReport) -> None:
    for old, clip in report.moved:
        click.echo(f"moved      {old} -> {clip.path}")
    for path, clip in report.duplicates:
        click.echo(f"duplicate  {path} (same content as {clip.path})")
    parts = [
        f"{len(report.added)} added",
        f"{len(report.moved)} moved",
        f"{len(report.unchanged)} already known",
        f"{len(report.sidecars)} sidecars attached",
        f"{len(report.skipped)} skipped",
        f"{len(report.unreadable) + len(report.missing)} unreadable",
    ]
    click.echo(", ".join(parts))


def _as_json(report: AddReport) -> dict:
    return {
        "added": [clip_dict(c) for c in report.added],
        "moved": [{"from": str(old), "to": str(c.path)} for old, c in report.moved],
        "unchanged": [str(c.path) for c in report.unchanged],
        "duplicates": [{"path": str(p), "same_as": str(c.path)} for p, c in report.duplicates],
        "sidecars": [{"path": str(p), "clip": str(c.path)} for p, c in report.sidecars],
        "skipped": [str(p) for p in report.skipped],
        "unreadable": [{"path": str(u.path), "reason": u.reason} for u in report.unreadable]
        + [{"path": str(p), "reason": "no such file or folder"} for p in report.missing],
    }
