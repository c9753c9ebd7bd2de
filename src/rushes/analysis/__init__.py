"""Analyzers and the runner that feeds them from one decode pass per clip.

The names below are imported when first used (the analyzers bring torch, Whisper and
SciPy), so that importing ``rushes.analysis.results`` costs nothing.

>>> from rushes.analysis import analyze
>>> analyze(project, catalog, catalog.clips.all(), ["thumbnails", "waveform"])
"""

from rushes.lazy import exports

_WHERE = {
    "Analyzer": "base", "ClipAnalysis": "base", "Resources": "base", "create": "registry",
    "names": "registry", "register": "registry", "result_folder": "results",
    "AnalyzeReport": "runner", "ClipOutcome": "runner", "analyze": "runner",
}  # fmt: skip

__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
