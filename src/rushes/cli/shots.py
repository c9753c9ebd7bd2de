"""``rushes shots FILE``: shots of any video file, no project needed (like scenedetect)."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.analysis.shots import ENGINES, shots_of_file
from rushes.analysis.shots.formats import FORMATS, render
from rushes.cli.common import PATH


@click.command("shots")
@click.argument("file", type=PATH)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="auto: classical detector, TransNetV2 where it is unsure.",
)
@click.option(
    "--keyframes",
    is_flag=True,
    help="Fast first look at long-GOP footage: decode only GOPs whose keyframes differ.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
def command(file: Path, engine: str, keyframes: bool, fmt: str) -> None:
    """Detect shots and transitions in FILE; print them as JSON, CSV, EDL or OTIO."""
    click.echo(render(shots_of_file(file, engine, keyframes), fmt), nl=False)
