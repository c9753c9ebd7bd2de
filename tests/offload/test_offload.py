"""Offload: one read of the source, verified copies, ASC MHL the official tools accept, and
every failure done for real (kill, full disk, changing source, corrupted copy)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xxhash

from rushes.offload import offload

from conftest import mounted_tmpfs, rushes_process
from mediagen import make_video

BIN = Path(sys.executable).parent


def _card(root: Path, sizes=(3_000_000, 200_000, 5)) -> Path:
    """A card with nested folders, varied sizes, and the litter an OS leaves behind."""
    (root / "CLIP").mkdir(parents=True)
    (root / "SUB" / "DEEP").mkdir(parents=True)
    for i, size in enumerate(sizes):
        folder = root / ("CLIP" if i % 2 == 0 else "SUB/DEEP")
        (folder / f"C000{i}.MP4").write_bytes(os.urandom(size))
    (root / "CLIP" / "C0000M01.XML").write_text("<NonRealTimeMeta/>")
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / "CLIP" / "._C0000.MP4").write_bytes(b"apple double")
    (root / "Thumbs.db").write_bytes(b"windows")
    return root


def _tree(root: Path) -> dict[str, tuple[str, int]]:
    """relative path -> (content hash, mtime in whole seconds), ignoring ascmhl."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "ascmhl" not in path.parts:
            digest = xxhash.xxh3_128(path.read_bytes()).hexdigest()
            found[path.relative_to(root).as_posix()] = (digest, int(path.stat().st_mtime))
    return found


def _official(*args) -> subprocess.CompletedProcess:
    tool = BIN / args[0]
    return subprocess.run([str(tool), *map(str, args[1:])], capture_output=True, text=True)


def test_two_destinations_are_verified_copies_with_manifests_the_official_tools_accept(tmp_path):
    card = _card(tmp_path / "A001")
    source_before = _tree(card)
    report = offload(card, [tmp_path / "d1", tmp_path / "d2"])
    assert report.ok
    expected = {k: v for k, v in source_before.items() if k.startswith(("CLIP/C", "SUB/"))}
    assert set(expected) == {"CLIP/C0000.MP4", "CLIP/C0000M01.XML", "SUB/DEEP/C0001.MP4",
                             "CLIP/C0002.MP4"}  # fmt: skip
    for dest in ("d1", "d2"):
        target = tmp_path / dest / "A001"
        assert _tree(target) == expected  # same bytes, same times, no litter, no journal
        assert _official("ascmhl", "info", target).returncode == 0
        diff = _official("ascmhl", "diff", target)
        assert diff.returncode == 0, diff.stdout + diff.stderr
        check = _official("ascmhl-debug", "verify", target)
        assert check.returncode == 0, check.stdout + check.stderr
    assert _tree(card) == source_before  # the source is never written
    assert report.bytes_read == sum(
        p.stat().st_size for p in card.rglob("C*.*") if "._" not in p.name
    )


@pytest.mark.parametrize("hash_format", ["xxh64", "md5"])
def test_other_hash_formats_on_request(tmp_path, hash_format):
    card = _card(tmp_path / "A001", sizes=(1000,))
    assert offload(card, [tmp_path / "d"], hash_format).ok
    target = tmp_path / "d" / "A001"
    (manifest,) = (target / "ascmhl").glob("*.mhl")
    assert f'<{hash_format} action="original"' in manifest.read_text()
    assert _official("ascmhl-debug", "verify", target).returncode == 0


def test_verify_finds_a_flipped_byte_a_missing_file_and_an_extra_one(tmp_path, rushes):
    card = _card(tmp_path / "A001")
    offload(card, [tmp_path / "d"])
    target = tmp_path / "d" / "A001"
    assert rushes("verify", tmp_path / "d").code == 0
    flipped = target / "CLIP" / "C0000.MP4"
    data = bytearray(flipped.read_bytes())
    data[1_234_567] ^= 0x01
    flipped.write_bytes(bytes(data))
    (target / "SUB" / "DEEP" / "C0001.MP4").unlink()
    (target / "CLIP" / "stray.txt").write_text("who put this here")
    result = rushes("verify", target, "--format", "json")
    assert result.code == 1
    (history,) = result.json()["histories"]
    assert history["changed"] == ["CLIP/C0000.MP4"]
    assert history["missing"] == ["SUB/DEEP/C0001.MP4"]
    assert history["extra"] == ["CLIP/stray.txt"]
    # The official re-hashing tool agrees that something is wrong.
    assert _official("ascmhl-debug", "verify", target).returncode != 0


def test_a_source_file_that_changes_while_read_is_reported_and_not_copied(tmp_path):
    card = tmp_path / "A001"
    card.mkdir()
    growing = card / "A_growing.MOV"
    growing.write_bytes(os.urandom(20_000_000))  # several read chunks
    (card / "B_steady.MOV").write_bytes(os.urandom(1000))
    touched = []

    def camera_still_writing(count):
        if not touched:
            touched.append(count)
            with open(growing, "ab") as f:
                f.write(b"more frames")

    report = offload(card, [tmp_path / "d"], on_bytes=camera_still_writing)
    assert not report.ok
    (bad,) = [f for f in report.files if f.error]
    assert bad.path == "A_growing.MOV" and "changed while it was being copied" in bad.error
    target = tmp_path / "d" / "A001"
    assert not (target / "A_growing.MOV").exists()
    assert (target / "B_steady.MOV").read_bytes() == (card / "B_steady.MOV").read_bytes()
    assert not list(target.rglob("*.rushes-partial"))


