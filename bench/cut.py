"""``rushes cut`` end to end, as a multiple of real time: on the sample shoot of
``make demo`` and on an hour of generated takes (a script of many short scenes, six takes
each, eSpeak NG dialogue over a moving picture, PCM sound), cached in bench/.cache/cut.

    .venv/bin/python bench/cut.py [--minutes 60]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.catalog import Catalog  # noqa: E402
from rushes.project import Project  # noqa: E402

from mediagen import make_video  # noqa: E402
from qcgen import base_frames  # noqa: E402
from speechgen import dialogue  # noqa: E402

WORDS = ("station quiet alarm panel pressure falling minutes module lost suit meet hatch seal "
         "cracked week nobody listened stop arguing help valve stuck turn wrench blue locker "
         "holding oxygen tank airlock morning problem window orbit earth light dark cold "
         "engine fuel radio signal").split()  # fmt: skip


def generated(folder: Path, minutes: float) -> tuple[Path, float]:
    """Scenes of two lines, six takes each, until ``minutes`` of footage."""
    script = folder.parent / f"{folder.name}.fountain"
    done = folder / ".complete"
    if done.exists():
        return script, float(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    frames = base_frames(400, seed=5)
    text, total, scene = ["Title: Generated hour", ""], 0.0, 0
    while total < minutes * 60:
        scene += 1
        lines = [" ".join(rng.choice(WORDS, 6)).capitalize() + "." for _ in range(2)]
        text += [f"INT. MODULE {scene} - NIGHT #{scene}#", "", "ANNA", lines[0], "", "BORIS",
                 lines[1], ""]  # fmt: skip
        for take in range(1, 7):
            placed = [(1.0, lines[0]), (4.5, lines[1])]
            sound, _ = dialogue(placed, 9.0, noise=0.002, seed=scene * 10 + take)
            stereo = np.repeat(resample_poly(sound[0], 3, 1)[None, :], 2, 0).astype(np.float32)
            make_video(folder / f"S{scene:03d}T{take}.mov", seconds=9.0, rate=Fraction(25),
                       size=(320, 180), sound=stereo, audio_codec="pcm_s16le",
                       frames=frames[take * 20 : take * 20 + 225])  # fmt: skip
            total += 9.0
    script.write_text("\n".join(text) + "\n")
    done.write_text(str(total))
    return script, total


def footage_seconds(folder: Path) -> float:
    with Catalog.open(Project.at(folder).catalog_path) as catalog:
        return float(sum(c.probe.duration for c in catalog.clips.all()
                         if c.probe.kind == "video"))  # fmt: skip


def run_cut(folder: Path, script: Path, out: Path) -> float:
    shutil.rmtree(folder / ".rushes", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "rushes"), "cut", str(folder), "--script",
                    str(script), "--out", str(out)], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    args = parser.parse_args()
    cache = HERE / ".cache" / "cut"
    from rushes.sample_shoot import build

    sample_script, _ = build(cache / "sample" / "shoot")
    print(f"{'':22}{'footage':>10}{'rushes cut':>12}{'x real time':>13}")
    seconds = run_cut(cache / "sample" / "shoot", sample_script, cache / "sample" / "cut")
    footage = footage_seconds(cache / "sample" / "shoot")
    print(f"{'sample shoot':22}{footage:9.0f}s{seconds:11.1f}s{footage / seconds:13.2f}")
    script, _ = generated(cache / "hour", args.minutes)
    seconds = run_cut(cache / "hour", script, cache / "hour-cut")
    footage = footage_seconds(cache / "hour")
    print(f"{'generated takes':22}{footage:9.0f}s{seconds:11.1f}s{footage / seconds:13.2f}")


if __name__ == "__main__":
    main()
