"""The review page: time to first paint of the clips page on a project of many clips, and
what a proxy costs as a multiple of the decode-only time of the same file, in one run.

1. ``--clips`` small clips (generated once, cached in bench/.cache) are added and their
   thumbnails made; ``rushes review`` is started as a user starts it and Debian's Chromium
   (Playwright) opens the clips page: first contentful paint, the page's load, and the
   server's answer alone (median of ``--repeat``).
2. A 1080p25 HEVC Main 10 clip and a 1080p25 ProRes 422 clip (what a camera and an editor's
   intermediate are; Chromium draws neither): decode only (picture and sound) against
   ``rushes analyze -a proxy`` of the same file.

    .venv/bin/python bench/review.py [--clips 500] [--proxy-seconds 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from decode import analyze_with, decode_only  # noqa: E402
from rushes.analysis import analyze  # noqa: E402
from rushes.catalog import Catalog  # noqa: E402
from rushes.ingest import add_paths  # noqa: E402
from rushes.project import Project  # noqa: E402

from mediagen import frame_image, make_video, tone  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def many_clips(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        path = folder / f"A{n // 100:03d}C{n % 100:03d}.mp4"
        if not path.exists():
            partial = path.with_suffix(".part.mp4")
            make_video(partial, seconds=0.4, size=(192, 108), audio_channels=1,
                       timecode=f"{n % 24:02d}:00:00:00")  # fmt: skip
            partial.rename(path)
    return folder


def first_paint(url: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    paints, loads, answers = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        for _ in range(repeat + 1):  # the first warms the server's caches and the disk
            page = browser.new_page()
            page.goto(url, wait_until="load")
            timing = page.evaluate("""() => ({
                paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
                load: performance.timing.loadEventEnd - performance.timing.navigationStart})""")
            page.close()
            started = time.perf_counter()
            with urllib.request.urlopen(url) as response:
                response.read()
            paints.append(timing["paint"])
            loads.append(timing["load"])
            answers.append((time.perf_counter() - started) * 1000)
        browser.close()
    return {"first contentful paint": statistics.median(paints[1:]),
            "page loaded": statistics.median(loads[1:]),
            "server answer alone": statistics.median(answers[1:])}  # fmt: skip


def clips_page(count: int, repeat: int) -> None:
    folder = many_clips(HERE / ".cache" / f"review{count}", count)
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.create(Path(tmp))
        with Catalog.open(project.catalog_path) as catalog:
            add_paths(catalog, [folder])
            analyze(project, catalog, catalog.clips.all(), ["thumbnails"])
        server = subprocess.Popen(
            [sys.executable, "-m", "rushes", "review", "--project", tmp, "--port", "0",
             "--no-open"], stdout=subprocess.PIPE, text=True)  # fmt: skip
        try:
            url = server.stdout.readline().split()[2]
            times = first_paint(url, repeat)
        finally:
            server.terminate()
            server.wait()
    print(f"clips page, {count} clips (median of {repeat}):")
    for name, ms in times.items():
        print(f"  {name:24} {ms:8.0f} ms")


def camera_clip(path: Path, seconds: int, codec: str, pix_fmt: str) -> Path:
    """1080p25 of moving texture with grain, stereo sound (PCM for ProRes in MOV)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".part" + path.suffix)
    out = av.open(str(partial), "w")
    video = out.add_stream(codec, rate=25)
    video.width, video.height, video.pix_fmt = 1920, 1080, pix_fmt
    if codec == "libx265":
        video.codec_context.options = {"preset": "ultrafast", "crf": "22",
                                       "x265-params": "log-level=none:keyint=50"}  # fmt: skip
    audio = out.add_stream("pcm_s16le" if codec.startswith("prores") else "aac", rate=48000,
                           layout="stereo")  # fmt: skip
    rng = np.random.default_rng(0)
    base = frame_image(0, 1920, 1080).astype(np.int16)
    for i in range(seconds * 25):
        grain = rng.integers(-10, 10, size=(1080, 1920, 1), dtype=np.int16)
        image = np.clip(np.roll(base, 6 * i, axis=1) + grain, 0, 255).astype(np.uint8)
        out.mux(video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")))
    out.mux(video.encode())
    samples = tone(seconds, 48000, 2)
    fmt = "s16" if codec.startswith("prores") else "fltp"
    for start in range(0, samples.shape[1], 1024):
        chunk = np.ascontiguousarray(samples[:, start : start + 1024])
        if fmt == "s16":
            chunk = (chunk.T.reshape(1, -1) * 32767).astype(np.int16)
        frame = av.AudioFrame.from_ndarray(chunk, format=fmt, layout="stereo")
        frame.sample_rate, frame.pts, frame.time_base = 48000, start, Fraction(1, 48000)
        out.mux(audio.encode(frame))
    out.mux(audio.encode())
    out.close()
    partial.rename(path)
    return path


def proxy_cost(seconds: int, repeat: int) -> None:
    cases = {
        "HEVC Main 10 1080p25": camera_clip(HERE / ".cache" / f"1080p25_hevc10_{seconds}s.mp4",
                                            seconds, "libx265", "yuv420p10le"),
        "ProRes 422 1080p25": camera_clip(HERE / ".cache" / f"1080p25_prores_{seconds}s.mov",
                                          seconds, "prores_ks", "yuv422p10le"),
    }  # fmt: skip
    print(f"proxy (H.264 960x540 + AAC) of {seconds} s clips (best of {repeat}):")
    print(f"  {'':22} {'decode only':>12} {'proxy':>8} {'x real time':>12} {'vs decode':>10}")
    for name, clip in cases.items():
        floor = min(decode_only(clip, with_audio=True) for _ in range(repeat))
        made = min(analyze_with(clip, ["proxy"]) for _ in range(repeat))
        print(f"  {name:22} {floor:11.2f}s {made:7.2f}s {seconds / made:12.1f} "
              f"{made / floor:9.2f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=500)
    parser.add_argument("--proxy-seconds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    clips_page(args.clips, args.repeat)
    proxy_cost(args.proxy_seconds, args.repeat)


if __name__ == "__main__":
    main()
