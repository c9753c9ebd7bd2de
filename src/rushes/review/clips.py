"""The clips as the review pages list and filter them: one row per clip, from the catalog."""

from __future__ import annotations

from dataclasses import dataclass, field

from rushes.analysis.qc import ANALYZERS as QC_ANALYZERS
from rushes.analysis.qc import clip_timecode
from rushes.catalog import Catalog, Clip
from rushes.media.proxy import browser_plays
from rushes.review.model import PROBLEMS


@dataclass
class ClipRow:
    clip: Clip
    rating: int | None
    problems: list[str]  # kinds of warning or error findings
    camera: str
    sound: str  # "synced", "sound", "no sound"
    poster: bool
    strip: int  # frames in the filmstrip (0: none)
    playable: str  # "original", "proxy", "waiting" (for a proxy)
    scenes: list[int] = field(default_factory=list)

    @property
    def start_tc(self) -> str:
        return clip_timecode(self.clip, 0.0) or ""


def clip_rows(catalog: Catalog, clips: list[Clip],
              scenes: dict[str, list[int]]) -> list[ClipRow]:  # fmt: skip
    rows = []
    for clip in clips:
        results = {r.analyzer: r.summary for r in catalog.analyses.for_clip(clip.fingerprint)}
        found = [f for name in QC_ANALYZERS
                 for f in results.get(name, {}).get("findings", [])]  # fmt: skip
        problems = sorted({f["kind"] for f in found if f["severity"] in PROBLEMS})
        sync = catalog.syncs.get(clip.fingerprint)
        sound = ("synced" if sync is not None and sync.status == "synced"
                 else "sound" if clip.probe.audio else "no sound")  # fmt: skip
        thumbs = results.get("thumbnails", {})
        playable = ("original" if browser_plays(clip.probe)
                    else "proxy" if "proxy" in results else "waiting")  # fmt: skip
        rows.append(ClipRow(
            clip, catalog.choices.rating(clip.fingerprint), problems, camera_of(clip), sound,
            bool(thumbs.get("poster")), len(thumbs.get("filmstrip_frames", [])), playable,
            scenes.get(clip.fingerprint, []),
        ))  # fmt: skip
    return rows


def camera_of(clip: Clip) -> str:
    probe = clip.probe
    if probe.camera_make or probe.camera_model:
        return " ".join(p for p in (probe.camera_make, probe.camera_model) if p)
    if probe.video_codec is None:
        return "sound recorder"
    return "unknown camera"


def matches(row: ClipRow, scene: str, rating: str, problem: str, camera: str, sound: str) -> bool:
    """The filters of the clips page; an empty value lets every clip through."""
    if scene and (not scene.isdigit() or int(scene) not in row.scenes):
        return False
    if rating == "unrated" and row.rating is not None:
        return False
    if rating.isdigit() and (row.rating or 0) < int(rating):
        return False
    if problem == "none" and row.problems:
        return False
    if problem and problem != "none" and problem not in row.problems:
        return False
    if camera and row.camera != camera:
        return False
    return not sound or row.sound == sound
