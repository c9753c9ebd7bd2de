"""The analyzer interface: declare the streams you need, take them, write your result.

An :class:`Analyzer` is stateless and says what it is (name, version, resources). For each
clip it starts a :class:`ClipAnalysis` that names its requests, is fed the decoded items,
and at the end writes dense signals into a folder and returns a JSON-able summary. That
shape lets the local runner and a cluster executor run the same analyzers unchanged.

>>> class Loudest(Analyzer):
...     name, version = "loudest", 1
...     def start(self, clip): return LoudestClip()
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from rushes.catalog.records import Clip
from rushes.media import AudioChunk, Request, VideoImage


@dataclass(frozen=True)
class Resources:
    """What one clip's analysis needs, so an executor can place it: cores (the analyzer
    runs exactly this many threads, wherever it runs), the share of a GPU it uses when the
    machine has one, and memory in bytes."""

    cpus: float = 1.0
    gpus: float = 0.0
    memory: int = 0

    @property
    def threads(self) -> int:
        return max(1, int(self.cpus))


class ClipAnalysis(ABC):
    """One analyzer's work on one clip."""

    requests: tuple[Request, ...] = ()

    @abstractmethod
    def take(self, request: Request, item: VideoImage | AudioChunk) -> None:
        """Receive one decoded item for one of :attr:`requests`, in stream order."""

    @abstractmethod
    def finish(self, folder: Path) -> dict[str, Any]:
        """Write dense signals into ``folder`` (empty, private); return the summary."""


class Analyzer(ABC):
    """A kind of analysis; bump :attr:`version` whenever its results would change."""

    name: ClassVar[str]
    version: ClassVar[int]
    resources: ClassVar[Resources] = Resources()

    def __init__(self, options: dict[str, Any] | None = None):
        self.options = options or {}

    @property
    def variant(self) -> str | None:
        """A name for options that change the result (another model): results of each
        variant are kept apart, under :attr:`key`."""
        return None

    @cached_property
    def key(self) -> str:
        """What results are stored under: the name, with the variant when there is one
        (worked out once: a variant may look at the model's files, and the runner asks for
        the key of every clip)."""
        variant = self.variant
        return f"{self.name}:{variant}" if variant else self.name

    def applies_to(self, clip: Clip) -> bool:
        """False for clips this analyzer has nothing to say about (no picture, no sound)."""
        return True

    def record(self, catalog, clip: Clip, folder: Path, summary: dict[str, Any]) -> None:
        """Put what the catalog must query (words to search) into ``catalog``; called in
        the transaction that records the result, after its files are complete."""
        return None

    @abstractmethod
    def start(self, clip: Clip) -> ClipAnalysis:
        """Begin work on ``clip``."""
