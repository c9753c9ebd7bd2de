"""FCPXML 1.10 for Final Cut Pro and DaVinci Resolve, written here: otio-fcpx-xml-adapter
truncates 23.976 to 23 frames a second, runs ``ffprobe`` (not shipped with rushes) and is no
longer in OTIO's plug-in bundle.

Every time is a rational number of seconds on a frame boundary (``1001/24000s``, never a
rounded rate); each asset's ``start`` is its file's embedded timecode and every asset-clip's
``start`` lies inside the asset; elements follow the DTD's order (resources, then library /
event / project / sequence / spine); the sequence's sound is stereo, never ``mono``.
Alternates are connected clips in lanes 1, 2, ... above the take they could replace,
disabled (``enabled="0"``), starting where it starts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

from rushes.export.cut import Cut, Source
from rushes.export.xmltools import sub, to_string

VERSION = "1.10"
AUDIO_RATES = {32000: "32k", 44100: "44.1k", 48000: "48k", 88200: "88.2k", 96000: "96k"}


def at(frames: int, rate: Fraction) -> str:
    """``frames`` at ``rate`` in frame-duration units, as Final Cut writes them
    (``1001/30000s`` steps); whole seconds as ``Ns``."""
    value = Fraction(frames) / rate
    if value.denominator == 1:
        return f"{value.numerator}s"
    return f"{frames * rate.denominator}/{rate.numerator}s"


def frame_duration(rate: Fraction) -> str:
    return f"{rate.denominator}/{rate.numerator}s"


class _Resources:
    """Formats and assets, with ids in the order they are written (r1, r2, ...)."""

    def __init__(self, parent: ET.Element):
        self.parent = parent
        self.formats: dict[tuple, str] = {}
        self.assets: dict[Source, str] = {}

    def _next_id(self) -> str:
        return f"r{len(self.formats) + len(self.assets) + 1}"

    def format(self, rate: Fraction, width: int, height: int, aspect: Fraction) -> str:
        key = (rate, width, height, aspect)
        if key not in self.formats:
            self.formats[key] = self._next_id()
            sub(self.parent, "format", id=self.formats[key], frameDuration=frame_duration(rate),
                width=width, height=height,
                paspH=aspect.numerator if aspect != 1 else None,
                paspV=aspect.denominator if aspect != 1 else None)  # fmt: skip
        return self.formats[key]

    def asset(self, source: Source) -> str:
        if source not in self.assets:
            fmt = self.format(source.rate, source.width, source.height, source.pixel_aspect)
            self.assets[source] = self._next_id()
            asset = sub(
                self.parent, "asset", id=self.assets[source], name=source.path.stem,
                start=at(source.start_frame, source.rate),
                duration=at(source.frames, source.rate), hasVideo=1, format=fmt,
                hasAudio=1 if source.audio_channels else 0,
                audioSources=1 if source.audio_channels else None,
                audioChannels=source.audio_channels or None,
                audioRate=source.audio_rate if source.audio_channels else None,
            )  # fmt: skip
            sub(asset, "media-rep", kind="original-media", src=source.url)
        return self.assets[source]

    def sound_asset(self, sound) -> str:
        """A recorder file: sound only, starting at its BWF timecode when it has one."""
        if sound not in self.assets:
            self.assets[sound] = self._next_id()
            rate = sound.sample_rate
            start = round((sound.start_seconds or Fraction(0)) * rate)
            asset = sub(
                self.parent, "asset", id=self.assets[sound], name=sound.path.stem,
                start=at(start, rate), duration=at(sound.samples, rate), hasVideo=0, hasAudio=1,
                audioSources=1, audioChannels=sound.channels, audioRate=rate,
            )  # fmt: skip
            sub(asset, "media-rep", kind="original-media", src=sound.url)
        return self.assets[sound]


def write_fcpxml(cut: Cut) -> str:
    root = ET.Element("fcpxml", version=VERSION)
    resources = _Resources(sub(root, "resources"))
    sequence_format = resources.format(cut.rate, cut.width, cut.height,
                                       cut.edits[0].source.pixel_aspect)  # fmt: skip
    for source in cut.sources:
        resources.asset(source)
    for sound in dict.fromkeys(s.sound for s in cut.sounds):
        resources.sound_asset(sound)
    event = sub(sub(root, "library"), "event", name="rushes")
    project = sub(event, "project", name=cut.name)
    sequence = sub(
        project, "sequence", format=sequence_format, duration=at(cut.frames, cut.rate),
        tcStart=at(cut.start_frame, cut.rate), tcFormat=_tc_format(cut.drop_frame, cut.rate),
        audioLayout="stereo", audioRate="48k",
    )  # fmt: skip
    spine = sub(sequence, "spine")
    above = {edit: [] for edit in cut.edits}
    for lane, layer in enumerate(cut.layers, 1):
        for alternate in layer:
            parent = next((e for e in cut.edits if e.record_in <= alternate.record_in
                           < e.record_out), cut.edits[-1])  # fmt: skip
            above[parent].append((lane, alternate))
    record = 0
    for edit in cut.edits:
        if edit.record_in > record:
            sub(spine, "gap", name="Gap", offset=at(cut.start_frame + record, cut.rate),
                duration=at(edit.record_in - record, cut.rate), start="3600s")  # fmt: skip
        source = edit.source
        under = [s for s in cut.sounds if edit.record_in <= s.record_in < edit.record_out]
        clip = sub(
            spine, "asset-clip", ref=resources.assets[source], name=edit.name,
            offset=at(cut.start_frame + edit.record_in, cut.rate),
            start=at(edit.tc_in, source.rate),
            duration=at(edit.record_out - edit.record_in, cut.rate),
            format=resources.formats[(source.rate, source.width, source.height,
                                      source.pixel_aspect)],
            tcFormat=_tc_format(source.drop_frame, source.rate),
            audioRole="dialogue" if source.audio_channels and not under else None,
            srcEnable="video" if under else None,  # the recorder's sound replaces the camera's
        )  # fmt: skip
        for sound in under:  # connected below, in the clip's own time
            where = (
                Fraction(edit.tc_in) / source.rate
                + Fraction(sound.record_in - edit.record_in) / cut.rate
            )
            rate = sound.sound.sample_rate
            begin = (sound.sound.start_seconds or Fraction(0)) + sound.start
            sub(clip, "asset-clip", ref=resources.sound_asset(sound.sound), lane=-sound.track,
                name=sound.sound.path.stem, offset=at(round(where * rate), rate),
                start=at(round(begin * rate), rate),
                duration=at(round(sound.duration * rate), rate), audioRole="dialogue")  # fmt: skip
        for lane, alternate in above[edit]:
            where = (Fraction(edit.tc_in) / source.rate
                     + Fraction(alternate.record_in - edit.record_in) / cut.rate)  # fmt: skip
            other = alternate.source
            sub(clip, "asset-clip", ref=resources.assets[other], lane=lane, name=alternate.name,
                offset=at(round(where * other.rate), other.rate),
                start=at(alternate.tc_in, other.rate),
                duration=at(alternate.source_out - alternate.source_in, other.rate),
                enabled=0, tcFormat=_tc_format(other.drop_frame, other.rate))  # fmt: skip
        record = edit.record_out
    return to_string(root, "fcpxml")


def _tc_format(drop: bool, rate: Fraction) -> str:
    return "DF" if drop and rate.denominator == 1001 else "NDF"
