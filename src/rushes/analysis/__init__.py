"""Analyzers and the runner that feeds them from one decode pass per clip.

>>> from rushes.analysis import analyze
>>> analyze(project, catalog, catalog.clips.all(), ["thumbnails", "waveform"])
"""

from rushes.analysis import (  # noqa: F401
    picture,
    proxy,
    shots,
    sound,
    speech,
    thumbnails,
    waveform,
)  # fmt: skip
from rushes.analysis.base import Analyzer, ClipAnalysis, Resources
from rushes.analysis.registry import create, names, register
from rushes.analysis.results import result_folder
from rushes.analysis.runner import AnalyzeReport, ClipOutcome, analyze

__all__ = [
    "AnalyzeReport", "Analyzer", "ClipAnalysis", "ClipOutcome", "Resources", "analyze",
    "create", "names", "register", "result_folder",
]  # fmt: skip
