"""The SQLite connection: WAL, foreign keys, migrations on open, explicit transactions.

One writer (the main process) and any number of readers; analysis workers never write
the catalog, they hand results back to the process that does.

>>> db = Database.open(Path("shoot/.rushes/catalog.sqlite"))
>>> with db.transaction():
...     db.execute("UPDATE clips SET path = ? WHERE id = ?", ("/new/a.mov", 1))
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rushes.catalog.migrations import LATEST, migrate
from rushes.errors import BadInput


def now() -> str:
    """UTC time stamp for ``added_at`` and friends."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """A connection in autocommit mode; writes go through :meth:`transaction`."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._depth = 0

    @classmethod
    def open(cls, path: Path, upto: int = LATEST) -> Database:
        """Open (creating if needed) and upgrade to schema ``upto`` (tests pin older ones)."""
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, str(path), upto)
        except sqlite3.DatabaseError as exc:
            raise BadInput(f"{path}: cannot open catalog: {exc}") from None
        return cls(conn, path)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def close(self) -> None:
        self.conn.close()
