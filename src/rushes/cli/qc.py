"""``rushes qc [CLIP...] [--format json]``: what is technically broken, with timecode."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.analysis import analyze
from rushes.analysis.qc import ANALYZERS, clip_findings
from rushes.cli.common import find_clip, load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, emit_json, failed_line, warn_line


@click.command("qc")
@click.argument("clips", nargs=-1)
@click.option("--severity", type=click.Choice(["info", "warning", "error"]), default="info",
              show_default=True, help="Leave out findings less severe than this.")  # fmt: skip
@project_option
@FORMAT
def command(clips: tuple[str, ...], severity: str, project_dir: Path | None, fmt: str) -> None:
    """List technical problems of CLIPs (default: every clip), analysing what is missing."""
    project = load_project(project_dir)
    order = ["info", "warning", "error"]
    with open_catalog(project) as catalog:
        chosen = [find_clip(catalog, c) for c in clips] if clips else catalog.clips.all()
        report = analyze(project, catalog, chosen, ANALYZERS)
        for outcome in report.failed:
            warn_line(outcome.error)
        findings = [f for clip in chosen for f in clip_findings(catalog, clip)
                    if order.index(f.severity) >= order.index(severity)]  # fmt: skip
    if fmt == "json":
        emit_json({"findings": [f.as_json() for f in findings]})
    elif not findings:
        click.echo(f"no findings in {len(chosen)} clip{'s' * (len(chosen) != 1)}")
    else:
        width = max(len(f.clip.name) for f in findings)
        for f in findings:  # one line a finding, as an assistant editor's QC log reads
            click.echo(f"{f.clip.name:<{width}}  {f.tc(f.start)}-{f.tc(f.end)}  "
                       f"{f.severity:<7}  {f.kind:<18}  {f.reason}")  # fmt: skip
    failed_line(report.failed, len(chosen))
