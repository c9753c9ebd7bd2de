"""Probe a file with PyAV: is it media, and what exactly is it?

Decides by opening and decoding, never by the file's extension. A file that cannot be
used raises :class:`NotMedia` with a one-line reason meant for the user.

>>> probe(Path("A001C003.mov")).frame_rate
Fraction(24000, 1001)
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from rushes.media.ffmpeg import av
from rushes.media.records import AudioStream, Probe

# Demuxers that open stills and text: such files are not clips.
_STILL_FORMATS = {"image2", "tty", "gif", "webp_pipe", "apng"}
# Leading bytes of containers cameras and recorders write, to tell damaged from non-media.
_MAGIC = {
    b"\x1a\x45\xdf\xa3": "Matroska",
    b"\x06\x0e\x2b\x34": "MXF",
    b"RIFF": "WAV/AVI",
    b"FORM": "AIFF",
    b"\x00\x00\x01\xba": "MPEG-PS",
}
_VFR_SAMPLE_PACKETS = 300
# How much shorter than declared the demuxed media may end before we call it truncated.
_COMPLETE_TOLERANCE = Fraction(1, 4)
_MAKE_KEYS = ("make", "com.apple.quicktime.make", "com.android.manufacturer")
_MODEL_KEYS = ("model", "com.apple.quicktime.model", "com.android.model")
_CREATION_KEYS = ("com.apple.quicktime.creationdate", "creation_time", "date")


class NotMedia(Exception):
    """The file is not usable media; ``str()`` is the reason, one line."""


def probe(path: Path) -> Probe:
    """Everything the catalog records about a media file, verified by decoding."""
    _check_readable(path)
    try:
        container = av.open(str(path))
    except av.error.InvalidDataError:
        raise NotMedia(_damaged_or_not_media(path)) from None
    except av.error.FFmpegError as exc:
        raise NotMedia(f"cannot open: {exc.strerror or exc}") from None
    with container:
        if any(container.format.name.endswith(s) for s in ("_pipe",)) or (
            container.format.name in _STILL_FORMATS
        ):
            raise NotMedia(f"a still image or text ({container.format.name}), not a clip")
        video = container.streams.video[0] if container.streams.video else None
        if video is not None and video.codec_context is None:
            raise NotMedia(f"unsupported video codec (tag {_codec_tag(video)!r})")
        audio = [s for s in container.streams.audio if s.codec_context is not None]
        if video is None and not audio:
            raise NotMedia("no picture or sound stream")
        _check_decodes(container, video or audio[0])
        result = _describe(container, video, audio)
        _check_complete(container, video or audio[0], result.duration)
        return result


def _check_readable(path: Path) -> None:
    try:
        with open(path, "rb") as f:
            first = f.read(1)
    except OSError as exc:
        raise NotMedia(f"cannot read: {exc.strerror or exc}") from None
    if not first:
        raise NotMedia("empty file (0 bytes)")


def _damaged_or_not_media(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(12)
    kind = _MAGIC.get(head[:4])
    if head[4:8] in (b"ftyp", b"mdat", b"moov", b"wide", b"free"):
        kind = "QuickTime/MP4"
    if kind:
        return f"truncated or damaged {kind} file (its index cannot be read)"
    return "not a media file"


def _codec_tag(stream) -> str:
    tag = getattr(stream, "codec_tag", None)
    return str(tag) if tag else "unknown"


def _check_decodes(container, stream) -> None:
    """Decode the first frame: a stream we cannot decode is no use to anyone."""
    try:
        for _ in container.decode(stream):
            return
    except av.error.FFmpegError as exc:
        raise NotMedia(f"cannot decode {stream.type}: {exc.strerror or exc}") from None
    raise NotMedia(f"no decodable {stream.type} frames")


def _check_complete(container, stream, duration: Fraction) -> None:
    """Seek to the end and demux to EOF: a card pulled mid-write leaves a short file."""
    if not duration or stream.time_base is None:
        return
    target = max(Fraction(0), duration - 2)
    last_end = None
    size = Path(container.name).stat().st_size
    try:
        container.seek(int(target / stream.time_base), stream=stream, backward=True)
        for packet in container.demux(stream):
            if packet.pts is None:
                continue
            if packet.pos is not None and packet.pos + packet.size >= size and packet.size:
                break  # a packet cut off by the end of the file does not count
            end = (packet.pts + (packet.duration or 0)) * stream.time_base
            last_end = end if last_end is None else max(last_end, end)
    except av.error.FFmpegError as exc:
        raise NotMedia(f"truncated or damaged near the end: {exc.strerror or exc}") from None
    start = (stream.start_time or 0) * stream.time_base
    if last_end is None or last_end - start < duration - _COMPLETE_TOLERANCE:
        found = float(last_end - start) if last_end is not None else 0.0
        raise NotMedia(
            f"truncated: media stops at {found:.2f} s of the {float(duration):.2f} s "
            "the file declares"
        )


def _describe(container, video, audio) -> Probe:
    meta = {k.lower(): v for k, v in container.metadata.items()}
    fields: dict = {
        "container": container.format.name,
        "creation_time": _first(meta, _CREATION_KEYS),
        "camera_make": _first(meta, _MAKE_KEYS),
        "camera_model": _first(meta, _MODEL_KEYS),
        "audio": tuple(
            AudioStream(
                index=s.index,
                codec=s.codec_context.name,
                sample_rate=s.rate,
                channels=s.channels,
                layout=s.layout.name if s.layout else None,
            )
            for s in audio
        ),
    }
    timecode, source = _timecode(container, video, meta)
    fields["start_timecode"], fields["timecode_source"] = timecode, source
    if video is None:
        fields["duration"] = _stream_duration(audio[0]) or _container_duration(container)
        return Probe(**fields)

    cc = video.codec_context
    rate = video.average_rate or video.guessed_rate or video.base_rate
    vfr, frame_rate = _frame_rate(container, video, rate)
    duration = _stream_duration(video) or _container_duration(container)
    frames = video.frames or (round(duration * frame_rate) if frame_rate and not vfr else None)
    if frames and frame_rate and not vfr:
        duration = Fraction(frames) / frame_rate
    sar = video.sample_aspect_ratio or cc.sample_aspect_ratio
    fields.update(
        video_codec=cc.name,
        video_profile=cc.profile,
        width=cc.width,
        height=cc.height,
        pixel_aspect=Fraction(sar) if sar else Fraction(1),
        pix_fmt=cc.format.name if cc.format else None,
        frame_rate=frame_rate,
        vfr=vfr,
        frame_count=frames,
        duration=duration,
    )
    return Probe(**fields)


def _frame_rate(container, video, rate) -> tuple[bool, Fraction | None]:
    """(variable frame rate?, rate) from the spacing of the first packets' timestamps."""
    container.seek(0, stream=video)
    stamps = []
    for packet in container.demux(video):
        if packet.pts is not None:
            stamps.append(packet.pts)
        if len(stamps) >= _VFR_SAMPLE_PACKETS:
            break
    stamps.sort()
    deltas = [b - a for a, b in zip(stamps, stamps[1:], strict=False) if b > a]
    vfr = False
    if len(deltas) >= 2:
        # Constant rate with a rare gap (one dropped frame) is not VFR; phones vary throughout.
        median = sorted(deltas)[len(deltas) // 2]
        off = sum(abs(d - median) > max(1, 0.02 * median) for d in deltas)
        vfr = off >= max(3, 0.05 * len(deltas))
    if rate is None and deltas:
        rate = 1 / (Fraction(sum(deltas), len(deltas)) * video.time_base)
    return vfr, Fraction(rate) if rate else None


def _timecode(container, video, meta: dict) -> tuple[str | None, str | None]:
    for stream in container.streams:
        if stream.type == "data" and "timecode" in stream.metadata:
            return stream.metadata["timecode"], "timecode track"
    if video is not None and "timecode" in video.metadata:
        return video.metadata["timecode"], "video stream metadata"
    if "timecode" in meta:
        return meta["timecode"], "container metadata"
    return None, None


def _stream_duration(stream) -> Fraction | None:
    if stream.duration and stream.time_base:
        return stream.duration * stream.time_base
    return None


def _container_duration(container) -> Fraction:
    return Fraction(container.duration or 0, 1_000_000)


def _first(meta: dict, keys) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None
