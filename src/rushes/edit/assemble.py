"""The assembly: the best take of every scene in script order, trimmed to its performance
with handles, fitted to a target duration; with no script, the best-spoken moments.

Fitting first gives up the handles, then drops whole scenes, least valuable first (the
lowest-scoring chosen take), and says what it dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rushes.edit.judge import rank
from rushes.edit.takes import Take


@dataclass
class Choice:
    scene: int | None
    chosen: Take
    rejected: list[Take]
    start: float  # seconds in the clip, with handles
    end: float


@dataclass
class Assembly:
    choices: list[Choice]
    dropped: list[Choice] = field(default_factory=list)
    handles: float = 0.0

    @property
    def seconds(self) -> float:
        return sum(c.end - c.start for c in self.choices)


def choose(takes: list[Take]) -> list[tuple[int, Take, list[Take]]]:
    """(scene, best take, the others) for every scene some take covers, in script order."""
    by_scene: dict[int, list[Take]] = {}
    for take in takes:
        by_scene.setdefault(take.scene, []).append(take)
    out = []
    for scene in sorted(by_scene):
        ranked = rank(by_scene[scene])
        out.append((scene, ranked[0], ranked[1:]))
    return out


def _span(take: Take, handles: float) -> tuple[float, float]:
    """The performance with handles; a select of yours is taken as it is."""
    duration = float(take.clip.probe.duration)
    if take.selected:
        handles = 0.0
    return max(0.0, take.start - handles), min(duration, take.end + handles)


def assemble(takes: list[Take], handles: float = 0.5, target: float | None = None) -> Assembly:
    chosen = choose(takes)
    choices = [Choice(scene, best, rest, *_span(best, handles)) for scene, best, rest in chosen]
    assembly = Assembly(choices, handles=handles)
    if target is None or assembly.seconds <= target:
        return assembly
    for choice in choices:  # first the handles go
        choice.start, choice.end = _span(choice.chosen, 0.0)
    assembly.handles = 0.0
    while assembly.seconds > target and len(assembly.choices) > 1:
        weakest = min(assembly.choices, key=lambda c: c.chosen.score)
        assembly.choices.remove(weakest)
        assembly.dropped.append(weakest)
    return assembly


def alternate(take: Take, handles: float) -> Choice:
    """Another take of a scene, trimmed as the chosen one is: for the tracks above the cut."""
    return Choice(take.scene, take, [], *_span(take, handles))


def frames(choice: Choice) -> tuple[int, int]:
    """The whole frames a choice covers at its clip's rate."""
    rate = float(choice.chosen.clip.probe.frame_rate)
    return math.floor(choice.start * rate), math.ceil(choice.end * rate)
