"""Commands that start at once: wall time of `rushes --help`, `ls`, `info`, `search`,
`rate` and `select` on a project of a few clips, against a bare Python start in the same
run (the floor every command pays), median of ``--repeat`` runs each.

    .venv/bin/python bench/startup.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from mediagen import make_video  # noqa: E402


def seconds(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rushes = str(Path(sys.executable).with_name("rushes"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(8):
            make_video(Path(tmp) / f"A001C00{n}.mp4", seconds=1, audio_channels=1,
                       timecode="10:00:00:00")  # fmt: skip
        subprocess.run([rushes, "init", tmp], check=True, capture_output=True)
        subprocess.run([rushes, "add", tmp, "--project", tmp], check=True, capture_output=True)
        project = ["--project", tmp]
        rows = {
            "python -c pass (floor)": [sys.executable, "-c", "pass"],
            "rushes --help": [rushes, "--help"],
            "rushes ls": [rushes, "ls", *project],
            "rushes info CLIP": [rushes, "info", "A001C003.mp4", *project],
            "rushes search WORDS": [rushes, "search", "oxygen tank", *project],
            "rushes rate CLIP 4": [rushes, "rate", "A001C003.mp4", "4", *project],
            "rushes select CLIP": [
                rushes,
                "select",
                "A001C003.mp4",
                "--in",
                "0.2",
                "--out",
                "0.6",
                *project,
            ],  # fmt: skip
        }
        floor = None
        print(f"{'':26} {'seconds':>8} {'vs python':>10}")
        for name, command in rows.items():
            took = seconds(command, args.repeat)
            floor = floor or took
            print(f"{name:26} {took:8.3f} {took / floor:9.1f}x")


if __name__ == "__main__":
    main()
