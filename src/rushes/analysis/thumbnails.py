"""Thumbnails: a poster frame and a filmstrip per clip, plus mean luma of every frame.

The poster is taken a third of the way in (past slates and the camera settling). Luma is
the mean of a 160x90 grey picture, 0-1, one value per frame: the first dense signal, the
one a browser draws under a clip and QC builds on.

>>> rushes analyze --analyzer thumbnails
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from rushes.analysis.base import Analyzer, ClipAnalysis
from rushes.analysis.registry import register
from rushes.catalog.records import Clip
from rushes.media import VideoImage, VideoRequest, encode_jpeg

LUMA = VideoRequest(160, 90, "gray")


@register
class Thumbnails(Analyzer):
    name = "thumbnails"
    version = 1

    def applies_to(self, clip: Clip) -> bool:
        return clip.probe.video_codec is not None

    def start(self, clip: Clip) -> ClipAnalysis:
        width = int(self.options.get("width", 320))
        count = int(self.options.get("filmstrip_frames", 10))
        frames = clip.probe.frame_count or max(
            1, int(clip.probe.duration * (clip.probe.frame_rate or 25))
        )
        return _ClipThumbnails(width, count, frames)


class _ClipThumbnails(ClipAnalysis):
    def __init__(self, width: int, count: int, frames: int):
        self.poster_index = frames // 3
        self.strip_indices = sorted({int((i + 0.5) * frames / count) for i in range(count)})
        wanted = frozenset({0, self.poster_index, *self.strip_indices})
        self.stills = VideoRequest(width, 0, "rgb24", wanted)
        self.requests = (LUMA, self.stills)
        self.images: dict[int, np.ndarray] = {}
        self.luma: list[float] = []

    def take(self, request, item: VideoImage) -> None:
        if request == LUMA:
            self.luma.append(float(item.image.mean()) / 255.0)
        else:
            self.images[item.index] = item.image

    def finish(self, folder: Path) -> dict:
        luma = np.asarray(self.luma, dtype=np.float32)
        np.save(folder / "luma.npy", luma)
        summary: dict = {"frames": len(luma)}
        if not self.images:
            return summary
        # A clip shorter than its header said: fall back to the frames we did see.
        poster = self.images.get(self.poster_index, self.images[max(self.images)])
        strip = [self.images[i] for i in self.strip_indices if i in self.images] or [poster]
        (folder / "poster.jpg").write_bytes(encode_jpeg(poster))
        (folder / "filmstrip.jpg").write_bytes(encode_jpeg(np.hstack(strip)))
        summary.update(
            poster="poster.jpg",
            poster_frame=self.poster_index
            if self.poster_index in self.images
            else max(self.images),
            filmstrip="filmstrip.jpg",
            filmstrip_frames=[i for i in self.strip_indices if i in self.images],
            luma_mean=round(float(luma.mean()), 4) if len(luma) else None,
            luma_min=round(float(luma.min()), 4) if len(luma) else None,
            luma_max=round(float(luma.max()), 4) if len(luma) else None,
        )
        return summary
