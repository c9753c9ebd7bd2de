"""Transitions and shots: the frame-exact result every shot engine produces.

A transition occupies frames ``first``..``last`` (inclusive); for a hard cut both are the
first frame of the new shot. The incoming shot starts at ``first``: a dissolve or fade
belongs to the shot it reveals, so shots cover every frame with no gap.

>>> shots_from(transitions=[Transition(120, 120, "cut")], frames=300)
[Shot(0, 120, None), Shot(120, 300, 'cut')]
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Transition:
    first: int
    last: int
    kind: str  # "cut" | "dissolve" | "fade"


@dataclass(frozen=True)
class Shot:
    start_frame: int
    end_frame: int  # exclusive
    transition_in: str | None
    transition: Transition | None = None


def shots_from(transitions: list[Transition], frames: int) -> list[Shot]:
    """Shots covering frames ``0..frames``, split at each transition's first frame."""
    shots: list[Shot] = []
    start, incoming = 0, None
    for t in sorted(transitions):
        if t.first <= start or t.first >= frames:
            continue
        shots.append(Shot(start, t.first, incoming.kind if incoming else None, incoming))
        start, incoming = t.first, t
    if frames > start or not shots:
        shots.append(Shot(start, max(frames, start), incoming.kind if incoming else None, incoming))
    return shots
