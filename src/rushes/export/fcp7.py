"""FCP7 XML (xmeml 5) for Premiere Pro and DaVinci Resolve, written here: otio-fcp-adapter
writes an empty ``<format/>`` (Resolve then refuses the sequence), writes the timecode of a
drop-frame source as non-drop, percent-encodes ``<name>``, repeats ``<rate>`` in a clip item,
and gives audio clip items the video item's id instead of their own with ``<link>``s.

Each edit is a video clip item and, for a source with sound, one audio clip item per channel
on its own track (stereo as two linked mono tracks, as Premiere lays it out). ``in``/``out``
count frames from the file's first frame at the file's rate; ``start``/``end`` count record
frames at the sequence's rate, so mixed-rate sources land on the right frame. Alternates
are video tracks above V1, disabled, one clip item each.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

from rushes.export.cut import Cut, Edit, Source
from rushes.export.sound import SoundEdit
from rushes.export.xmltools import sub, to_string
from rushes.media.timecode import from_frames


def rate(parent: ET.Element, value: Fraction) -> None:
    element = sub(parent, "rate")
    sub(element, "timebase", round(value))
    sub(element, "ntsc", "TRUE" if value.denominator == 1001 else "FALSE")


def timecode(parent: ET.Element, frames: int, value: Fraction, drop: bool) -> None:
    element = sub(parent, "timecode")
    rate(element, value)
    sub(element, "string", from_frames(frames, value, drop))
    sub(element, "frame", frames)
    sub(element, "displayformat", "DF" if drop else "NDF")


def video_characteristics(parent: ET.Element, value: Fraction, width: int, height: int,
                          pixel_aspect: Fraction) -> None:  # fmt: skip
    element = sub(parent, "samplecharacteristics")
    rate(element, value)
    sub(element, "width", width)
    sub(element, "height", height)
    sub(element, "anamorphic", "TRUE" if pixel_aspect > 1 else "FALSE")
    sub(element, "pixelaspectratio", "square" if pixel_aspect == 1 else "non-square")
    sub(element, "fielddominance", "none")


def audio_characteristics(parent: ET.Element, sample_rate: int) -> None:
    element = sub(parent, "samplecharacteristics")
    sub(element, "depth", 16)
    sub(element, "samplerate", sample_rate)


class _Ids:
    """Every file element is written in full once, then referred to by id."""

    def __init__(self, sources: list[Source]):
        self.file = {s: f"file-{n}" for n, s in enumerate(sources, 1)}
        self.written: set[Source] = set()

    def file_element(self, parent: ET.Element, source: Source) -> None:
        element = sub(parent, "file", id=self.file[source])
        if source in self.written:
            return
        self.written.add(source)
        sub(element, "name", source.name)
        sub(element, "pathurl", source.url)
        rate(element, source.rate)
        sub(element, "duration", source.frames)
        timecode(element, source.start_frame, source.rate, source.drop_frame and source.ntsc)
        media = sub(element, "media")
        video = sub(media, "video")
        video_characteristics(video, source.rate, source.width, source.height,
                              source.pixel_aspect)  # fmt: skip
        if source.audio_channels:
            audio = sub(media, "audio")
            audio_characteristics(audio, source.audio_rate)
            sub(audio, "channelcount", source.audio_channels)


def write_fcp7(cut: Cut) -> str:
    ids = _Ids(cut.sources)
    root = ET.Element("xmeml", version="5")
    sequence = sub(root, "sequence", id="sequence-1")
    sub(sequence, "name", cut.name)
    sub(sequence, "duration", cut.frames)
    rate(sequence, cut.rate)
    timecode(sequence, cut.start_frame, cut.rate, cut.drop_frame and cut.ntsc)
    media = sub(sequence, "media")
    video = sub(media, "video")
    fmt = sub(video, "format")
    video_characteristics(fmt, cut.rate, cut.width, cut.height, cut.edits[0].source.pixel_aspect)
    v1 = sub(video, "track")
    # with dual-system sound the recorder's tracks replace the camera's scratch sound
    channels = 0 if cut.sounds else max((s.audio_channels for s in cut.sources), default=0)
    audio_tracks = []
    if channels or cut.sounds:
        audio = sub(media, "audio")
        sub(audio, "numOutputChannels", 2)
        audio_characteristics(sub(audio, "format"), 48000)
        audio_tracks = [sub(audio, "track") for _ in range(min(channels, 2))]
        recorder_tracks = {k: sub(audio, "track") for k in sorted({s.track for s in cut.sounds})}
        files = _SoundFiles([s.sound for s in cut.sounds])
        for n, sound in enumerate(cut.sounds, 1):
            _sound_clipitem(recorder_tracks[sound.track], sound, cut, n, files)
    audio_index = 0
    for n, edit in enumerate(cut.edits, 1):
        tracks = min(edit.source.audio_channels, 2, len(audio_tracks))
        audio_index += 1 if tracks else 0
        links = [(f"clipitem-v{n}", "video", 1, n)] + [
            (f"clipitem-a{t}-{n}", "audio", t, audio_index) for t in range(1, tracks + 1)
        ]
        _clipitem(v1, edit, ids, links, 0)
        for t in range(1, tracks + 1):
            _clipitem(audio_tracks[t - 1], edit, ids, links, t)
    for k, layer in enumerate(cut.layers, 2):
        track = sub(video, "track")
        for n, edit in enumerate(layer, 1):
            _clipitem(track, edit, ids, [(f"clipitem-v{k}-{n}", "video", k, n)], 0, False)
        sub(track, "enabled", "FALSE")
    return to_string(root, "xmeml")


TICKS = 254016000000  # Premiere's ticks a second: sub-frame in and out points


class _SoundFiles:
    """Recorder files: written in full once, then referred to by id."""

    def __init__(self, files: list):
        self.ids = {f: f"file-s{i}" for i, f in enumerate(dict.fromkeys(files), 1)}
        self.written: set = set()


def _sound_clipitem(track: ET.Element, sound: SoundEdit, cut: Cut, n: int,
                    files: _SoundFiles) -> None:  # fmt: skip
    """A recorder stretch: in/out in frames at the sequence rate (what FCP7 XML can say),
    with Premiere's tick values for the exact, sub-frame position."""
    item = sub(track, "clipitem", id=f"clipitem-s{sound.track}-{n}")
    f = sound.sound
    sub(item, "name", f.path.stem)
    sub(item, "enabled", "TRUE")
    sub(item, "duration", round(Fraction(f.samples, f.sample_rate) * cut.rate))
    rate(item, cut.rate)
    sub(item, "start", sound.record_in)
    sub(item, "end", sound.record_out)
    first = round(sound.start * cut.rate)
    sub(item, "in", first)
    sub(item, "out", first + sound.record_out - sound.record_in)
    sub(item, "pproTicksIn", round(sound.start * TICKS))
    sub(item, "pproTicksOut", round((sound.start + sound.duration) * TICKS))
    element = sub(item, "file", id=files.ids[f])
    if f in files.written:
        _add_source_track(item)
        return
    files.written.add(f)
    sub(element, "name", f.name)
    sub(element, "pathurl", f.url)
    rate(element, cut.rate)
    sub(element, "duration", round(Fraction(f.samples, f.sample_rate) * cut.rate))
    start = round((f.start_seconds or Fraction(0)) * cut.rate)
    timecode(element, start, cut.rate, cut.drop_frame and cut.ntsc)
    audio = sub(sub(element, "media"), "audio")
    audio_characteristics(audio, f.sample_rate)
    sub(audio, "channelcount", f.channels)
    _add_source_track(item)


