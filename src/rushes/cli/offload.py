"""``rushes offload SOURCE DEST...``: verified copy of a card to one or more destinations."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)  # fmt: skip

from rushes.cli.common import PATH, load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, emit_json, stderr, warn_line
from rushes.ingest import add_paths
from rushes.offload import DEFAULT, FORMATS, OffloadReport, offload
from rushes.offload.copy import source_files


@click.command("offload")
@click.argument("source", type=PATH)
@click.argument("destinations", nargs=-1, required=True, type=PATH)
@click.option(
    "--hash",
    "hash_format",
    type=click.Choice(sorted(FORMATS)),
    default=DEFAULT,
    show_default=True,
    help="Checksum recorded in the ASC MHL manifest.",
)
@click.option(
    "--rename",
    is_flag=True,
    help="Where a different file already has a name, keep both (NAME-2.EXT).",
)
@click.option(
    "--add",
    "add_to_project",
    is_flag=True,
    help="Add the offloaded clips (first good destination) to the project.",
)
@project_option
@FORMAT
def command(source, destinations, hash_format, rename, add_to_project, project_dir, fmt):
    """Copy SOURCE into each DEST as DEST/<name of SOURCE>, verify it, write ASC MHL."""
    project = load_project(project_dir) if add_to_project else None
    total = sum(_size(p) for _, p in source_files(source)) if source.is_dir() else 0
    console = stderr()
    with Progress(
        TextColumn("offload"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        TimeRemainingColumn(), console=console, disable=not console.is_terminal, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("", total=total * (1 + len(destinations)))
        report = offload(source, list(destinations), hash_format, rename,
                         lambda n: bar.advance(task, n))  # fmt: skip
    added = None
    good = [d for d in report.destinations if d.error is None]
    if project is not None and good:
        with open_catalog(project) as catalog:
            added = add_paths(catalog, [good[0].target])
    for outcome in report.files:
        if outcome.error:
            warn_line(outcome.error)
    for dest in report.destinations:
        if dest.error:
            warn_line(dest.error)
    if fmt == "json":
        emit_json(_as_json(report, added))
    else:
        _print(report, added)
    if not report.ok:
        raise SystemExit(1)


def _size(path: Path) -> int:
    """For the progress bar only: a file that cannot be read is reported by the offload."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mb_per_s(report: OffloadReport) -> float:
    return report.bytes_read / 1e6 / report.seconds if report.seconds else 0.0


def _print(report: OffloadReport, added) -> None:
    for outcome in report.files:
        notes = ", ".join(f"{Path(t).parent.name}: {r}" for t, r in outcome.results.items())
        click.echo(f"{outcome.path}  {outcome.hash or '-'}  {notes}")
    for dest in report.destinations:
        state = "verified" if dest.ok else "FAILED"
        if dest.problems:
            state += f" ({dest.problems} not verified: see above)"
        click.echo(
            f"{dest.target}: {state}; {dest.copied} copied, {dest.already} already verified"
            + (f"; manifest {dest.manifest.name}" if dest.manifest else "")
        )
    click.echo(
        f"{len(report.files)} files, {report.bytes_read / 1e6:.1f} MB read once in "
        f"{report.seconds:.1f} s ({_mb_per_s(report):.0f} MB/s), {report.hash_format}"
    )
    if added is not None:
        click.echo(f"added to the project: {len(added.added)} clips")


def _as_json(report: OffloadReport, added) -> dict:
    return {
        "source": str(report.source),
        "hash": report.hash_format,
        "ok": report.ok,
        "seconds": round(report.seconds, 3),
        "bytes_read": report.bytes_read,
        "mb_per_s": round(_mb_per_s(report), 1),
        "destinations": [
            {
                "path": str(d.target),
                "status": "verified" if d.ok else "failed",
                "error": d.error,
                "not_verified": d.problems,
                "copied": d.copied,
                "already_verified": d.already,
                "manifest": str(d.manifest) if d.manifest else None,
            }
            for d in report.destinations
        ],
        "files": [
            {
                "path": f.path,
                "size": f.size,
                "hash": f.hash,
                "error": f.error,
                "destinations": f.results,
            }  # fmt: skip
            for f in report.files
        ],
        "added": [str(c.path) for c in added.added] if added else [],
    }
