"""``rushes verify``: re-hash a destination against its ASC MHL history.

Read-only: it lists the files that are missing, changed (hash differs) or extra (present
but in no manifest), and writes nothing.

>>> [r.ok for r in verify(Path("/Backup1/A001"))]
[True]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rushes.errors import BadInput
from rushes.offload import mhl
from rushes.offload.hashing import hash_file


@dataclass
class VerifyReport:
    root: Path
    verified: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.extra)


def histories(dest: Path) -> list[Path]:
    """``dest`` itself if it holds a history, else its sub-folders that do."""
    if not dest.is_dir():
        raise BadInput(f"{dest}: not a folder")
    if mhl.has_history(dest):
        return [dest]
    found = sorted(p for p in dest.iterdir() if p.is_dir() and mhl.has_history(p))
    if not found:
        raise BadInput(f"{dest}: no ASC MHL history here (no ascmhl folder)")
    return found


def verify(dest: Path, on_bytes: Callable[[int], None] | None = None) -> list[VerifyReport]:
    reports = []
    for root in histories(dest.resolve()):
        report = VerifyReport(root)
        records = mhl.recorded(root)
        skip = mhl.ignored(root)
        for relative in sorted(records):
            record = records[relative]
            path = root / relative
            if not path.is_file():
                report.missing.append(relative)
            elif hash_file(path, record.hash_format, on_bytes) != record.hash:
                report.changed.append(relative)
            else:
                report.verified.append(relative)
        for folder, dirs, files in os.walk(root):
            dirs[:] = [
                d for d in dirs if not skip(Path(folder, d).relative_to(root).as_posix() + "/")
            ]
            for name in files:
                relative = Path(folder, name).relative_to(root).as_posix()
                if relative not in records and not skip(relative):
                    report.extra.append(relative)
        report.extra.sort()
        reports.append(report)
    return reports
