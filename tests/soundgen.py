"""Dual-system sound whose truth is known: one performance recorded "twice", by a
recorder (clean, 48 kHz Broadcast WAV with bext and iXML) and by a camera (another mic:
filtered, quieter, noisier, its clock maybe drifting), starting at a chosen offset.

>>> speech = performance(80)
>>> write_bwf(folder / "ZOOM0001.WAV", speech, start_seconds=36000.0)
>>> camera = camera_sound(speech, start=12.345, seconds=20, drift_ppm=150)
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
from scipy.signal import butter, resample_poly, sosfiltfilt

from speechgen import RATE, dialogue

WORDS = ("station quiet alarm panel pressure falling minutes module lost suit meet hatch seal "
         "cracked week nobody listened pay stop arguing help valve stuck turn wrench blue "
         "locker holding oxygen tank airlock morning problem window orbit earth light dark "
         "cold engine fuel radio signal").split()  # fmt: skip
OUT_RATE = 48000


def performance(seconds: float, seed: int = 7) -> np.ndarray:
    """Speech that never repeats itself (mono, 48 kHz): lines of random words."""
    rng = np.random.default_rng(seed)
    lines = [(1 + 3.1 * i, " ".join(rng.choice(WORDS, 5))) for i in range(int(seconds // 3.1))]
    sound, _ = dialogue(lines, seconds, noise=0.002, seed=seed)
    return resample_poly(sound[0], 3, 1).astype(np.float32)


def camera_sound(recording: np.ndarray, start: float, seconds: float, drift_ppm: float = 0.0,
                 gain: float = 0.3, noise: float = 0.01, seed: int = 1) -> np.ndarray:  # fmt: skip
    """What a camera mic heard from ``start`` seconds of the recording on (stereo, 48 kHz):
    camera sample k is the recording at ``start + k/rate * (1 + drift)``."""
    rng = np.random.default_rng(seed)
    sos = butter(2, [250, 6000], "bandpass", fs=OUT_RATE, output="sos")
    heard = sosfiltfilt(sos, recording) * gain
    where = start * OUT_RATE + np.arange(int(seconds * OUT_RATE)) * (1 + drift_ppm * 1e-6)
    picked = np.interp(where, np.arange(len(heard)), heard, left=0.0, right=0.0)
    picked += noise * rng.standard_normal(len(picked))
    return np.repeat(picked[None, :].astype(np.float32), 2, axis=0)


def write_bwf(path: Path, mono: np.ndarray, start_seconds: float | None = None,
              scene: str = "3", take: str = "2", rate: int = OUT_RATE) -> Path:  # fmt: skip
    """A 16-bit Broadcast WAV with a bext time reference and an iXML chunk."""
    pcm = (np.clip(mono, -1, 1) * 32767).astype("<i2").tobytes()
    chunks = []
    if start_seconds is not None:
        bext = struct.pack("<256s32s32s10s8sQH64s5h180s", b"rushes test", b"rushes", b"",
                           b"2026-11-25", b"10:00:00", round(start_seconds * rate), 1, b"",
                           0, 0, 0, 0, 0, b"")  # fmt: skip
        chunks.append(_chunk(b"bext", bext))
        ixml = (f"<?xml version='1.0' encoding='UTF-8'?><BWFXML><SCENE>{scene}</SCENE>"
                f"<TAKE>{take}</TAKE><TAPE>DAY01</TAPE><SPEED><TIMECODE_RATE>25/1"
                f"</TIMECODE_RATE></SPEED></BWFXML>").encode()  # fmt: skip
        chunks.append(_chunk(b"iXML", ixml))
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + _chunk(b"fmt ", fmt) + b"".join(chunks) + _chunk(b"data", pcm)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def _chunk(tag: bytes, data: bytes) -> bytes:
    pad = b"\0" if len(data) % 2 else b""
    return tag + struct.pack("<I", len(data)) + data + pad


__all__ = ["RATE", "camera_sound", "performance", "write_bwf"]
