"""The one-pass decoder (``media/decoder.py``) on the CPU and with FFmpeg's NVDEC (CUDA)
over the same clips: what the analyzers are handed must be the same wherever the picture
was decoded; prints the decode frames/s of each and their ratio.

Needs only PyAV and NumPy (not the rest of rushes' stack), so it runs on a GPU machine.
Without clips named it writes its own: 1080p25 H.264 (x264, GOP 50, two B-frames) and
UHD HEVC (x265) of moving detail with seeded noise, 10 s and 4 s, and two that NVDEC does
not decode (H.264 4:2:2, ProRes 422), which must come from the CPU with no error.

    .venv/bin/python bench/decode_devices.py [--device cuda] [CLIP...]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from rushes.media.decoder import DecodeStats, VideoRequest, decode  # noqa: E402
from rushes.media.ffmpeg import av  # noqa: E402

# what the analyzers ask for (thumbnails, picture QC, shots), and the whole luma plane
REQUESTS = [VideoRequest(48, 27, "rgb24"), VideoRequest(160, 0, "gray"),
            VideoRequest(320, 0, "rgb24"), VideoRequest(0, 0, "gray")]  # fmt: skip


def write_clip(path: Path, codec: str, width: int, height: int, seconds: int = 10,
               pix_fmt: str = "yuv420p") -> Path:  # fmt: skip
    """Moving bars and seeded grain, 25 fps, in ``codec``."""
    rng = np.random.default_rng(7)
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=25)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        if codec.startswith("libx"):
            stream.options = {"g": "50", "bf": "2", "crf": "18", "preset": "ultrafast"}
        x = np.arange(width)[None, :]
        for k in range(25 * seconds):
            bars = ((x + 12 * k) // 40 % 2 * 160 + 48).astype(np.uint8)
            luma = np.broadcast_to(bars, (height, width)).copy()
            luma = np.clip(luma + rng.normal(0, 12, luma.shape), 0, 255).astype(np.uint8)
            rgb = np.repeat(luma[:, :, None], 3, axis=2)
            rgb[:, :, 0] = np.roll(rgb[:, :, 0], k, axis=0)
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24")
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def digests(path: Path, hwaccel: str | None) -> tuple[dict, int, float]:
    """A digest of every item each request was handed, the frames decoded, and seconds."""
    stats = DecodeStats()
    hashes = {r: hashlib.sha256() for r in REQUESTS}
    sizes = {}
    with av.open(str(path)) as probe:
        cc = probe.streams.video[0].codec_context
        sizes[REQUESTS[-1]] = VideoRequest(cc.width, cc.height, "gray")
    requests = [sizes.get(r, r) for r in REQUESTS]
    for request, item in decode(path, requests, stats=stats, hwaccel=hwaccel):
        hashes[REQUESTS[requests.index(request)]].update(item.image.tobytes())
        hashes[REQUESTS[requests.index(request)]].update(str(Fraction(item.time)).encode())
    return {r: h.hexdigest()[:16] for r, h in hashes.items()}, stats.video_frames, stats.seconds


def decoded_on(path: Path, device: str) -> str:
    """Whether FFmpeg opened ``device`` to decode ``path``'s picture, and the format of the
    frames it hands back (NVDEC's are nv12 or p010; a codec it does not know, or H.264
    4:2:2, comes back in the codec's own format: decoded on the CPU)."""
    from av.codec.hwaccel import HWAccel

    try:
        container = av.open(str(path), hwaccel=HWAccel(device, allow_software_fallback=True))
    except av.error.FFmpegError as exc:
        return f"the CPU ({device} cannot be opened: {exc.strerror or exc})"
    with container:
        stream = container.streams.video[0]
        frame = next(container.decode(stream))
        on = stream.codec_context.is_hwaccel  # a property in PyAV 18, a method before
        where = f"{device} opened" if (on() if callable(on) else on) else "the CPU"
        return f"{where} (frames handed back as {frame.format.name})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="*", type=Path)
    parser.add_argument("--device", default="cuda")
    args = parser.parse_args()
    clips = args.clips
    if not clips:
        folder = Path(tempfile.mkdtemp(prefix="decode-devices-"))
        clips = [write_clip(folder / "h264_1080p25.mp4", "libx264", 1920, 1080),
                 write_clip(folder / "hevc_2160p25.mp4", "libx265", 3840, 2160, 4),
                 # codecs NVDEC does not decode: the CPU must, with no error
                 write_clip(folder / "h264_422_1080p25.mov", "libx264", 1920, 1080, 2,
                            "yuv422p"),
                 write_clip(folder / "prores_1080p25.mov", "prores_ks", 1920, 1080, 2,
                            "yuv422p10le")]  # fmt: skip
    from av.codec.hwaccel import hwdevices_available

    print(f"PyAV {av.__version__}; FFmpeg devices: {', '.join(hwdevices_available())}")
    same_everywhere = True
    for clip in clips:
        cpu, frames, cpu_s = digests(clip, None)
        gpu, gpu_frames, gpu_s = digests(clip, args.device)
        same = {f"{r.width}x{r.height or 'auto'} {r.pix_fmt}": cpu[r] == gpu[r] for r in REQUESTS}
        same_everywhere &= all(same.values()) and frames == gpu_frames
        print(f"{clip.name}: {frames} frames; CPU {frames / cpu_s:.0f} frames/s, "
              f"{args.device} {gpu_frames / gpu_s:.0f} frames/s ({cpu_s / gpu_s:.2f}x); "
              f"decoded on {decoded_on(clip, args.device)}; the same: {same}")  # fmt: skip
    print("identical on both" if same_everywhere else "DIFFERENT")


if __name__ == "__main__":
    main()