def _add_source_track(item: ET.Element) -> None:
    source_track = sub(item, "sourcetrack")
    sub(source_track, "mediatype", "audio")
    sub(source_track, "trackindex", 1)


def _clipitem(track: ET.Element, edit: Edit, ids: _Ids, links: list, own: int,
              enabled: bool = True) -> None:  # fmt: skip
    """Clip item ``links[own]`` of ``edit``; ``links`` names every item of the edit
    (id, media type, track number, index in track) so they move together."""
    item = sub(track, "clipitem", id=links[own][0])
    sub(item, "masterclipid", ids.file[edit.source].replace("file", "masterclip"))
    sub(item, "name", edit.name)
    sub(item, "enabled", "TRUE" if enabled else "FALSE")
    sub(item, "duration", edit.source.frames)
    rate(item, edit.source.rate)
    sub(item, "start", edit.record_in)
    sub(item, "end", edit.record_out)
    sub(item, "in", edit.source_in)
    sub(item, "out", edit.source_out)
    ids.file_element(item, edit.source)
    if own:
        source_track = sub(item, "sourcetrack")
        sub(source_track, "mediatype", "audio")
        sub(source_track, "trackindex", own)
    if len(links) > 1:
        for item_id, kind, track_number, index in links:
            link = sub(item, "link")
            sub(link, "linkclipref", item_id)
            sub(link, "mediatype", kind)
            sub(link, "trackindex", track_number)
            sub(link, "clipindex", index)
