"""Sync results: per camera clip a status, and the recorder files matched with offsets."""

from __future__ import annotations

from dataclasses import dataclass

from rushes.catalog.database import Database, now


@dataclass(frozen=True)
class SoundMatch:
    sound: str  # the recorder file's clip fingerprint
    offset_seconds: float
    offset_samples: int
    sample_rate: int
    drift_ppm: float
    confidence: float


@dataclass(frozen=True)
class SyncResult:
    camera: str
    status: str  # synced, ambiguous, none
    reason: str | None
    matches: tuple[SoundMatch, ...]


class SyncStore:
    def __init__(self, db: Database):
        self.db = db

    def replace(self, result: SyncResult) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM sync_status WHERE camera = ?", (result.camera,))
            self.db.execute("INSERT INTO sync_status VALUES (?, ?, ?, ?)",
                            (result.camera, result.status, result.reason, now()))  # fmt: skip
            self.db.executemany(
                "INSERT INTO sync_matches VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(result.camera, m.sound, m.offset_seconds, m.offset_samples, m.sample_rate,
                  m.drift_ppm, m.confidence) for m in result.matches],
            )  # fmt: skip

    def get(self, camera: str) -> SyncResult | None:
        row = self.db.execute("SELECT * FROM sync_status WHERE camera = ?", (camera,)).fetchone()
        if row is None:
            return None
        matches = tuple(
            SoundMatch(r["sound"], r["offset_seconds"], r["offset_samples"], r["sample_rate"],
                       r["drift_ppm"], r["confidence"])
            for r in self.db.execute(
                "SELECT * FROM sync_matches WHERE camera = ? ORDER BY confidence DESC", (camera,))
        )  # fmt: skip
        return SyncResult(camera, row["status"], row["reason"], matches)
