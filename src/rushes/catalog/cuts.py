"""The cut as the user left it: how ``rushes cut`` last made it (script, target, handles,
folder) and what the user changed per scene in ``rushes review`` (order, dropped, another
take, another in and out). ``rushes cut`` and the review page both apply these, so they
always show the same cut.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from rushes.catalog.database import Database, now


@dataclass(frozen=True)
class SceneEdit:
    """The user's changes to one scene of the cut; None fields are left to the tool."""

    scene: int
    heading: str
    position: float | None = None
    dropped: bool = False
    take: str | None = None  # clip fingerprint
    take_part: int | None = None
    start: float | None = None
    end: float | None = None


class CutStore:
    def __init__(self, db: Database):
        self.db = db

    def remember(self, **settings: Any) -> None:
        """Record how the cut was made (JSON values), so the review page can remake it."""
        with self.db.transaction():
            self.db.executemany("INSERT OR REPLACE INTO cut_settings VALUES (?, ?)",
                                [(k, json.dumps(v)) for k, v in settings.items()])  # fmt: skip

    def settings(self) -> dict[str, Any]:
        rows = self.db.execute("SELECT key, value FROM cut_settings").fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def edits(self) -> dict[int, SceneEdit]:
        rows = self.db.execute("SELECT * FROM scene_edits ORDER BY scene").fetchall()
        return {
            r["scene"]: SceneEdit(
                r["scene"],
                r["heading"],
                r["position"],
                bool(r["dropped"]),
                r["take"],
                r["take_part"],
                r["start_seconds"],
                r["end_seconds"],
            )  # fmt: skip
            for r in rows
        }

    def edit(self, scene: int, heading: str, **changes: Any) -> SceneEdit:
        """Change some fields of a scene's edit (``start``/``end``, ``take``/``take_part``,
        ``position``, ``dropped``); the others stay as they were."""
        with self.db.transaction():
            old = self.edits().get(scene)
            if old is not None and old.heading != heading:
                old = None  # the script changed under it: what was said of that scene goes
            fields = dict(old.__dict__) if old else {"scene": scene}
            fields.update(changes, heading=heading)
            edit = SceneEdit(**fields)
            self.db.execute(
                "INSERT OR REPLACE INTO scene_edits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (edit.scene, edit.heading, edit.position, int(edit.dropped), edit.take,
                 edit.take_part, edit.start, edit.end, now()),
            )  # fmt: skip
        return edit

    def reset(self, scene: int | None = None) -> None:
        """Give one scene (or every scene) back to the tool's choice."""
        with self.db.transaction():
            if scene is None:
                self.db.execute("DELETE FROM scene_edits")
            else:
                self.db.execute("DELETE FROM scene_edits WHERE scene = ?", (scene,))
