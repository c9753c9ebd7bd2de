"""How commands show things: one-line errors, JSON for scripts, rich tables for people.

Presentation only: turning records into dicts and rows, never deciding anything.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rushes.catalog import Clip

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="json prints one JSON document on stdout, for scripts.",
)  # fmt: skip


def stdout() -> Console:
    from rich.console import Console  # rich costs 50 ms: only commands that print tables

    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def error_line(message: str) -> None:
    """One line on stderr, no traceback: what the user needs to act."""
    click.echo(f"rushes: error: {message}", err=True)


def warn_line(message: str) -> None:
    click.echo(f"rushes: {message}", err=True)


def failed_line(failed: list, total: int) -> None:
    """After a report made from what could be analysed: say how much could not, exit 1."""
    if failed:
        warn_line(f"{len(failed)} of {total} clips could not be analysed (see above)")
        raise SystemExit(1)


def emit_json(document: Any) -> None:
    json.dump(document, sys.stdout, indent=2, default=_default, ensure_ascii=False)
    sys.stdout.write("\n")


def _default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    raise TypeError(f"not JSON serialisable: {value!r}")


def fraction_text(value: Fraction | None) -> str | None:
    return None if value is None else f"{value.numerator}/{value.denominator}"


def clip_dict(clip: Clip) -> dict[str, Any]:
    p = clip.probe
    return {
        "path": str(clip.path),
        "fingerprint": clip.fingerprint,
        "kind": p.kind,
        "size": clip.size,
        "container": p.container,
        "duration": float(p.duration),
        "duration_exact": fraction_text(p.duration),
        "video_codec": p.video_codec,
        "video_profile": p.video_profile,
        "width": p.width,
        "height": p.height,
        "pixel_aspect": fraction_text(p.pixel_aspect),
        "pix_fmt": p.pix_fmt,
        "frame_rate": fraction_text(p.frame_rate),
        "vfr": p.vfr,
        "frames": p.frame_count,
        "start_timecode": p.start_timecode,
        "timecode_source": p.timecode_source,
        "creation_time": p.creation_time,
        "camera_make": p.camera_make,
        "camera_model": p.camera_model,
        "audio": [
            {
                "index": a.index,
                "codec": a.codec,
                "sample_rate": a.sample_rate,
                "channels": a.channels,
                "layout": a.layout,
            }  # fmt: skip
            for a in p.audio
        ],
        "sidecars": [str(s) for s in clip.sidecars],
        "added_at": clip.added_at,
    }


def rate_text(rate: Fraction | None) -> str:
    if not rate:
        return ""
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")


def duration_text(seconds: Fraction | float) -> str:
    total = float(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return (
        f"{int(hours)}:{int(minutes):02d}:{secs:05.2f}" if hours else f"{int(minutes)}:{secs:05.2f}"
    )


def clips_table(clips: list[Clip]) -> Table:
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for column in ("clip", "duration", "picture", "fps", "timecode", "sound"):
        table.add_column(column, no_wrap=column != "clip")
    for clip in clips:
        p = clip.probe
        picture = f"{p.video_codec} {p.width}x{p.height}" if p.video_codec else "-"
        sound = ", ".join(f"{a.codec} {a.sample_rate // 1000}k {a.channels}ch" for a in p.audio)
        fps = rate_text(p.frame_rate) + (" VFR" if p.vfr else "")
        table.add_row(
            clip.name, duration_text(p.duration), picture, fps, p.start_timecode or "", sound or "-"
        )
    return table
