"""The same folder of clips through the local pool (1 and 2 jobs) and Ray on this machine,
in one run: wall time, CPU time and peak memory of the whole process tree (Ray's own
processes included), and what 30 hours would take on a 16-core node and a 4-node cluster,
projected from the measured CPU cost per second of media (a projection, not a run).

    .venv/bin/python bench/scale.py [--clips 8] [--seconds 10]

CPU and memory are sampled from /proc every 0.2 s over the process tree of each run, so a
process that lives under 0.2 s is missed (Ray starts none that short).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
LINES = ["Where did you put the oxygen tank", "I left it by the airlock this morning",
         "Then we have a serious problem", "Get the wrench from the blue locker"]  # fmt: skip


def make_clips(folder: Path, count: int, seconds: int) -> Path:
    from scipy.signal import resample_poly

    from mediagen import make_video, shot_frames
    from speechgen import dialogue

    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        path = folder / f"A001C{n + 1:03d}.mov"
        if path.exists():
            continue
        placed = [(1.0 + 2.5 * i, LINES[(n + i) % 4]) for i in range(int(seconds / 2.5) - 1)]
        sound, _ = dialogue(placed, seconds, noise=0.002)
        stereo = np.repeat(resample_poly(sound[0], 3, 1).astype(np.float32)[None, :], 2, 0)
        frames = shot_frames(n, seconds * 25, size=(640, 360))
        partial = path.with_suffix(".part.mov")
        make_video(partial, seconds=seconds, rate=Fraction(25), size=(640, 360), sound=stereo,
                   audio_codec="pcm_s16le", frames=frames, gop=50)  # fmt: skip
        partial.rename(path)
    return folder


def _tree(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        found.add(pid)
        todo += children.get(pid, [])
    return found


def _sample(pids: set[int], cpu: dict[int, float]) -> int:
    rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        cpu[pid] = (int(fields[11]) + int(fields[12])) / TICK
        rss += int(fields[21]) * PAGE
    return rss


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident memory of ``command``'s process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command)
    cpu: dict[int, float] = {}
    peak = 0
    while process.poll() is None:
        peak = max(peak, _sample(_tree(process.pid), cpu))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{command}: exit {process.returncode}")
    return wall, sum(cpu.values()), peak


def run_one(folder: str, project: str, executor: str, jobs: str) -> None:
    """One mode, in its own process (so that its whole tree is measured)."""
    from rushes.analysis import analyze
    from rushes.analysis.executors.local import LocalPool
    from rushes.analysis.executors.ray import RayCluster
    from rushes.catalog import Catalog
    from rushes.ingest import add_paths
    from rushes.project import Project

    where = LocalPool(int(jobs)) if executor == "local" else RayCluster(None)
    root = Project.create(Path(project))
    with Catalog.open(root.catalog_path) as catalog:
        add_paths(catalog, [Path(folder)])
        report = analyze(root, catalog, catalog.clips.all(),
                         ["thumbnails", "waveform", "shots", "picture", "sound", "speech"],
                         executor=where)  # fmt: skip
    assert not report.failed, report.failed[0].error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--one", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(*args.one)
        return
    folder = make_clips(HERE / ".cache" / f"scale{args.clips}x{args.seconds}", args.clips,
                        args.seconds)  # fmt: skip
    media = args.clips * args.seconds
    modes = {"local pool, 1 job": ("local", "1"), "local pool, 2 jobs": ("local", "2"),
             "Ray (local cluster)": ("ray", "0")}  # fmt: skip
    print(f"{args.clips} clips of {args.seconds} s (640x360 25p, dialogue), all six analyzers")
    print(f"{'':22} {'wall s':>7} {'x real':>7} {'CPU s':>7} {'CPU/media s':>12} {'peak MB':>8}")
    costs = {}
    for name, (executor, jobs) in modes.items():
        with tempfile.TemporaryDirectory() as project:
            command = [sys.executable, __file__, "--one", str(folder), project, executor, jobs]
            wall, cpu, peak = measure(command)
        costs[name] = cpu / media
        print(f"{name:22} {wall:7.1f} {media / wall:7.2f} {cpu:7.1f} {cpu / media:12.2f} "
              f"{peak / 1e6:8.0f}")  # fmt: skip
    per_second = costs["local pool, 2 jobs"]
    hours = 30 * 3600 * per_second / 3600
    print(
        f"projection for 30 h of this media (CPU {per_second:.2f} s per media second, "
        f"perfect scaling assumed; a projection, not a run):"
    )
    print(f"  this machine (2 cores): {hours / 2:6.1f} h;  one 16-core node: {hours / 16:5.1f} h;"
          f"  4 such nodes on Ray: {hours / 64:5.2f} h")  # fmt: skip


if __name__ == "__main__":
    main()
