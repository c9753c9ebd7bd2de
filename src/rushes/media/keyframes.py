"""Keyframe-guided decoding for long-GOP footage: look at keyframes only, then decode just
the GOPs where the picture changed.

>>> keys = keyframes(Path("A001C003.mp4"), VideoRequest(48, 27, "rgb24"))
>>> frames = decode_span(Path("A001C003.mp4"), request, keys[3].index, keys[4].index + 1)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.reformatter import Interpolation, VideoReformatter

from rushes.media.decoder import VideoImage, VideoRequest, output_size


def _index(frame, stream, rate: Fraction) -> int:
    start = stream.start_time or 0
    return round((frame.pts - start) * stream.time_base * rate)


def _scaled(frame, request: VideoRequest, size, scaler) -> np.ndarray:
    out = scaler.reformat(frame, *size, request.pix_fmt, interpolation=Interpolation.AREA)
    return out.to_ndarray()


def keyframes(path: Path, request: VideoRequest, rate: Fraction) -> list[VideoImage]:
    """Only the keyframes, decoded without their GOPs (FFmpeg skips the other frames)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        size = output_size(request, stream.codec_context.width, stream.codec_context.height,
                           Fraction(stream.sample_aspect_ratio or 1))  # fmt: skip
        scaler = VideoReformatter()
        found = []
        for frame in container.decode(stream):
            index = _index(frame, stream, rate)
            found.append(VideoImage(index, Fraction(index) / rate, _scaled(frame, request, size,
                                                                             scaler)))  # fmt: skip
        return found


def decode_span(
    path: Path, request: VideoRequest, rate: Fraction, first: int, stop: int
) -> np.ndarray:
    """Frames ``first``..``stop-1``, seeking to the keyframe at or before ``first``."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        size = output_size(request, stream.codec_context.width, stream.codec_context.height,
                           Fraction(stream.sample_aspect_ratio or 1))  # fmt: skip
        scaler = VideoReformatter()
        start = stream.start_time or 0
        target = start + int(Fraction(first) / rate / stream.time_base)
        container.seek(target, stream=stream, backward=True)
        out = []
        for frame in container.decode(stream):
            index = _index(frame, stream, rate)
            if index >= stop:
                break
            if index >= first:
                out.append(_scaled(frame, request, size, scaler))
        return np.stack(out) if out else np.zeros((0, 1, 1, 3), np.uint8)
