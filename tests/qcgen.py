"""Clips with known technical defects at known times, and clean ones, for QC tests.

Picture: a detailed texture panning slowly (so sharpness, motion and colour are real),
with a defect applied to a range of frames. Sound: a voice-like tone over a quiet room,
PCM in the container, with a defect applied to a range of samples.

>>> path, expected = picture_clip(tmp, "blur", (40, 90))
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from mediagen import _write_audio, frame_image

RATE = Fraction(25)
SIZE = (320, 180)
AUDIO_RATE = 48000


def detailed(seed: int, width: int, height: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    coarse = rng.integers(40, 216, size=(height // 12 + 2, width // 12 + 2, 3))
    image = np.kron(coarse, np.ones((12, 12, 1)))[:height, :width]
    dots = rng.integers(-40, 41, size=(height, width, 1))
    return np.clip(image + dots, 0, 255).astype(np.uint8)


def blur(image: np.ndarray, amount: float) -> np.ndarray:
    """Box blur of ``amount`` pixels (0: none), by repeated neighbour averaging."""
    out = image.astype(np.float32)
    for _ in range(int(round(amount))):
        out = (out + np.roll(out, 1, 0) + np.roll(out, -1, 0) + np.roll(out, 1, 1)
               + np.roll(out, -1, 1)) / 5  # fmt: skip
    return np.clip(out, 0, 255).astype(np.uint8)


def base_frames(count: int, seed: int = 1) -> list[np.ndarray]:
    width, height = SIZE
    big = detailed(seed, width + count + 40, height + 40)
    return [big[20 : 20 + height, 20 + i : 20 + i + width].copy() for i in range(count)]


WHIP = 10  # pixels a frame of a whip pan (a slow pan moves 1)


def picture_clip(folder: Path, defect: str | None, span=(40, 80), count: int = 125,
                 seed: int = 1) -> tuple[Path, list[tuple[str, float, float]]]:  # fmt: skip
    """A clip with ``defect`` over frames ``span`` (first, stop); the findings expected."""
    frames = base_frames(count + 20, seed)
    out = list(frames[:count])
    first, stop = span
    width, height = SIZE
    for i in range(first, stop):
        if defect == "blur":
            out[i] = blur(frames[i], 6)
        elif defect == "dark":
            out[i] = (frames[i] * 0.15).astype(np.uint8)
        elif defect == "black":
            out[i] = np.zeros_like(frames[i])
        elif defect == "frozen":
            out[i] = out[first - 1]
        elif defect == "shake":
            rng = np.random.default_rng(i)
            dx, dy = rng.integers(-8, 9, size=2)
            big = np.pad(frames[i], ((10, 10), (10, 10), (0, 0)), mode="reflect")
            out[i] = big[10 + dy : 10 + dy + height, 10 + dx : 10 + dx + width]
        elif defect == "drift":
            k = min(1.0, (i - first) / 12)
            cast = np.array([1 + 0.25 * k, 1.0, 1 - 0.25 * k])
            out[i] = np.clip(frames[i] * cast, 0, 255).astype(np.uint8)
    if defect == "drift":
        for i in range(stop, count):
            out[i] = np.clip(frames[i] * np.array([1.25, 1.0, 0.75]), 0, 255).astype(np.uint8)
    if defect == "whip":  # the camera whips across (10 px a frame, motion-blurred) and settles
        big = detailed(seed, width + count + 40 + WHIP * (stop - first), height + 40)
        at = 20
        for i in range(count):
            moved = WHIP if first <= i < stop else 1
            crops = [big[20 : 20 + height, at + k : at + k + width] for k in range(moved)]
            out[i] = np.mean(crops, axis=0).astype(np.uint8)
            at += moved
    path = folder / f"{defect or 'clean'}_{seed}.mov"
    _write(path, out, None)
    step = float(1 / RATE)
    expected = {
        "blur": [("soft_focus", first * step, stop * step)],
        "dark": [("underexposed", first * step, stop * step)],
        "black": [("black", first * step, stop * step)],
        "frozen": [("frozen", first * step, stop * step)],
        "shake": [("shake", first * step, stop * step)],
        "drift": [("color_drift", (first + 4) * step, count * step)],
    }.get(defect, [])
    return path, expected


def room(seconds: float, seed: int = 0) -> np.ndarray:
    """A voice-like tone (syllables of a 220 Hz buzz) over quiet room noise, stereo."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * AUDIO_RATE)) / AUDIO_RATE
    buzz = sum(np.sin(2 * np.pi * 220 * h * t) / h for h in range(1, 6))
    syllables = 0.6 + 0.4 * np.sin(2 * np.pi * 3 * t)
    voice = 0.12 * buzz * syllables + 0.0005 * rng.standard_normal(len(t))
    return np.repeat(voice[None, :].astype(np.float32), 2, axis=0)


def sound_clip(folder: Path, defect: str | None, span=(2.0, 2.6), seconds: float = 5.0,
               voice_until: float | None = None, name: str | None = None,
               ) -> tuple[Path, list[tuple[str, float, float]]]:  # fmt: skip
    """A clip whose sound has ``defect`` between ``span`` seconds; the findings expected.
    ``voice_until``: the voice stops there, only room noise after it."""
    sound = room(seconds)
    if voice_until is not None:
        quiet = sound[:, round(voice_until * AUDIO_RATE) :]
        quiet[:] = 0.0005 * np.random.default_rng(1).standard_normal(quiet.shape)
    a, b = (round(s * AUDIO_RATE) for s in span)
    if defect == "clipping":
        t = np.arange(b - a) / AUDIO_RATE  # an overdriven input: a tone cut at full scale
        sound[:, a:b] = np.clip(1.5 * np.sin(2 * np.pi * 220 * t), -1.0, 1.0)
    elif defect == "dropout":
        sound[:, a:b] = 0.0
    elif defect == "hum":
        t = np.arange(b - a) / AUDIO_RATE
        sound[:, a:b] += 0.05 * np.sin(2 * np.pi * 50 * t)
    elif defect == "silence":
        sound[:, a:b] = 0.0
    frames = base_frames(round(seconds * float(RATE)))
    path = folder / f"sound_{name or defect or 'clean'}.mov"
    _write(path, frames, sound)
    kind = {"clipping": "audio_clipping", "dropout": "dropout", "hum": "hum",
            "silence": "silence"}.get(defect)  # fmt: skip
    expected = [(kind, span[0], span[1])] if kind else []
    if defect == "clipping":  # an overdriven input is also far too loud (BS.1770 gating)
        expected.append(("loudness", 0.0, seconds))
    return path, expected


def _write(path: Path, frames: list[np.ndarray], sound: np.ndarray | None) -> None:
    out = av.open(str(path), "w")
    video = out.add_stream("libx264", rate=RATE)
    video.width, video.height = SIZE
    video.pix_fmt = "yuv420p"
    video.codec_context.options = {"preset": "ultrafast", "crf": "12"}
    audio = None
    if sound is not None:  # every stream is added before the first packet is written
        audio = out.add_stream("pcm_s16le", rate=AUDIO_RATE, layout="stereo")
    for image in frames:
        for packet in video.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    if audio is not None:
        _write_audio(out, audio, sound, AUDIO_RATE)
    out.close()


__all__ = ["frame_image", "picture_clip", "sound_clip"]
