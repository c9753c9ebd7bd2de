"""Analyzers and the runner that feeds them from one decode pass per clip.

The names below are imported when first used (the analyzers bring torch, Whisper and
SciPy), so that importing ``rushes.analysis.results`` costs nothing.

>>> from rushes.analysis import analyze
>>> analyze(project, catalog, catalog.clips.all(), ["thumbnails", "waveform"])
"""

import importlib

_WHERE = {
    "Analyzer": "base", "ClipAnalysis": "base", "Resources": "base", "create": "registry",
    "names": "registry", "register": "registry", "result_folder": "results",
    "AnalyzeReport": "runner", "ClipOutcome": "runner", "analyze": "runner",
}  # fmt: skip

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'rushes.analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"rushes.analysis.{_WHERE[name]}"), name)
    globals()[name] = value
    return value
