"""``rushes analyze``: run the analyzers on every clip (or the clips named) not yet done."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)  # fmt: skip

from rushes.analysis import ClipOutcome, analyze, names
from rushes.analysis.executors import from_settings
from rushes.analysis.proxy import with_proxies
from rushes.analysis.speech.lookup import languages_apart
from rushes.cli.common import load_project, open_catalog, project_option
from rushes.cli.output import FORMAT, emit_json, stderr, warn_line
from rushes.errors import BadInput
from rushes.sync import sync_project

EXECUTOR = click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default=None,
    help="Where clips are analysed (default: rushes.toml, else local).",
)
ADDRESS = click.option(
    "--address",
    default=None,
    help="The Ray cluster: auto, ray://host:10001 (default: a local one).",
)
DEFAULT_ANALYZERS = ["thumbnails", "waveform", "shots", "picture", "sound", "speech"]


@click.command("analyze")
@click.argument("clips", nargs=-1)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(0),
    default=None,
    help="Clips analysed in parallel (default: rushes.toml, else one per core).",
)
@click.option(
    "--analyzer",
    "-a",
    "analyzers",
    multiple=True,
    help=f"Analyzer to run; repeat for several (default: rushes.toml). "
    f"Built in: {', '.join(names())}.",
)
@EXECUTOR
@ADDRESS
@project_option
@FORMAT
def command(clips, jobs, analyzers, executor, address, project_dir, fmt) -> None:  # fmt: skip
    """Analyze clips: one decode pass per clip feeds every analyzer."""
    project = load_project(project_dir)
    settings = project.settings()
    chosen = list(analyzers) or with_proxies(
        settings.get("analyze", "analyzers", DEFAULT_ANALYZERS), settings
    )
    where = from_settings(settings, jobs, executor, address)
    with open_catalog(project) as catalog:
        selected = _select(catalog, clips)
        with _Bar() as bar:
            report = analyze(project, catalog, selected, chosen, progress=bar, executor=where)
        sync_project(catalog, warn_line, only_new=True)  # when the shoot has separate sound
        for line in languages_apart(catalog, settings):
            warn_line(line)
    speed = float(report.media_seconds) / report.seconds if report.seconds else 0.0
    for outcome in report.failed:
        warn_line(outcome.error)
    if fmt == "json":
        emit_json(
            {
                "analyzers": chosen,
                "analyzed": [
                    {
                        "clip": str(o.clip.path),
                        "analyzers": sorted(o.summaries),
                        "frames": o.stats.video_frames,
                        "decode_seconds": round(o.stats.seconds, 3),
                    }
                    for o in report.analyzed
                ],
                "skipped": [str(c.path) for c in report.skipped],
                "failed": [{"clip": str(o.clip.path), "reason": o.error} for o in report.failed],
                "seconds": round(report.seconds, 3),
                "media_seconds": round(float(report.media_seconds), 3),
                "speed": round(speed, 2),
            }
        )
    else:
        click.echo(
            f"{len(report.analyzed)} analyzed, {len(report.skipped)} already done, "
            f"{len(report.failed)} failed; {float(report.media_seconds):.1f} s of media in "
            f"{report.seconds:.1f} s ({speed:.1f}x real time)"
        )
    if report.failed:
        raise SystemExit(1)


def _select(catalog, names_given):
    if not names_given:
        return catalog.clips.all()
    chosen = []
    for given in names_given:
        as_path = str(Path(given).resolve()) if Path(given).exists() else given
        found = catalog.clips.matching(as_path)
        if not found:
            raise BadInput(f"{given}: no such clip in the catalog")
        chosen.extend(found)
    return list({c.fingerprint: c for c in chosen}.values())


class _Bar:
    """The runner's progress, drawn with rich on a terminal: clips, frames, speed."""

    def __enter__(self):
        console = stderr()
        self.progress = Progress(
            TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[clips]}"), TextColumn("{task.fields[speed]}"),
            TimeElapsedColumn(), TimeRemainingColumn(), console=console,
            disable=not console.is_terminal, transient=True,
        )  # fmt: skip
        self.progress.__enter__()
        self.task = self.progress.add_task("", total=None, clips="", speed="")
        self.clips, self.done, self.media_seconds = 0, 0, 0.0
        return self

    def __exit__(self, *exc):
        self.progress.__exit__(*exc)

    def begin(self, clips: int, frames: int, media_seconds: float) -> None:
        self.clips, self.done, self.media_seconds = clips, 0, media_seconds
        self.progress.update(self.task, total=frames or None, clips=f"0/{clips} clips")

    def frames(self, count: int) -> None:
        self.progress.advance(self.task, count)
        task = self.progress.tasks[0]
        if task.total and task.elapsed:
            multiple = self.media_seconds * task.completed / task.total / task.elapsed
            self.progress.update(self.task, speed=f"{multiple:.1f}x real time")

    def clip_done(self, outcome: ClipOutcome) -> None:
        self.done += 1
        self.progress.update(self.task, clips=f"{self.done}/{self.clips} clips")
