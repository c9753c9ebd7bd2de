"""QC that judges a finding in its context: clipping at any level (a recorder clipped and
turned down afterwards), hum against the dialogue's level, a steady frame cadence as one
note (only a repeat that breaks it is a dropped frame), and a picture signature that tells
a wide from a close-up of the same scene."""

from __future__ import annotations

import numpy as np
import pytest

from rushes.analysis import analyze
from rushes.catalog import Catalog
from rushes.edit.judge import SAME_SETUP, likeness
from rushes.ingest import add_paths

from judgementgen import _setup_frames, _source_frames
from qcgen import AUDIO_RATE, SIZE, _write, base_frames, blur, room


def _findings(project, path, analyzer):
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [path])
        (clip,) = [c for c in catalog.clips.all() if c.path == path]
        report = analyze(project, catalog, [clip], [analyzer])
        assert not report.failed, report.failed[0].error
        (result,) = [r for r in catalog.analyses.for_clip(clip.fingerprint)
                     if r.analyzer == analyzer]  # fmt: skip
        return result.summary


def _voice(seconds=6.0):
    sound = room(seconds)
    return sound, np.arange(sound.shape[1]) / AUDIO_RATE


@pytest.mark.parametrize("ceiling_db", [-6.0, -1.5, -12.0])
def test_clipping_turned_down_afterwards_is_found(project, tmp_path, ceiling_db):
    sound, _ = _voice()
    a, b = 2 * AUDIO_RATE, 4 * AUDIO_RATE
    ceiling = 10 ** (ceiling_db / 20)
    loud = sound[:, a:b] * (4 * ceiling / np.abs(sound[:, a:b]).max())
    sound[:, a:b] = np.clip(loud, -ceiling, ceiling)  # the flat tops sit under full scale
    sound[:, :a] *= ceiling / np.abs(sound[:, :a]).max() * 0.9
    sound[:, b:] *= ceiling / np.abs(sound[:, b:]).max() * 0.9
    path = tmp_path / "turned_down.mov"
    _write(path, base_frames(150), sound)
    findings = _findings(project, path, "sound")["findings"]
    clipped = [f for f in findings if f["kind"] == "audio_clipping"]
    assert clipped, findings
    assert f"flat tops at {ceiling_db:.1f} dBFS" in clipped[0]["reason"]
    assert 1.9 <= clipped[0]["start"] and clipped[-1]["end"] <= 4.1


def test_a_take_clipped_at_full_scale_does_not_hide_the_next_one_turned_down(project, tmp_path):
    sound, _ = _voice(12.0)  # two takes in one clip: 1-4 s clipped; 7-10 s clipped, -6 dBFS
    for (a, b), ceiling in (((1, 4), 1.0), ((7, 10), 10 ** (-6 / 20))):
        a, b = a * AUDIO_RATE, b * AUDIO_RATE
        loud = sound[:, a:b] * (4 * ceiling / np.abs(sound[:, a:b]).max())
        sound[:, a:b] = np.clip(loud, -ceiling, ceiling)
    for a, b in ((0, 1), (4, 7), (10, 12)):
        a, b = a * AUDIO_RATE, b * AUDIO_RATE
        sound[:, a:b] *= 0.3 / np.abs(sound[:, a:b]).max()
    path = tmp_path / "two_takes.mov"
    _write(path, base_frames(300), sound)
    findings = _findings(project, path, "sound")["findings"]
    clipped = [f for f in findings if f["kind"] == "audio_clipping"]
    first = [f for f in clipped if f["end"] <= 4.1]
    second = [f for f in clipped if f["start"] >= 6.9]
    assert first and second and len(first) + len(second) == len(clipped), clipped
    assert "flat tops at -6.0 dBFS" in second[0]["reason"]
    assert "full scale" in first[0]["reason"]


def test_a_loud_clean_voice_has_no_clipping(project, tmp_path):
    sound, _ = _voice()
    sound *= 0.9 / np.abs(sound).max()  # peaks just under full scale, never flat
    path = tmp_path / "loud.mov"
    _write(path, base_frames(150), sound)
    findings = _findings(project, path, "sound")["findings"]
    assert not [f for f in findings if f["kind"] == "audio_clipping"], findings


@pytest.mark.parametrize(("hum", "severity"), [(0.002, "info"), (0.05, "warning")])
def test_hum_is_judged_against_the_dialogue(project, tmp_path, hum, severity):
    sound, t = _voice()
    sound += hum * np.sin(2 * np.pi * 50 * t).astype(np.float32)
    path = tmp_path / f"hum{hum}.mov"
    _write(path, base_frames(150), sound)
    findings = _findings(project, path, "sound")["findings"]
    hums = [f for f in findings if f["kind"] == "hum"]
    assert hums and {f["severity"] for f in hums} == {severity}, findings


def test_a_steady_cadence_is_one_note_and_a_broken_one_a_dropped_frame(project, tmp_path):
    frames = base_frames(200)
    steady = [frames[k // 2] for k in range(150)]  # 2:2: content at half the rate
    path = tmp_path / "cadence.mov"
    _write(path, steady, None)
    findings = _findings(project, path, "picture")["findings"]
    assert [f["kind"] for f in findings] == ["cadence"], findings
    assert findings[0]["reason"] == "picture repeats every 2nd frame: 12.500 fps content"
    broken = [frames[k] for k in range(150)]
    broken[80] = broken[79]  # one repeat out of step: a dropped frame
    path = tmp_path / "dropped.mov"
    _write(path, broken, None)
    findings = _findings(project, path, "picture")["findings"]
    assert [(f["kind"], f["severity"]) for f in findings] == [("frozen", "warning")], findings


def test_the_picture_signature_tells_setups_apart(project, tmp_path):
    from rushes.samples import sample_footage

    source = next(p for name, p in sample_footage().items() if "bikes" in name)
    base = _source_frames(str(source), 2 * SIZE[0], 2 * SIZE[1])
    wide = _setup_frames(base, None, SIZE)
    close = _setup_frames(base, (2.0, 0.5, 0.5), SIZE)
    clips = {
        "wide_a": [wide[k % len(wide)] for k in range(100)],
        "wide_b_soft": [blur(wide[(k + 60) % len(wide)], 4) for k in range(100)],
        "close": [close[(k + 30) % len(close)] for k in range(100)],
    }
    signatures = {}
    for name, frames in clips.items():
        path = tmp_path / f"{name}.mov"
        _write(path, frames, None)
        signatures[name] = _findings(project, path, "picture")["signature"]
    assert likeness(signatures["wide_a"], signatures["wide_b_soft"]) >= SAME_SETUP
    assert likeness(signatures["wide_a"], signatures["close"]) < SAME_SETUP
    assert likeness(signatures["wide_b_soft"], signatures["close"]) < SAME_SETUP
