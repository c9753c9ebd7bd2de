"""The local executor: clips in a process pool on this machine (the laptop default).

Workers are started by a forkserver, end themselves when the process that started them is
gone, and tell the driver the frames they decoded and which job they started. A worker
that dies mid-clip (a crash in a decoder, the kernel's OOM killer) breaks the pool: the
jobs that were running in it are tried again one at a time, up to ``ATTEMPTS`` times, then
reported failed in one line; the jobs that had not started go on without a mark.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from rushes.analysis.executors import ATTEMPTS
from rushes.analysis.runner import ClipJob, ClipOutcome, FrameCounter, run_clip
from rushes.processes import alive


class LocalPool:
    ships = False
    paths: tuple[tuple[str, str], ...] = ()

    def __init__(self, jobs: int = 0):
        self.jobs = jobs or os.cpu_count() or 1  # 0: one worker per core

    def run(self, work: list[ClipJob], resources, progress) -> Iterator[ClipOutcome]:
        if self.jobs <= 1 or len(work) <= 1:
            for job in work:
                yield run_clip(job, FrameCounter(progress.frames).add)
            return
        tries = dict.fromkeys(range(len(work)), 0)
        clean, suspects = list(range(len(work))), []
        while clean or suspects:
            # after a crash, the jobs that were running go one at a time: the next crash
            # then names its clip, and the others are not blamed for it
            batch, width = (suspects, 1) if suspects else (clean, self.jobs)
            if suspects:
                suspects = []
            else:
                clean = []
            unfinished: list[int] = []
            started: set[int] = set()
            yield from self._round(work, batch, width, progress, unfinished, started)
            blamed = {n for n in unfinished if n in started} or set(unfinished)
            for n in unfinished:
                if n not in blamed:
                    clean.append(n)
                    continue
                tries[n] += 1
                if tries[n] >= ATTEMPTS:
                    yield ClipOutcome(work[n].clip, error=f"{work[n].clip.path}: the worker "
                                      f"analysing it died, {ATTEMPTS} times; left out")  # fmt: skip
                else:
                    suspects.append(n)

    def _round(self, work, todo: list[int], width: int, progress, unfinished: list[int],
               started: set[int]) -> Iterator[ClipOutcome]:  # fmt: skip
        """Run ``todo`` in one pool; the jobs a broken pool did not finish go into
        ``unfinished``, those its workers had begun into ``started``."""
        context = multiprocessing.get_context("forkserver")
        queue = context.SimpleQueue()  # written at once, no feeder thread: a worker that
        # dies right after saying it started a job has said it
        with ProcessPoolExecutor(max_workers=min(width, len(todo)), mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(queue, os.getpid())) as pool:  # fmt: skip
            pending = {pool.submit(_run_numbered, n, work[n]): n for n in todo}
            while pending:
                finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                _drain(queue, progress, started)
                for future in finished:
                    n = pending.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        unfinished.append(n)
        _drain(queue, progress, started)


_worker_queue = None


def _init_worker(queue, parent: int) -> None:
    global _worker_queue
    _worker_queue = queue
    threading.Thread(target=_die_with, args=(parent,), daemon=True).start()


def _run_numbered(n: int, job: ClipJob) -> ClipOutcome:
    _worker_queue.put(("started", n))
    return run_clip(job, FrameCounter(_worker_queue.put).add)


def _die_with(parent: int) -> None:
    """A worker whose parent was killed (kill -9 gives it no chance to stop the pool)
    ends itself rather than hold a gigabyte of decoders and models for nobody."""
    while alive(parent):
        time.sleep(0.5)
    os._exit(1)


def _drain(queue, progress, started: set[int]) -> None:
    while not queue.empty():
        message = queue.get()
        if isinstance(message, tuple):
            started.add(message[1])
        else:
            progress.frames(message)
