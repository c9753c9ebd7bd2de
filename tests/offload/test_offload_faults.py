"""Offload under faults: an exit at every step of copy, link, journal and manifest write, a
disk that fills while the manifest is written, a copy damaged after it was verified, a source
rewritten in place, odd names and links, two writers. After each, a plain rerun must leave
every destination verifiable by `rushes verify` and by the official `ascmhl-debug verify`,
with nothing lost and nothing falsely called verified."""

import builtins
import errno
import os
from pathlib import Path

import pytest
from ascmhl.cli.ascmhl_debug import mhldebugtool_cli
from click.testing import CliRunner

from rushes.offload import mhl as mhl_module
from rushes.offload import offload, verify

from conftest import mounted_tmpfs

STEPS = ("fsync", "link", "rename", "replace", "unlink", "mkdir")


def _card(root: Path) -> Path:
    (root / "CLIP").mkdir(parents=True)
    (root / "CLIP" / "C0001.MP4").write_bytes(os.urandom(300_000))
    (root / "CLIP" / "C0002.MP4").write_bytes(os.urandom(1000))
    (root / "EMPTY.TXT").write_bytes(b"")
    return root


def _run_until_step(limit: int, card: Path, dests: list[Path], on_step=None) -> int:
    """Run an offload in a forked child that dies (os._exit, like kill -9: no clean-up, no
    buffers flushed) at its ``limit``-th file-system step; the child's exit status."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        count = [0]

        def step():
            count[0] += 1
            if on_step is not None:
                on_step(count[0])
            elif count[0] == limit:
                os._exit(70)

        def wrap(function):
            def stepped(*args, **kwargs):
                step()
                return function(*args, **kwargs)

            return stepped

        for name in STEPS:
            setattr(os, name, wrap(getattr(os, name)))
        real_open = builtins.open

        def counted_open(file, mode="r", *args, **kwargs):
            if any(c in mode for c in "wax+"):
                step()
                handle = real_open(file, mode, *args, **kwargs)
                real_write = handle.write

                def write(data):  # dies after the first write reached the file
                    written = real_write(data)
                    handle.flush()
                    step()
                    return written

                handle.write = write
                return handle
            return real_open(file, mode, *args, **kwargs)

        builtins.open = counted_open
        try:
            offload(card, dests)
        except BaseException:
            os._exit(3)
        os._exit(0 if count[0] < limit else 4)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _assert_whole(card: Path, target: Path) -> None:
    (report,) = verify(target)
    assert report.ok, (report.missing, report.changed, report.extra)
    expected = sorted(p.relative_to(card).as_posix() for p in card.rglob("*") if p.is_file())
    assert sorted(report.verified) == expected  # nothing lost
    for relative in expected:
        assert (target / relative).read_bytes() == (card / relative).read_bytes()
    check = CliRunner().invoke(mhldebugtool_cli, ["verify", str(target)])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("generation", ["first", "second"])
def test_an_exit_at_every_step_resumes_to_verifiable_destinations(tmp_path, generation):
    card = _card(tmp_path / "A001")
    added = card / "CLIP" / "C0003.MP4"
    for limit in range(1, 400):
        if added.exists():
            added.unlink()
        run = tmp_path / f"run{limit}"
        dests = [run / "d1", run / "d2"]
        if generation == "second":  # a good history exists; the kill is in its next generation
            assert offload(card, dests).ok
            added.write_bytes(os.urandom(5000))
        code = _run_until_step(limit, card, dests)
        if code == 0:
            break
        assert code == 70, f"step {limit}: the child failed ({code}) instead of dying"
        report = offload(card, dests)  # the resume: nothing by hand
        assert report.ok, f"step {limit}: {[d.error for d in report.destinations]}"
        for dest in dests:
            _assert_whole(card, dest / "A001")
    assert limit > 20, "the run should have been interrupted at every one of its steps"


@pytest.fixture
def small_disk(tmp_path):
    with mounted_tmpfs(tmp_path / "small", "2m") as mount:
        yield mount


def test_a_disk_that_fills_during_the_manifest_write_is_repaired_by_a_rerun(tmp_path, small_disk):
    card = _card(tmp_path / "A001")
    dests = [small_disk, tmp_path / "big"]
    assert offload(card, dests).ok
    (card / "CLIP" / "C0003.MP4").write_bytes(os.urandom(5000))
    filler = small_disk / "filler"

    def fill_when_the_manifest_starts(count):
        staging = small_disk / "A001" / mhl_module.STAGING
        if staging.exists() and not filler.exists():
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # os.open is not counted
            try:
                while True:
                    os.write(fd, b"\0" * 65536)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
            finally:
                os.close(fd)

    code = _run_until_step(10**9, card, dests, on_step=fill_when_the_manifest_starts)
    assert code in (0, 4)  # the child finished: the full disk was reported, not a crash
    assert filler.exists(), "the disk should have filled during the manifest write"
    # The history that was good before is still good while the disk is full.
    (before,) = verify(small_disk / "A001")
    assert not before.missing and not before.changed
    filler.unlink()
    report = offload(card, dests)
    assert report.ok, [d.error for d in report.destinations]
    for dest in dests:
        _assert_whole(card, dest / "A001")


def test_a_rerun_over_a_damaged_copy_never_says_verified(tmp_path, rushes):
    card = _card(tmp_path / "A001")
    assert offload(card, [tmp_path / "d"]).ok
    target = tmp_path / "d" / "A001"
    flipped, cut = target / "CLIP" / "C0001.MP4", target / "CLIP" / "C0002.MP4"
    stamp = flipped.stat().st_mtime_ns
    with open(flipped, "r+b") as f:  # one byte flipped, its time put back: looks untouched
        f.seek(1000)
        byte = f.read(1)
        f.seek(1000)
        f.write(bytes([byte[0] ^ 1]))
    os.utime(flipped, ns=(stamp, stamp))
    with open(cut, "r+b") as f:
        f.truncate(10)
    result = rushes("offload", card, tmp_path / "d")
    assert result.code == 1
    assert f"{flipped}: differs from the hash its ASC MHL history recorded" in result.err
    assert f"{cut}: exists with different content" in result.err
    assert "already verified" not in next(
        line for line in result.out.splitlines() if line.startswith("CLIP/C0001.MP4")
    )
    summary = next(line for line in result.out.splitlines() if line.startswith(str(target)))
    assert ": FAILED (2 not verified" in summary and ": verified" not in summary
    doc = rushes("offload", card, tmp_path / "d", "--format", "json").json()
    assert doc["ok"] is False
    assert doc["destinations"][0]["status"] == "failed"
    assert doc["destinations"][0]["not_verified"] == 2
    assert flipped.read_bytes() != (card / "CLIP" / "C0001.MP4").read_bytes()  # never overwritten


def test_a_source_rewritten_in_place_with_its_time_put_back_is_not_copied(tmp_path):
    card = tmp_path / "A001"
    card.mkdir()
    rewritten = card / "A.MOV"
    rewritten.write_bytes(os.urandom(20_000_000))  # several read chunks
    stamp = rewritten.stat().st_mtime_ns
    done = []

    def rewrite_behind_the_reader(count):
        if not done:
            done.append(count)
            with open(rewritten, "r+b") as f:
                f.write(b"new frames")
            os.utime(rewritten, ns=(stamp, stamp))

    report = offload(card, [tmp_path / "d"], on_bytes=rewrite_behind_the_reader)
    assert not report.ok
    (outcome,) = report.files
    assert "changed while it was being copied" in outcome.error
    assert not (tmp_path / "d" / "A001" / "A.MOV").exists()


def test_odd_names_and_broken_links_are_refused_one_by_one(tmp_path, rushes):
    card = _card(tmp_path / "A001")
    odd = os.path.join(os.fsencode(card / "CLIP"), b"caf\xe9.MOV")
    with open(odd, "wb") as f:
        f.write(b"latin-1 name")
    (card / "CLIP" / "gone.MOV").symlink_to(card / "nowhere.MOV")
    (card / "loop.MOV").symlink_to(card / "loop.MOV")
    result = rushes("offload", card, tmp_path / "d")
    assert result.code == 1
    errors = result.err.splitlines()
    assert sum("file name is not valid UTF-8" in line for line in errors) == 1
    assert any(f"{card / 'CLIP' / 'gone.MOV'}: broken symbolic link" in e for e in errors)
    assert any(f"{card / 'loop.MOV'}: symbolic link loop" in e for e in errors)
    assert all(line.startswith("rushes: ") for line in errors), errors
    target = tmp_path / "d" / "A001"
    for relative in ("CLIP/C0001.MP4", "CLIP/C0002.MP4", "EMPTY.TXT"):
        assert (target / relative).read_bytes() == (card / relative).read_bytes()
    (report,) = verify(target)
    assert report.ok


def test_a_second_writer_to_a_destination_is_told_in_one_line(tmp_path, rushes):
    import fcntl

    card = _card(tmp_path / "A001")
    twice = rushes("offload", card, tmp_path / "d", tmp_path / "d" / ".")
    assert twice.code == 2 and "destination given twice" in twice.err
    target = tmp_path / "d" / "A001"
    target.mkdir(parents=True)
    holder = os.open(target, os.O_RDONLY)  # what another running offload holds
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        result = rushes("offload", card, tmp_path / "d", tmp_path / "e")
    finally:
        os.close(holder)
    assert result.code == 1
    assert f"{target}: another rushes offload is writing here" in result.err
    _assert_whole(card, tmp_path / "e" / "A001")  # the other destination is not held up
    assert rushes("offload", card, tmp_path / "d").code == 0


def test_a_finished_offload_rerun_writes_no_new_generation(tmp_path):
    card = _card(tmp_path / "A001")  # holds a 0-byte file
    assert offload(card, [tmp_path / "d"]).ok
    again = offload(card, [tmp_path / "d"])
    assert again.ok and again.destinations[0].manifest is None
    assert len(list((tmp_path / "d" / "A001" / "ascmhl").glob("*.mhl"))) == 1
