"""The rendered preview of a cut: an H.264/AAC MP4 at the cut's rate, every record frame
from the right source frame, with the source timecode and clip name burnt in if asked.

Each edit is decoded from the keyframe before its first frame (never the whole clip) and its
sound is cut sample-exactly to the edit's length, so picture and sound stay in step however
many edits there are. A source at another rate is conformed by taking, for each record frame,
the source frame showing at that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.export.burnin import burn_in
from rushes.export.cut import Cut, Edit
from rushes.media import AudioRequest, PreviewWriter, VideoRequest, audio_span, video_span
from rushes.media.timecode import from_frames

AUDIO_RATE = 48000


def preview_size(cut: Cut, width: int) -> tuple[int, int]:
    width = min(width, cut.width) // 2 * 2
    aspect = cut.edits[0].source.pixel_aspect
    height = round(width * cut.height / (cut.width * aspect))
    return width, height + height % 2


def render_preview(
    cut: Cut, out: Path, width: int = 960, burn: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Path:  # fmt: skip
    size = preview_size(cut, width)
    with PreviewWriter(out, *size, cut.rate, AUDIO_RATE) as writer:
        record = 0
        for edit in cut.edits:
            if edit.record_in > record:
                _gap(writer, cut, record, edit.record_in, size)
            _edit(writer, cut, edit, size, burn)
            record = edit.record_out
            if progress:
                progress(record)
    return out


def _samples(cut: Cut, first: int, stop: int) -> int:
    """Sound samples for record frames first..stop-1, rounded so that edits add up exactly."""
    return round(Fraction(stop) / cut.rate * AUDIO_RATE) - round(
        Fraction(first) / cut.rate * AUDIO_RATE
    )


def _gap(writer: PreviewWriter, cut: Cut, first: int, stop: int, size) -> None:
    black = np.zeros((size[1], size[0], 3), np.uint8)
    for _ in range(first, stop):
        writer.add_frame(black)
    writer.add_audio(np.zeros((2, _samples(cut, first, stop)), np.float32))


def _edit(writer: PreviewWriter, cut: Cut, edit: Edit, size, burn: bool) -> None:
    source = edit.source
    count = edit.record_out - edit.record_in
    wanted = [
        min(edit.source_in + int(Fraction(k) / cut.rate * source.rate), edit.source_out - 1)
        for k in range(count)
    ]
    request = VideoRequest(size[0], size[1], "rgb24")
    frames = video_span(source.path, request, source.rate, edit.source_in, wanted[-1] + 1)
    index, image = edit.source_in - 1, None
    for target in wanted:
        while index < target:
            image = next(frames, image)
            index += 1
        if image is None:
            image = np.zeros((size[1], size[0], 3), np.uint8)
        if burn:
            tc = from_frames(source.start_frame + target, source.rate,
                             source.drop_frame and source.ntsc)  # fmt: skip
            writer.add_frame(burn_in(image, f"{tc}  {edit.name}"))
        else:
            writer.add_frame(image)
    frames.close()
    start = Fraction(edit.source_in) / source.rate
    n = _samples(cut, edit.record_in, edit.record_out)
    sound = audio_span(source.path, AudioRequest(AUDIO_RATE, "stereo", "fltp"), start,
                       start + Fraction(n, AUDIO_RATE))  # fmt: skip
    writer.add_audio(sound[:, :n])
