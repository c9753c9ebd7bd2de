"""The user's own choices, which always win over the tool's: ratings and selects."""

from __future__ import annotations

from rushes.catalog.database import Database, now


class ChoiceStore:
    def __init__(self, db: Database):
        self.db = db

    def rate(self, fingerprint: str, rating: int) -> None:
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO ratings VALUES (?, ?, ?)",
                            (fingerprint, rating, now()))  # fmt: skip

    def rating(self, fingerprint: str) -> int | None:
        row = self.db.execute("SELECT rating FROM ratings WHERE fingerprint = ?",
                              (fingerprint,)).fetchone()  # fmt: skip
        return row["rating"] if row else None

    def select(self, fingerprint: str, start: float, end: float) -> None:
        with self.db.transaction():
            self.db.execute("INSERT OR REPLACE INTO selects VALUES (?, ?, ?, ?)",
                            (fingerprint, start, end, now()))  # fmt: skip

    def selects(self, fingerprint: str) -> list[tuple[float, float]]:
        rows = self.db.execute(
            "SELECT start_seconds, end_seconds FROM selects WHERE fingerprint = ? "
            "ORDER BY start_seconds", (fingerprint,))  # fmt: skip
        return [(r["start_seconds"], r["end_seconds"]) for r in rows]

    def unselect(self, fingerprint: str) -> None:
        """Forget the clip's selected ranges (new marks replace them)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM selects WHERE fingerprint = ?", (fingerprint,))
