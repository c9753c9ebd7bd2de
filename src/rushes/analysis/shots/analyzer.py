"""The ``shots`` analyzer, and shot detection on any file without a project.

Both read 48x27 RGB frames straight from the one-pass decoder (TransNetV2's own input
size), so shot detection adds no decoding of its own to ``rushes analyze``.

>>> result = shots_of_file(Path("A001C003.mov"), "auto")
>>> result.shots[1].transition_in
'cut'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.analysis.base import Analyzer, ClipAnalysis, Resources
from rushes.analysis.registry import register
from rushes.analysis.shots.engines import check_engine, detect
from rushes.analysis.shots.model import Shot, shots_from
from rushes.catalog.records import Clip
from rushes.errors import BadInput
from rushes.media import NotMedia, VideoRequest, decode, probe

TINY = VideoRequest(48, 27, "rgb24")


@dataclass
class ShotList:
    path: Path
    fps: Fraction
    frames: int
    shots: list[Shot]


def _stack(frames: list[np.ndarray]) -> np.ndarray:
    return np.stack(frames) if frames else np.zeros((0, 27, 48, 3), np.uint8)


@register
class Shots(Analyzer):
    name = "shots"
    version = 1
    resources = Resources(cpus=2.0, gpus=0.25)  # TransNetV2's threads (or GPU), where used

    def applies_to(self, clip: Clip) -> bool:
        return clip.probe.video_codec is not None

    def start(self, clip: Clip) -> ClipAnalysis:
        engine = str(self.options.get("engine", "auto"))
        return _ClipShots(check_engine(engine, "rushes.toml: [shots] engine"))


class _ClipShots(ClipAnalysis):
    requests = (TINY,)

    def __init__(self, engine: str):
        self.engine = engine
        self.frames: list[np.ndarray] = []

    def take(self, request, item) -> None:
        self.frames.append(item.image)

    def finish(self, folder: Path) -> dict:
        frames = _stack(self.frames)
        shots = shots_from(detect(frames, self.engine), len(frames))
        return {
            "engine": self.engine,
            "frames": len(frames),
            "shots": [shot_dict(s) for s in shots],
        }


def shot_dict(shot: Shot) -> dict:
    t = shot.transition
    return {
        "start_frame": shot.start_frame,
        "end_frame": shot.end_frame,
        "transition_in": shot.transition_in,
        "transition_first": t.first if t else None,
        "transition_last": t.last if t else None,
    }


def shots_of_file(path: Path, engine: str = "auto", keyframe_guided: bool = False) -> ShotList:
    """Shots of any video file, no project needed (``rushes shots FILE``); with
    ``keyframe_guided``, only the GOPs whose keyframes differ are decoded."""
    check_engine(engine)
    try:
        described = probe(path)
    except NotMedia as exc:
        raise BadInput(f"{path}: {exc}") from None
    if described.video_codec is None:
        raise BadInput(f"{path}: no picture (a sound file has no shots)")
    rate = described.frame_rate or Fraction(25)
    if keyframe_guided and described.frame_count and not described.vfr:
        from rushes.analysis.shots.keyframe_pass import keyframe_guided as guided

        count = described.frame_count
        return ShotList(path, rate, count, shots_from(guided(path, rate, count, engine), count))
    stack = _stack([item.image for _, item in decode(path, [TINY])])
    return ShotList(path, rate, len(stack), shots_from(detect(stack, engine), len(stack)))
