"""``rushes add``: idempotent, follows moves, skips clutter, and reports every bad file."""

import os
import shutil
import subprocess
import sys

import pytest

from rushes.catalog import Catalog

from mediagen import make_audio, make_video


def _card(root):
    """A Sony-style card: two clips with XML sidecars, thumbnails, OS litter, and a WAV."""
    clips = root / "PRIVATE" / "M4ROOT" / "CLIP"
    thumbs = root / "PRIVATE" / "M4ROOT" / "THMBNL"
    clips.mkdir(parents=True)
    thumbs.mkdir(parents=True)
    make_video(clips / "C0001.MP4", seconds=1)
    make_video(clips / "C0002.MP4", seconds=1.2, audio_channels=2)
    (clips / "C0001M01.XML").write_text("<NonRealTimeMeta/>")
    (clips / "C0002M01.XML").write_text("<NonRealTimeMeta/>")
    (thumbs / "C0001T01.JPG").write_bytes(b"\xff\xd8\xff\xe0 not really")
    (root / "PRIVATE" / "M4ROOT" / "MEDIAPRO.XML").write_text("<MediaProfile/>")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (clips / "._C0001.MP4").write_bytes(b"\0\5\26\7 apple double")
    (root / "SOUND").mkdir()
    make_audio(root / "SOUND" / "T001.WAV")
    return root


def test_card_clips_are_added_with_sidecars_and_clutter_is_not(project, rushes, tmp_path):
    card = _card(tmp_path / "A001")
    result = rushes("add", card, "--format", "json", "--project", project.root)
    assert result.code == 0, result.err
    doc = result.json()
    assert sorted(os.path.basename(c["path"]) for c in doc["added"]) == [
        "C0001.MP4", "C0002.MP4", "T001.WAV",
    ]  # fmt: skip
    assert {os.path.basename(s["path"]): os.path.basename(s["clip"]) for s in doc["sidecars"]} == {
        "C0001M01.XML": "C0001.MP4", "C0002M01.XML": "C0002.MP4", "C0001T01.JPG": "C0001.MP4",
    }  # fmt: skip
    assert doc["unreadable"] == []
    kinds = {os.path.basename(c["path"]): c["kind"] for c in doc["added"]}
    assert kinds["T001.WAV"] == "audio" and kinds["C0001.MP4"] == "video"


def test_adding_twice_adds_nothing(project, rushes, tmp_path):
    card = _card(tmp_path / "A001")
    rushes("add", card, "--project", project.root)
    again = rushes("add", card, "--format", "json", "--project", project.root).json()
    assert again["added"] == [] and len(again["unchanged"]) == 3
    with Catalog.open(project.catalog_path) as catalog:
        assert len(catalog.clips.all()) == 3


def test_a_moved_file_is_recognised_and_its_path_updated(project, rushes, tmp_path):
    (tmp_path / "day1").mkdir()
    clip = make_video(tmp_path / "day1" / "A001C001.mov")
    rushes("add", clip, "--project", project.root)
    with Catalog.open(project.catalog_path) as catalog:
        before = catalog.clips.all()[0]
        catalog.analyses.record(before.fingerprint, "thumbnails", 1, {"frames": 50})
    moved = tmp_path / "archive" / "renamed.mov"
    moved.parent.mkdir()
    shutil.move(clip, moved)
    doc = rushes("add", tmp_path / "archive", "--format", "json", "--project", project.root).json()
    assert doc["added"] == []
    assert doc["moved"] == [{"from": str(clip), "to": str(moved)}]
    with Catalog.open(project.catalog_path) as catalog:
        (after,) = catalog.clips.all()
        assert after.path == moved and after.fingerprint == before.fingerprint
        assert catalog.analyses.done(after.fingerprint) == {("thumbnails", 1)}


def test_a_copy_is_reported_as_a_duplicate_not_a_second_clip(project, rushes, tmp_path):
    clip = make_video(tmp_path / "a.mov")
    shutil.copy(clip, tmp_path / "copy.mov")
    doc = rushes("add", tmp_path, "--format", "json", "--project", project.root).json()
    assert len(doc["added"]) == 1 and len(doc["duplicates"]) == 1


def test_new_content_at_a_known_path_replaces_the_old_clip(project, rushes, tmp_path):
    clip = make_video(tmp_path / "a.mov", seconds=1)
    rushes("add", clip, "--project", project.root)
    make_video(clip, seconds=2)
    doc = rushes("add", clip, "--format", "json", "--project", project.root).json()
    assert [c["duration"] for c in doc["added"]] == [2.0]
    with Catalog.open(project.catalog_path) as catalog:
        assert len(catalog.clips.all()) == 1


def _bad_files(folder):
    folder.mkdir()
    good = make_video(folder / "good.mov", seconds=1)
    (folder / "empty.mov").write_bytes(b"")
    data = good.read_bytes()
    (folder / "truncated.mov").write_bytes(data[: len(data) // 2])
    faststart = make_video(folder / "fs.mp4", seconds=2, options={"movflags": "faststart"})
    fs = faststart.read_bytes()
    faststart.unlink()
    (folder / "cut_short.mp4").write_bytes(fs[: len(fs) * 2 // 3])
    (folder / "notes.txt").write_text("scene 3 take 2 was the good one\n")
    (folder / "unknown_codec.mp4").write_bytes(data.replace(b"avc1", b"zzzz"))
    os.symlink(folder / "gone.mov", folder / "broken_link.mov")
    return good


EXPECTED_REASONS = {
    "empty.mov": "empty file (0 bytes)",
    "truncated.mov": "truncated or damaged QuickTime/MP4 file",
    "cut_short.mp4": "truncated",
    "notes.txt": "not a media file",
    "unknown_codec.mp4": "unsupported video codec",
    "broken_link.mov": "cannot read: No such file or directory",
}


def test_every_bad_file_gets_one_line_and_the_good_one_is_still_added(project, rushes, tmp_path):
    _bad_files(tmp_path / "in")
    result = rushes("add", tmp_path / "in", tmp_path / "nowhere", "--project", project.root)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == len(EXPECTED_REASONS) + 1
    for name, reason in EXPECTED_REASONS.items():
        (line,) = [ln for ln in lines if f"/{name}:" in ln]
        assert reason in line
    assert any("nowhere: no such file or folder" in ln for ln in lines)
    assert "Traceback" not in result.err + result.out
    assert "1 added" in result.out
    with Catalog.open(project.catalog_path) as catalog:
        assert [c.name for c in catalog.clips.all()] == ["good.mov"]
        recorded = {u.path.name: u.reason for u in catalog.clips.unreadable()}
        assert set(recorded) == set(EXPECTED_REASONS)


def test_bad_files_in_json(project, rushes, tmp_path):
    _bad_files(tmp_path / "in")
    result = rushes("add", tmp_path / "in", "--format", "json", "--project", project.root)
    assert result.code == 2
    doc = result.json()
    reasons = {os.path.basename(u["path"]): u["reason"] for u in doc["unreadable"]}
    for name, reason in EXPECTED_REASONS.items():
        assert reason in reasons[name]


def _without_root_powers() -> list[str]:
    """Root reads any file; drop the capabilities that let it, keeping the same user."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


def test_a_file_we_may_not_read_is_reported_and_the_rest_added(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_video(folder / "ok.mov", seconds=1)
    locked = make_video(folder / "locked.mov", seconds=1)
    locked.chmod(0)
    done = subprocess.run(
        [*_without_root_powers(), sys.executable, "-m", "rushes", "add", str(folder),
         "--project", str(project.root)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"rushes: {locked}: cannot read: Permission denied"
    assert "1 added" in done.stdout
