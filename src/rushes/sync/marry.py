"""Marry camera clips to the recorder files that hold their sound, many to many.

Every recorder file is decoded once (16 kHz mono) and searched whole for every camera clip;
a camera clip may match two recorders (two lavaliers), a recorder may span many clips, and
a file that matches nothing stays unmarried. A match that is not clearly better than
another offset is reported as ambiguous, never married. The time of the camera's first
frame in the recorder comes from the sound; BWF timecode, when there is some, is checked
against it.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from rushes.catalog import Clip, SoundMatch, SyncResult
from rushes.media import AudioRequest, sound_track
from rushes.media.timecode import to_frames
from rushes.sync.match import MIN_RATIO, RATE, Prepared, match, prepare
from rushes.sync.metadata import RecorderInfo, recorder_info

REQUEST = AudioRequest(RATE, "mono", "fltp")


class Recording:
    """A clip's sound, prepared for matching, with where its first sample lies."""

    def __init__(self, clip: Clip):
        samples, self.start = sound_track(clip.path, REQUEST)
        if samples.shape[1] == 0:
            raise ValueError("no sound samples")
        self.clip = clip
        self.prepared: Prepared = prepare(samples[0])
        self.seconds = samples.shape[1] / RATE


def load_recorders(sounds: list[Clip], warn: Callable[[str], None]) -> list[tuple]:
    out = []
    for clip in sounds:
        try:
            out.append((Recording(clip), recorder_info(clip.path)))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            warn(f"{clip.path}: cannot be used for sync: {exc}")
    return out


def sync_camera(camera: Clip, recorders: list[tuple]) -> SyncResult:
    if not camera.probe.audio:
        return SyncResult(camera.fingerprint, "none", "no sound track to sync by", ())
    try:
        own = Recording(camera)
    except Exception as exc:  # noqa: BLE001
        return SyncResult(camera.fingerprint, "none", f"its sound cannot be read: {exc}", ())
    if own.seconds < 1.0:
        return SyncResult(camera.fingerprint, "none", "too little sound to sync by", ())
    married, doubtful, notes = [], [], []
    for recording, info in recorders:
        found = match(own.prepared, recording.prepared)
        if found is None:
            continue
        name = recording.clip.path.name
        if found.windows == 0 or found.ratio < MIN_RATIO:
            doubtful.append(f"{name} (best offset not clearly better than another)")
            continue
        offset = found.offset - float(own.start) + float(recording.start)
        rate = recording.clip.probe.audio[0].sample_rate if recording.clip.probe.audio else RATE
        married.append(SoundMatch(recording.clip.fingerprint, round(offset, 6),
                                  round(offset * rate), rate, round(found.drift_ppm, 1),
                                  found.confidence))  # fmt: skip
        note = _timecode_check(camera, info, offset)
        if note:
            notes.append(f"{name}: {note}")
    if married:
        return SyncResult(camera.fingerprint, "synced", "; ".join(notes) or None, tuple(married))
    if doubtful:
        return SyncResult(camera.fingerprint, "ambiguous", "ambiguous: " + "; ".join(doubtful), ())
    reason = "no recorder file holds its sound" if recorders else "no sound files to sync with"
    return SyncResult(camera.fingerprint, "none", reason, ())


def _timecode_check(camera: Clip, info: RecorderInfo, offset: float) -> str | None:
    """Where timecode puts the camera in the recorder, when both have it, if it disagrees
    with the sound by more than a frame."""
    probe = camera.probe
    if info.start_seconds is None or not probe.start_timecode or not probe.frame_rate:
        return None
    rate = Fraction(probe.frame_rate)
    camera_seconds = Fraction(to_frames(probe.start_timecode, rate)) / rate
    said = float(camera_seconds - info.start_seconds)
    if abs(said - offset) <= float(1 / rate):
        return None
    return (f"timecode puts the camera at {said:.3f} s, the sound at {offset:.3f} s "
            f"(timecode off by {said - offset:+.3f} s)")  # fmt: skip


def sync_project(catalog, warn: Callable[[str], None], only_new: bool = False) -> list:
    """Sync every camera clip of the catalog with its sound files and record the results;
    with ``only_new``, only the camera clips not synced before. Returns (clip, result)."""
    clips = catalog.clips.all()
    sounds = [c for c in clips if c.probe.kind == "audio"]
    cameras = [c for c in clips if c.probe.kind == "video"]
    if only_new:
        cameras = [c for c in cameras if catalog.syncs.get(c.fingerprint) is None]
    if not sounds or not cameras:
        return []
    recorders = load_recorders(sounds, warn)
    done = []
    for camera in cameras:
        result = sync_camera(camera, recorders)
        catalog.syncs.replace(result)
        done.append((camera, result))
    return done
