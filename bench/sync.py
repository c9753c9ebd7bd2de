"""Dual-system sync against syncstart and audalign on the same generated pairs.

Generates (once, cached in bench/.cache/sync) recorder files (48 kHz Broadcast WAV, two
minutes of speech that never repeats) and camera sound files cut from them: another mic
(filtered), quieter, noisier, offsets from -30 s to +30 s and deep into the file, clock
drift up to 200 ppm, several clips per recorder file, and decoys that match nothing.
rushes matches every camera file against every recorder file (many to many, with
refusals); the peers are given each true pair (they cannot refuse or choose). Prints the
offset error (median and worst, ms), wrong matches, refusals, and speed.

    .venv/bin/python bench/sync.py [--peers bench/.peers/bin/python]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.media import AudioRequest, sound_track  # noqa: E402
from rushes.sync.match import MIN_RATIO, RATE, match, prepare  # noqa: E402

from soundgen import camera_sound, performance, write_bwf  # noqa: E402

FRAME = 1 / 25


def build(folder: Path) -> list[dict]:
    """The bench set: recorder files, camera files, and the truth of each camera file."""
    index = folder / "truth.json"
    if index.exists():
        return json.loads(index.read_text())
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2026)
    cameras = []
    for r in range(3):
        speech = performance(150, seed=100 + r)
        recorder = write_bwf(folder / f"REC{r}.WAV", speech)
        for c, offset in enumerate((-30.0 + 20 * r, rng.uniform(-10, 30), rng.uniform(60, 100))):
            drift = float(rng.uniform(-200, 200))
            seconds = 45.0
            gain, noise = float(rng.uniform(0.1, 0.6)), float(rng.uniform(0.003, 0.02))
            sound = camera_sound(speech, offset, seconds, drift_ppm=drift, gain=gain,
                                 noise=noise, seed=10 * r + c)  # fmt: skip
            path = folder / f"CAM{r}{c}.wav"
            write_bwf(path, sound[0])
            cameras.append({"camera": str(path), "recorder": str(recorder), "offset": offset,
                            "drift": drift})  # fmt: skip
    for d in range(3):
        decoy = camera_sound(performance(60, seed=900 + d), 5.0, 30)
        path = folder / f"DECOY{d}.wav"
        write_bwf(path, decoy[0])
        cameras.append({"camera": str(path), "recorder": None, "offset": None, "drift": None})
    index.write_text(json.dumps(cameras, indent=1))
    return cameras


def load(path: str):
    samples, start = sound_track(Path(path), AudioRequest(RATE, "mono", "fltp"))
    return prepare(samples[0]), float(start), samples.shape[1] / RATE


def run_rushes(cameras: list[dict]) -> tuple[dict, float, float]:
    """Every camera against every recorder; returns {camera: (recorder, offset) or status}."""
    started = time.perf_counter()
    recorders = {p: load(p) for p in sorted({c["recorder"] for c in cameras if c["recorder"]})}
    audio = sum(v[2] for v in recorders.values())
    found = {}
    for c in cameras:
        cam, start, seconds = load(c["camera"])
        audio += seconds
        hits, doubtful = [], False
        for path, (rec, rec_start, _) in recorders.items():
            m = match(cam, rec)
            if m is None:
                continue
            if m.windows == 0 or m.ratio < MIN_RATIO:
                doubtful = True
                continue
            hits.append((path, m.offset - start + rec_start, m.drift_ppm))
        found[c["camera"]] = hits or ("ambiguous" if doubtful else "none")
    return found, time.perf_counter() - started, audio


def run_peers(python: str, cameras: list[dict]) -> dict:
    pairs = [{"id": c["camera"], "camera": c["camera"], "recorder": c["recorder"] or
              cameras[0]["recorder"], "take": 150} for c in cameras]  # fmt: skip
    out = subprocess.run([python, str(HERE / "sync_peers.py")], input=json.dumps(pairs),
                         capture_output=True, text=True, timeout=3600).stdout  # fmt: skip
    results: dict = {}
    for line in out.splitlines():
        row = json.loads(line)
        results.setdefault(row["tool"], {})[row["id"]] = (row["offset"], row["seconds"])
    return results


def summarise(name: str, errors: list[float], wrong: int, refused: int, seconds: float,
              audio: float) -> None:  # fmt: skip
    ms = [1000 * e for e in errors]
    median = f"{statistics.median(ms):8.3f}" if ms else "       -"
    worst = f"{max(ms):8.3f}" if ms else "       -"
    print(f"{name:12}{median}{worst}{wrong:7d}{refused:8d}{seconds:9.2f}"
          f"{audio / 3600 / seconds:12.3f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", default=str(HERE / ".peers" / "bin" / "python"))
    args = parser.parse_args()
    cameras = build(HERE / ".cache" / "sync")
    print(f"{sum(1 for c in cameras if c['recorder'])} camera files in 3 recorder files, "
          f"{sum(1 for c in cameras if not c['recorder'])} decoys")  # fmt: skip
    print(f"{'':12}{'median':>8}{'worst':>8}{'wrong':>7}{'refused':>8}{'seconds':>9}"
          f"{'audio h/s':>12}")  # fmt: skip
    found, seconds, audio = run_rushes(cameras)
    errors, wrong, refused = [], 0, 0
    for c in cameras:
        got = found[c["camera"]]
        if isinstance(got, str):
            refused += c["recorder"] is not None
            continue
        for path, offset, _ in got:
            if path != c["recorder"] or abs(offset - c["offset"]) > FRAME:
                wrong += 1
            else:
                errors.append(abs(offset - c["offset"]))
    summarise("rushes", errors, wrong, refused, seconds, audio)
    if not Path(args.peers).exists():
        print(f"peers not installed ({args.peers}): make bench installs them")
        return
    peers = run_peers(args.peers, cameras)
    for tool, rows in peers.items():
        errors, wrong, refused, spent, heard = [], 0, 0, 0.0, 0.0
        for c in cameras:
            offset, took = rows.get(c["camera"], (None, 0.0))
            spent += took
            heard += 45.0 + 150.0
            if offset is None:
                refused += c["recorder"] is not None
            elif c["recorder"] is None or abs(offset - c["offset"]) > FRAME:
                wrong += 1
            else:
                errors.append(abs(offset - c["offset"]))
        summarise(tool, errors, wrong, refused, spent, heard)


if __name__ == "__main__":
    main()
