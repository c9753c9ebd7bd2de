"""``rushes sync [--format json]``: marry camera clips to recorder files by their sound."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.cli.common import load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, emit_json, warn_line
from rushes.sync import sync_project


@click.command("sync")
@project_option
@FORMAT
def command(project_dir: Path | None, fmt: str) -> None:
    """Find each camera clip's sound in the project's sound files: offset, drift, confidence."""
    project = load_project(project_dir)
    with open_catalog(project) as catalog:
        clips = catalog.clips.all()
        paths = {c.fingerprint: c.path for c in clips}
        document = []
        synced = sync_project(catalog, warn_line)
        if not synced and not any(c.probe.kind == "audio" for c in clips):
            warn_line("no sound files in the project to sync with (rushes add the recorder's)")
        for camera, result in synced:
            document.append({
                "clip": str(camera.path), "status": result.status, "reason": result.reason,
                "sound": [{"file": str(paths[m.sound]), "offset_seconds": m.offset_seconds,
                           "offset_samples": m.offset_samples, "sample_rate": m.sample_rate,
                           "drift_ppm": m.drift_ppm, "confidence": m.confidence}
                          for m in result.matches],
            })  # fmt: skip
    if fmt == "json":
        emit_json({"clips": document})
        return
    for entry in document:
        name = Path(entry["clip"]).name
        if not entry["sound"]:
            click.echo(f"{name}: {entry['status']} ({entry['reason']})")
        for s in entry["sound"]:
            click.echo(f"{name}: {Path(s['file']).name} at {s['offset_seconds']:+.4f} s "
                       f"({s['offset_samples']} samples at {s['sample_rate']} Hz), "
                       f"drift {s['drift_ppm']:+.0f} ppm, "
                       f"confidence {s['confidence']:.2f}")  # fmt: skip
        if entry["sound"] and entry["reason"]:
            click.echo(f"{name}: note: {entry['reason']}")
