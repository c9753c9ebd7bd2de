"""Proxy: a copy the browser can play of a clip it cannot (HEVC, ProRes, 10-bit), for
``rushes review``; one more consumer of the one decode pass, cached and resumable like every
analysis (a clip whose proxy was finished is not redone).

Made when ``[review] proxies`` is on (the default); clips Chromium plays as they are get none.

>>> rushes analyze --analyzer proxy
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

from rushes.analysis.base import Analyzer, ClipAnalysis
from rushes.analysis.registry import register
from rushes.catalog.records import Clip
from rushes.media import AudioRequest, VideoRequest
from rushes.media.proxy import ProxyWriter, browser_plays, proxy_size

FILE = "proxy.mp4"
STEREO = AudioRequest(48000, "stereo", "fltp")


def with_proxies(analyzers: list[str], settings) -> list[str]:
    """The analyzers to run, with ``proxy`` when the project wants proxies for review."""
    if settings.get("review", "proxies", True) and "proxy" not in analyzers:
        return [*analyzers, "proxy"]
    return list(analyzers)


@register
class Proxy(Analyzer):
    name = "proxy"
    version = 1

    def applies_to(self, clip: Clip) -> bool:
        return clip.probe.video_codec is not None and not browser_plays(clip.probe)

    def start(self, clip: Clip) -> ClipAnalysis:
        return _ClipProxy(clip)


class _ClipProxy(ClipAnalysis):
    def __init__(self, clip: Clip):
        probe = clip.probe
        self.size = proxy_size(probe)
        self.picture = VideoRequest(*self.size, "yuv420p")
        self.requests = (self.picture, STEREO) if probe.audio else (self.picture,)
        # written where it is made, moved into the result folder whole at the end
        handle, name = tempfile.mkstemp(prefix="rushes-proxy-", suffix=".mp4")
        os.close(handle)
        self.path = Path(name)
        self._remove = weakref.finalize(self, _remove, self.path)
        self.timecode = probe.start_timecode
        self.writer = ProxyWriter(self.path, *self.size, probe.frame_rate, probe.start_timecode,
                                  audio=bool(probe.audio), vfr=probe.vfr)  # fmt: skip

    def take(self, request, item) -> None:
        if request == self.picture:
            self.writer.add_frame(item.image, item.time)
        else:
            self.writer.add_audio(item.samples, item.start)

    def finish(self, folder: Path) -> dict:
        self.writer.close()
        shutil.move(self.path, folder / FILE)
        width, height = self.size
        return {"file": FILE, "width": width, "height": height, "codec": "h264",
                "timecode": self.timecode}  # fmt: skip


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
