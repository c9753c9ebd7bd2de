"""The Ray executor: one task per clip on a Ray cluster, for shoots one machine cannot
analyse overnight. Needs the ``rushes[ray]`` extra; Ray is imported only here.

Each task asks for the cores, GPU share (only when the cluster has GPUs) and memory the
clip's analyzers declare, so Ray places speech on GPU nodes when there are some. A worker
reads the media through the cluster's path map (``[cluster] paths``) and sends its result
files back: the driver alone writes the cache and the catalog, so no shared storage is
needed for results, and no worker touches another's scratch. A worker or node lost
mid-clip is retried by Ray (``ATTEMPTS`` in all), then the clip is reported failed in one
line and the batch goes on. Models load once per worker process (they are cached there).
"""

from __future__ import annotations

from collections.abc import Iterator

from rushes.analysis.executors import ATTEMPTS, needs
from rushes.analysis.runner import ClipJob, ClipOutcome, FrameCounter, run_clip
from rushes.errors import BadInput


class RayCluster:
    ships = True

    def __init__(self, address: str | None, paths: dict[str, str] | None = None):
        self.address = address or None
        self.paths = tuple(sorted((paths or {}).items(), key=lambda p: -len(p[0])))

    def run(self, work: list[ClipJob], resources, progress) -> Iterator[ClipOutcome]:
        if not work:
            return
        ray = _ray()
        started_here = not ray.is_initialized()
        if started_here:
            try:
                ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                         configure_logging=False)  # fmt: skip
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise BadInput(f"Ray at {self.address or 'a new local cluster'}: {exc}") from None
        try:
            yield from self._run(ray, work, resources, progress)
        finally:
            if started_here:
                ray.shutdown()

    def _run(self, ray, work, resources, progress) -> Iterator[ClipOutcome]:
        from ray.util.queue import Queue
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        here = NodeAffinitySchedulingStrategy(ray.get_runtime_context().get_node_id(), soft=True)
        frames = Queue(actor_options={"num_cpus": 0, "scheduling_strategy": here})
        has_gpus = ray.cluster_resources().get("GPU", 0) > 0
        task = ray.remote(_analyze_clip)
        pending = {}
        for job in work:
            need = needs(job, resources)
            options = {"num_cpus": need.cpus, "max_retries": ATTEMPTS - 1}
            if has_gpus and need.gpus:
                options["num_gpus"] = need.gpus
            if need.memory:
                options["memory"] = need.memory
            pending[task.options(**options).remote(job, frames)] = job
        try:
            while pending:
                done, _ = ray.wait(list(pending), num_returns=1, timeout=0.2)
                _drain(frames, progress)
                for ref in done:
                    job = pending.pop(ref)
                    try:
                        yield ray.get(ref)
                    except ray.exceptions.RayError as exc:
                        why = type(exc).__name__
                        yield ClipOutcome(job.clip, error=f"{job.clip.path}: the worker "
                                          f"analysing it was lost ({why}), {ATTEMPTS} times; "
                                          "left out")  # fmt: skip
            _drain(frames, progress)
        finally:
            for ref in pending:
                ray.cancel(ref, force=True)
            ray.kill(frames.actor, no_restart=True)


def _analyze_clip(job: ClipJob, frames) -> ClipOutcome:
    """One clip, in a Ray worker."""

    def tell(count: int) -> None:
        try:
            frames.put_nowait(count)
        except Exception:  # noqa: BLE001 - progress is best effort, the result is not
            pass

    return run_clip(job, FrameCounter(tell).add)


def _drain(frames, progress) -> None:
    """The frames workers decoded since last time, onto the driver's bar (best effort)."""
    try:
        while not frames.empty():
            progress.frames(frames.get_nowait())
    except Exception:  # noqa: BLE001 - an empty race, or the queue's node gone
        return


def _ray():
    try:
        import ray
    except ImportError:
        raise BadInput("the ray executor needs its extra: pip install 'rushes[ray]'") from None
    return ray
