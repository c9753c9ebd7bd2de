"""Dialogue whose every word's time is known: eSpeak NG speaks each word on its own, and
the words are laid end to end (with room tone between lines) at chosen times.

>>> sound, truth = dialogue([(1.0, "keep that one"), (25.0, "cut")], seconds=30)
>>> truth[0]
Word(text='keep', start=1.0, end=1.29)
"""

from __future__ import annotations

import functools
import re
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 16000
WORD_GAP = 0.08  # seconds between words of one line


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@functools.lru_cache(maxsize=4096)
def spoken(word: str, voice: str = "en-us", speed: int = 165) -> np.ndarray:
    """``word`` spoken by eSpeak NG at 16 kHz, float32, its silent ends trimmed."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "--stdout", word],
                         check=True, capture_output=True).stdout  # fmt: skip
    raw = subprocess.run(
        ["sox", "-t", "wav", "-", "-r", str(RATE), "-t", "raw", "-e", "float", "-b", "32",
         "-c", "1", "-"], input=wav, check=True, capture_output=True,
    ).stdout  # fmt: skip
    samples = np.frombuffer(raw, np.float32)
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    return samples[loud[0] : loud[-1] + 1].copy() if len(loud) else samples


def words_of(line: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", line)  # any script: Latin, Cyrillic


def dialogue(
    lines: list[tuple[float, str]], seconds: float, noise: float = 0.003, level: float = 0.5,
    voice: str = "en-us", seed: int = 0,
) -> tuple[np.ndarray, list[Word]]:  # fmt: skip
    """Mono sound (1 x samples) with each line starting at its time, over room tone."""
    rng = np.random.default_rng(seed)
    sound = (rng.standard_normal(round(seconds * RATE)) * noise).astype(np.float32)
    truth = []
    for start, line in lines:
        at = start
        for word in words_of(line):
            samples = spoken(word.lower(), voice) * level
            first = round(at * RATE)
            if first >= len(sound):
                break
            sound[first : first + len(samples)] += samples[: len(sound) - first]
            truth.append(Word(word, at, at + len(samples) / RATE))
            at += len(samples) / RATE + WORD_GAP
    return np.clip(sound, -1, 1)[None, :], truth


def write_wav(path: Path, sound: np.ndarray) -> Path:
    """``dialogue``'s sound as a 16-bit mono WAV at ``RATE``: a clip the recogniser reads."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(sound[0], -1, 1) * 32767).astype("<i2").tobytes())
    return path


def aligned(heard: list[str], placed: list[str]) -> list[tuple[int, int]]:
    """Index pairs of equal words in a minimal edit-distance alignment (monotone, global:
    a greedy matcher pairs repeated lines with the wrong repetition)."""
    n, m = len(heard), len(placed)
    cost = np.zeros((n + 1, m + 1), np.int32)
    cost[:, 0], cost[0, :] = np.arange(n + 1), np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(cost[i - 1, j] + 1, cost[i, j - 1] + 1,
                             cost[i - 1, j - 1] + (heard[i - 1] != placed[j - 1]))  # fmt: skip
    pairs, i, j = [], n, m
    while i and j:
        if heard[i - 1] == placed[j - 1] and cost[i, j] == cost[i - 1, j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif cost[i, j] == cost[i - 1, j] + 1:
            i -= 1
        elif cost[i, j] == cost[i, j - 1] + 1:
            j -= 1
        else:
            i, j = i - 1, j - 1
    return pairs[::-1]


def recognised(timed: str) -> list:
    """Words as a recogniser's transcript gives them, written ``word[start-end]`` each
    (figures copied from a judgement shoot), as the catalog keeps them."""
    from fractions import Fraction

    from rushes.catalog import Word as Said

    out = []
    for item in timed.split():
        text, _, times = item.rstrip("]").partition("[")
        start, end = (Fraction(t).limit_denominator(100) for t in times.split("-"))
        out.append(Said(start, end, text))
    return out
