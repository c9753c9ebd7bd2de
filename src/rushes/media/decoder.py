"""The one-pass decoder: decode a clip once and hand every analyzer the stream it asked for.

Analyzers describe what they need as :class:`VideoRequest` and :class:`AudioRequest`
values; identical requests are served once. Scaling and pixel-format conversion happen in
swscale, on the decoded frame, never on full-size numpy arrays. Audio is resampled by
swresample to the rate and layout asked for.

>>> requests = [VideoRequest(48, 27, "rgb24"), AudioRequest(16000)]
>>> for request, item in decode(Path("A001C003.mov"), requests):
...     ...   # VideoImage for video requests, AudioChunk for audio requests
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np
from av.video.reformatter import Interpolation, VideoReformatter

from rushes.media.ffmpeg import av

PROGRESS_EVERY = 64  # frames between progress callbacks


@dataclass(frozen=True)
class VideoRequest:
    """Picture at ``width`` x ``height`` (height 0: keep the display aspect) in ``pix_fmt``.

    ``frames`` limits it to those frame numbers; empty means every frame.
    """

    width: int
    height: int = 0
    pix_fmt: str = "gray"
    frames: frozenset[int] = field(default=frozenset())


@dataclass(frozen=True)
class AudioRequest:
    """Sound of audio stream ``stream`` (0: the first) at ``rate`` Hz, ``layout``, ``fmt``."""

    rate: int = 16000
    layout: str = "mono"
    fmt: str = "flt"
    stream: int = 0


Request = VideoRequest | AudioRequest


@dataclass(frozen=True)
class VideoImage:
    """Frame number ``index`` (presentation order), its time from the clip start, pixels."""

    index: int
    time: Fraction
    image: np.ndarray


@dataclass(frozen=True)
class AudioChunk:
    """``samples`` (channels x n, packed formats) starting at sample ``start``."""

    start: int
    samples: np.ndarray


@dataclass
class DecodeStats:
    """What one pass cost: analyzers' overhead is measured against ``seconds``."""

    video_frames: int = 0
    audio_samples: int = 0
    corrupt_packets: int = 0
    seconds: float = 0.0


class DecodeError(Exception):
    """The clip stopped decoding; ``str()`` is a one-line reason."""


def output_size(request: VideoRequest, width: int, height: int, sar: Fraction) -> tuple[int, int]:
    """The request's size, its height derived from the display aspect when it is 0."""
    if request.height:
        return request.width, request.height
    display_width = width * (sar or 1)
    h = round(request.width * height / display_width)
    return request.width, max(2, h + (h % 2))


def decode(
    path: Path,
    requests: Sequence[Request],
    progress: Callable[[int], None] | None = None,
    stats: DecodeStats | None = None,
    hwaccel: str | None = None,
) -> Iterator[tuple[Request, VideoImage | AudioChunk]]:
    """Decode ``path`` once; yield ``(request, item)`` for every request, in stream order.
    ``hwaccel``: a device type FFmpeg decodes the picture on ("cuda": NVDEC), the CPU
    where it cannot."""
    stats = stats if stats is not None else DecodeStats()
    unique = list(dict.fromkeys(requests))
    video_requests = [r for r in unique if isinstance(r, VideoRequest)]
    audio_requests = [r for r in unique if isinstance(r, AudioRequest)]
    started = time.perf_counter()
    try:
        container = _open(path, hwaccel if video_requests else None)
    except av.error.FFmpegError as exc:
        raise DecodeError(f"cannot open: {exc.strerror or exc}") from None
    with container:
        video = container.streams.video[0] if video_requests and container.streams.video else None
        audio = _audio_streams(container, audio_requests)
        if video is not None:
            video.thread_type = "AUTO"
        streams = [s for s in (video, *dict.fromkeys(audio.values())) if s is not None]
        if not streams:
            return
        feeds = _VideoFeeds(video, video_requests) if video is not None else None
        resamplers = {r: _resampler(r, stream) for r, stream in audio.items()}
        positions = dict.fromkeys(audio, 0)
        for packet in container.demux(streams):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                stats.corrupt_packets += 1
                continue
            except av.error.FFmpegError as exc:
                raise DecodeError(f"decoding stopped: {exc.strerror or exc}") from None
            for frame in frames:
                if packet.stream is video:
                    yield from feeds.feed(frame, stats.video_frames)
                    stats.video_frames += 1
                    if progress and stats.video_frames % PROGRESS_EVERY == 0:
                        progress(stats.video_frames)
                else:
                    for request, stream in audio.items():
                        if stream is packet.stream:
                            for out in resamplers[request].resample(frame):
                                yield request, _chunk(out, positions, request)
        for request, resampler in resamplers.items():
            for out in resampler.resample(None):
                yield request, _chunk(out, positions, request)
        if audio_requests:
            stats.audio_samples = max(positions.values(), default=0)
        if progress:
            progress(stats.video_frames)
    stats.seconds = time.perf_counter() - started


