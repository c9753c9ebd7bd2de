"""``rushes cut FOLDER [--script S] [--target D] [--out DIR]``: the main job, one command."""

from __future__ import annotations

import time
from pathlib import Path

import click

from rushes.cli.analyze import ADDRESS, EXECUTOR
from rushes.cli.common import PATH
from rushes.cli.output import warn_line
from rushes.cut import parse_duration, run_cut


@click.command("cut")
@click.argument("folder", type=PATH)
@click.option("--script", type=PATH, help="The Fountain screenplay.")
@click.option("--target", help="Fit the cut to this duration: 50m, 1h20m, 90s, 00:50:00.")
@click.option("--out", type=PATH,
              help="Where the cut goes (default: FOLDER-cut next to FOLDER).")  # fmt: skip
@click.option("--handles", type=click.FloatRange(0), default=0.5, show_default=True,
              help="Seconds kept before and after each performance.")  # fmt: skip
@EXECUTOR
@ADDRESS
def command(folder: Path, script: Path | None, target: str | None, out: Path | None,
            handles: float, executor: str | None, address: str | None) -> None:  # fmt: skip
    """Add, analyze, sync, align to the script, choose the best takes, assemble, export."""
    started = time.perf_counter()
    seconds = parse_duration(target) if target else None
    out = out or folder.resolve().parent / f"{folder.resolve().name}-cut"
    result = run_cut(folder.resolve(), script, seconds, out.resolve(), handles, warn_line,
                     executor, address)  # fmt: skip
    assembly = result.assembly
    for choice in assembly.dropped:
        warn_line(f"dropped to fit {target}: {choice.chosen.clip.name} "
                  f"({choice.end - choice.start:.1f} s)")  # fmt: skip
    for choice in assembly.left_out:
        warn_line(f"left out in rushes review: {choice.chosen.clip.name}")
    took = time.perf_counter() - started
    click.echo(f"{len(assembly.choices)} takes, {assembly.seconds:.1f} s, in {took:.1f} s: "
               f"{result.out}")  # fmt: skip
    for path in result.written:
        click.echo(f"  {path.name}")
    if result.unusable:
        warn_line(f"{result.unusable} file(s) could not be used (see above); the cut has the rest")
        raise SystemExit(1)
