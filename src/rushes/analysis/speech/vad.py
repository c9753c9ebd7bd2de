"""Where someone speaks: Silero VAD (the ONNX model bundled in ``silero-vad``) on 16 kHz
mono, so silence and room tone cost the recogniser nothing and cannot be "transcribed"."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

RATE = 16000


@lru_cache(maxsize=1)
def _model():
    from silero_vad import load_silero_vad

    return load_silero_vad(onnx=True)


def speech_regions(audio: np.ndarray, min_silence: float = 0.3,
                   pad: float = 0.1) -> list[tuple[float, float]]:  # fmt: skip
    """(start, end) seconds of speech in ``audio`` (float32 mono at 16 kHz)."""
    if len(audio) < RATE // 4:
        return []
    import torch
    from silero_vad import get_speech_timestamps

    found = get_speech_timestamps(
        torch.from_numpy(np.ascontiguousarray(audio, dtype=np.float32)), _model(),
        sampling_rate=RATE, min_silence_duration_ms=int(min_silence * 1000),
        speech_pad_ms=int(pad * 1000),
    )  # fmt: skip
    return [(r["start"] / RATE, r["end"] / RATE) for r in found]


def chunks(regions: list[tuple[float, float]], longest: float = 28.0,
           join: float = 1.5) -> list[tuple[float, float]]:  # fmt: skip
    """Regions joined into pieces the recogniser takes whole (Whisper's window is 30 s):
    neighbours closer than ``join`` seconds share a piece while it stays under ``longest``."""
    out: list[list[float]] = []
    for start, end in regions:
        while end - start > longest:  # one long speech: cut it into windows
            out.append([start, start + longest])
            start += longest
        if out and start - out[-1][1] < join and end - out[-1][0] <= longest:
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]
