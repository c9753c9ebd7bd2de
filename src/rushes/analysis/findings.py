"""Findings: technical problems at a time range, with a severity and a one-line reason,
and the 0-1 scores later steps use to choose takes.

>>> Finding("soft_focus", 12.0, 14.5, "warning", "soft: sharpness 31% of the clip's best")
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

KINDS = (
    "soft_focus", "underexposed", "overexposed", "clipped_highlights", "crushed_shadows",
    "shake", "black", "frozen", "color_drift", "audio_clipping", "dropout", "silence", "hum",
    "noise", "loudness",
)  # fmt: skip
SEVERITIES = ("info", "warning", "error")
WEIGHT = {"info": 0.25, "warning": 1.0, "error": 2.0}

# each score dimension and the kinds that lower it
DIMENSIONS = {
    "focus": ("soft_focus",),
    "exposure": ("underexposed", "overexposed", "clipped_highlights", "crushed_shadows"),
    "stability": ("shake",),
    "continuity": ("black", "frozen"),
    "color": ("color_drift",),
    "sound": ("audio_clipping", "dropout", "silence", "hum", "noise", "loudness"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: float  # seconds from the clip's first frame or sample
    end: float
    severity: str
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


def runs(mask: np.ndarray, shortest: int = 1, bridge: int = 0) -> list[tuple[int, int]]:
    """(first, stop) index ranges where ``mask`` holds for ``shortest`` items or more;
    gaps of at most ``bridge`` items inside a run are closed first."""
    mask = np.asarray(mask, bool)
    if not mask.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    spans = list(zip(edges[::2], edges[1::2], strict=True))
    merged: list[list[int]] = []
    for first, stop in spans:
        if merged and first - merged[-1][1] <= bridge:
            merged[-1][1] = stop
        else:
            merged.append([first, stop])
    return [(int(a), int(b)) for a, b in merged if b - a >= shortest]


def scores(findings: list[dict], start: float, end: float) -> dict[str, float]:
    """0-1 per dimension over ``start``..``end``: 1 is clean; each finding takes away the
    share of the range it covers, weighted by its severity."""
    length = max(end - start, 1e-6)
    out = {}
    for dimension, kinds in DIMENSIONS.items():
        lost = 0.0
        for f in findings:
            if f["kind"] in kinds:
                overlap = max(0.0, min(end, f["end"]) - max(start, f["start"]))
                lost += WEIGHT[f["severity"]] * overlap / length
        out[dimension] = round(max(0.0, 1.0 - lost), 3)
    return out
