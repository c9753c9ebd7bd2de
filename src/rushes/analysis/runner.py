"""The analysis runner: every pending analyzer of a clip fed from one decode pass, clips in
parallel in a process pool, results written by this process alone.

Work is keyed by (clip fingerprint, analyzer, version): a rerun skips what the catalog
holds, and a run killed at any moment and started again ends with the same results.

>>> report = analyze(project, catalog, clips, ["thumbnails"], jobs=2)
>>> report.failed
[]
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

from rushes.analysis import registry
from rushes.analysis.results import publish, result_folder, scratch_folder
from rushes.catalog import Catalog, Clip
from rushes.media import DecodeError, DecodeStats, decode
from rushes.processes import alive
from rushes.project import Project


@dataclass(frozen=True)
class ClipJob:
    """One clip and the analyzers still to run on it; picklable, for a worker."""

    clip: Clip
    analyzers: tuple[str, ...]
    options: dict[str, dict[str, Any]]
    cache_dir: Path


@dataclass
class ClipOutcome:
    clip: Clip
    summaries: dict[str, tuple[int, dict]] = field(default_factory=dict)
    stats: DecodeStats = field(default_factory=DecodeStats)
    error: str | None = None


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
) -> AnalyzeReport:
    """Run ``analyzers`` on ``clips`` where their results are missing; record the results."""
    with project.writing("`rushes analyze`"):
        return _analyze(project, catalog, clips, analyzers, jobs, progress or _Quiet())


def _analyze(project, catalog, clips, analyzers, jobs, progress) -> AnalyzeReport:
    names = tuple(dict.fromkeys(analyzers))
    settings = project.settings()
    options = {n: dict(settings.values.get(n, {})) for n in names}
    instances = {n: registry.create(n, options[n]) for n in names}
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
        problem = _changed_since_add(clip)
        if problem:
            outcome = ClipOutcome(clip, error=problem)
            report.failed.append(outcome)
            progress.clip_done(outcome)
            continue
        work.append(ClipJob(clip, pending, options, project.cache_dir))

    started = time.perf_counter()
    progress.begin(
        len(work),
        sum(j.clip.probe.frame_count or 0 for j in work),
        float(sum((j.clip.probe.duration for j in work), Fraction(0))),
    )
    for outcome in _execute(work, jobs or os.cpu_count() or 1, progress):
        if outcome.error:
            report.failed.append(outcome)
        else:
            by_key = {a.key: a for a in instances.values()}
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


def _changed_since_add(clip: Clip) -> str | None:
    try:
        stat = clip.path.stat()
    except OSError as exc:
        return f"{clip.path}: missing since it was added ({exc.strerror}); run `rushes add` again"
    if stat.st_size != clip.size:
        return f"{clip.path}: changed since it was added; run `rushes add` again"
    return None


def _execute(work: list[ClipJob], jobs: int, progress: Progress):
    """Yield outcomes as clips finish: in this process for one job, else in a pool."""
    if jobs <= 1 or len(work) <= 1:
        for job in work:
            yield run_clip(job, _FrameCounter(progress.frames).add)
        return
    context = multiprocessing.get_context("forkserver")
    queue = context.Queue()
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(work)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(queue, os.getpid()),
    ) as pool:
        pending: set[Future] = {pool.submit(run_clip, job) for job in work}
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            _drain(queue, progress)
            for future in finished:
                yield future.result()
        _drain(queue, progress)


_worker_queue = None


def _init_worker(queue, parent: int) -> None:
    global _worker_queue
    _worker_queue = queue
    # Progress is best effort: a worker must never wait at exit to flush it to a parent
    # that has stopped reading.
    queue.cancel_join_thread()
    threading.Thread(target=_die_with, args=(parent,), daemon=True).start()


def _die_with(parent: int) -> None:
    """A worker whose parent was killed (kill -9 gives it no chance to stop the pool)
    ends itself rather than hold a gigabyte of decoders and models for nobody."""
    while alive(parent):
        time.sleep(0.5)
    os._exit(1)


def _drain(queue, progress: Progress) -> None:
    while not queue.empty():
        try:
            progress.frames(queue.get_nowait())
        except Exception:  # noqa: BLE001 - an empty race on the queue is harmless
            return


class _FrameCounter:
    """Turns the decoder's running frame count into increments for a progress display."""

    def __init__(self, sink):
        self.sink = sink
        self.seen = 0

    def add(self, total: int) -> None:
        step, self.seen = total - self.seen, total
        if step:
            self.sink(step)


def run_clip(job: ClipJob, on_frames=None) -> ClipOutcome:
    """Analyze one clip: one decode pass feeding every pending analyzer (runs in a worker)."""
    if on_frames is None and _worker_queue is not None:
        on_frames = _FrameCounter(_worker_queue.put).add
    clip = job.clip
    outcome = ClipOutcome(clip)
    analyzers = [registry.create(n, job.options.get(n)) for n in job.analyzers]
    sessions = [(a, a.start(clip)) for a in analyzers]
    routes: dict = {}
    for _, session in sessions:
        for request in session.requests:
            routes.setdefault(request, []).append(session)
    try:
        for request, item in decode(clip.path, list(routes), on_frames, outcome.stats):
            for session in routes[request]:
                session.take(request, item)
        for analyzer, session in sessions:
            final = result_folder(job.cache_dir, clip.fingerprint, analyzer.key, analyzer.version)
            scratch = scratch_folder(final)
            summary = session.finish(scratch)
            publish(scratch, final)
            outcome.summaries[analyzer.key] = (analyzer.version, summary)
    except DecodeError as exc:
        outcome.error = f"{clip.path}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one clip's failure must not stop the batch
        outcome.error = f"{clip.path}: analysis failed: {type(exc).__name__}: {exc}"
    return outcome
