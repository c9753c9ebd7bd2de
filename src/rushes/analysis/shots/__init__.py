"""Shots and transitions: frame-exact cuts, dissolves and fades (three engines).

>>> shots_of_file(Path("A001C003.mov"), "auto").shots
"""

from rushes.analysis.shots.analyzer import ShotList, Shots, shot_dict, shots_of_file
from rushes.analysis.shots.engines import ENGINES, detect
from rushes.analysis.shots.model import Shot, Transition, shots_from

__all__ = [
    "ENGINES", "Shot", "ShotList", "Shots", "Transition", "detect", "shot_dict", "shots_from",
    "shots_of_file",
]  # fmt: skip
