"""``rushes transcript CLIP --format txt|srt|vtt|json``: what was said in one clip."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import click

from rushes.analysis.speech.lookup import transcript_name, transcript_of
from rushes.cli.common import find_clip, load_project, open_catalog, project_option
from rushes.cli.output import emit_json, warn_line
from rushes.errors import BadInput
from rushes.export.subtitles import group, write_srt, write_vtt
from rushes.media.timecode import timecode_at


@click.command("transcript")
@click.argument("clip")
@click.option("--format", "fmt", type=click.Choice(["txt", "srt", "vtt", "json"]),
              default="txt", show_default=True)  # fmt: skip
@click.option(
    "--model",
    help="Which model's transcript (default: the one rushes.toml's "
    "[speech] model and language name).",
)
@project_option
def command(clip: str, fmt: str, model: str | None, project_dir: Path | None) -> None:
    """Print every word said in CLIP with its time."""
    project = load_project(project_dir)
    with open_catalog(project) as catalog:
        chosen = find_clip(catalog, clip)
        transcript = transcript_of(catalog, chosen, model, transcript_name(project.settings()))
    if transcript is None:
        if chosen.probe.audio:
            raise BadInput(f"{chosen.path}: no transcript yet (rushes analyze -a speech)")
        warn_line(f"{chosen.path}: no sound track, so nothing was said")
    words = transcript.words if transcript else ()
    probe = chosen.probe

    def tc(seconds: Fraction) -> str | None:
        return timecode_at(probe.start_timecode, probe.frame_rate, seconds)

    if fmt == "json":
        emit_json({
            "clip": str(chosen.path),
            "model": transcript.model if transcript else None,
            "language": transcript.language if transcript else None,
            "words": [
                {"start": float(w.start), "end": float(w.end), "start_tc": tc(w.start),
                 "text": w.text, "probability": w.probability, "segment": w.segment,
                 "speaker": w.speaker}
                for w in words
            ],
        })  # fmt: skip
        return
    cues = group((float(w.start), float(w.end), w.text) for w in words)
    if fmt == "srt":
        click.echo(write_srt(cues), nl=False)
    elif fmt == "vtt":
        click.echo(write_vtt(cues), nl=False)
    else:
        for cue in cues:
            when = tc(Fraction(cue.start).limit_denominator(1000)) or f"{cue.start:8.2f}s"
            click.echo(f"[{when}] {cue.text}")
