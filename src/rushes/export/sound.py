"""Recorder sound in a cut: the stretches of separately recorded sound files (dual-system
sound, married by ``rushes sync``) that play under the picture, sample-exact.

In the OTIO timeline they are clips of audio tracks whose media has no picture; here they
become :class:`SoundEdit` values (seconds into the file as exact fractions, the record
frames they cover, the track they sit on) that each writer places its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio

from rushes.errors import BadInput
from rushes.export.probing import probed
from rushes.export.urls import file_url, path_of_url
from rushes.sync import recorder_info

_RT = otio.opentime.RationalTime
_TR = otio.opentime.TimeRange


@dataclass(frozen=True)
class SoundFile:
    path: Path
    sample_rate: int
    samples: int
    channels: int
    start_seconds: Fraction | None = None  # its BWF time reference (since midnight)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def url(self) -> str:
        return file_url(self.path)


@dataclass(frozen=True)
class SoundEdit:
    sound: SoundFile
    track: int  # 1, 2, ...: one per recorder channel file (lavaliers, boom)
    start: Fraction  # seconds into the file at record frame ``record_in``
    duration: Fraction
    record_in: int
    record_out: int


@dataclass(frozen=True)
class SyncedSound:
    """A recorder file holding a camera source's sound: ``offset`` is the time in it at
    the source's first frame; the recorder's clock runs ``drift_ppm`` fast against it."""

    path: Path
    offset: float
    sample_rate: int
    samples: int
    drift_ppm: float = 0.0


def sound_file_of(path: Path) -> SoundFile:
    info = probed(path, "sound file")
    if not info.audio:
        raise BadInput(f"{path}: no sound in it")
    stream = info.audio[0]
    samples = round(info.duration * stream.sample_rate)
    return SoundFile(path.resolve(), stream.sample_rate, samples, stream.channels,
                     recorder_info(path).start_seconds)  # fmt: skip


def recorder_clip(sound: SyncedSound, rate: Fraction, first: int, stop: int) -> otio.schema.Clip:
    """The recorder's stretch that plays with frames first..stop-1 of a source at ``rate``."""
    r = sound.sample_rate
    scale = 1 + sound.drift_ppm * 1e-6
    begin = sound.offset + float(Fraction(first) / rate) * scale
    length = float(Fraction(stop - first) / rate) * scale
    reference = otio.schema.ExternalReference(
        target_url=file_url(sound.path), available_range=_TR(_RT(0, r), _RT(sound.samples, r))
    )
    played = _TR(_RT(round(begin * r), r), _RT(round(length * r), r))
    clip = otio.schema.Clip(name=sound.path.stem, media_reference=reference, source_range=played)
    clip.metadata["rushes"] = {"drift_ppm": sound.drift_ppm}
    return clip


def read_sound_edits(timeline: otio.schema.Timeline, rate: Fraction, is_picture,
                     origin: str) -> tuple[SoundEdit, ...]:  # fmt: skip
    """Clips of the audio tracks whose media ``is_picture`` says is not a camera source."""
    files: dict[Path, SoundFile] = {}
    out = []
    tracks = [t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Audio]
    for number, track in enumerate(tracks, 1):
        for item in track:
            if not isinstance(item, otio.schema.Clip):
                continue
            url = getattr(item.media_reference, "target_url", None)
            if not url:
                continue
            path = path_of_url(url)
            if is_picture(path):
                continue
            sound = files.get(path) or files.setdefault(path, sound_file_of(path))
            where = track.range_of_child(item).start_time
            record_in = round(Fraction(where.to_seconds()).limit_denominator(10**7) * rate)
            src = item.source_range
            start = Fraction(round(src.start_time.value), 1) / Fraction(src.start_time.rate)
            duration = Fraction(round(src.duration.value), 1) / Fraction(src.duration.rate)
            if start < 0 or (start + duration) * sound.sample_rate > sound.samples + 1:
                raise BadInput(f"{origin}: '{item.name}' asks for sound beyond {path.name}")
            out.append(SoundEdit(sound, number, start, duration, record_in,
                                 record_in + round(duration * rate)))  # fmt: skip
    return tuple(out)
