"""MLT XML for Shotcut and Kdenlive, written here: the otio-mlt-adapter registers as
``mlt_xml``, can only write, leaves the profile's frame size out (melt then renders at its
default size) and writes in and out points as floats, which MLT reads as seconds or frames
depending on the version.

One file, in Shotcut's layout (a ``main_bin`` playlist, ``chain`` producers, a tractor with
the ``shotcut`` property), which melt renders and Shotcut opens as a project; Kdenlive opens
it as an MLT clip. In and out points are whole frames at the profile's rate (MLT counts
``out`` inclusively). Variable-frame-rate sources are refused: MLT would play them by
timestamp at the profile's rate and the edit points would drift. Alternates are playlists
on tracks of their own, hidden (picture and sound), above the cut.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction
from math import gcd

from rushes.errors import BadInput
from rushes.export.cut import Cut, Edit
from rushes.export.xmltools import sub


def _property(parent: ET.Element, name: str, value: object) -> None:
    sub(parent, "property", value, name=name)


def _profile_frames(frames: int, source_rate: Fraction, cut_rate: Fraction) -> int:
    return round(Fraction(frames) * cut_rate / source_rate)


def write_mlt(cut: Cut) -> str:
    vfr = [s.name for s in cut.sources if s.vfr]
    if vfr:
        raise BadInput(
            f"{vfr[0]}: variable frame rate; MLT would drift: transcode it to a constant rate first"
        )
    aspect = cut.edits[0].source.pixel_aspect
    dw, dh = cut.width * aspect.numerator, cut.height * aspect.denominator
    div = gcd(dw, dh)
    root = ET.Element("mlt", LC_NUMERIC="C", version="7.12.0", title=cut.name,
                      producer="main_bin")  # fmt: skip
    sub(root, "profile", description=f"{cut.width}x{cut.height} {float(cut.rate):.3f} fps",
        width=cut.width, height=cut.height, progressive=1,
        sample_aspect_num=aspect.numerator, sample_aspect_den=aspect.denominator,
        display_aspect_num=dw // div, display_aspect_den=dh // div,
        frame_rate_num=cut.rate.numerator, frame_rate_den=cut.rate.denominator,
        colorspace=709)  # fmt: skip
    ids = {}
    for n, source in enumerate(cut.sources):
        ids[source] = f"chain{n}"
        length = _profile_frames(source.frames, source.rate, cut.rate)
        chain = sub(root, "chain", id=ids[source], out=length - 1)
        _property(chain, "length", length)
        _property(chain, "eof", "pause")
        _property(chain, "resource", str(source.path))
        _property(chain, "mlt_service", "avformat-novalidate")
        _property(chain, "seekable", 1)
        _property(chain, "shotcut:caption", source.name)
        _property(chain, "kdenlive:clipname", source.name)
    lengths = {s: _profile_frames(s.frames, s.rate, cut.rate) for s in ids}
    for n, sound in enumerate(dict.fromkeys(s.sound for s in cut.sounds)):
        ids[sound] = f"sound{n}"
        lengths[sound] = round(Fraction(sound.samples, sound.sample_rate) * cut.rate)
        chain = sub(root, "chain", id=ids[sound], out=lengths[sound] - 1)
        _property(chain, "length", lengths[sound])
        _property(chain, "resource", str(sound.path))
        _property(chain, "mlt_service", "avformat-novalidate")
        _property(chain, "shotcut:caption", sound.name)
    bin_ = sub(root, "playlist", id="main_bin")
    _property(bin_, "xml_retain", 1)
    for item, chain_id in ids.items():
        sub(bin_, "entry", producer=chain_id, **{"in": 0}, out=lengths[item] - 1)
    _video_playlist(root, "playlist0", "V1", cut.edits, ids, cut.rate)
    audio = _recorder_tracks(root, cut, ids)
    alternates = [_video_playlist(root, f"alternates{k}", f"V{k} alternates", layer, ids, cut.rate)
                  for k, layer in enumerate(cut.layers, 2)]  # fmt: skip
    tractor = sub(root, "tractor", id="tractor0", title=cut.name, **{"in": 0},
                  out=max(cut.frames - 1, 0))  # fmt: skip
    _property(tractor, "shotcut", 1)
    sub(tractor, "track", producer="playlist0", hide="audio" if audio else None)
    for playlist in audio:
        sub(tractor, "track", producer=playlist, hide="video")
    for playlist in alternates:  # after the sound, so that the mixes below keep their tracks
        sub(tractor, "track", producer=playlist, hide="both")
    for index in range(1, len(audio) + 1):  # MLT mixes tracks' sound only through "mix"
        mix = sub(tractor, "transition", id=f"mix{index}")
        for name, value in (("a_track", 0), ("b_track", index), ("mlt_service", "mix"),
                            ("always_active", 1), ("sum", 1)):  # fmt: skip
            _property(mix, name, value)
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _video_playlist(root: ET.Element, name: str, label: str, edits, ids: dict,
                    rate: Fraction) -> str:  # fmt: skip
    """A video track: the edits at their record frames, blanks between; its id."""
    playlist = sub(root, "playlist", id=name)
    _property(playlist, "shotcut:video", 1)
    _property(playlist, "shotcut:name", label)
    record = 0
    for edit in edits:
        if edit.record_in > record:
            sub(playlist, "blank", length=edit.record_in - record)
        first, last = _entry_range(edit, rate)
        entry = sub(playlist, "entry", producer=ids[edit.source], **{"in": first}, out=last)
        _property(entry, "shotcut:caption", edit.name)
        record = edit.record_out
    return name


def _recorder_tracks(root: ET.Element, cut: Cut, ids: dict) -> list[str]:
    """One playlist per recorder track (dual-system sound), in/out whole profile frames."""
    names = []
    for track in sorted({s.track for s in cut.sounds}):
        name = f"audio{track}"
        playlist = sub(root, "playlist", id=name)
        _property(playlist, "shotcut:audio", 1)
        _property(playlist, "shotcut:name", f"A{track}")
        record = 0
        for sound in (s for s in cut.sounds if s.track == track):
            if sound.record_in > record:
                sub(playlist, "blank", length=sound.record_in - record)
            first = round(sound.start * cut.rate)
            sub(playlist, "entry", producer=ids[sound.sound], **{"in": first},
                out=first + sound.record_out - sound.record_in - 1)  # fmt: skip
            record = sound.record_out
        names.append(name)
    return names


def _entry_range(edit: Edit, rate: Fraction) -> tuple[int, int]:
    """First and last (inclusive) profile frames of ``edit``'s source range."""
    first = _profile_frames(edit.source_in, edit.source.rate, rate)
    return first, first + (edit.record_out - edit.record_in) - 1
