"""Where an analyzer's dense signals live in the cache, and how they get there whole.

``cache/<fp[:2]>/<fingerprint>/<analyzer>-v<version>/``. A worker fills a private
``.tmp-`` folder and renames it into place; the catalog row is written only after that,
so a folder without a row is an interrupted run (redone), and a row always has its files.

>>> result_folder(project.cache_dir, clip.fingerprint, "thumbnails", 1) / "poster.jpg"
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

from rushes.processes import alive


def result_folder(cache_dir: Path, fingerprint: str, analyzer: str, version: int) -> Path:
    return cache_dir / fingerprint[:2] / fingerprint / f"{analyzer}-v{version}"


def scratch_folder(final: Path) -> Path:
    """An empty private folder beside ``final`` for one worker to write into. Its name is
    unique to this host and process; what a killed run of this host left half-written is
    removed first, never a folder another running process (or another node) is filling."""
    final.parent.mkdir(parents=True, exist_ok=True)
    host = _host()
    for stale in final.parent.glob(f".tmp-{final.name}-{host}-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    scratch = final.with_name(f".tmp-{final.name}-{host}-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)  # this pid's own, from a run long gone
    scratch.mkdir()
    return scratch


def _host() -> str:
    return "".join(c if c.isalnum() else "_" for c in socket.gethostname()) or "host"


def publish(scratch: Path, final: Path) -> None:
    """Move a finished scratch folder into place, replacing what an interrupted run left."""
    for path in scratch.iterdir():
        with open(path, "rb") as f:
            os.fsync(f.fileno())
    if final.exists():
        shutil.rmtree(final)
    os.rename(scratch, final)


def publish_files(cache_dir: Path, fingerprint: str, analyzer: str, version: int,
                  files: dict[str, bytes]) -> Path:  # fmt: skip
    """Put a result a worker elsewhere sent back (no shared storage) into the cache."""
    final = result_folder(cache_dir, fingerprint, analyzer, version)
    scratch = scratch_folder(final)
    for name, data in files.items():
        (scratch / Path(name).name).write_bytes(data)
    publish(scratch, final)
    return final
