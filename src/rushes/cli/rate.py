"""``rushes rate CLIP 1-5`` and ``rushes select CLIP --in TC --out TC``: the user's own
choices, which the assembly always puts above its own scores."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import click

from rushes.cli.common import find_clip, load_project, open_catalog, project_option
from rushes.errors import BadInput
from rushes.media.timecode import to_frames


@click.command("rate")
@click.argument("clip")
@click.argument("rating", type=click.IntRange(1, 5))
@project_option
def rate(clip: str, rating: int, project_dir: Path | None) -> None:
    """Rate CLIP from 1 (unusable) to 5 (the one): your rating outranks the tool's."""
    with open_catalog(load_project(project_dir)) as catalog:
        chosen = find_clip(catalog, clip)
        catalog.choices.rate(chosen.fingerprint, rating)
    click.echo(f"{chosen.name}: {rating}/5")


def _seconds(text: str, clip) -> float:
    """A timecode of the clip (its own, from its first frame's) or seconds."""
    probe = clip.probe
    if ":" in text:
        if not probe.frame_rate:
            raise BadInput(f"{clip.name}: has no frame rate for timecode {text}")
        rate = Fraction(probe.frame_rate)
        first = to_frames(probe.start_timecode, rate) if probe.start_timecode else 0
        return float((to_frames(text, rate) - first) / rate)
    return float(text)


@click.command("select")
@click.argument("clip")
@click.option("--in", "start", required=True, help="Source timecode (or seconds) in.")
@click.option("--out", "end", required=True, help="Source timecode (or seconds) out.")
@project_option
def select(clip: str, start: str, end: str, project_dir: Path | None) -> None:
    """Mark a range of CLIP as selected."""
    with open_catalog(load_project(project_dir)) as catalog:
        chosen = find_clip(catalog, clip)
        a, b = _seconds(start, chosen), _seconds(end, chosen)
        if not 0 <= a < b <= float(chosen.probe.duration) + 1e-6:
            raise BadInput(f"{chosen.name}: {start}-{end} is not a range inside the clip")
        catalog.choices.select(chosen.fingerprint, a, b)
    click.echo(f"{chosen.name}: selected {a:.2f}-{b:.2f} s")
