"""A catalog from an older rushes opens and upgrades; one from a newer rushes is refused."""

import sqlite3

import pytest

from rushes.catalog import LATEST, Catalog, Database
from rushes.errors import BadInput


def test_new_catalog_is_wal_with_foreign_keys_at_the_latest_schema(tmp_path):
    with Catalog.open(tmp_path / "c.sqlite") as catalog:
        assert catalog.db.schema_version == LATEST
        assert catalog.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert catalog.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_older_catalog_upgrades_and_keeps_its_clips(tmp_path):
    path = tmp_path / "c.sqlite"
    old = Database.open(path, upto=1)
    old.execute(
        "INSERT INTO clips (fingerprint, path, size, mtime_ns, added_at, container, duration)"
        " VALUES ('abc', '/m/a.mov', 10, 1, 'then', 'mov', '2/1')"
    )
    old.close()
    with Catalog.open(path) as catalog:
        assert catalog.db.schema_version == LATEST
        clip = catalog.clips.by_fingerprint("abc")
        assert str(clip.path) == "/m/a.mov" and clip.probe.duration == 2
        catalog.analyses.record("abc", "thumbnails", 1, {"frames": 3})
        assert catalog.analyses.done("abc") == {("thumbnails", 1)}


def test_catalog_from_a_newer_rushes_is_refused_untouched(tmp_path):
    path = tmp_path / "c.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(BadInput, match="newer than this rushes"):
        Catalog.open(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == LATEST + 1


def test_removing_a_clip_removes_its_results(tmp_path):
    with Catalog.open(tmp_path / "c.sqlite") as catalog:
        catalog.db.execute(
            "INSERT INTO clips (fingerprint, path, size, mtime_ns, added_at, container, duration)"
            " VALUES ('abc', '/m/a.mov', 10, 1, 'then', 'mov', '2/1')"
        )
        catalog.analyses.record("abc", "thumbnails", 1, {})
        catalog.clips.remove(catalog.clips.by_fingerprint("abc"))
        assert catalog.analyses.for_clip("abc") == []
