"""Making what was written survive a power cut: fsync a file or a folder by its path (a
folder's fsync makes a rename or a link in it durable).

>>> fsync_path(Path("/Backup/A001/ascmhl"))
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
