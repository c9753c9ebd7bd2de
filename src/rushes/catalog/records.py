"""Typed records: what the catalog stores and what the rest of rushes passes around.

Plain data, no SQL and no PyAV, so every package can share them. Times are exact:
``Fraction`` seconds and rates, never floats (floats only for display). What probing a
file finds (``Probe``, ``AudioStream``) is ``media``'s record; a clip carries it.

>>> Clip(...).probe.audio[0].sample_rate
48000
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from rushes.media.records import Probe


@dataclass(frozen=True)
class Clip:
    """A media file in the catalog; identified by its content fingerprint, not its path."""

    id: int
    fingerprint: str
    path: Path
    size: int
    mtime_ns: int
    added_at: str
    probe: Probe
    sidecars: tuple[Path, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Unreadable:
    """A file that looked like it could be media but could not be used, and why."""

    path: Path
    reason: str
    size: int | None = None
    mtime_ns: int | None = None


@dataclass(frozen=True)
class AnalysisResult:
    """One analyzer's finished result for one clip (the dense signals live in the cache)."""

    fingerprint: str
    analyzer: str
    version: int
    summary: dict
    finished_at: str


@dataclass(frozen=True)
class Word:
    """One spoken word: clip-relative times in seconds (exact fractions), the text as heard."""

    start: Fraction
    end: Fraction
    text: str
    probability: float = 1.0
    segment: int = 0
    speaker: int | None = None


@dataclass(frozen=True)
class Transcript:
    fingerprint: str
    model: str
    language: str | None
    words: tuple[Word, ...]


@dataclass(frozen=True)
class SearchHit:
    """Where a query was found: the clip, the first and last matched word, how it matched."""

    fingerprint: str
    model: str
    first: int
    last: int
    match: str  # "exact" or "sounds-like"
    score: float
