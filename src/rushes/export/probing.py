"""A file a cut names, probed, or one line saying why it cannot be used.

Every export of a cut reads its timeline again and names each source once per edit (and
alternates): probed once per file as it is now (path, size, modification time), not once
per mention (520 probes of 20 files, a third of `rushes cut` after the analysis, at 1080p).
"""

from __future__ import annotations

import functools
from pathlib import Path

from rushes.errors import BadInput
from rushes.media import NotMedia, probe
from rushes.media.records import Probe


def probed(path: Path, what: str) -> Probe:
    """``what`` names the kind of file in the message: "media file", "sound file"."""
    try:
        stat = path.stat()
    except OSError:
        raise BadInput(f"{path}: {what} not found (moved, renamed or offline?)") from None
    try:
        return _probe(path, stat.st_size, stat.st_mtime_ns)
    except NotMedia as exc:
        raise BadInput(f"{path}: {exc}") from None


@functools.lru_cache(maxsize=4096)
def _probe(path: Path, size: int, modified: int) -> Probe:
    """``probe`` of the file as it was at ``size`` and ``modified`` (the cache key)."""
    return probe(path)
