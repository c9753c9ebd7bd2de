"""Every user-facing error is one line with the exit code the README promises (2 bad input,
1 failure), and working on a verified copy never breaks its proof."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import opentimelineio as otio
import pytest
from ascmhl.cli.ascmhl_debug import mhldebugtool_cli
from click.testing import CliRunner

from rushes.export import build_timeline, source_of
from rushes.offload import offload

from mediagen import make_video


def _video(path: Path, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_video(path, **kwargs)


def _one_line(result, code: int, *needles: str) -> None:
    assert result.code == code, (result.code, result.err)
    assert result.err.count("\n") == 1 and result.err.startswith("rushes: "), result.err
    for needle in needles:
        assert needle in result.err, result.err


@pytest.fixture
def cut_file(tmp_path) -> Path:
    clip = _video(tmp_path / "media" / "A001.mov", seconds=2, rate=Fraction(25))
    timeline = build_timeline("cut", Fraction(25), [(source_of(clip), 0, 25)])
    path = tmp_path / "cut.otio"
    otio.adapters.write_to_file(timeline, str(path))
    return path


def test_export_into_a_missing_or_read_only_folder(cut_file, tmp_path, rushes):
    missing = rushes("export", cut_file, "--format", "edl", "--out", tmp_path / "no" / "c.edl")
    _one_line(missing, 2, "no such folder")
    ro = tmp_path / "ro"
    ro.mkdir()
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(ro), str(ro)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {done.stderr.decode().strip()}")
    try:
        _one_line(
            rushes("export", cut_file, "--format", "fcp7", "--out", ro / "c.xml"), 2, "read-only"
        )
    finally:
        subprocess.run(["umount", str(ro)], check=False)


@pytest.mark.parametrize("fmt", ["edl", "mp4", "fcpxml", "fcp7", "mlt"])
def test_a_negative_duration_timeline_is_refused_by_every_writer(cut_file, tmp_path, rushes, fmt):
    timeline = otio.adapters.read_from_file(str(cut_file))
    (clip,) = timeline.tracks[0].find_clips()
    start = clip.source_range.start_time
    clip.source_range = otio.opentime.TimeRange(start, otio.opentime.RationalTime(-10, 25))
    bad = tmp_path / "negative.otio"
    otio.adapters.write_to_file(timeline, str(bad))
    out = tmp_path / f"negative.{fmt}"
    _one_line(rushes("export", bad, "--format", fmt, "--out", out), 2, "lasts -10 frames")
    assert not out.exists()


def test_cut_out_naming_a_file_is_refused_before_any_work(tmp_path, rushes):
    media = tmp_path / "media"
    _video(media / "A001.mov", seconds=1)
    taken = tmp_path / "cut.txt"
    taken.write_text("mine")
    _one_line(rushes("cut", media, "--out", taken), 2, "exists and is not a folder")
    assert not (media / ".rushes").exists()


def test_a_broken_pipe_is_silent(tmp_path, project):
    for i in range(3):
        _video(tmp_path / f"c{i}.mov", seconds=1)
    env = {**os.environ, "RUSHES_PROJECT": str(project.root)}
    subprocess.run([sys.executable, "-m", "rushes", "add", str(tmp_path)], env=env, check=True,
                   capture_output=True)  # fmt: skip
    pipeline = subprocess.run(
        f"{sys.executable} -m rushes ls --format json | true; exit ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert pipeline.stderr == ""
    assert pipeline.returncode == 1


def test_an_unreadable_file_given_by_name_is_one_line_for_add_and_shots(tmp_path, project):
    secret = _video(tmp_path / "secret.mov", seconds=1)
    secret.chmod(0)
    caps = "-dac_override,-dac_read_search"  # root without the powers to read any file
    for args in (["shots", secret], ["add", secret, "--project", project.root]):
        done = subprocess.run(
            ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", sys.executable, "-m",
             "rushes", *map(str, args)], capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "Permission denied" in done.stderr, done.stderr
        assert str(secret) in done.stderr


def test_a_folder_holding_only_a_link_loop_is_said(tmp_path, project, rushes):
    folder = tmp_path / "card"
    folder.mkdir()
    (folder / "loop").symlink_to(folder)
    _one_line(rushes("add", folder, "--project", project.root), 2, "symbolic link loop")


def test_a_non_utf8_name_is_refused_alone_and_the_batch_goes_on(tmp_path, project, rushes):
    card = tmp_path / "card"
    good = _video(card / "good.mov", seconds=1)
    with open(os.path.join(os.fsencode(card), b"caf\xe9.mov"), "wb") as f:
        f.write(good.read_bytes())
    result = rushes("add", card, "--project", project.root, "--format", "json")
    assert result.code == 2
    doc = result.json()
    assert [Path(c["path"]).name for c in doc["added"]] == ["good.mov"]
    assert "file name is not valid UTF-8" in doc["unreadable"][0]["reason"]


def test_qc_and_report_exit_1_saying_how_many_clips_failed(tmp_path, project, rushes):
    clips = [_video(tmp_path / f"c{i}.mov", seconds=1) for i in range(3)]
    assert rushes("add", *clips, "--project", project.root).code == 0
    for clip in clips[1:]:
        clip.write_bytes(clip.read_bytes()[:2000])  # damaged after it was added
    qc = rushes("qc", "--project", project.root)
    assert qc.code == 1 and "2 of 3 clips could not be analysed" in qc.err
    report = rushes("report", "--project", project.root, "--out", tmp_path / "r.html")
    assert report.code == 1 and "2 of 3 clips could not be analysed" in report.err
    assert (tmp_path / "r.html").exists()  # the rest is still reported
    missing = rushes("report", "--project", project.root, "--out", tmp_path / "no" / "r.html")
    _one_line(missing, 2, "no such folder")


def test_a_latin1_screenplay_is_read(tmp_path):
    from rushes.cut import read_script

    script = tmp_path / "s.fountain"
    script.write_bytes("INT. CAFÉ - DAY\n\nRENÉ\nUn café, s'il vous plaît.\n".encode("latin-1"))
    play = read_script(script)
    assert "café" in play.lines[0].text
    binary = tmp_path / "b.fountain"
    binary.write_bytes(b"\0\1\2")
    with pytest.raises(Exception, match="not a text file"):
        read_script(binary)


def test_subtitles_follow_rushes_project(cut_file, tmp_path, project, monkeypatch):
    from click.testing import CliRunner as Runner

    from rushes.cli import cli

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no project here or above the cut
    monkeypatch.setenv("RUSHES_PROJECT", str(project.root))
    assert Runner().invoke(cli, ["add", str(tmp_path / "media")]).exit_code == 0
    assert Runner().invoke(cli, ["analyze", "-a", "speech"]).exit_code == 0
    result = Runner().invoke(cli, ["export", str(cut_file), "--format", "srt", "--out",
                                   str(tmp_path / "c.srt")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.srt").exists()


def _verified(target: Path) -> None:
    check = CliRunner().invoke(mhldebugtool_cli, ["verify", str(target)])
    assert check.exit_code == 0, check.output


def test_a_cut_of_a_verified_copy_leaves_the_copy_as_verified(tmp_path, rushes):
    card = tmp_path / "A001"
    _video(card / "C0001.mov", seconds=1)
    assert offload(card, [tmp_path / "BK1"]).ok
    copy = tmp_path / "BK1" / "A001"
    result = rushes("cut", copy)  # no speech: refused, but only after the project was made
    assert result.code == 2, result.err
    assert not (copy / ".rushes").exists()
    assert (tmp_path / "BK1" / "A001-cut" / ".rushes").is_dir()
    assert rushes("verify", tmp_path / "BK1").code == 0
    _verified(copy)
    init = rushes("init", copy)
    _one_line(init, 2, "a verified copy")


def test_a_read_only_card_can_be_cut(tmp_path, rushes):
    card = tmp_path / "A001"
    _video(card / "C0001.mov", seconds=1)
    done = subprocess.run(["mount", "--bind", "-o", "ro", str(card), str(card)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {done.stderr.decode().strip()}")
    try:
        result = rushes("cut", card, "--out", tmp_path / "cut")
        _one_line(result, 2, "no speech to cut")  # got past the project, to the media
        assert (tmp_path / "cut" / ".rushes").is_dir()
    finally:
        subprocess.run(["umount", str(card)], check=False)
