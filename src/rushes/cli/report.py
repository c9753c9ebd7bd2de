"""``rushes report [--out report.html]``: the QC report of every clip, one HTML page."""

from __future__ import annotations

import os
from pathlib import Path

import click

from rushes.analysis import analyze
from rushes.analysis.qc import ANALYZERS
from rushes.cli.common import PATH, load_project, open_catalog, project_option
from rushes.cli.output import failed_line, warn_line
from rushes.errors import BadInput
from rushes.report import render_report


@click.command("report")
@click.option("--out", type=PATH, default=Path("report.html"),
              show_default=True)  # fmt: skip
@project_option
def command(out: Path, project_dir: Path | None) -> None:
    """Write one self-contained HTML page: contact sheets, metadata, signals, findings."""
    project = load_project(project_dir)
    if not out.resolve().parent.is_dir():
        raise BadInput(f"{out}: no such folder {out.resolve().parent}")
    with open_catalog(project) as catalog:
        clips = catalog.clips.all()
        report = analyze(project, catalog, clips, ("thumbnails", *ANALYZERS))
        for outcome in report.failed:
            warn_line(outcome.error)
        page = render_report(catalog, clips, project.cache_dir, f"{project.root.name}: QC")
    partial = out.with_name(f".{out.name}.partial")
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, out)
    click.echo(str(out))
    failed_line(report.failed, len(clips))
