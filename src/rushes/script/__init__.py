"""The screenplay: Fountain parsed into scenes and lines, and takes aligned to them."""

from rushes.script.fountain import Line, Scene, Screenplay, parse

__all__ = ["Line", "Scene", "Screenplay", "parse"]
