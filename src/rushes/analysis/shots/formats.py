"""Shot lists for people and programs: the JSON contract, CSV, CMX3600 EDL and OTIO.

JSON is exactly ``{"file", "fps", "frames", "shots": [{"start_frame", "end_frame",
"start", "end", "transition_in"}]}``; the extent of a gradual transition (its first and
last frame) is in the CSV and in the catalog.
"""

from __future__ import annotations

import csv
import io

import opentimelineio as otio

from rushes.analysis.shots.analyzer import ShotList
from rushes.media.timecode import from_frames

FORMATS = ("json", "csv", "edl", "otio")


def as_json(result: ShotList) -> dict:
    fps = result.fps
    return {
        "file": str(result.path),
        "fps": f"{fps.numerator}/{fps.denominator}",
        "frames": result.frames,
        "shots": [
            {
                "start_frame": s.start_frame,
                "end_frame": s.end_frame,
                "start": round(float(s.start_frame / fps), 6),
                "end": round(float(s.end_frame / fps), 6),
                "transition_in": s.transition_in,
            }
            for s in result.shots
        ],
    }


def as_csv(result: ShotList) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["shot", "start_frame", "end_frame", "start", "end", "start_tc", "end_tc",
                     "transition_in", "transition_first", "transition_last"])  # fmt: skip
    for number, s in enumerate(result.shots, 1):
        t = s.transition
        writer.writerow([
            number, s.start_frame, s.end_frame,
            f"{float(s.start_frame / result.fps):.3f}", f"{float(s.end_frame / result.fps):.3f}",
            from_frames(s.start_frame, result.fps), from_frames(s.end_frame, result.fps),
            s.transition_in or "", t.first if t else "", t.last if t else "",
        ])  # fmt: skip
    return out.getvalue()


def as_timeline(result: ShotList) -> otio.schema.Timeline:
    """One clip per shot, each referencing the file by absolute URL, in order."""
    rate = float(result.fps)
    timeline = otio.schema.Timeline(name=result.path.stem)
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    timeline.tracks.append(track)
    media = otio.schema.ExternalReference(
        target_url=result.path.resolve().as_uri(),
        available_range=otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(result.frames, rate)
        ),
    )
    for number, s in enumerate(result.shots, 1):
        track.append(
            otio.schema.Clip(
                name=f"{result.path.stem} shot {number}",
                media_reference=media.clone(),
                source_range=otio.opentime.TimeRange(
                    otio.opentime.RationalTime(s.start_frame, rate),
                    otio.opentime.RationalTime(s.end_frame - s.start_frame, rate),
                ),
            )
        )
    return timeline


def render(result: ShotList, fmt: str) -> str:
    if fmt == "csv":
        return as_csv(result)
    if fmt == "otio":
        return otio.adapters.write_to_string(as_timeline(result), "otio_json")
    if fmt == "edl":
        return otio.adapters.write_to_string(as_timeline(result), "cmx_3600")
    import json

    return json.dumps(as_json(result), indent=2) + "\n"
