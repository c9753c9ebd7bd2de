"""Choosing and assembling: takes scored, the best per scene, fitted to a duration."""

from rushes.edit.assemble import Assembly, Choice, assemble, choose, frames
from rushes.edit.takes import Take, take_of

__all__ = ["Assembly", "Choice", "Take", "assemble", "choose", "frames", "take_of"]
