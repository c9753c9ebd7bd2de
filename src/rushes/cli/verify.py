"""``rushes verify DEST``: re-hash a destination against its ASC MHL history."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from rushes.cli.common import PATH
from rushes.cli.output import FORMAT, emit_json, stderr
from rushes.offload import verify


@click.command("verify")
@click.argument("dest", type=PATH)
@FORMAT
def command(dest: Path, fmt: str) -> None:
    """List files missing, changed or extra against DEST's ASC MHL; writes nothing."""
    console = stderr()
    with Progress(
        TextColumn("verify"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=console, disable=not console.is_terminal, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("", total=None)
        reports = verify(dest, lambda n: bar.advance(task, n))
    if fmt == "json":
        emit_json(
            {
                "ok": all(r.ok for r in reports),
                "histories": [
                    {
                        "root": str(r.root),
                        "ok": r.ok,
                        "verified": len(r.verified),
                        "missing": r.missing,
                        "changed": r.changed,
                        "extra": r.extra,
                    }  # fmt: skip
                    for r in reports
                ],
            }
        )
    else:
        for r in reports:
            for kind in ("missing", "changed", "extra"):
                for path in getattr(r, kind):
                    click.echo(f"{kind:8} {r.root / path}")
            state = "OK" if r.ok else "PROBLEMS"
            click.echo(
                f"{r.root}: {state}; {len(r.verified)} verified, {len(r.missing)} missing, "
                f"{len(r.changed)} changed, {len(r.extra)} extra"
            )
    if not all(r.ok for r in reports):
        raise SystemExit(1)
