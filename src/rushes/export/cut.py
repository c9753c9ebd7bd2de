"""The cut as every writer needs it: edits in whole frames, each source probed from disk.

An OpenTimelineIO timeline is the cut's one true form (DESIGN.md). Writers do not walk OTIO
themselves: :func:`read_cut` turns the first video track into :class:`Edit` values once,
checks that every file is there and every edit lies inside its file, and gives source
positions both as frames from the file's first frame and as timecode frames. The video
tracks above it are alternates: the other usable takes, disabled, each at the record
position of the take it could replace (``Cut.layers``; the EDL keeps the single track).

>>> timeline = build_timeline("cut", Fraction(25), [(source, 0, 50), (other, 100, 175)])
>>> cut = read_cut(timeline)
>>> cut.edits[1].record_in
50
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from rushes.errors import BadInput
from rushes.export.probing import probed
from rushes.export.sound import SoundEdit, SyncedSound, read_sound_edits, recorder_clip
from rushes.export.urls import file_url, path_of_url
from rushes.media.timecode import is_drop_frame, to_frames

_RT = otio.opentime.RationalTime
_TR = otio.opentime.TimeRange
DEFAULT_START = "01:00:00:00"  # where editing programs start a sequence


@dataclass(frozen=True)
class Source:
    """One media file as the writers need it."""

    path: Path
    rate: Fraction
    start_frame: int  # the file's embedded timecode as a frame count; 0 without one
    drop_frame: bool
    frames: int
    width: int
    height: int
    pixel_aspect: Fraction = Fraction(1)
    audio_channels: int = 0
    audio_rate: int = 48000
    vfr: bool = False

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def url(self) -> str:
        return file_url(self.path)

    @property
    def ntsc(self) -> bool:
        return self.rate.denominator == 1001


@dataclass(frozen=True)
class Edit:
    """Frames ``source_in``..``source_out``-1 of ``source`` (counted from its first frame)
    at record frames ``record_in``..``record_out``-1 of the cut (counted from its start)."""

    source: Source
    name: str
    source_in: int
    source_out: int
    record_in: int
    record_out: int

    @property
    def tc_in(self) -> int:
        return self.source.start_frame + self.source_in

    @property
    def tc_out(self) -> int:
        return self.source.start_frame + self.source_out


@dataclass(frozen=True)
class Cut:
    name: str
    rate: Fraction
    drop_frame: bool
    start_frame: int  # the record timecode of the first frame
    width: int
    height: int
    edits: tuple[Edit, ...]
    sounds: tuple[SoundEdit, ...] = ()  # recorder sound under the picture (dual-system)
    layers: tuple[tuple[Edit, ...], ...] = ()  # alternates: disabled tracks above, bottom up

    @property
    def frames(self) -> int:
        return max((e.record_out for e in self.edits), default=0)

    @property
    def ntsc(self) -> bool:
        return self.rate.denominator == 1001

    @property
    def sources(self) -> list[Source]:
        """Every picture file, the cut's first, then the alternates'."""
        layered = (e.source for layer in self.layers for e in layer)
        return list(dict.fromkeys([*(e.source for e in self.edits), *layered]))


def source_of(path: Path) -> Source:
    """Probe ``path``; a missing or unreadable file is a one-line :class:`BadInput`."""
    info = probed(path, "media file")
    if info.kind != "video" or not info.frame_rate:
        raise BadInput(f"{path}: no picture to cut")
    rate = Fraction(info.frame_rate)
    tc = info.start_timecode
    frames = info.frame_count or round(info.duration * rate)
    channels = info.audio[0].channels if info.audio else 0
    audio_rate = info.audio[0].sample_rate if info.audio else 48000
    return Source(
        path.resolve(), rate, to_frames(tc, rate) if tc else 0, bool(tc and is_drop_frame(tc)),
        frames, info.width, info.height, Fraction(info.pixel_aspect or 1), channels, audio_rate,
        info.vfr,
    )  # fmt: skip


def build_timeline(
    name: str,
    rate: Fraction,
    edits: Sequence[tuple[Source, int, int]],
    drop_frame: bool | None = None,
    start: str = DEFAULT_START,
    sound_of: Callable[[Source], list[SyncedSound]] | None = None,
    alternates: Sequence[Sequence[tuple[Source, int, int]]] = (),
) -> otio.schema.Timeline:
    """A timeline of ``(source, first frame, stop frame)`` edits, back to back, with one
    video track and audio tracks: the recorder's sound where ``sound_of`` names synced
    recorder files (one track each, linked by position), else the camera's own.
    ``alternates[k]``: other takes for edit k, on disabled video tracks above it, each
    starting where edit k starts (a take longer than its space goes up a track)."""
    rate = Fraction(rate)
    if drop_frame is None:
        drop_frame = rate.denominator == 1001 and any(s.drop_frame for s, _, _ in edits)
    if drop_frame and rate.denominator == 1001:
        start = start[:8] + ";" + start[9:]
    timeline = otio.schema.Timeline(name)
    timeline.global_start_time = _RT(to_frames(start, rate), float(rate))
    timeline.metadata["rushes"] = {"rate": str(rate), "drop_frame": drop_frame}
    video = otio.schema.Track("V1", kind=otio.schema.TrackKind.Video)
    recorders = {s: (sound_of(s) if sound_of else []) for s, _, _ in edits}
    count = max([1] + [len(v) for v in recorders.values()])
    audio = [otio.schema.Track(f"A{n + 1}", kind=otio.schema.TrackKind.Audio)
             for n in range(count)]  # fmt: skip
    for source, first, stop in edits:
        video.append(_clip(source, first, stop))
        synced = recorders[source]
        for n, track in enumerate(audio):
            if n < len(synced):
                track.append(recorder_clip(synced[n], source.rate, first, stop))
            elif n == 0 and not synced:
                track.append(_clip(source, first, stop))
            else:
                r = float(source.rate)
                track.append(otio.schema.Gap(source_range=_TR(_RT(0, r), _RT(stop - first, r))))
    timeline.tracks.append(video)
    timeline.tracks.extend(_alternate_tracks(edits, alternates, rate))
    if any(s.audio_channels for s, _, _ in edits) or any(recorders.values()):
        timeline.tracks.extend(audio)
    return timeline


def _alternate_tracks(edits, alternates, rate: Fraction) -> list[otio.schema.Track]:
    """Disabled video tracks holding the alternates, packed from the lowest track up."""
    starts, at = [], Fraction(0)
    for source, first, stop in edits:
        starts.append(at)
        at += Fraction(stop - first) / source.rate
    placed: list[list[tuple[Fraction, Fraction, tuple]]] = []  # per track: (start, end, edit)
    for k, others in enumerate(alternates):
        for source, first, stop in others:
            begin, end = starts[k], starts[k] + Fraction(stop - first) / source.rate
            track = next((t for t in placed if all(e <= begin or s >= end for s, e, _ in t)),
                         None)  # fmt: skip
            if track is None:
                track = []
                placed.append(track)
            track.append((begin, end, (source, first, stop)))
    out = []
    for n, items in enumerate(placed, 2):
        track = otio.schema.Track(f"V{n} alternates", kind=otio.schema.TrackKind.Video)
        track.enabled = False
        track.metadata["rushes"] = {"alternates": True}
        record = Fraction(0)
        for begin, end, (source, first, stop) in sorted(items, key=lambda item: item[0]):
            if begin > record:
                gap = round((begin - record) * rate)
                track.append(otio.schema.Gap(source_range=_TR(_RT(0, float(rate)),
                                                              _RT(gap, float(rate)))))  # fmt: skip
            clip = _clip(source, first, stop)
            clip.enabled = False
            track.append(clip)
            record = begin + Fraction(round((end - begin) * rate)) / rate
        out.append(track)
    return out


def _clip(source: Source, first: int, stop: int) -> otio.schema.Clip:
    r = float(source.rate)
    reference = otio.schema.ExternalReference(
        target_url=source.url,
        available_range=_TR(_RT(source.start_frame, r), _RT(source.frames, r)),
    )
    reference.metadata["rushes"] = {"rate": str(source.rate)}
    return otio.schema.Clip(
        name=source.path.stem, media_reference=reference,
        source_range=_TR(_RT(source.start_frame + first, r), _RT(stop - first, r)),
    )  # fmt: skip


def read_cut(timeline: otio.schema.Timeline, origin: str = "cut") -> Cut:
    """The cut of ``timeline``'s first video track, and the alternates on the video tracks
    above it; ``origin`` names the file in errors."""
    videos = [t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video]
    video = videos[0] if videos else None
    if video is None or not any(isinstance(c, otio.schema.Clip) for c in video):
        raise BadInput(f"{origin}: the timeline has no clips on a video track")
    meta = timeline.metadata.get("rushes", {})
    start = timeline.global_start_time
    rate = Fraction(meta["rate"]) if "rate" in meta else _rate_of(start or video.duration())
    sources: dict[Path, Source] = {}
    edits = _track_edits(video, rate, sources, origin)
    layers = tuple(_track_edits(t, rate, sources, origin) for t in videos[1:])
    first_source = edits[0].source
    drop = meta.get("drop_frame", first_source.drop_frame and rate.denominator == 1001)
    start_frame = round(start.rescaled_to(float(rate)).value) if start else 0
    sounds = read_sound_edits(timeline, rate, lambda p: p.resolve() in
                              {s.path for s in sources.values()}, origin)  # fmt: skip
    layers = tuple(layer for layer in layers if layer)
    return Cut(timeline.name or "cut", rate, bool(drop), start_frame, first_source.width,
               first_source.height, edits, sounds, layers)  # fmt: skip


def _track_edits(track, rate: Fraction, sources: dict, origin: str) -> tuple[Edit, ...]:
    """A video track's clips as edits at record frames of ``rate`` (gaps keep their place)."""
    edits, record = [], 0
    for item in track:
        if isinstance(item, otio.schema.Transition):
            raise BadInput(f"{origin}: transitions are not supported yet ({item.name or 'one'})")
        duration_s = Fraction(item.source_range.duration.to_seconds()).limit_denominator(120000)
        if isinstance(item, otio.schema.Clip):
            path = _path_of(item, origin)
            source = sources.get(path) or sources.setdefault(path, source_of(path))
            r = float(source.rate)
            first = round(item.source_range.start_time.rescaled_to(r).value) - source.start_frame
            count = round(item.source_range.duration.rescaled_to(r).value)
            if count <= 0:
                raise BadInput(f"{origin}: clip '{item.name}' lasts {count} frames (not a cut)")
            if first < 0 or first + count > source.frames:
                raise BadInput(
                    f"{origin}: clip '{item.name}' asks for frames {first}-{first + count} of "
                    f"{path.name}, which has {source.frames}"
                )
            length = round(Fraction(count) / source.rate * rate)
            edits.append(Edit(source, item.name, first, first + count, record, record + length))
            record += length
        else:
            if duration_s < 0:
                raise BadInput(f"{origin}: a gap of negative duration ({float(duration_s)} s)")
            record += round(duration_s * rate)
    return tuple(edits)


def _rate_of(time: otio.opentime.RationalTime) -> Fraction:
    rate = Fraction(time.rate).limit_denominator(1001)
    return rate


def _path_of(clip: otio.schema.Clip, origin: str) -> Path:
    reference = clip.media_reference
    url = getattr(reference, "target_url", None)
    if not url:
        raise BadInput(f"{origin}: clip '{clip.name}' has no media file")
    try:
        return path_of_url(url)
    except ValueError as exc:
        raise BadInput(f"{origin}: clip '{clip.name}': {exc}") from None
