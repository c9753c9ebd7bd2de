"""The review server's routes: pages, media by clip id, and the changes a page may ask for.

Media and stills are found by the clip's id in the catalog, never from a path in the URL;
a changed choice is written with the same stores as ``rushes rate``, ``rushes select`` and
``rushes cut``, so the command line and the page always agree.
"""

from __future__ import annotations

import math
from importlib.resources import files
from pathlib import Path

import numpy as np
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from rushes.analysis.qc import clip_findings, clip_timecode
from rushes.catalog import Catalog, Clip
from rushes.catalog.said import where_said
from rushes.errors import RushesError
from rushes.media.timecode import to_frames
from rushes.review import pages
from rushes.review.clips import clip_rows, matches
from rushes.review.guard import Guard
from rushes.review.model import Plan, Review
from rushes.script.calls import performances

EXPORTS = ("otio", "fcp7", "fcpxml", "edl", "mlt", "srt", "vtt", "mp4")
WAVE_POINTS = 1200  # peaks drawn under the player


class Problem(Exception):
    """A request that cannot be done: answered with its status and one line."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def create_app(review: Review, hosts: set[str] | None, token: str | None = None):
    """The ASGI application: Starlette routes inside the Host/token guard."""
    routes = Routes(review)
    app = Starlette(routes=[
        Route("/", routes.clips), Route("/clip/{id:int}", routes.clip),
        Route("/scenes", routes.scenes), Route("/cut", routes.cut),
        Route("/media/{id:int}", routes.media), Route("/poster/{id:int}", routes.poster),
        Route("/filmstrip/{id:int}", routes.filmstrip),
        Route("/exports/{name}", routes.exported),
        Route("/api/state", routes.state),
        Route("/api/rate", routes.rate, methods=["POST"]),
        Route("/api/select", routes.select, methods=["POST"]),
        Route("/api/scene", routes.scene, methods=["POST"]),
        Route("/api/order", routes.order, methods=["POST"]),
        Route("/api/reset", routes.reset, methods=["POST"]),
        Route("/api/export", routes.export, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(files("rushes.review") / "static"))),
    ], exception_handlers={404: _not_found, Problem: _problem})  # fmt: skip
    guard = Guard(app, hosts, token)
    routes.token = guard.token
    return guard


async def _not_found(request: Request, exc) -> Response:
    return JSONResponse({"error": "not found"}, status_code=404)


async def _problem(request: Request, exc: Problem) -> Response:
    return JSONResponse({"error": str(exc)}, status_code=exc.status)


class Routes:
    def __init__(self, review: Review):
        self.review = review
        self.token = ""

    # -- helpers ----------------------------------------------------------------------------
    def _page(self, catalog: Catalog, title: str, page: str, body: str) -> HTMLResponse:
        state = self.review.state(catalog)
        name = self.review.project.root.name
        return HTMLResponse(pages.layout(title, page, body, self.token, state, name))

    @staticmethod
    def _clip(catalog: Catalog, clip_id: int) -> Clip:
        row = catalog.db.execute("SELECT fingerprint FROM clips WHERE id = ?",
                                 (clip_id,)).fetchone()  # fmt: skip
        if row is None:
            raise Problem("no such clip", 404)
        return catalog.clips.by_fingerprint(row["fingerprint"])

    @staticmethod
    async def _body(request: Request) -> dict:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise Problem("the request should be a JSON object")
        return body

    # -- pages ------------------------------------------------------------------------------
    def clips(self, request: Request) -> Response:
        keys = ("q", "scene", "rating", "problem", "camera", "sound")
        filters = {k: request.query_params.get(k, "").strip() for k in keys}
        with self.review.catalog() as catalog:
            plan = self.review.plan(catalog) if catalog.cuts.settings() else None
            scenes, names = {}, {}
            for take in plan.takes if plan else []:
                if take.scene is not None:
                    scenes.setdefault(take.clip.fingerprint, []).append(take.scene)
                    names[take.scene] = self.review.scene_name(plan, take.scene, take)
            rows = clip_rows(catalog, catalog.clips.all(), scenes)
            shown = [r for r in rows if matches(r, *(filters[k] for k in keys[1:]))]
            hits = self._hits(catalog, filters["q"]) if filters["q"] else None
            body = pages.clips_page(rows, shown, filters, dict(sorted(names.items())), hits)
            return self._page(catalog, "Clips", "/", body)

    @staticmethod
    def _hits(catalog: Catalog, query: str) -> list[dict]:
        """The same search as ``rushes search``: exact phrase first, then sounds-like."""
        out = []
        for said in where_said(catalog, query, 50, 4):
            start = float(said.words[0].start)
            out.append({
                "id": said.clip.id, "name": said.clip.name, "start": start,
                "tc": clip_timecode(said.clip, start) or f"{start:.2f}s",
                "context": " ".join(w.text for w in said.context), "match": said.hit.match,
            })  # fmt: skip
        return out

    def clip(self, request: Request) -> Response:
        with self.review.catalog() as catalog:
            clip = self._clip(catalog, request.path_params["id"])
            [row] = clip_rows(catalog, [clip], {})
            data = self._clip_data(catalog, clip, row.rating)
            try:
                data["t"] = max(0.0, float(request.query_params.get("t", 0)))
            except ValueError:
                data["t"] = 0.0
            return self._page(catalog, clip.name, "/clip", pages.clip_page(row, data))

    def _clip_data(self, catalog: Catalog, clip: Clip, rating: int | None) -> dict:
        probe = clip.probe
        rate = float(probe.frame_rate or 25)
        words = self.review.words(catalog, clip)
        results = {r.analyzer: r.summary for r in catalog.analyses.for_clip(clip.fingerprint)}
        shots = [{"start": s["start_frame"] / rate, "end": s["end_frame"] / rate}
                 for s in results.get("shots", {}).get("shots", [])]  # fmt: skip
        parts = [{"start": float(words[p.first].start), "end": float(words[p.stop - 1].end),
                  "label": p.slate or f"performance {n}"}
                 for n, p in enumerate(performances(words), 1) if p.stop > p.first]  # fmt: skip
        first = to_frames(probe.start_timecode, probe.frame_rate) if (
            probe.start_timecode and probe.frame_rate) else 0  # fmt: skip
        return {
            "id": clip.id, "name": clip.name, "rate": rate, "duration": float(probe.duration),
            "first_frame": first, "rating": rating,
            "words": [{"s": float(w.start), "e": float(w.end), "t": w.text} for w in words],
            "findings": [{**f.as_json(), "tc": f.tc(f.start) or f"{f.start:.2f}s"}
                         for f in clip_findings(catalog, clip)],
            "shots": shots, "performances": parts,
            "selects": catalog.choices.selects(clip.fingerprint),
            "wave": self._wave(catalog, clip),
        }  # fmt: skip

    def _wave(self, catalog: Catalog, clip: Clip) -> list[float]:
        path = self.review.result_file(catalog, clip, "waveform", "levels.npy")
        if path is None:
            return []
        peaks = np.load(path)[:, 0]
        if not len(peaks):
            return []
        step = max(1, math.ceil(len(peaks) / WAVE_POINTS))
        padded = np.zeros(math.ceil(len(peaks) / step) * step, np.float32)
        padded[: len(peaks)] = peaks
        return [round(float(v), 3) for v in padded.reshape(-1, step).max(axis=1)]

    def scenes(self, request: Request) -> Response:
        with self.review.catalog() as catalog:
            plan = self.review.plan(catalog)
            body = pages.scenes_page(self._scenes(plan), plan.problem)
            return self._page(catalog, "Scenes", "/scenes", body)

    def _scenes(self, plan: Plan) -> list[dict]:
        if plan.assembly is None:
            return []
        a = plan.assembly
        in_cut = {id(c.chosen) for c in a.choices}
        by_scene = {c.scene: [c.chosen, *c.rejected] for c in a.choices + a.dropped + a.left_out}
        count = len(plan.play.scenes) if plan.play else 0
        order = range(count) if plan.play else sorted(by_scene, key=lambda s: (s is None, s))
        scenes = []
        for index in order:
            takes = by_scene.get(index, [])
            lines = ([(line.number, line.text) for line in plan.play.scenes[index].lines]
                     if plan.play else [])  # fmt: skip
            scenes.append({
                "index": index, "name": self.review.scene_name(plan, index, takes[:1] and takes[0]),
                "lines": lines,
                "takes": [_take(t, n, id(t) in in_cut) for n, t in enumerate(takes)],
            })  # fmt: skip
        return scenes

    def cut(self, request: Request) -> Response:
        with self.review.catalog() as catalog:
            plan = self.review.plan(catalog)
            edits, left, totals = [], [], {"seconds": 0.0, "target": None}
            if plan.assembly is not None:
                a = plan.assembly
                for choice in a.choices:
                    takes = [choice.chosen, *choice.rejected]
                    edits.append({
                        "scene": choice.scene, "name": self.review.scene_name(
                            plan, choice.scene, choice.chosen),
                        "takes": [_take(t, n, n == 0) for n, t in enumerate(takes)],
                        "start": choice.start, "end": choice.end, "edited": choice.edited,
                        "media": f"/media/{choice.chosen.clip.id}",
                    })  # fmt: skip
                for why, gone in (
                    ("dropped to fit the target", a.dropped),
                    ("left out", a.left_out),
                ):
                    left += [{"scene": c.scene, "why": why,
                              "name": self.review.scene_name(plan, c.scene, c.chosen)}
                             for c in gone]  # fmt: skip
                totals = {"seconds": a.seconds, "target": plan.settings.get("target")}
            body = pages.cut_page(edits, left, totals, EXPORTS, plan.problem)
            return self._page(catalog, "The cut", "/cut", body)

    # -- files ------------------------------------------------------------------------------
    def media(self, request: Request) -> Response:
        with self.review.catalog() as catalog:
            clip = self._clip(catalog, request.path_params["id"])
            path = self.review.playable(catalog, clip)
        if path is None:
            raise Problem(f"{clip.name}: no proxy yet (rushes analyze makes it)", 404)
        # Chromium sniffs the container; QuickTime files are ISO media it plays as MP4
        kind = "audio/wav" if clip.probe.video_codec is None else "video/mp4"
        if "webm" in clip.probe.container or "matroska" in clip.probe.container:
            kind = "video/webm"
        return FileResponse(path, media_type=kind)

    def _still(self, request: Request, name: str) -> Response:
        with self.review.catalog() as catalog:
            clip = self._clip(catalog, request.path_params["id"])
            path = self.review.result_file(catalog, clip, "thumbnails", name)
        if path is None:
            raise Problem("no such picture", 404)
        return FileResponse(path, media_type="image/jpeg",
                            headers={"Cache-Control": "max-age=3600"})  # fmt: skip

    def poster(self, request: Request) -> Response:
        return self._still(request, "poster.jpg")

    def filmstrip(self, request: Request) -> Response:
        return self._still(request, "filmstrip.jpg")

    def exported(self, request: Request) -> Response:
        from rushes.export import SUFFIXES

        name = request.path_params["name"]
        if name not in {f"cut{s}" for s in SUFFIXES.values()}:
            raise Problem("no such export", 404)
        with self.review.catalog() as catalog:
            out = catalog.cuts.settings().get("out")
        path = Path(out) / name if out else None
        if path is None or path.is_symlink() or not path.is_file():
            raise Problem("no such export", 404)
        return FileResponse(path, filename=name)

    # -- changes ----------------------------------------------------------------------------
    def state(self, request: Request) -> Response:
        with self.review.catalog() as catalog:
            return JSONResponse({"state": self.review.state(catalog)})

    async def rate(self, request: Request) -> Response:
        body = await self._body(request)
        rating = body.get("rating")
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise Problem("rating: a whole number from 1 to 5")
        with self.review.catalog() as catalog:
            clip = self._clip(catalog, _int(body, "clip"))
            catalog.choices.rate(clip.fingerprint, rating)
        return JSONResponse({"clip": clip.name, "rating": rating})

    async def select(self, request: Request) -> Response:
        body = await self._body(request)
        with self.review.catalog() as catalog:
            clip = self._clip(catalog, _int(body, "clip"))
            if body.get("clear"):
                catalog.choices.unselect(clip.fingerprint)
                return JSONResponse({"clip": clip.name, "selects": []})
            start, end = _number(body, "start"), _number(body, "end")
            if not 0 <= start < end <= float(clip.probe.duration) + 1e-6:
                raise Problem(f"{clip.name}: {start:.3f}-{end:.3f} is not a range inside the clip")
            with catalog.db.transaction():
                catalog.choices.unselect(clip.fingerprint)
                catalog.choices.select(clip.fingerprint, start, end)
            return JSONResponse({"clip": clip.name, "selects": [[start, end]]})

    async def scene(self, request: Request) -> Response:
        body = await self._body(request)
        with self.review.catalog() as catalog:
            plan, scene, name = self._scene(catalog, body)
            changes: dict = {}
            if "take" in body:
                fingerprint, _, part = str(body["take"]).partition(":")
                take = next((t for t in plan.takes if t.scene == scene
                             and t.clip.fingerprint == fingerprint
                             and str(t.part) == (part or str(t.part))), None)  # fmt: skip
                if take is None:
                    raise Problem(f"scene {scene}: no such take")
                changes.update(take=fingerprint, take_part=take.part, start=None, end=None)
            if "start" in body or "end" in body:
                start, end = _number(body, "start"), _number(body, "end")
                choice = next((c for c in plan.assembly.choices if c.scene == scene), None)
                if choice is None:
                    raise Problem(f"scene {scene}: not in the cut now (restore it first)")
                if not 0 <= start < end <= float(choice.chosen.clip.probe.duration) + 1e-6:
                    raise Problem(f"{start:.3f}-{end:.3f}: not a range inside the take's clip")
                changes.update(start=start, end=end, take=choice.chosen.clip.fingerprint,
                               take_part=choice.chosen.part)  # fmt: skip
            if "dropped" in body:
                changes["dropped"] = bool(body["dropped"])
            catalog.cuts.edit(scene, name, **changes)
        return JSONResponse({"scene": scene, "changed": sorted(changes)})

    def _scene(self, catalog: Catalog, body: dict) -> tuple[Plan, int, str]:
        from rushes.cut import heading

        plan = self.review.plan(catalog)
        if plan.assembly is None:
            raise Problem(plan.problem or "no cut yet")
        scene = _int(body, "scene")
        known = {c.scene for c in plan.assembly.choices + plan.assembly.dropped
                 + plan.assembly.left_out}  # fmt: skip
        if scene not in known:
            raise Problem(f"scene {scene}: not in the cut")
        return plan, scene, heading(plan.play, scene, plan.takes)

    async def order(self, request: Request) -> Response:
        from rushes.cut import heading

        body = await self._body(request)
        wanted = body.get("scenes")
        with self.review.catalog() as catalog:
            plan = self.review.plan(catalog)
            if plan.assembly is None:
                raise Problem(plan.problem or "no cut yet")
            now = [c.scene for c in plan.assembly.choices]
            if not isinstance(wanted, list) or sorted(map(str, wanted)) != sorted(map(str, now)):
                raise Problem("scenes: the cut's scenes, each once, in the new order")
            with catalog.db.transaction():
                for position, scene in enumerate(wanted):
                    catalog.cuts.edit(scene, heading(plan.play, scene, plan.takes),
                                      position=float(position))  # fmt: skip
        return JSONResponse({"order": wanted})

    async def reset(self, request: Request) -> Response:
        body = await self._body(request)
        with self.review.catalog() as catalog:
            catalog.cuts.reset(_int(body, "scene") if "scene" in body else None)
        return JSONResponse({"reset": body.get("scene", "all")})

    def _export(self, fmt: str) -> dict:
        from rushes.analysis.speech.lookup import words_source
        from rushes.cut import cut_timeline
        from rushes.export import SUFFIXES, export

        with self.review.catalog() as catalog:
            plan = self.review.plan(catalog)
            if plan.assembly is None or not plan.assembly.choices:
                raise Problem(plan.problem or "the cut is empty")
            name = plan.settings.get("name") or self.review.project.root.name
            timeline = cut_timeline(catalog, plan.assembly, name)
            out = Path(plan.settings["out"])
        out.mkdir(parents=True, exist_ok=True)
        words_of = words_source(self.review.project, strict=False)
        path = export(timeline, fmt, out / f"cut{SUFFIXES[fmt]}", words_of, "cut")
        return {"format": fmt, "file": str(path), "url": f"/exports/{path.name}"}

    async def export(self, request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        body = await self._body(request)
        fmt = body.get("format")
        if fmt not in EXPORTS:
            raise Problem(f"format: one of {', '.join(EXPORTS)}")
        try:
            return JSONResponse(await run_in_threadpool(self._export, fmt))
        except RushesError as exc:
            raise Problem(str(exc)) from None


def _take(take, n: int, chosen: bool) -> dict:
    """A take as the scenes and cut pages show it."""
    return {
        "n": n, "id": take.clip.id, "clip": take.clip.fingerprint, "part": take.part,
        "label": take.label, "score": take.score, "reason": take.reason, "chosen": chosen,
        "faults": list(dict.fromkeys([*take.faults, *take.problems])),
        "start": take.start, "end": take.end,
        "media": f"/media/{take.clip.id}",
        "lines": [{"line": m.line, "n": i + 1, "start": m.start, "end": m.end}
                  for i, m in enumerate(take.lines)],
    }  # fmt: skip


def _int(body: dict, key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Problem(f"{key}: a whole number")
    return value


def _number(body: dict, key: str) -> float:
    value = body.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise Problem(f"{key}: a number of seconds")
    return float(value)
