"""Keyframe-guided decoding for long-GOP footage: look at keyframes only, then decode just
the GOPs where the picture changed.

>>> keys = keyframes(Path("A001C003.mp4"), VideoRequest(48, 27, "rgb24"))
>>> frames = decode_span(Path("A001C003.mp4"), request, keys[3].index, keys[4].index + 1)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
from av.video.reformatter import VideoReformatter

from rushes.media.decoder import VideoImage, VideoRequest, output_size
from rushes.media.ffmpeg import av
from rushes.media.spans import frame_number, scaled, video_span


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
            index = frame_number(frame, stream, rate)
            image = scaled(frame, request, size, scaler)
            found.append(VideoImage(index, Fraction(index) / rate, image))
        return found


def decode_span(
    path: Path, request: VideoRequest, rate: Fraction, first: int, stop: int
) -> np.ndarray:
    """Frames ``first``..``stop-1`` stacked, seeking to the keyframe at or before ``first``."""
    out = list(video_span(path, request, rate, first, stop))
    return np.stack(out) if out else np.zeros((0, 1, 1, 3), np.uint8)
