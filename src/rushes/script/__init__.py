"""The screenplay: Fountain parsed into scenes and lines, and takes aligned to them."""

from rushes.script.align import LineMatch, align
from rushes.script.fountain import Line, Scene, Screenplay, parse

__all__ = ["Line", "LineMatch", "Scene", "Screenplay", "align", "parse"]