def test_an_existing_different_file_is_never_overwritten(tmp_path, rushes):
    card = _card(tmp_path / "A001", sizes=(1000,))
    target = tmp_path / "d" / "A001" / "CLIP"
    target.mkdir(parents=True)
    (target / "C0000.MP4").write_bytes(b"someone else's clip")
    result = rushes("offload", card, tmp_path / "d")
    assert result.code == 1
    assert f"{target / 'C0000.MP4'}: exists with different content; not overwritten" in result.err
    assert (target / "C0000.MP4").read_bytes() == b"someone else's clip"

    renamed = rushes("offload", card, tmp_path / "d", "--rename", "--format", "json")
    assert renamed.code == 0, renamed.err
    assert (target / "C0000.MP4").read_bytes() == b"someone else's clip"
    assert (target / "C0000-2.MP4").read_bytes() == (card / "CLIP" / "C0000.MP4").read_bytes()


def test_an_identical_existing_copy_is_verified_not_copied_again(tmp_path):
    card = _card(tmp_path / "A001", sizes=(1000,))
    target = tmp_path / "d" / "A001" / "CLIP"
    target.mkdir(parents=True)
    (target / "C0000.MP4").write_bytes((card / "CLIP" / "C0000.MP4").read_bytes())
    report = offload(card, [tmp_path / "d"])
    assert report.ok
    (clip,) = [f for f in report.files if f.path == "CLIP/C0000.MP4"]
    assert list(clip.results.values()) == ["existing copy verified"]


@pytest.fixture
def small_disk(tmp_path):
    """A 6 MB tmpfs: a destination that fills up for real."""
    with mounted_tmpfs(tmp_path / "small", "6m") as mount:
        yield mount


def test_a_full_destination_stops_alone_and_the_other_finishes(tmp_path, small_disk, rushes):
    card = tmp_path / "A001"
    card.mkdir()
    for name in ("C1.MP4", "C2.MP4", "C3.MP4"):
        (card / name).write_bytes(os.urandom(2_500_000))
    result = rushes("offload", card, small_disk, tmp_path / "big", "--format", "json")
    assert result.code == 1
    doc = result.json()
    full, big = doc["destinations"]
    assert full["status"] == "failed" and "destination is full" in full["error"]
    assert big["status"] == "verified" and big["copied"] == 3 and big["manifest"]
    assert _official("ascmhl-debug", "verify", tmp_path / "big" / "A001").returncode == 0
    # What did land on the full disk is whole; nothing half-written looks like a copy.
    landed = [p for p in (small_disk / "A001").iterdir() if p.is_file()]
    assert not [p for p in landed if p.name.endswith(".rushes-partial")]
    for path in landed:
        assert path.read_bytes() == (card / path.name).read_bytes()
    assert "destination is full" in result.err


def test_an_offload_killed_mid_copy_resumes_reusing_what_was_verified(tmp_path):
    card = tmp_path / "A001"
    card.mkdir()
    for i in range(6):
        (card / f"C{i}.MOV").write_bytes(os.urandom(48_000_000))
    dest = tmp_path / "d"
    target = dest / "A001"
    journal = target / ".rushes-offload" / "verified.jsonl"
    worker = rushes_process("offload", card, dest)
    deadline = time.time() + 60
    while time.time() < deadline and worker.poll() is None:
        verified = journal.exists() and journal.read_text().endswith("\n")
        if verified and list(target.glob("*.rushes-partial")):
            break
        time.sleep(0.005)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert worker.returncode == -signal.SIGKILL, "the kill should land mid-copy"
    # Whatever carries a real name is complete; the partial copy says what it is.
    for path in target.glob("C*.MOV"):
        assert path.read_bytes() == (card / path.name).read_bytes()

    resumed = rushes_process("offload", card, dest, "--format", "json")
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    doc = json.loads(out)
    (summary,) = doc["destinations"]
    assert summary["already_verified"] >= 1  # what the killed run verified is not redone
    # A copy that was in place but not yet journalled when killed is re-checked, not re-copied.
    states = [next(iter(f["destinations"].values())) for f in doc["files"]]
    assert set(states) <= {"already verified", "existing copy verified", "copied"}
    assert (
        summary["already_verified"] + summary["copied"] + states.count("existing copy verified")
        == 6
    )
    assert sorted(p.name for p in target.iterdir()) == ["C0.MOV", "C1.MOV", "C2.MOV", "C3.MOV",
                                                        "C4.MOV", "C5.MOV", "ascmhl"]  # fmt: skip
    for i in range(6):
        assert (target / f"C{i}.MOV").read_bytes() == (card / f"C{i}.MOV").read_bytes()
    assert _official("ascmhl-debug", "verify", target).returncode == 0


def test_bad_paths_are_one_line_and_exit_2(tmp_path, rushes):
    result = rushes("offload", tmp_path / "no-card", tmp_path / "d")
    assert result.code == 2
    assert result.err == f"rushes: error: {tmp_path / 'no-card'}: not a folder " \
                         "(give the card or folder to offload)\n"  # fmt: skip
    card = _card(tmp_path / "A001", sizes=(10,))
    inside = rushes("offload", card, card / "backup")
    assert inside.code == 2 and "destination inside the source" in inside.err
    assert rushes("verify", tmp_path).code == 2


def test_add_puts_the_offloaded_clips_into_the_project(tmp_path, project, rushes):
    card = tmp_path / "A001"
    card.mkdir()
    make_video(card / "A001C001.mov", seconds=1)
    result = rushes("offload", card, tmp_path / "d", "--add", "--project", project.root,
                    "--format", "json")  # fmt: skip
    assert result.code == 0, result.err
    assert result.json()["added"] == [str(tmp_path / "d" / "A001" / "A001C001.mov")]
