"""Technical QC of clips as the user reads it: the findings of the ``picture`` and
``sound`` analyzers with source timecode, and 0-1 scores per clip and per shot.

>>> [f.kind for f in clip_findings(catalog, clip)]
['soft_focus', 'audio_clipping']
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from rushes.analysis.findings import scores
from rushes.catalog import Catalog, Clip
from rushes.media.timecode import timecode_at

ANALYZERS = ("picture", "sound")


@dataclass(frozen=True)
class ClipFinding:
    clip: Clip
    kind: str
    start: float
    end: float
    severity: str
    reason: str

    def tc(self, seconds: float) -> str | None:
        return clip_timecode(self.clip, seconds)

    def as_json(self) -> dict:
        """The shape ``rushes qc --format json`` promises; scripts depend on it."""
        return {
            "clip": str(self.clip.path), "kind": self.kind, "start": self.start,
            "end": self.end, "start_tc": self.tc(self.start), "end_tc": self.tc(self.end),
            "severity": self.severity, "reason": self.reason,
        }  # fmt: skip


def clip_timecode(clip: Clip, seconds: float) -> str | None:
    """The source timecode ``seconds`` into ``clip`` (from 00:00:00:00 when it has none);
    None for a file without picture."""
    probe = clip.probe
    when = Fraction(seconds).limit_denominator(100000)
    return timecode_at(probe.start_timecode or "00:00:00:00", probe.frame_rate, when)


def _summaries(catalog: Catalog, clip: Clip) -> dict[str, dict]:
    out = {}
    for result in catalog.analyses.for_clip(clip.fingerprint):
        if result.analyzer in (*ANALYZERS, "shots"):
            out[result.analyzer] = result.summary  # the newest version last
    return out


def clip_findings(catalog: Catalog, clip: Clip) -> list[ClipFinding]:
    summaries = _summaries(catalog, clip)
    found = [
        ClipFinding(clip, f["kind"], f["start"], f["end"], f["severity"], f["reason"])
        for name in ANALYZERS for f in summaries.get(name, {}).get("findings", [])
    ]  # fmt: skip
    return sorted(found, key=lambda f: (f.start, f.kind))


def clip_scores(catalog: Catalog, clip: Clip) -> dict:
    """Scores for the whole clip and for each of its shots (when shots were detected)."""
    summaries = _summaries(catalog, clip)
    findings = [f for name in ANALYZERS for f in summaries.get(name, {}).get("findings", [])]
    duration = float(clip.probe.duration)
    rate = clip.probe.frame_rate
    shots = []
    for shot in summaries.get("shots", {}).get("shots", []):
        start, end = shot["start_frame"] / rate, shot["end_frame"] / rate
        shots.append({"start": float(start), "end": float(end),
                      "scores": scores(findings, float(start), float(end))})  # fmt: skip
    return {"clip": scores(findings, 0.0, duration), "shots": shots}
