"""The resume journal: files verified on a destination but not yet in its ASC MHL.

One JSON line per verified file, appended and fsynced, in ``<target>/.rushes-offload/``.
An offload killed at any moment leaves it telling exactly what is already safe; the next
run writes those files into the manifest with the rest, then empties it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from rushes.offload.mhl import Record

FOLDER = ".rushes-offload"


class Journal:
    def __init__(self, target: Path):
        self.folder = target / FOLDER
        self.path = self.folder / "verified.jsonl"

    def load(self) -> dict[str, Record]:
        records: dict[str, Record] = {}
        if not self.path.exists():
            return records
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a kill: that file is simply redone
            records[data["path"]] = Record(**data)
        return records

    def append(self, record: Record) -> None:
        self.folder.mkdir(exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record.__dict__) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
