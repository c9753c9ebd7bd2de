"""The analysis runner: every pending analyzer of a clip fed from one decode pass, clips in
parallel on an executor (the local process pool, or Ray), results written by this process
alone.

Work is keyed by (clip fingerprint, analyzer, version): a rerun skips what the catalog
holds, and a run killed at any moment and started again ends with the same results.

>>> report = analyze(project, catalog, clips, ["thumbnails"], jobs=2)
>>> report.failed
[]
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rushes.analysis import registry
from rushes.analysis.results import publish, publish_files, result_folder, scratch_folder
from rushes.catalog import Catalog, Clip
from rushes.media import DecodeError, DecodeStats, decode
from rushes.project import DECODERS, Project

if TYPE_CHECKING:
    from rushes.analysis.executors import Executor


@dataclass(frozen=True)
class ClipJob:
    """One clip and the analyzers still to run on it; picklable, for a worker anywhere.

    ``ship``: the worker sends the result files back in the outcome (no shared storage)
    and the driver alone puts them in the cache; ``paths``: where the driver's folders are
    on the worker's machine (driver prefix, worker prefix)."""

    clip: Clip
    analyzers: tuple[str, ...]
    options: dict[str, dict[str, Any]]
    cache_dir: Path
    ship: bool = False
    paths: tuple[tuple[str, str], ...] = ()
    hwaccel: str | None = None  # the device FFmpeg decodes the picture on, where it can


@dataclass
class ClipOutcome:
    clip: Clip
    summaries: dict[str, tuple[int, dict]] = field(default_factory=dict)
    stats: DecodeStats = field(default_factory=DecodeStats)
    error: str | None = None
    files: dict[str, dict[str, bytes]] = field(default_factory=dict)  # shipped: key -> files


