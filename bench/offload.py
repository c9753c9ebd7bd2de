"""Offload throughput: `rushes offload` against `cp` + a separate hash pass, and against
`cp` + `ascmhl create`, on the same data, in one run.

The source is evicted from the page cache before every run (posix_fadvise DONTNEED), so
each one reads it from the disk as an offload from a card would. Prints MB/s of source
data, how many times each reads the source, and the in-memory speed of the hash, which
must never be the bottleneck.

    .venv/bin/python bench/offload.py [--files 8] [--mb 128]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xxhash

from rushes.offload import offload
from rushes.offload.hashing import hash_file

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def make_source(folder: Path, files: int, mb: int) -> Path:
    if folder.exists() and len(list(folder.rglob("*.MOV"))) == files:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "CLIP").mkdir(parents=True)
    block = os.urandom(1 << 20)
    for i in range(files):
        with open(folder / "CLIP" / f"A001C{i:03d}.MOV", "wb") as f:
            for j in range(mb):
                f.write(block[j % 7 :] + block[: j % 7])  # not compressible, not repeated
    return folder


def evict(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--mb", type=int, default=128)
    args = parser.parse_args()
    source = make_source(HERE / ".cache" / "offload" / "A001", args.files, args.mb)
    total = sum(p.stat().st_size for p in source.rglob("*.MOV"))
    files = sorted(source.rglob("*.MOV"))

    def rushes(dests: int):
        def run():
            with tempfile.TemporaryDirectory(dir=HERE / ".cache") as tmp:
                report = offload(source, [Path(tmp) / f"d{i}" for i in range(dests)])
                assert report.ok

        return run

    def cp_then_hash():
        with tempfile.TemporaryDirectory(dir=HERE / ".cache") as tmp:
            subprocess.run(["cp", "-r", str(source), tmp], check=True)
            evict(Path(tmp))  # on the disk, and read back from it, as rushes does
            for path in files:  # hash the source again, then the copy, and compare
                copy = Path(tmp) / "A001" / path.relative_to(source)
                assert hash_file(path, "xxh128") == hash_file(copy, "xxh128")

    def cp_then_ascmhl():
        with tempfile.TemporaryDirectory(dir=HERE / ".cache") as tmp:
            subprocess.run(["cp", "-r", str(source), tmp], check=True)
            evict(Path(tmp))
            subprocess.run([str(BIN / "ascmhl"), "create", "-h", "xxh128",
                            str(Path(tmp) / "A001")], check=True, capture_output=True)  # fmt: skip

    runs = {
        "rushes offload, 1 destination (verified)": (rushes(1), 1),
        "rushes offload, 2 destinations (verified)": (rushes(2), 1),
        "cp + sync, then hash source and copy": (cp_then_hash, 2),
        "cp + sync, then ascmhl create (copy only)": (cp_then_ascmhl, 1),
    }
    print(f"data: {args.files} files, {total / 1e6:.0f} MB")
    print(f"{'':44} {'seconds':>8} {'MB/s':>7} {'source reads':>13}")
    for name, (run, reads) in runs.items():
        evict(source)
        seconds = timed(run)
        print(f"{name:44} {seconds:8.2f} {total / 1e6 / seconds:7.0f} {reads:>13}")
    block = os.urandom(64 << 20)
    seconds = timed(lambda: [xxhash.xxh3_128(block).hexdigest() for _ in range(8)])
    print(f"xxh128 in memory: {8 * len(block) / 1e6 / seconds:.0f} MB/s")


if __name__ == "__main__":
    main()
