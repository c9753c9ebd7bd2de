"""``rushes cut`` on a generated shoot: every scene has one flawless take and takes that
each carry one defect; the cut holds the flawless takes, in script order, and the report
names each rejected take's defect."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import opentimelineio as otio
import pytest

from shootgen import shoot

DEFECT_WORDS = {
    "missing line": "missing line", "wrong words": "wrong words", "clipped audio": "clipping",
    "out of focus": "out of focus", "underexposed": "underexposed", "false start": "false start",
}  # fmt: skip


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("cut")
    script, truth = shoot(root / "day1")
    return root, script, truth


@pytest.fixture(scope="module")
def first_cut(generated):
    from click.testing import CliRunner

    from rushes.cli import cli

    root, script, truth = generated
    bad = root / "day1" / "C9999.MOV"
    bad.write_bytes(b"not a movie")  # one bad file in the batch
    args = ["cut", str(root / "day1"), "--script", str(script), "--out", str(root / "out")]
    result = CliRunner(mix_stderr=False).invoke(cli, args)
    bad.unlink()
    assert result.exit_code == 1, result.output + result.stderr
    assert "C9999.MOV: not a media file" in result.stderr
    assert "1 file(s) could not be used (see above); the cut has the rest" in result.stderr
    return root / "out", truth


def test_the_cut_holds_the_flawless_takes_in_script_order(first_cut):
    out, truth = first_cut
    timeline = otio.adapters.read_from_file(str(out / "cut.otio"))
    video = next(t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video)
    names = [Path(c.media_reference.target_url).name for c in video.find_clips()]
    flawless = sorted((scene, name) for name, (scene, defect) in truth.items() if defect is None)
    assert names == [name for _, name in flawless]
    for fmt in ("cut.xml", "cut.fcpxml", "cut.edl", "cut.mlt", "cut.srt", "cut.mp4"):
        assert (out / fmt).stat().st_size > 0


def test_the_report_names_each_rejected_takes_defect(first_cut):
    out, truth = first_cut
    page = (out / "cut-report.html").read_text()
    for name, (_, defect) in truth.items():
        if defect is None:
            continue
        items = [li.split("</li>")[0] for li in page.split("<li")[1:]]
        item = next(li for li in items if f">{name}" in li)
        assert DEFECT_WORDS[defect] in item, (name, defect, item)
        said = re.findall(r"missing line \d+", item)  # the reason, not again among the rest
        assert len(said) == len(set(said)), item


def test_the_report_shows_a_still_of_every_take_the_chosen_first(first_cut):
    out, truth = first_cut
    page = (out / "cut-report.html").read_text()
    scenes = page.split("<h2>")[1:]
    assert len(scenes) == 2
    for scene in scenes:
        stills = scene.split('<div class="takes">')[1].split("</div></div>")[0]
        assert stills.count("<img") == 4  # four takes a scene, each with its picture
        assert stills.startswith('<div class="take best"><img')
        assert "Why: " in scene


def test_a_target_drops_the_least_valuable_scene_and_says_so(generated, rushes):
    root, script, _ = generated
    result = rushes("cut", root / "day1", "--script", script, "--target", "10s",
                    "--out", root / "short")  # fmt: skip
    assert result.code == 0, result.err
    assert "dropped to fit 10s" in result.err
    timeline = otio.adapters.read_from_file(str(root / "short" / "cut.otio"))
    assert timeline.duration().to_seconds() <= 10.0


def test_a_scene_no_take_says_is_named_not_lost(generated, rushes, tmp_path):
    root, script, _ = generated
    longer = tmp_path / "longer.fountain"
    longer.write_text(script.read_text() + "\nEXT. HULL - DAY #3#\n\nANNA\n"
                      "Nobody ever filmed this line at all.\n")  # fmt: skip
    result = rushes("cut", root / "day1", "--script", longer, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert "scene 3 (EXT. HULL - DAY): no take says its lines" in result.err
    page = (tmp_path / "out" / "cut-report.html").read_text()
    assert "Scene 3: EXT. HULL - DAY: no take says its lines" in page


def test_your_rating_beats_the_tools_choice(generated, rushes, tmp_path):
    root, script, truth = generated
    copy = tmp_path / "day1"
    shutil.copytree(root / "day1", copy, ignore=shutil.ignore_patterns(".rushes"))
    clipped = next(n for n, (_, d) in truth.items() if d == "clipped audio")
    rushes("init", copy)
    rushes("add", copy, "--project", copy)
    assert rushes("rate", copy / clipped, "5", "--project", copy).code == 0
    assert rushes("select", copy / clipped, "--in", "1.0", "--out", "3.0", "--project",
                  copy).code == 0  # fmt: skip
    assert rushes("cut", copy, "--script", script, "--out", tmp_path / "out").code == 0
    timeline = otio.adapters.read_from_file(str(tmp_path / "out" / "cut.otio"))
    video = next(t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video)
    chosen = next(c for c in video.find_clips() if c.media_reference.target_url.endswith(clipped))
    start = chosen.source_range.start_time.to_seconds() - chosen.media_reference.available_range\
        .start_time.to_seconds()  # fmt: skip
    assert abs(start - 1.0) < 0.05 and abs(chosen.source_range.duration.to_seconds() - 2.0) < 0.05


def test_bad_inputs_end_with_one_clear_line(generated, rushes, tmp_path):
    root, script, _ = generated
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other.fountain"
    other.write_text("INT. KITCHEN - DAY\n\nCOOK\nThe soup needs more salt and pepper today.\n")
    silent = tmp_path / "silent"
    silent.mkdir()
    from mediagen import make_video

    make_video(silent / "B001.mov", seconds=2, audio_channels=0)
    cases = [
        (("cut", root / "day1", "--script", tmp_path / "none.fountain"), "no such script"),
        (("cut", empty), "no video clips"),
        (("cut", root / "day1", "--script", other, "--out", tmp_path / "o"), "matches nothing"),
        (("cut", silent, "--out", tmp_path / "s"), "no speech"),
    ]
    for args, words in cases:
        result = rushes(*args)
        assert result.code == 2, (args, result.err)
        assert words in result.err and result.err.strip().count("\n") == 0, result.err


def test_one_clip_with_two_performances_gives_two_takes(tmp_path, rushes):
    """ "Cut... again": the second, complete performance is the one cut in, from its action."""
    from fractions import Fraction

    import numpy as np
    from scipy.signal import resample_poly

    from mediagen import make_video
    from qcgen import base_frames
    from speechgen import dialogue

    folder = tmp_path / "day2"
    folder.mkdir()
    script = tmp_path / "s.fountain"
    script.write_text("INT. AIRLOCK - NIGHT\n\nANNA\nThen we have a serious problem.\n\n"
                      "BORIS\nGet the wrench from the blue locker.\n")  # fmt: skip
    lines = [(1.0, "scene one take one"), (3.5, "action"), (5.0, "then we have a serious"),
             (8.0, "cut"), (9.0, "again"), (11.0, "scene one take two"), (13.5, "action"),
             (15.0, "then we have a serious problem"),
             (18.5, "get the wrench from the blue locker"),
             (22.5, "cut"), (24.0, "keep that one")]  # fmt: skip
    sound, _ = dialogue(lines, 26.0)
    stereo = np.repeat(resample_poly(sound[0], 3, 1)[None, :], 2, 0).astype(np.float32)
    make_video(folder / "A001C001.mov", seconds=26.0, rate=Fraction(25), size=(320, 180),
               sound=stereo, audio_codec="pcm_s16le", frames=base_frames(650))  # fmt: skip
    result = rushes("cut", folder, "--script", script, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    timeline = otio.adapters.read_from_file(str(tmp_path / "out" / "cut.otio"))
    (chosen,) = [c for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video
                 for c in t.find_clips()]  # fmt: skip
    assert 14.0 <= chosen.source_range.start_time.to_seconds() <= 15.1  # after the 2nd action
    page = (tmp_path / "out" / "cut-report.html").read_text()
    assert "#2/2 (scene 1 take 2)" in page and "keep it" in page and "#1/2" in page


def test_rate_and_select_refuse_what_cannot_be(project, rushes):
    from mediagen import make_video

    clip = make_video(project.root / "A001.mov", seconds=2, timecode="01:00:00:00")
    assert rushes("add", clip, "--project", project.root).code == 0
    assert rushes("rate", clip, "6", "--project", project.root).code == 2
    backwards = rushes("select", clip, "--in", "01:00:01:10", "--out", "01:00:00:05",
                       "--project", project.root)  # fmt: skip
    assert backwards.code == 2 and "not a range inside the clip" in backwards.err
    assert backwards.err.strip().count("\n") == 0
    ok = rushes("select", clip, "--in", "01:00:00:05", "--out", "01:00:01:10", "--project",
                project.root)  # fmt: skip
    assert ok.code == 0 and "0.20-1.40" in ok.out


def test_the_report_says_a_rejected_takes_reason_once():
    """ "missing line 1" is not said again as "(also: missing line 1 (MAYA: ...))"; another
    line's problem, "missing line 12", still is."""
    from types import SimpleNamespace

    from rushes.report.cut_report import _also

    problems = ['missing line 1 (MAYA: "Where did...")', "line 2 not as written (40% of its words)",
                'missing line 12 (YURI: "I left...")', "hum 01:00:00:00"]  # fmt: skip
    take = SimpleNamespace(reason="missing line 1; line 2 not as written (40% of its words)",
                           problems=problems)  # fmt: skip
    assert _also(take) == ' (also: missing line 12 (YURI: "I left..."); hum 01:00:00:00)'
