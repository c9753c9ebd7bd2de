"""``rushes ls``: the clips in the catalog (and the files that could not be read)."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.cli.common import load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, clip_dict, clips_table, emit_json, stdout


@click.command("ls")
@project_option
@FORMAT
def command(project_dir: Path | None, fmt: str) -> None:
    """List the clips in the catalog."""
    with open_catalog(load_project(project_dir)) as catalog:
        clips = catalog.clips.all()
        unreadable = catalog.clips.unreadable()
        choices = {c.fingerprint: {"rating": catalog.choices.rating(c.fingerprint),
                                   "selects": catalog.choices.selects(c.fingerprint)}
                   for c in clips}  # fmt: skip
    if fmt == "json":
        emit_json(
            {
                "clips": [{**clip_dict(c), **choices[c.fingerprint]} for c in clips],
                "unreadable": [{"path": str(u.path), "reason": u.reason} for u in unreadable],
            }
        )
        return
    console = stdout()
    console.print(clips_table(clips))
    for item in unreadable:
        console.print(f"[dim]unreadable[/dim] {item.path}: {item.reason}")
    console.print(f"{len(clips)} clips, {len(unreadable)} unreadable")