@dataclass
class AnalyzeReport:
    analyzed: list[ClipOutcome] = field(default_factory=list)
    skipped: list[Clip] = field(default_factory=list)
    failed: list[ClipOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def media_seconds(self) -> Fraction:
        return sum((o.clip.probe.duration for o in self.analyzed), Fraction(0))


class Progress(Protocol):
    """What the runner tells a progress display; the CLI draws it, tests ignore it."""

    def begin(self, clips: int, frames: int, media_seconds: float) -> None: ...
    def frames(self, count: int) -> None: ...
    def clip_done(self, outcome: ClipOutcome) -> None: ...


class _Quiet:
    def begin(self, clips, frames, media_seconds):
        pass

    def frames(self, count):
        pass

    def clip_done(self, outcome):
        pass


def analyze(
    project: Project,
    catalog: Catalog,
    clips: Iterable[Clip],
    analyzers: Iterable[str],
    jobs: int = 0,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> AnalyzeReport:
    """Run ``analyzers`` on ``clips`` where their results are missing; record the results.
    ``executor``: where the clips run (default: the local process pool of ``jobs``)."""
    if executor is None:
        from rushes.analysis.executors.local import LocalPool

        executor = LocalPool(jobs)
    with project.writing("`rushes analyze`"):
        return _analyze(project, catalog, clips, analyzers, executor, progress or _Quiet())


def _analyze(project, catalog, clips, analyzers, executor, progress) -> AnalyzeReport:
    names = tuple(dict.fromkeys(analyzers))
    settings = project.settings()
    options = {n: dict(settings.values.get(n, {})) for n in names}
    instances = {n: registry.create(n, options[n]) for n in names}
    hwaccel = DECODERS[settings.get("analyze", "decoder", "auto")]
    report = AnalyzeReport()
    work: list[ClipJob] = []
    for clip in clips:
        done = catalog.analyses.done(clip.fingerprint)
        pending = tuple(
            n for n in names
            if (instances[n].key, instances[n].version) not in done
            and instances[n].applies_to(clip)
        )  # fmt: skip
        if not pending:
            report.skipped.append(clip)
            continue
        work.append(ClipJob(clip, pending, options, project.cache_dir, executor.ships,
                            executor.paths, hwaccel))  # fmt: skip

    started = time.perf_counter()
    progress.begin(
        len(work),
        sum(j.clip.probe.frame_count or 0 for j in work),
        float(sum((j.clip.probe.duration for j in work), Fraction(0))),
    )
    resources = {n: instances[n].resources for n in names}
    for outcome in executor.run(work, resources, progress):
        if outcome.error:
            report.failed.append(outcome)
        else:
            by_key = {a.key: a for a in instances.values()}
            for key, (version, _) in outcome.summaries.items():
                if key in outcome.files:  # shipped back: this process alone publishes it
                    publish_files(project.cache_dir, outcome.clip.fingerprint, key, version,
                                  outcome.files[key])  # fmt: skip
            with catalog.db.transaction():
                for key, (version, summary) in outcome.summaries.items():
                    catalog.analyses.record(outcome.clip.fingerprint, key, version, summary)
                    folder = result_folder(project.cache_dir, outcome.clip.fingerprint, key,
                                           version)  # fmt: skip
                    by_key[key].record(catalog, outcome.clip, folder, summary)
            report.analyzed.append(outcome)
        progress.clip_done(outcome)
    report.seconds = time.perf_counter() - started
    return report


def run_clip(job: ClipJob, on_frames=None) -> ClipOutcome:
    """Analyze one clip: one decode pass feeding every pending analyzer (runs in a worker).

    NumPy's BLAS runs on one thread here whatever the machine or the executor set
    (OpenBLAS sums in another order with more threads, and Whisper then hears other words):
    a result must not depend on where it was made."""
    from threadpoolctl import threadpool_limits

    clip = job.clip
    outcome = ClipOutcome(clip)
    path = mapped(clip.path, job.paths)
    problem = changed_since_add(clip, path)
    if problem:
        outcome.error = problem
        return outcome
    analyzers = [registry.create(n, job.options.get(n)) for n in job.analyzers]
    sessions = [(a, a.start(clip)) for a in analyzers]
    routes: dict = {}
    for _, session in sessions:
        for request in session.requests:
            routes.setdefault(request, []).append(session)
    try:
        with threadpool_limits(1, user_api="blas"):
            for request, item in decode(path, list(routes), on_frames, outcome.stats,
                                        job.hwaccel):  # fmt: skip
                for session in routes[request]:
                    session.take(request, item)
            for analyzer, session in sessions:
                summary = _finish(job, analyzer, session, outcome)
                outcome.summaries[analyzer.key] = (analyzer.version, summary)
    except DecodeError as exc:
        outcome.error = f"{clip.path}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one clip's failure must not stop the batch
        outcome.error = f"{clip.path}: analysis failed: {type(exc).__name__}: {exc}"
    return outcome


def _finish(job: ClipJob, analyzer, session, outcome: ClipOutcome) -> dict:
    """The analyzer's summary; its files published into the cache, or kept to ship."""
    if job.ship:
        with tempfile.TemporaryDirectory(prefix="rushes-result-") as folder:
            summary = session.finish(Path(folder))
            outcome.files[analyzer.key] = {p.name: p.read_bytes()
                                           for p in sorted(Path(folder).iterdir())}  # fmt: skip
        return summary
    final = result_folder(job.cache_dir, job.clip.fingerprint, analyzer.key, analyzer.version)
    scratch = scratch_folder(final)
    summary = session.finish(scratch)
    publish(scratch, final)
    return summary


def mapped(path: Path, paths: tuple[tuple[str, str], ...]) -> Path:
    """``path`` as this machine sees it, through the cluster's path map."""
    for driver, worker in paths:
        if path.is_relative_to(driver):
            return Path(worker) / path.relative_to(driver)
    return path


def changed_since_add(clip: Clip, path: Path) -> str | None:
    """Why the file cannot be analysed as the clip that was added, or None."""
    seen = f"{clip.path} (at {path} here)" if path != clip.path else str(clip.path)
    try:
        stat = path.stat()
    except OSError as exc:
        return f"{seen}: missing since it was added ({exc.strerror}); run `rushes add` again"
    if stat.st_size != clip.size:
        return f"{seen}: changed since it was added; run `rushes add` again"
    return None


class FrameCounter:
    """Turns the decoder's running frame count into increments for a progress display."""

    def __init__(self, sink):
        self.sink = sink
        self.seen = 0

    def add(self, total: int) -> None:
        step, self.seen = total - self.seen, total
        if step:
            self.sink(step)
