"""``rushes info CLIP``: everything known about one clip (path, name or fingerprint)."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.analysis import result_folder
from rushes.cli.common import find_clip, load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, clip_dict, emit_json, stdout


@click.command("info")
@click.argument("clip")
@project_option
@FORMAT
def command(clip: str, project_dir: Path | None, fmt: str) -> None:
    """Show the probe, sidecars and analysis results of CLIP."""
    project = load_project(project_dir)
    with open_catalog(project) as catalog:
        chosen = find_clip(catalog, clip)
        results = catalog.analyses.for_clip(chosen.fingerprint)
    document = clip_dict(chosen)
    document["analyses"] = {
        r.analyzer: {
            "version": r.version,
            "finished_at": r.finished_at,
            "folder": str(result_folder(project.cache_dir, r.fingerprint, r.analyzer, r.version)),
            "summary": r.summary,
        }
        for r in results
    }
    if fmt == "json":
        emit_json(document)
        return
    console = stdout()
    for key, value in document.items():
        if key in ("audio", "analyses", "sidecars"):
            continue
        if value is not None:
            console.print(f"[bold]{key:>16}[/bold]  {value}")
    for stream in document["audio"]:
        console.print(f"[bold]{'audio':>16}[/bold]  {stream}")
    for sidecar in document["sidecars"]:
        console.print(f"[bold]{'sidecar':>16}[/bold]  {sidecar}")
    for name, result in document["analyses"].items():
        brief = {k: (f"{len(v)} items" if isinstance(v, list) and len(v) > 12 else v)
                 for k, v in result["summary"].items()}  # fmt: skip
        console.print(f"[bold]{name:>16}[/bold]  v{result['version']} {brief}")
