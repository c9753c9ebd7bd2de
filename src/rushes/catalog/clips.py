"""Queries on clips, their sidecars, and files recorded as unreadable.

>>> store = ClipStore(db)
>>> clip = store.by_fingerprint("9f2c...")
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from rushes.catalog.database import Database, now
from rushes.catalog.records import Clip, Unreadable
from rushes.media.records import AudioStream, Probe

_PROBE_COLUMNS = (
    "container", "duration", "video_codec", "video_profile", "width", "height",
    "pixel_aspect", "pix_fmt", "frame_rate", "vfr", "frame_count", "start_timecode",
    "timecode_source", "creation_time", "camera_make", "camera_model",
)  # fmt: skip
_FRACTIONS = {"duration", "pixel_aspect", "frame_rate"}


def _to_row(probe: Probe) -> list:
    values = []
    for column in _PROBE_COLUMNS:
        value = getattr(probe, column)
        if column in _FRACTIONS and value is not None:
            value = f"{value.numerator}/{value.denominator}"
        elif column == "vfr":
            value = int(value)
        values.append(value)
    return values


class ClipStore:
    """Reads and writes of the ``clips``, ``audio_streams``, ``sidecars`` and ``unreadable``
    tables."""

    def __init__(self, db: Database):
        self.db = db

    # -- reads -----------------------------------------------------------------------
    def _clip(self, row) -> Clip:
        fields = {c: row[c] for c in _PROBE_COLUMNS}
        for column in _FRACTIONS:
            if fields[column] is not None:
                fields[column] = Fraction(fields[column])
        fields["vfr"] = bool(fields["vfr"])
        audio = tuple(
            AudioStream(r["stream_index"], r["codec"], r["sample_rate"], r["channels"], r["layout"])
            for r in self.db.execute(
                "SELECT * FROM audio_streams WHERE clip_id = ? ORDER BY stream_index", (row["id"],)
            )
        )
        sidecars = tuple(
            Path(r["path"])
            for r in self.db.execute(
                "SELECT path FROM sidecars WHERE clip_id = ? ORDER BY path", (row["id"],)
            )
        )
        return Clip(
            id=row["id"],
            fingerprint=row["fingerprint"],
            path=Path(row["path"]),
            size=row["size"],
            mtime_ns=row["mtime_ns"],
            added_at=row["added_at"],
            probe=Probe(**fields, audio=audio),
            sidecars=sidecars,
        )

    def all(self) -> list[Clip]:
        rows = self.db.execute("SELECT * FROM clips ORDER BY path").fetchall()
        return [self._clip(r) for r in rows]

    def by_fingerprint(self, fingerprint: str) -> Clip | None:
        row = self.db.execute(
            "SELECT * FROM clips WHERE fingerprint = ?", (fingerprint,)
        ).fetchone()
        return self._clip(row) if row else None

    def by_path(self, path: Path) -> Clip | None:
        row = self.db.execute("SELECT * FROM clips WHERE path = ?", (str(path),)).fetchone()
        return self._clip(row) if row else None

    def matching(self, text: str) -> list[Clip]:
        """Clips whose path, file name or fingerprint prefix is ``text`` (for ``info CLIP``)."""
        rows = self.db.execute(
            "SELECT * FROM clips WHERE path = ? OR path LIKE ? ESCAPE '\\' OR fingerprint LIKE ?"
            " ORDER BY path",
            (text, "%/" + _escape_like(text), _escape_like(text) + "%"),
        ).fetchall()
        return [self._clip(r) for r in rows]

    def unreadable(self) -> list[Unreadable]:
        rows = self.db.execute("SELECT * FROM unreadable ORDER BY path").fetchall()
        return [Unreadable(Path(r["path"]), r["reason"], r["size"], r["mtime_ns"]) for r in rows]

    # -- writes ----------------------------------------------------------------------
    def insert(self, fingerprint: str, path: Path, size: int, mtime_ns: int, probe: Probe) -> Clip:
        with self.db.transaction():
            cursor = self.db.execute(
                f"INSERT INTO clips (fingerprint, path, size, mtime_ns, added_at, "
                f"{', '.join(_PROBE_COLUMNS)}) VALUES (?, ?, ?, ?, ?"
                f"{', ?' * len(_PROBE_COLUMNS)})",
                [fingerprint, str(path), size, mtime_ns, now(), *_to_row(probe)],
            )
            clip_id = cursor.lastrowid
            self.db.conn.executemany(
                "INSERT INTO audio_streams VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (clip_id, a.index, a.codec, a.sample_rate, a.channels, a.layout)
                    for a in probe.audio
                ],
            )
            self.db.execute("DELETE FROM unreadable WHERE path = ?", (str(path),))
        return self.by_fingerprint(fingerprint)

    def move(self, clip: Clip, path: Path, size: int, mtime_ns: int) -> Clip:
        """The same content found at a new path: the clip (and its results) follow it."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE clips SET path = ?, size = ?, mtime_ns = ? WHERE id = ?",
                (str(path), size, mtime_ns, clip.id),
            )
            self.db.execute("DELETE FROM unreadable WHERE path = ?", (str(path),))
        return self.by_fingerprint(clip.fingerprint)

    def touch(self, clip: Clip, size: int, mtime_ns: int) -> None:
        """Same path, same content, new modification time (a copy tool reset it)."""
        with self.db.transaction():
            self.db.execute(
                "UPDATE clips SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, clip.id)
            )

    def remove(self, clip: Clip) -> None:
        """Forget a clip (its content changed under the same path); results cascade."""
        with self.db.transaction():
            self.db.execute("DELETE FROM clips WHERE id = ?", (clip.id,))

    def attach_sidecar(self, clip: Clip, path: Path) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO sidecars (path, clip_id) VALUES (?, ?)",
                (str(path), clip.id),
            )

    def mark_unreadable(self, item: Unreadable) -> None:
        with self.db.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO unreadable VALUES (?, ?, ?, ?, ?)",
                (str(item.path), item.size, item.mtime_ns, item.reason, now()),
            )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
