"""Queries on analysis results, keyed by clip fingerprint, analyzer name and version.

A row exists only once the analyzer's cache files are complete (the runner writes files
first, then the row), so a row is proof of a finished result.
"""

from __future__ import annotations

import json

from rushes.catalog.database import Database, now
from rushes.catalog.records import AnalysisResult


class AnalysisStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self, fingerprint: str, analyzer: str, version: int) -> AnalysisResult | None:
        row = self.db.execute(
            "SELECT * FROM analyses WHERE fingerprint = ? AND analyzer = ? AND version = ?",
            (fingerprint, analyzer, version),
        ).fetchone()
        return self._result(row) if row else None

    def for_clip(self, fingerprint: str) -> list[AnalysisResult]:
        rows = self.db.execute(
            "SELECT * FROM analyses WHERE fingerprint = ? ORDER BY analyzer, version",
            (fingerprint,),
        ).fetchall()
        return [self._result(r) for r in rows]

    def done(self, fingerprint: str) -> set[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT analyzer, version FROM analyses WHERE fingerprint = ?", (fingerprint,)
        )
        return {(r["analyzer"], r["version"]) for r in rows}

    def record(self, fingerprint: str, analyzer: str, version: int, summary: dict) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?, ?)",
                (fingerprint, analyzer, version, json.dumps(summary, sort_keys=True), now()),
            )

    @staticmethod
    def _result(row) -> AnalysisResult:
        return AnalysisResult(
            row["fingerprint"],
            row["analyzer"],
            row["version"],
            json.loads(row["summary"]),
            row["finished_at"],
        )
