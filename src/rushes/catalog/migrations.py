"""Numbered schema migrations, applied in order when a catalog is opened.

The schema number lives in SQLite's ``user_version``. Never edit a migration that has
shipped: add the next one. A catalog from an older rushes opens and upgrades; one from a
newer rushes is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from rushes.errors import BadInput


@dataclass(frozen=True)
class Migration:
    number: int
    what: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "clips, their audio streams, sidecars, and files that could not be read",
        """
        CREATE TABLE clips (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            added_at TEXT NOT NULL,
            container TEXT NOT NULL,
            duration TEXT NOT NULL,          -- exact seconds, "num/den"
            video_codec TEXT,
            video_profile TEXT,
            width INTEGER,
            height INTEGER,
            pixel_aspect TEXT,               -- "num/den"
            pix_fmt TEXT,
            frame_rate TEXT,                 -- "num/den"
            vfr INTEGER NOT NULL DEFAULT 0,
            frame_count INTEGER,
            start_timecode TEXT,
            timecode_source TEXT,
            creation_time TEXT,
            camera_make TEXT,
            camera_model TEXT
        );
        CREATE TABLE audio_streams (
            clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
            stream_index INTEGER NOT NULL,
            codec TEXT NOT NULL,
            sample_rate INTEGER NOT NULL,
            channels INTEGER NOT NULL,
            layout TEXT,
            PRIMARY KEY (clip_id, stream_index)
        );
        CREATE TABLE sidecars (
            path TEXT PRIMARY KEY,
            clip_id INTEGER NOT NULL REFERENCES clips(id) ON DELETE CASCADE
        );
        CREATE TABLE unreadable (
            path TEXT PRIMARY KEY,
            size INTEGER,
            mtime_ns INTEGER,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "analysis results keyed by clip fingerprint and analyzer version",
        """
        CREATE TABLE analyses (
            fingerprint TEXT NOT NULL
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            analyzer TEXT NOT NULL,
            version INTEGER NOT NULL,
            summary TEXT NOT NULL,           -- JSON
            finished_at TEXT NOT NULL,
            PRIMARY KEY (fingerprint, analyzer, version)
        );
        """,
    ),
    Migration(
        3,
        "transcripts: words with times per clip and model; full-text index of their segments",
        """
        CREATE TABLE transcripts (
            fingerprint TEXT NOT NULL
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            model TEXT NOT NULL,
            language TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (fingerprint, model)
        );
        CREATE TABLE words (
            fingerprint TEXT NOT NULL,
            model TEXT NOT NULL,
            idx INTEGER NOT NULL,
            start_ms INTEGER NOT NULL,       -- clip-relative, exact: Fraction(start_ms, 1000)
            end_ms INTEGER NOT NULL,
            text TEXT NOT NULL,
            probability REAL,
            segment INTEGER NOT NULL,
            speaker INTEGER,
            PRIMARY KEY (fingerprint, model, idx),
            FOREIGN KEY (fingerprint, model) REFERENCES transcripts(fingerprint, model)
                ON UPDATE CASCADE ON DELETE CASCADE
        );
        CREATE VIRTUAL TABLE segment_text USING fts5(
            text, sounds, fingerprint UNINDEXED, model UNINDEXED,
            first_word UNINDEXED, last_word UNINDEXED
        );
        """,
    ),
    Migration(
        4,
        "dual-system sound: each camera clip's sync status and its matches in recorder files",
        """
        CREATE TABLE sync_status (
            camera TEXT PRIMARY KEY
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            status TEXT NOT NULL,            -- synced, ambiguous, none
            reason TEXT,
            synced_at TEXT NOT NULL
        );
        CREATE TABLE sync_matches (
            camera TEXT NOT NULL REFERENCES sync_status(camera) ON DELETE CASCADE,
            sound TEXT NOT NULL
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            offset_seconds REAL NOT NULL,    -- time in the sound file at the camera's first frame
            offset_samples INTEGER NOT NULL,
            sample_rate INTEGER NOT NULL,
            drift_ppm REAL NOT NULL,
            confidence REAL NOT NULL,
            PRIMARY KEY (camera, sound)
        );
        """,
    ),
    Migration(
        5,
        "the user's choices: a rating per clip and selected ranges",
        """
        CREATE TABLE ratings (
            fingerprint TEXT PRIMARY KEY
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            rated_at TEXT NOT NULL
        );
        CREATE TABLE selects (
            fingerprint TEXT NOT NULL
                REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE CASCADE,
            start_seconds REAL NOT NULL,
            end_seconds REAL NOT NULL,
            selected_at TEXT NOT NULL,
            PRIMARY KEY (fingerprint, start_seconds)
        );
        """,
    ),
    Migration(
        6,
        "the cut as the user left it: how it was made, and per scene its order, take and range",
        """
        CREATE TABLE cut_settings (
            key TEXT PRIMARY KEY,            -- script, target, handles, out, name
            value TEXT NOT NULL              -- JSON
        );
        CREATE TABLE scene_edits (
            scene INTEGER PRIMARY KEY,       -- index of the scene in the screenplay
            heading TEXT NOT NULL,           -- the scene's heading then: a changed script voids it
            position REAL,                   -- place in the cut, NULL: script order
            dropped INTEGER NOT NULL DEFAULT 0,
            take TEXT REFERENCES clips(fingerprint) ON UPDATE CASCADE ON DELETE SET NULL,
            take_part INTEGER,               -- which performance of that clip
            start_seconds REAL,              -- the user's in and out in the take's clip
            end_seconds REAL,
            changed_at TEXT NOT NULL
        );
        """,
    ),
)

LATEST = MIGRATIONS[-1].number


def migrate(conn: sqlite3.Connection, path: str, upto: int = LATEST) -> int:
    """Apply every migration above the catalog's version, each in its own transaction."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > LATEST:
        raise BadInput(
            f"{path}: catalog schema {current} is newer than this rushes understands "
            f"({LATEST}); upgrade rushes"
        )
    for migration in MIGRATIONS:
        if current < migration.number <= upto:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in migration.sql.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {migration.number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            current = migration.number
    return current
