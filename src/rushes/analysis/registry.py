"""Analyzers by name: the built-in ones and those other packages register.

A package adds its own through the ``rushes.analyzers`` entry-point group, the same way
the built-in ones are found; nothing in the runner knows any analyzer by name.

>>> create("thumbnails", {"width": 320}).version
1
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any

from rushes.analysis.base import Analyzer
from rushes.errors import BadInput

_REGISTRY: dict[str, type[Analyzer]] = {}


def register(cls: type[Analyzer]) -> type[Analyzer]:
    """Class decorator: make ``cls`` available under ``cls.name``."""
    _REGISTRY[cls.name] = cls
    return cls


BUILT_IN = ("picture", "proxy", "shots", "sound", "speech", "thumbnails", "waveform")


def _load_plugins() -> None:
    for module in BUILT_IN:  # each registers itself when imported
        importlib.import_module(f"rushes.analysis.{module}")
    for entry in entry_points(group="rushes.analyzers"):
        if entry.name not in _REGISTRY:
            register(entry.load())


def names() -> list[str]:
    _load_plugins()
    return sorted(_REGISTRY)


def get(name: str) -> type[Analyzer]:
    if name not in _REGISTRY:
        _load_plugins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise BadInput(f"unknown analyzer {name!r} (known: {', '.join(names())})") from None


def create(name: str, options: dict[str, Any] | None = None) -> Analyzer:
    return get(name)(options)
