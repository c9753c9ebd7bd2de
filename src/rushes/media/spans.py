"""Decode one stretch of a clip, picture or sound, for renders that need a range, not a pass.

Seeks to the keyframe at or before the first frame and decodes forward; frames are numbered
by their presentation time at the clip's rate, so the stretch is frame-exact whatever the GOP.

>>> for image in video_span(Path("A001.mov"), VideoRequest(640, 360, "rgb24"), rate, 48, 96):
...     ...
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
from av.video.reformatter import Interpolation, VideoReformatter

from rushes.media.decoder import AudioRequest, VideoRequest, output_size
from rushes.media.ffmpeg import av


def frame_number(frame, stream, rate: Fraction) -> int:
    """The frame's number from the clip's first frame, by its presentation time."""
    start = stream.start_time or 0
    return round((frame.pts - start) * stream.time_base * rate)


def scaled(frame, request: VideoRequest, size, scaler) -> np.ndarray:
    out = scaler.reformat(frame, *size, request.pix_fmt, interpolation=Interpolation.AREA)
    return out.to_ndarray()


def video_span(
    path: Path, request: VideoRequest, rate: Fraction, first: int, stop: int
) -> Iterator[np.ndarray]:
    """Frames ``first``..``stop-1`` (numbered from the clip's first frame) as arrays."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        cc = stream.codec_context
        size = output_size(request, cc.width, cc.height, Fraction(stream.sample_aspect_ratio or 1))
        scaler = VideoReformatter()
        start = stream.start_time or 0
        container.seek(start + int(Fraction(first) / rate / stream.time_base), stream=stream,
                       backward=True)  # fmt: skip
        for frame in container.decode(stream):
            index = frame_number(frame, stream, rate)
            if index >= stop:
                return
            if index >= first:
                yield scaled(frame, request, size, scaler)


def audio_span(path: Path, request: AudioRequest, start: Fraction, stop: Fraction) -> np.ndarray:
    """Sound from ``start`` to ``stop`` seconds, exactly ``(stop-start)*rate`` samples long
    (channels x samples), padded with silence where the file has none."""
    want = round((stop - start) * request.rate)
    channels = 1 if request.layout == "mono" else 2
    out = np.zeros((channels, want), np.float32)
    with av.open(str(path)) as container:
        if request.stream >= len(container.streams.audio):
            return out
        stream = container.streams.audio[request.stream]
        origin = stream.start_time or 0
        resampler = av.AudioResampler("fltp", request.layout, request.rate)
        container.seek(origin + int(start / stream.time_base), stream=stream, backward=True)
        first = None  # sample number (at the request's rate) of the first resampled sample
        got = []
        for frame in container.decode(stream):
            if first is None:
                pts = frame.pts if frame.pts is not None else origin
                first = round((pts - origin) * stream.time_base * request.rate)
            for chunk in resampler.resample(frame):
                got.append(chunk.to_ndarray())
            if first + sum(c.shape[1] for c in got) >= round(stop * request.rate):
                break
        for chunk in resampler.resample(None):
            got.append(chunk.to_ndarray())
    if not got:
        return out
    samples = np.concatenate(got, axis=1)
    skip = round(start * request.rate) - first
    if skip >= 0:
        piece = samples[:, skip : skip + want]
        out[:, : piece.shape[1]] = piece
    else:
        piece = samples[:, : want + skip]
        out[:, -skip : -skip + piece.shape[1]] = piece
    return out


def sound_track(path: Path, request: AudioRequest) -> tuple[np.ndarray, Fraction]:
    """The whole sound stream as one array (channels x samples) and the time of its first
    sample from the first video frame (0 for a file without picture). Encoder priming
    that the container signals (an edit list, skip samples) is dropped by the decoder, so
    an AAC track and a PCM track of the same sound line up to the sample."""
    with av.open(str(path)) as container:
        if request.stream >= len(container.streams.audio):
            return np.zeros((1, 0), np.float32), Fraction(0)
        stream = container.streams.audio[request.stream]
        video = container.streams.video[0] if container.streams.video else None
        origin = Fraction(video.start_time * video.time_base) if video and video.start_time \
            is not None else Fraction(0)  # fmt: skip
        resampler = av.AudioResampler("fltp", request.layout, request.rate)
        chunks, first = [], None
        for frame in container.decode(stream):
            if first is None and frame.pts is not None:
                first = Fraction(frame.pts * stream.time_base)
            chunks += [c.to_ndarray() for c in resampler.resample(frame)]
        chunks += [c.to_ndarray() for c in resampler.resample(None)]
    samples = np.concatenate(chunks, axis=1) if chunks else np.zeros((1, 0), np.float32)
    return samples, (first if first is not None else Fraction(0)) - origin
