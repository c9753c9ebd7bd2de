"""Proxies for the review page: what Chromium can decode, and the writer of what it cannot.

Chromium (Debian's, and Chrome) decodes H.264, VP8/VP9 and AV1 picture, AAC, MP3, Opus,
Vorbis, FLAC and PCM sound, in MP4/MOV, WebM/Matroska, WAV; HEVC and ProRes "play" with no
picture drawn. The proxy is H.264 (8-bit 4:2:0, a keyframe every second so a click seeks
at once) and AAC stereo in an MP4 with its index first, at most 540 lines, each frame at its
source time, and the source timecode kept: a frame of the proxy is the frame of the clip.

>>> browser_plays(clip.probe)
False
>>> with ProxyWriter(path, 960, 540, Fraction(25), "10:00:00:00", audio=True) as out:
...     out.add_frame(yuv, time)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.media.ffmpeg import av
from rushes.media.records import Probe

PICTURE = {"h264", "vp8", "vp9", "av1"}
EIGHT_BIT = {"yuv420p", "yuvj420p", None}
SOUND = {"aac", "mp3", "opus", "vorbis", "flac", "pcm_s16le", "pcm_s24le", "pcm_f32le",
         "pcm_u8", "pcm_mulaw", "pcm_alaw"}  # fmt: skip
CONTAINERS = ("mov", "mp4", "webm", "matroska", "wav", "mp3", "ogg", "flac")
HEIGHT = 540


def browser_plays(probe: Probe) -> bool:
    """Whether Chromium decodes this file's picture and sound as they are."""
    if not any(name in probe.container.split(",") for name in CONTAINERS):
        return False
    if probe.video_codec is not None:
        if probe.video_codec not in PICTURE:
            return False
        if probe.video_codec == "h264" and probe.pix_fmt not in EIGHT_BIT:
            return False  # 10-bit and 4:2:2 H.264 (Hi10, Hi422) are not decoded
    return all(a.codec in SOUND for a in probe.audio[:1])


def proxy_size(probe: Probe) -> tuple[int, int]:
    """Width and height of the proxy: the display aspect, at most :data:`HEIGHT` lines,
    both even (4:2:0)."""
    width = float(probe.width * (probe.pixel_aspect or 1))
    height = float(probe.height)
    scale = min(1.0, HEIGHT / height)
    even = lambda v: max(2, int(round(v * scale / 2)) * 2)  # noqa: E731
    return even(width), even(height)


class ProxyWriter:
    """An MP4 being written frame by frame; use as a context manager so it is finished."""

    def __init__(self, path: Path, width: int, height: int, rate: Fraction | None,
                 timecode: str | None, audio: bool, vfr: bool = False):  # fmt: skip
        self.container = av.open(str(path), "w", format="mp4",
                                 options={"movflags": "+faststart"})  # fmt: skip
        if timecode:
            self.container.metadata["timecode"] = timecode
        rate = Fraction(rate or 25)
        self.video = self.container.add_stream("libx264", rate=rate)
        self.video.width, self.video.height = width, height
        self.video.pix_fmt = "yuv420p"
        self.time_base = Fraction(1, 90000) if vfr else 1 / rate
        self.video.codec_context.time_base = self.time_base
        self.video.codec_context.gop_size = max(1, round(rate))
        self.video.codec_context.options = {"preset": "superfast", "crf": "26"}
        self.audio = None
        if audio:
            self.audio = self.container.add_stream("aac", rate=48000, layout="stereo")
            self.audio.codec_context.options = {"b": "128k"}

    def add_frame(self, yuv: np.ndarray, time: Fraction) -> None:
        frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
        frame.pts = round(time / self.time_base)
        frame.time_base = self.time_base
        self.container.mux(self.video.encode(frame))

    def add_audio(self, stereo: np.ndarray, start: int) -> None:
        """Planar float stereo at 48 kHz starting at sample ``start``."""
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(stereo, dtype=np.float32),
                                           format="fltp", layout="stereo")  # fmt: skip
        frame.sample_rate = 48000
        frame.pts = start
        frame.time_base = Fraction(1, 48000)
        self.container.mux(self.audio.encode(frame))

    def close(self) -> None:
        self.container.mux(self.video.encode(None))
        if self.audio is not None:
            self.container.mux(self.audio.encode(None))
        self.container.close()

    def __enter__(self) -> ProxyWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
