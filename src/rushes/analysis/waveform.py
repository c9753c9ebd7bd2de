"""Waveform: peak and RMS level of the first audio stream every 10 ms.

What a clip browser draws under the picture, and a cheap first look at levels; it shares
the 16 kHz mono stream with speech recognition, so it costs no extra resampling.

>>> rushes analyze --analyzer waveform
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from rushes.analysis.base import Analyzer, ClipAnalysis
from rushes.analysis.registry import register
from rushes.catalog.records import Clip
from rushes.media import AudioChunk, AudioRequest

SPEECH_AUDIO = AudioRequest(16000, "mono", "flt")
WINDOW = 160  # samples at 16 kHz: 10 ms


@register
class Waveform(Analyzer):
    name = "waveform"
    version = 1

    def applies_to(self, clip: Clip) -> bool:
        return bool(clip.probe.audio)

    def start(self, clip: Clip) -> ClipAnalysis:
        return _ClipWaveform()


class _ClipWaveform(ClipAnalysis):
    requests = (SPEECH_AUDIO,)

    def __init__(self):
        self.parts: list[np.ndarray] = []

    def take(self, request, item: AudioChunk) -> None:
        self.parts.append(item.samples.reshape(-1))

    def finish(self, folder: Path) -> dict:
        samples = np.concatenate(self.parts) if self.parts else np.zeros(0, np.float32)
        windows = len(samples) // WINDOW + (len(samples) % WINDOW > 0)
        padded = np.zeros(windows * WINDOW, np.float32)
        padded[: len(samples)] = samples
        blocks = padded.reshape(windows, WINDOW)
        levels = np.stack([np.abs(blocks).max(axis=1), np.sqrt((blocks**2).mean(axis=1))], 1)
        np.save(folder / "levels.npy", levels.astype(np.float32))
        peak = float(np.abs(samples).max()) if len(samples) else 0.0
        rms = float(np.sqrt((samples.astype(np.float64) ** 2).mean())) if len(samples) else 0.0
        return {
            "seconds": round(len(samples) / SPEECH_AUDIO.rate, 3),
            "window_seconds": WINDOW / SPEECH_AUDIO.rate,
            "peak_dbfs": _dbfs(peak),
            "rms_dbfs": _dbfs(rms),
        }


def _dbfs(value: float) -> float | None:
    return round(20 * math.log10(value), 2) if value > 0 else None
