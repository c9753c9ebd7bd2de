"""Decode is the floor: `rushes analyze` time against decode-only time of the same file.

Generates (once, cached in bench/.cache) a 1080p25 H.264 clip with a long GOP and a
realistic camera bitrate, then in one run measures:
  - decode only: PyAV decoding every frame (threaded, as the runner does), no conversion;
  - decode + audio: the same with the stereo AAC track decoded too;
  - rushes analyze: the default analyzers (thumbnails + waveform) through the runner;
and prints the times and the ratio of each to decode-only.

    .venv/bin/python bench/decode.py [--seconds 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.analysis import analyze  # noqa: E402
from rushes.catalog import Catalog  # noqa: E402
from rushes.ingest import add_paths  # noqa: E402
from rushes.project import Project  # noqa: E402

from mediagen import _write_audio, frame_image, tone  # noqa: E402


def make_clip(path: Path, seconds: int) -> Path:
    """1080p25 H.264 High, GOP 50 with B-frames, ~20 Mbit/s (camera-like), AAC stereo."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    partial = path.with_suffix(".part.mp4")
    out = av.open(str(partial), "w")
    video = out.add_stream("libx264", rate=25)
    video.width, video.height, video.pix_fmt = 1920, 1080, "yuv420p"
    video.codec_context.gop_size = 50
    video.codec_context.bit_rate = 20_000_000
    video.codec_context.options = {"preset": "veryfast", "bf": "2"}
    audio = out.add_stream("aac", rate=48000, layout="stereo")
    base = frame_image(0, 1920, 1080).astype(np.int16)
    for i in range(seconds * 25):
        moved = np.roll(base, 6 * i, axis=1)
        grain = rng.integers(-12, 12, size=(1080, 1920, 1), dtype=np.int16)
        image = np.clip(moved + grain, 0, 255).astype(np.uint8)
        for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    _write_audio(out, audio, tone(seconds, 48000, 2), 48000)
    out.close()
    partial.rename(path)
    return path


def decode_only(path: Path, with_audio: bool) -> float:
    started = time.perf_counter()
    with av.open(str(path)) as container:
        streams = [container.streams.video[0]]
        streams[0].thread_type = "AUTO"
        if with_audio:
            streams.append(container.streams.audio[0])
        for packet in container.demux(streams):
            for _ in packet.decode():
                pass
    return time.perf_counter() - started


def analyze_with(path: Path, analyzers: list[str]) -> float:
    """Seconds ``rushes analyze`` takes on ``path`` alone with ``analyzers``, one job."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.create(Path(tmp))
        with Catalog.open(project.catalog_path) as catalog:
            add_paths(catalog, [path])
            started = time.perf_counter()
            report = analyze(project, catalog, catalog.clips.all(), analyzers, jobs=1)
            elapsed = time.perf_counter() - started
            assert not report.failed, report.failed[0].error
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    clip = make_clip(HERE / ".cache" / f"1080p25_h264_{args.seconds}s.mp4", args.seconds)
    size_mb = clip.stat().st_size / 1e6
    bitrate = clip.stat().st_size * 8 / args.seconds / 1e6
    print(f"clip: {clip.name}, {size_mb:.0f} MB, {bitrate:.1f} Mbit/s, {args.seconds} s")
    rows = {
        "decode only (video)": lambda: decode_only(clip, with_audio=False),
        "decode only (video+audio)": lambda: decode_only(clip, with_audio=True),
        "rushes analyze (thumbnails+waveform)": lambda: analyze_with(
            clip, ["thumbnails", "waveform"]
        ),
    }
    best = {name: min(run() for _ in range(args.repeat)) for name, run in rows.items()}
    floor = best["decode only (video)"]
    print(f"{'':38} {'seconds':>8} {'x real time':>12} {'vs decode':>10}")
    for name, seconds in best.items():
        print(f"{name:38} {seconds:8.2f} {args.seconds / seconds:12.1f} {seconds / floor:9.2f}x")


if __name__ == "__main__":
    main()
