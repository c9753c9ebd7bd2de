"""The assembly: the best take of every scene in script order, trimmed to its performance
with handles, fitted to a target duration; with no script, the best-spoken moments.

Fitting first gives up the handles, then drops whole scenes, least valuable first (the
lowest-scoring chosen take), and says what it dropped. The user's own edits (from ``rushes
review``: another take, another in and out, another order, a scene left out) are applied
first, and a scene the user changed is never dropped to fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rushes.catalog.cuts import SceneEdit
from rushes.edit.judge import rank
from rushes.edit.takes import Take


@dataclass
class Choice:
    scene: int | None
    chosen: Take
    rejected: list[Take]
    start: float  # seconds in the clip, with handles
    end: float
    edited: bool = False  # the user chose this take or its range: kept as it is


@dataclass
class Assembly:
    choices: list[Choice]
    dropped: list[Choice] = field(default_factory=list)  # to fit the target
    handles: float = 0.0
    left_out: list[Choice] = field(default_factory=list)  # by the user

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
    """The performance with handles, from where its speech starts (``Take.spoken``); a
    select of yours is taken as it is."""
    duration = float(take.clip.probe.duration)
    start, end = take.spoken or (take.start, take.end)
    if take.selected:
        handles, start, end = 0.0, take.start, take.end
    return max(0.0, start - handles), min(duration, end + handles)


def assemble(takes: list[Take], handles: float = 0.5, target: float | None = None,
             edits: dict[int, SceneEdit] | None = None) -> Assembly:  # fmt: skip
    edits = edits or {}
    choices, left_out = [], []
    for scene, best, rest in choose(takes):
        choice = _edited(scene, best, rest, handles, edits.get(scene))
        (left_out if scene in edits and edits[scene].dropped else choices).append(choice)
    choices.sort(key=lambda c: (_position(c, edits), c.scene))
    assembly = Assembly(choices, handles=handles, left_out=left_out)
    if target is None or assembly.seconds <= target:
        return assembly
    for choice in choices:  # first the handles go
        if not choice.edited:
            choice.start, choice.end = _span(choice.chosen, 0.0)
    assembly.handles = 0.0
    while assembly.seconds > target:
        free = [c for c in assembly.choices if not c.edited]
        if len(assembly.choices) <= 1 or not free:
            break
        weakest = min(free, key=lambda c: c.chosen.score)
        assembly.choices.remove(weakest)
        assembly.dropped.append(weakest)
    return assembly


def _edited(scene, best: Take, rest: list[Take], handles: float, edit: SceneEdit | None) -> Choice:
    """The scene's choice with the user's take and range, where the user gave them."""
    if edit is not None and edit.take is not None:
        wanted = next((t for t in rest if t.clip.fingerprint == edit.take
                       and t.part == (edit.take_part or t.part)), None)  # fmt: skip
        if wanted is not None:
            rest = [best, *[t for t in rest if t is not wanted]]
            best = wanted
    choice = Choice(scene, best, rest, *_span(best, handles))
    if edit is not None and edit.take is not None:
        choice.edited = best.clip.fingerprint == edit.take
    if edit is not None and edit.start is not None and edit.end is not None:
        duration = float(best.clip.probe.duration)
        if best.clip.fingerprint == (edit.take or best.clip.fingerprint):
            choice.start, choice.end = max(0.0, edit.start), min(duration, edit.end)
            choice.edited = True
    return choice


def _position(choice: Choice, edits: dict[int, SceneEdit]) -> float:
    edit = edits.get(choice.scene)
    if edit is not None and edit.position is not None:
        return edit.position
    return float(choice.scene if choice.scene is not None else 0)


def alternate(take: Take, handles: float) -> Choice:
    """Another take of a scene, trimmed as the chosen one is: for the tracks above the cut."""
    return Choice(take.scene, take, [], *_span(take, handles))


def frames(choice: Choice) -> tuple[int, int]:
    """The whole frames a choice covers at its clip's rate."""
    rate = float(choice.chosen.clip.probe.frame_rate)
    return math.floor(choice.start * rate), math.ceil(choice.end * rate)