_UNAVAILABLE: set[str] = set()  # devices that could not be opened in this process


def _open(path: Path, hwaccel: str | None):
    """``path`` opened to decode its picture on ``hwaccel``, or on the CPU where that
    device cannot be opened (no GPU, no driver: not tried again) or cannot decode the
    codec (ProRes, 4:2:2 on NVDEC). Measured by ``bench/decode_devices.py``: NVDEC hands
    the analyzers the same pixels as the CPU, byte for byte."""
    if hwaccel and hwaccel not in _UNAVAILABLE:
        from av.codec.hwaccel import HWAccel

        try:
            return av.open(str(path), hwaccel=HWAccel(hwaccel, allow_software_fallback=True))
        except av.error.FFmpegError:
            container = av.open(str(path))  # a file that cannot be read says so here
            _UNAVAILABLE.add(hwaccel)
            return container
    return av.open(str(path))


def _audio_streams(container, requests: list[AudioRequest]) -> dict:
    streams = container.streams.audio
    return {r: streams[r.stream] for r in requests if r.stream < len(streams)}


def _averages(request: AudioRequest, stream) -> bool:
    return request.layout == "mono" and request.fmt == "flt" and stream.channels > 1


def _resampler(request: AudioRequest, stream):
    """Mono float is the mean of the channels: swresample's downmix would add 3 dB to a
    stereo pair and read a full-scale recording as clipped."""
    if _averages(request, stream):
        return av.AudioResampler("fltp", stream.layout, request.rate)
    return av.AudioResampler(request.fmt, request.layout, request.rate)


def _chunk(frame, positions: dict, request: AudioRequest) -> AudioChunk:
    samples = frame.to_ndarray()
    if request.layout == "mono" and samples.shape[0] > 1 and frame.format.is_planar:
        samples = samples.mean(axis=0, dtype=np.float32)[None, :]
    start = positions[request]
    positions[request] = start + frame.samples
    return AudioChunk(start, samples)


class _VideoFeeds:
    """The scalers for every video request of one clip, built once and reused per frame."""

    def __init__(self, stream, requests: list[VideoRequest]):
        cc = stream.codec_context
        sar = Fraction(stream.sample_aspect_ratio or 1)
        self.requests = requests
        self.sizes = {r: output_size(r, cc.width, cc.height, sar) for r in requests}
        self.scalers = {r: VideoReformatter() for r in requests}
        self.time_base = stream.time_base
        self.start = stream.start_time or 0

    def feed(self, frame, index: int) -> Iterator[tuple[VideoRequest, VideoImage]]:
        when = None
        for request in self.requests:
            if request.frames and index not in request.frames:
                continue
            if when is None:
                pts = frame.pts if frame.pts is not None else self.start
                when = (pts - self.start) * self.time_base
            width, height = self.sizes[request]
            scaled = self.scalers[request].reformat(
                frame, width, height, request.pix_fmt, interpolation=Interpolation.AREA, threads=1
            )
            yield request, VideoImage(index, when, scaled.to_ndarray())
