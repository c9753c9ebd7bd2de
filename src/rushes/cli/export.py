"""``rushes export CUT.otio --format FMT [--out F]``: the cut for an editing program."""

from __future__ import annotations

from pathlib import Path

import click

from rushes.cli.common import PATH, project_option
from rushes.export import FORMATS, SUFFIXES, export, load_timeline


def default_out(cut: Path, fmt: str) -> Path:
    out = cut.with_suffix(SUFFIXES[fmt])
    return out.with_name(f"{cut.stem}-export{out.suffix}") if out == cut else out


@click.command("export")
@click.argument("cut", type=PATH)
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="otio, fcp7 (Premiere, Resolve), fcpxml (Final Cut, Resolve), edl, "
                   "mlt (Shotcut, Kdenlive), srt, vtt, mp4 (rendered preview).")  # fmt: skip
@click.option(
    "--out",
    type=PATH,
    help="Default: CUT, the format's suffix.",
)
@click.option("--no-burn-in", is_flag=True, help="mp4: no source timecode and clip name burnt in.")
@project_option
def command(cut: Path, fmt: str, out: Path | None, no_burn_in: bool, project_dir) -> None:
    """Write the cut CUT.otio as FMT, every edit frame-exact and relinkable."""
    from rushes.cli.transcripts import words_for_subtitles

    timeline = load_timeline(cut)
    words_of = words_for_subtitles(cut, project_dir) if fmt in ("srt", "vtt") else None
    written = export(timeline, fmt, out or default_out(cut, fmt), words_of, str(cut),
                     burn=not no_burn_in)  # fmt: skip
    click.echo(str(written))
