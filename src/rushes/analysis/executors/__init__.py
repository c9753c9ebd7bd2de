"""Where clips are analysed: the local process pool (the default, for a laptop) or a Ray
cluster (``[analyze] executor = "ray"``, extra ``rushes[ray]``, imported only when used).

An executor takes the clips' jobs and the analyzers' declared resources, and yields each
clip's outcome as it finishes; a worker that dies mid-clip is retried a bounded number of
times, then that clip alone is reported failed. Results do not depend on the executor.

>>> for outcome in LocalPool(jobs=2).run(work, resources, progress): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from rushes.analysis.base import Resources
from rushes.errors import BadInput

if TYPE_CHECKING:
    from rushes.analysis.runner import ClipJob, ClipOutcome, Progress

ATTEMPTS = 3  # a clip whose worker dies this often is reported failed


class Executor(Protocol):
    ships: bool  # results come back in the outcomes (no shared storage)
    paths: tuple[tuple[str, str], ...]  # the driver's folders as the workers see them

    def run(self, work: list[ClipJob], resources: dict[str, Resources],
            progress: Progress) -> Iterator[ClipOutcome]: ...  # fmt: skip


def needs(job: ClipJob, resources: dict[str, Resources]) -> Resources:
    """What one clip's job needs: the most of each analyzer it runs (they run in turn)."""
    wanted = [resources[name] for name in job.analyzers if name in resources]
    return Resources(max((r.cpus for r in wanted), default=1.0),
                     max((r.gpus for r in wanted), default=0.0),
                     max((r.memory for r in wanted), default=0))  # fmt: skip


def executor_for(name: str, jobs: int, address: str | None, paths: dict[str, str]) -> Executor:
    """The executor a setting or an option names."""
    if name == "local":
        from rushes.analysis.executors.local import LocalPool

        return LocalPool(jobs)
    if name == "ray":
        from rushes.analysis.executors.ray import RayCluster

        return RayCluster(address, paths)
    raise BadInput(f"executor {name!r}: local or ray")


def from_settings(settings, jobs: int | None = None, name: str | None = None,
                  address: str | None = None) -> Executor:  # fmt: skip
    """The executor the command line names, else ``rushes.toml``'s ``[analyze] executor``
    and ``address`` and ``[cluster] paths``; the local pool by default."""
    name = name or settings.get("analyze", "executor", "local")
    address = address or settings.get("analyze", "address", "") or None
    paths = settings.get("cluster", "paths", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in paths.items()):
        raise BadInput('rushes.toml: [cluster] paths maps folders to folders: '
                       '{"/Volumes/RAID" = "/mnt/raid"}')  # fmt: skip
    jobs = settings.get("analyze", "jobs", 0) if jobs is None else jobs
    return executor_for(name, jobs, address, paths)
