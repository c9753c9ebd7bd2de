"""What the review pages show, read from the catalog, and the changes they make to it.

Every request opens its own connection (SQLite in WAL mode: readers never wait for
``rushes analyze`` writing, and see its results as each clip is recorded). The cut is
remade from the catalog with the same functions as ``rushes cut``, from the screenplay,
target and handles that ``rushes cut`` remembered; the takes are kept while the catalog
does not change, so a click on the cut page does not score every take again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rushes.analysis import result_folder
from rushes.analysis.proxy import FILE as PROXY_FILE
from rushes.analysis.speech.lookup import transcript_of
from rushes.catalog import Catalog, Clip
from rushes.edit.assemble import Assembly, assemble
from rushes.edit.takes import Take
from rushes.errors import BadInput
from rushes.media.proxy import browser_plays
from rushes.project import Project
from rushes.script import Screenplay

PROBLEMS = ("warning", "error")  # severities a clip is filtered by
# what the scored takes are made of (the user's scene edits are applied after scoring)
TAKE_TABLES = ("clips", "analyses", "transcripts", "ratings", "selects", "sync_status")
PAGE_TABLES = (*TAKE_TABLES, "scene_edits", "cut_settings", "unreadable")


@dataclass
class Plan:
    """The cut as ``rushes cut`` would make it now, with the user's edits."""

    play: Screenplay | None
    takes: list[Take]
    assembly: Assembly | None
    settings: dict
    problem: str | None = None  # why there is no cut to show


class Review:
    def __init__(self, project: Project):
        self.project = project
        self._lock = threading.Lock()
        self._takes: tuple[tuple, Screenplay | None, list[Take]] | None = None

    @contextmanager
    def catalog(self) -> Iterator[Catalog]:
        with Catalog.open(self.project.catalog_path) as catalog:
            yield catalog

    # -- what changed --------------------------------------------------------------------
    @staticmethod
    def state(catalog: Catalog, tables: tuple[str, ...] = PAGE_TABLES) -> str:
        """Changes whenever a row of ``tables`` is written: by default anything a page
        shows (for the page to refresh); :data:`TAKE_TABLES` for the cached takes."""
        parts = []
        for table in tables:
            row = catalog.db.execute(f"SELECT count(*), max(rowid) FROM {table}").fetchone()
            parts.append(f"{row[0]}.{row[1] or 0}")
        stamps = {"ratings": "rated_at", "scene_edits": "changed_at"}  # rows replaced in place
        for table in (t for t in tables if t in stamps):
            latest = catalog.db.execute(f"SELECT max({stamps[table]}) FROM {table}").fetchone()
            parts.append(latest[0] or "")
        return "-".join(parts)

    # -- files of a clip -------------------------------------------------------------------
    def result_file(self, catalog: Catalog, clip: Clip, analyzer: str, name: str) -> Path | None:
        """A file of the clip's newest result of ``analyzer``, only if it is a plain file
        inside the project's cache (a link out of it is not served)."""
        results = [r for r in catalog.analyses.for_clip(clip.fingerprint)
                   if r.analyzer == analyzer]  # fmt: skip
        if not results:
            return None
        folder = result_folder(self.project.cache_dir, clip.fingerprint, analyzer,
                               results[-1].version)  # fmt: skip
        path = folder / name
        cache = self.project.cache_dir.resolve()
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(cache):
            return None
        return path

    def playable(self, catalog: Catalog, clip: Clip) -> Path | None:
        """The file the browser plays for ``clip``: the original, or its proxy."""
        if browser_plays(clip.probe):
            return clip.path if clip.path.is_file() else None
        return self.result_file(catalog, clip, "proxy", PROXY_FILE)

    # -- the cut ---------------------------------------------------------------------------
    def plan(self, catalog: Catalog) -> Plan:
        from rushes.cut import plan, read_script, user_edits

        settings = catalog.cuts.settings()
        if "handles" not in settings:
            return Plan(None, [], None, settings,
                        "no cut yet: run rushes cut FOLDER --script S.fountain once")  # fmt: skip
        state = (self.state(catalog, TAKE_TABLES), settings.get("script"))
        with self._lock:
            if self._takes is None or self._takes[0] != state:
                play = None
                if settings.get("script"):
                    try:
                        play = read_script(Path(settings["script"]))
                    except BadInput as exc:
                        return Plan(None, [], None, settings, str(exc))
                self._takes = (state, play, plan(catalog, play, self.project))
            _, play, takes = self._takes
        if not takes:
            return Plan(play, [], None, settings, "no take says a line of the script yet")
        edits = user_edits(catalog, play, takes)
        assembly = assemble(takes, settings["handles"], settings.get("target"), edits)
        return Plan(play, takes, assembly, settings)

    def scene_name(self, plan: Plan, scene: int | None, take: Take | None = None) -> str:
        if plan.play is not None and scene is not None and 0 <= scene < len(plan.play.scenes):
            s = plan.play.scenes[scene]
            return f"{s.label}. {s.heading}"
        return take.clip.name if take else str(scene)

    # -- a clip's words ----------------------------------------------------------------------
    def words(self, catalog: Catalog, clip: Clip) -> list:
        from rushes.analysis.speech.lookup import transcript_name

        transcript = transcript_of(catalog, clip, preferred=transcript_name(
            self.project.settings()))  # fmt: skip
        return list(transcript.words) if transcript else []
