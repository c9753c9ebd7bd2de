"""The project catalog: one SQLite file, the only place rushes writes SQL.

>>> catalog = Catalog.open(project.catalog_path)
>>> [clip.name for clip in catalog.clips.all()]
['A001C001.mov', 'A001C002.mov']
"""

from __future__ import annotations

from pathlib import Path

from rushes.catalog.analyses import AnalysisStore
from rushes.catalog.choices import ChoiceStore
from rushes.catalog.clips import ClipStore
from rushes.catalog.cuts import CutStore, SceneEdit
from rushes.catalog.database import Database
from rushes.catalog.migrations import LATEST
from rushes.catalog.records import (
    AnalysisResult,
    Clip,
    SearchHit,
    Transcript,
    Unreadable,
    Word,
)  # fmt: skip
from rushes.catalog.syncs import SoundMatch, SyncResult, SyncStore
from rushes.catalog.transcripts import TranscriptStore

__all__ = [
    "LATEST", "AnalysisResult", "Catalog", "Clip", "Database", "SceneEdit", "SearchHit",
    "SoundMatch", "SyncResult", "Transcript", "Unreadable", "Word",
]  # fmt: skip


class Catalog:
    """The database and the stores over its tables."""

    def __init__(self, db: Database):
        self.db = db
        self.clips = ClipStore(db)
        self.analyses = AnalysisStore(db)
        self.transcripts = TranscriptStore(db)
        self.syncs = SyncStore(db)
        self.choices = ChoiceStore(db)
        self.cuts = CutStore(db)

    @classmethod
    def open(cls, path: Path, upto: int = LATEST) -> Catalog:
        return cls(Database.open(path, upto))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
