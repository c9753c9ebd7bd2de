"""Takes: a clip's performance of a scene, scored on what was said and how it looks and
sounds, with the reasons an editor would give for passing on it.

A clip's transcript is aligned to the whole script; the scene whose lines it speaks most
is its scene; the performance runs from its first line's first word to its last line's
last word. Completeness (the share of the scene's words said), accuracy (the share of the
words said over the lines that are the script's), false starts (a line's opening said
twice) and the technical QC scores over the performance make the score; the user's own
rating always outranks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rushes.analysis.findings import scores
from rushes.analysis.qc import clip_timecode
from rushes.catalog import Clip, Word
from rushes.catalog.phonetic import tokens
from rushes.script import LineMatch, Screenplay, align

TECHNICAL = ("focus", "exposure", "stability", "continuity", "sound")
UNUSABLE = ("audio_clipping", "dropout")  # in dialogue, any of these spoils the take


@dataclass
class Take:
    clip: Clip
    scene: int | None  # index into the screenplay's scenes
    start: float
    end: float
    completeness: float = 0.0
    accuracy: float = 0.0
    false_starts: int = 0
    technical: float = 1.0
    rating: int | None = None
    problems: list[str] = field(default_factory=list)
    sharpness: float | None = None  # the picture analyzer's, to compare takes of a scene
    selected: bool = False  # start and end are the user's own select: kept as they are
    slate: str | None = None  # as spoken: "scene 2 take 3"
    kept: bool = False  # the director said "keep that one"
    part: int = 1  # which performance of its clip (a clip may hold several)
    parts: int = 1
    lines: list[LineMatch] = field(default_factory=list)  # where each line is said

    @property
    def label(self) -> str:
        name = self.clip.name + (f" #{self.part}/{self.parts}" if self.parts > 1 else "")
        return name + (f" ({self.slate})" if self.slate else "")

    @property
    def score(self) -> float:
        tool = (0.5 * self.completeness + 0.2 * self.accuracy + 0.3 * self.technical
                - 0.15 * self.false_starts + (0.1 if self.kept else 0.0))  # fmt: skip
        return round((10 * self.rating if self.rating else 0) + tool, 4)

    def tc(self, seconds: float) -> str:
        return clip_timecode(self.clip, seconds) or f"{seconds:.2f}s"


def _scene_of(play: Screenplay, matches: list[LineMatch]) -> int | None:
    weight: dict[int, float] = {}
    scene_of_line = {line.number: line.scene for line in play.lines}
    for m in matches:
        weight[scene_of_line[m.line]] = weight.get(scene_of_line[m.line], 0) + m.coverage
    return max(weight, key=weight.get) if weight else None


def _false_starts(words: list[Word], matches: list[LineMatch]) -> int:
    """Lines whose opening words, as heard, were also said just before them (a restart:
    "then we have... then we have a serious problem")."""
    heard = [" ".join(tokens(w.text)) for w in words]
    count = 0
    for m in matches:
        opening = heard[m.first_word : m.first_word + 2]
        if len(opening) < 2 or not all(opening):
            continue
        earlier = range(max(0, m.first_word - 8), m.first_word - 1)
        if any(heard[p : p + 2] == opening for p in earlier):
            count += 1
    return count


def _wrong_words(words: list[Word], matches: list[LineMatch], line_number: int) -> str | None:
    """What was said where a line is missing, if something was: its words, else None."""
    before = [m for m in matches if m.line < line_number]
    after = [m for m in matches if m.line > line_number]
    lo = max((m.last_word for m in before), default=-1) + 1
    hi = min((m.first_word for m in after), default=len(words))
    said = [w.text.strip() for w in words[lo:hi]]
    return " ".join(said) if len(said) >= 3 else None


def take_of(clip: Clip, words: list[Word], play: Screenplay, findings: list[dict],
            rating: int | None) -> Take | None:  # fmt: skip
    """The take a clip holds, or None when it speaks no line of the script."""
    matches = [m for m in align(play.lines, words) if m.coverage >= 0.3]
    scene = _scene_of(play, matches)
    if scene is None:
        return None
    lines = play.scenes[scene].lines
    mine = [m for m in matches if play.lines[m.line - 1].scene == scene]
    take = Take(clip, scene, min(m.start for m in mine), max(m.end for m in mine),
                rating=rating, lines=mine)  # fmt: skip
    size = {line.number: max(1, len(tokens(line.text))) for line in lines}
    got = {m.line: m for m in mine}
    take.completeness = sum(got[n].coverage * size[n] if n in got else 0 for n in size) / sum(
        size.values()
    )
    take.accuracy = sum(m.accuracy for m in mine) / len(mine)
    take.false_starts = _false_starts(words, mine)
    during = [f for f in findings if f["end"] > take.start and f["start"] < take.end
              and f["severity"] != "info"]  # fmt: skip
    quality = scores(during, take.start, take.end)
    take.technical = min(quality[d] for d in TECHNICAL)
    if any(f["kind"] in UNUSABLE for f in during):  # however short: it cannot be repaired
        take.technical = min(take.technical, 0.5)
    for line in lines:
        if line.number not in got:
            instead = _wrong_words(words, mine, line.number)
            if instead:
                take.problems.append(f'wrong words in line {line.number}: "{instead}"')
            else:
                take.problems.append(f"missing line {line.number} ({line.character}: "
                                     f"\"{' '.join(line.text.split()[:5])}...\")")  # fmt: skip
        elif got[line.number].accuracy < 0.7 or got[line.number].coverage < 0.7:
            share = round(100 * got[line.number].coverage)
            take.problems.append(f"line {line.number} not as written ({share}% of its words)")
    if take.false_starts:
        take.problems.append(f"false start ({take.false_starts} line"
                             f"{'s' * (take.false_starts > 1)} restarted)")  # fmt: skip
    take.problems += findings_text(take, during)
    return take


def findings_text(take: Take, findings: list[dict]) -> list[str]:
    """One note per kind of finding: its first range, and how many more there are."""
    by_kind: dict[str, list[dict]] = {}
    for f in findings:
        by_kind.setdefault(f["kind"], []).append(f)
    notes = []
    for kind, found in by_kind.items():
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        notes.append(f"{kind.replace('_', ' ')} {take.tc(first['start'])}-"
                     f"{take.tc(first['end'])}{more}")  # fmt: skip
    return notes
