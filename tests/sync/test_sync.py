"""Dual-system sound on generated pairs: the same performance heard by a recorder and by
camera mics (filtered, quieter, noisier), at known offsets, with and without clock drift."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import opentimelineio as otio
import pytest

from rushes.catalog import Catalog
from rushes.sync import recorder_info

from mediagen import make_video
from soundgen import camera_sound, performance, write_bwf

SIZE = (64, 36)


@pytest.fixture(scope="module")
def shoot(tmp_path_factory):
    """A day's sound and pictures, synced once by ``rushes sync --format json``."""
    from click.testing import CliRunner

    from rushes.cli import cli
    from rushes.project import Project

    root = tmp_path_factory.mktemp("sync")
    project = Project.create(root / "day1")
    folder = project.root
    speech = performance(100)
    lav2 = performance(100) * 0.5 + 0.002 * np.random.default_rng(4).standard_normal(4800000)
    write_bwf(folder / "ZOOM0001.WAV", speech, start_seconds=36000.0)  # 10:00:00:00
    write_bwf(folder / "ZOOM0002_LAV2.WAV", lav2.astype(np.float32), start_seconds=36000.0)
    write_bwf(folder / "ZOOM0003.WAV", performance(40, seed=99), start_seconds=37000.0)  # decoy
    clips = {
        # PCM camera sound, recorder started 12.345 s before the camera; timecode agrees
        "pcm": make_video(folder / "A001C001.mov", seconds=20, size=SIZE, timecode="10:00:12:09",
                          sound=camera_sound(speech, 12.345, 20), audio_codec="pcm_s16le"),
        # AAC in MP4 (encoder priming signalled), the camera started before the recorder
        "aac": make_video(folder / "A001C002.mp4", seconds=20, size=SIZE,
                          sound=camera_sound(speech, -2.5, 20, seed=2), audio_codec="aac"),
        # a long take with the camera's clock 150 ppm off; its timecode is wrong by 2 s
        "drift": make_video(folder / "A001C003.mov", seconds=60, size=SIZE,
                            timecode="10:00:27:00", audio_codec="aac",
                            sound=camera_sound(speech, 25.0, 60, drift_ppm=150, seed=3)),
        "mute": make_video(folder / "A001C004.mov", seconds=3, size=SIZE),
        "elsewhere": make_video(folder / "A001C005.mov", seconds=10, size=SIZE,
                                sound=camera_sound(performance(30, seed=42), 5.0, 10)),
    }  # fmt: skip
    runner = CliRunner()
    assert runner.invoke(cli, ["add", str(folder), "--project", str(folder)]).exit_code == 0
    result = runner.invoke(cli, ["sync", "--project", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    document = json.loads(result.stdout)
    return project, clips, {Path(c["clip"]).name: c for c in document["clips"]}


def test_json_has_exactly_the_promised_shape(shoot):
    _, _, found = shoot
    for entry in found.values():
        assert list(entry) == ["clip", "status", "reason", "sound"]
        assert entry["status"] in ("synced", "ambiguous", "none")
        for s in entry["sound"]:
            assert list(s) == ["file", "offset_seconds", "offset_samples", "sample_rate",
                               "drift_ppm", "confidence"]  # fmt: skip


@pytest.mark.parametrize("name,offset", [("A001C001.mov", 12.345), ("A001C002.mp4", -2.5)])
def test_offset_to_a_millisecond_for_pcm_and_aac(shoot, name, offset):
    _, _, found = shoot
    entry = found[name]
    assert entry["status"] == "synced", entry
    main = next(s for s in entry["sound"] if s["file"].endswith("ZOOM0001.WAV"))
    assert abs(main["offset_seconds"] - offset) <= 0.001
    assert abs(main["offset_samples"] - offset * 48000) <= 48
    assert main["sample_rate"] == 48000 and 0 < main["confidence"] <= 1


def test_two_lavaliers_both_found_and_decoy_unmarried(shoot):
    _, _, found = shoot
    files = {Path(s["file"]).name for s in found["A001C001.mov"]["sound"]}
    assert files == {"ZOOM0001.WAV", "ZOOM0002_LAV2.WAV"}
    assert not any(Path(s["file"]).name == "ZOOM0003.WAV"
                   for e in found.values() for s in e["sound"])  # fmt: skip
    assert found["A001C005.mov"]["status"] == "none"


def test_drift_estimated_and_offset_held_over_a_long_take(shoot):
    _, _, found = shoot
    entry = found["A001C003.mov"]
    main = next(s for s in entry["sound"] if s["file"].endswith("ZOOM0001.WAV"))
    assert abs(main["offset_seconds"] - 25.0) <= 0.001
    assert abs(main["drift_ppm"] - 150) <= 15
    assert "timecode off by +2.0" in entry["reason"]  # metadata checked against the sound


def test_camera_without_sound_gets_a_reason(shoot):
    _, _, found = shoot
    entry = found["A001C004.mov"]
    assert (entry["status"], entry["reason"], entry["sound"]) == (
        "none",
        "no sound track to sync by",
        [],
    )


def test_repetitive_sound_is_ambiguous_never_married(tmp_path, rushes, project):
    from speechgen import dialogue

    line = [(1 + 4 * i, "stop arguing and help me with the valve") for i in range(8)]
    loop, _ = dialogue(line, 34)
    from scipy.signal import resample_poly

    loop48 = resample_poly(loop[0], 3, 1).astype(np.float32)
    write_bwf(project.root / "LOOP.WAV", loop48)
    make_video(project.root / "B001.mov", seconds=6, size=SIZE, audio_codec="pcm_s16le",
               sound=camera_sound(loop48, 9.0, 6))  # fmt: skip
    assert rushes("add", project.root, "--project", project.root).code == 0
    entry = rushes("sync", "--project", project.root, "--format", "json").json()["clips"][0]
    assert entry["status"] == "ambiguous" and entry["sound"] == []
    assert "ambiguous" in entry["reason"]


def test_bad_sound_files_get_one_line_and_the_rest_goes_on(tmp_path, rushes, project):
    speech = performance(30)
    write_bwf(project.root / "GOOD.WAV", speech)
    write_bwf(project.root / "EMPTY.WAV", np.zeros(0, np.float32))
    (project.root / "BROKEN.WAV").write_bytes(b"RIFF\x10\x00\x00\x00WAVEfmt garbage")
    make_video(project.root / "C001.mov", seconds=8, size=SIZE, audio_codec="pcm_s16le",
               sound=camera_sound(speech, 4.0, 8))  # fmt: skip
    added = rushes("add", project.root, "--project", project.root)
    assert "BROKEN.WAV" in added.err  # refused by add, one line
    result = rushes("sync", "--project", project.root, "--format", "json")
    assert result.code == 0
    assert all(line.count("\n") == 0 for line in result.err.splitlines())
    entry = result.json()["clips"][0]
    assert entry["status"] == "synced" and abs(entry["sound"][0]["offset_seconds"] - 4.0) < 0.001


def test_bext_and_ixml_are_read(tmp_path):
    path = write_bwf(tmp_path / "T.WAV", np.zeros(4800, np.float32), start_seconds=36001.5,
                     scene="12A", take="4")  # fmt: skip
    info = recorder_info(path)
    assert info.start_seconds == Fraction(360015, 10)
    assert (info.scene, info.take, info.tape, info.timecode_rate) == ("12A", "4", "DAY01", 25)


def test_a_cut_with_the_recorders_sound_exports_it_at_the_right_offset(shoot, tmp_path):
    from rushes.export import SyncedSound, build_timeline, export, source_of

    project, clips, found = shoot
    camera = source_of(clips["pcm"])
    with Catalog.open(project.catalog_path) as catalog:
        result = catalog.syncs.get(catalog.clips.by_path(clips["pcm"]).fingerprint)
        sounds = [(catalog.clips.by_fingerprint(m.sound), m) for m in result.matches]
    synced = [SyncedSound(c.path, m.offset_seconds, m.sample_rate,
                          round(float(c.probe.duration) * m.sample_rate), m.drift_ppm)
              for c, m in sounds]  # fmt: skip
    timeline = build_timeline("cut", Fraction(25), [(camera, 100, 200)],
                              sound_of=lambda s: synced if s == camera else [])  # fmt: skip
    back = otio.adapters.read_from_file(str(export(timeline, "otio", tmp_path / "cut.otio")))
    audio = [t for t in back.tracks if t.kind == otio.schema.TrackKind.Audio]
    assert len(audio) == 2  # both lavaliers, linked by position
    first = next(c for t in audio for c in t.find_clips() if c.name == "ZOOM0001")
    assert abs(first.source_range.start_time.to_seconds() - (12.345 + 4.0)) <= 0.001
    assert abs(first.source_range.duration.to_seconds() - 4.0) <= 0.001
    assert first.media_reference.target_url.endswith("ZOOM0001.WAV")


def test_recorder_sound_lands_at_its_offset_in_every_format(shoot, tmp_path):
    """FCPXML sample-exact, FCP7 (frames, and Premiere's ticks), EDL and MLT in frames:
    each read back by its reader (melt renders the MLT and its sound is compared)."""
    import subprocess
    import xml.etree.ElementTree as ET

    from rushes.export import SyncedSound, build_timeline, export, source_of
    from rushes.media import AudioRequest, sound_track

    project, clips, _ = shoot
    camera = source_of(clips["pcm"])
    recorder = project.root / "ZOOM0001.WAV"
    synced = [SyncedSound(recorder, 12.345, 48000, 100 * 48000)]
    timeline = build_timeline("cut", Fraction(25), [(camera, 100, 200)],
                              sound_of=lambda s: synced)  # fmt: skip
    expected = 12.345 + 4.0  # seconds into the recorder at the edit's first frame
    root = ET.parse(export(timeline, "fcpxml", tmp_path / "c.fcpxml")).getroot()
    picture = root.find(".//spine/asset-clip")
    sound = picture.find("asset-clip")
    assert picture.get("srcEnable") == "video" and sound.get("lane") == "-1"
    assert abs(float(Fraction(sound.get("start").rstrip("s"))) - (36000 + expected)) < 1 / 48000
    back = otio.adapters.read_from_file(str(export(timeline, "fcp7", tmp_path / "c.xml")))
    rec = next(c for c in back.find_clips() if "ZOOM0001" in c.media_reference.target_url)
    assert abs(rec.source_range.start_time.to_seconds() - (36000 + expected)) <= 0.02
    item = ET.parse(tmp_path / "c.xml").getroot().find(".//audio/track/clipitem")
    assert int(item.findtext("pproTicksIn")) == round(expected * 254016000000)
    edl = otio.adapters.read_from_file(str(export(timeline, "edl", tmp_path / "c.edl")), rate=25)
    rec = next(c for t in edl.tracks if t.kind == "Audio" for c in t.find_clips())
    assert abs(rec.source_range.start_time.to_seconds() - (36000 + expected)) <= 0.02
    mlt = export(timeline, "mlt", tmp_path / "c.mlt")
    render = tmp_path / "melt.mov"
    subprocess.run(["melt", "-quiet", str(mlt), "-consumer", f"avformat:{render}",
                    "vcodec=mjpeg", "acodec=pcm_s16le", "ar=48000", "real_time=0"],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    heard, _ = sound_track(render, AudioRequest(16000, "mono", "fltp"))
    source, _ = sound_track(recorder, AudioRequest(16000, "mono", "fltp"))
    a = heard[0][: 3 * 16000]
    window = source[0][int((expected - 0.5) * 16000) : int((expected + 3.5) * 16000)]
    lag = int(np.argmax(np.correlate(window, a, "valid"))) / 16000 - 0.5
    assert abs(lag) <= 0.02  # the melt render plays the recorder from the right moment
