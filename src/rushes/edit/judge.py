"""Which take of a scene an editor would use, and the decisive reason, in their words.

Priorities, in order: the user's rating; a take that says every line as written (compared
with the scene's other takes, so a word the recogniser always mishears costs nothing)
beats one that misses a line, paraphrases, stops early, ad-libs or restarts a line; then
the faults that cannot be repaired over the range that is used (focus, exposure beyond
recovery, clipped or dropped-out dialogue) decide; then lines the recogniser heard as
other words whose words as written may still fit the sound (a doubt weighs less than a
fault that is certainly there); the director's "keep that one" next;
repairable faults (hum, hiss, level, a little underexposure) only break ties; the score
(completeness, accuracy, technical) last. Sharpness is compared only between takes of one
setup (takes whose pictures look alike), never a wide against a close-up; between setups,
only the share of fine detail, which framing does not change.

>>> ranked = rank(takes_of_one_scene)
>>> ranked[0].reason
'the only take with every line as written'
"""

from __future__ import annotations

import numpy as np

from rushes.edit.takes import FAULT_WORDS, Take

SOFT_AMONG_TAKES = 0.55  # under this share of the setup's sharpest take: out of focus
SOFT_AMONG_FRAMINGS = 0.1  # under this share of another setup's fine detail: out of focus
SAME_SETUP = 0.75  # picture signatures correlating at least this much: one setup
# A line is not as written when its share of words said is this far under the scene's
# typical take (median), or under its best: the recogniser mishears a phrase now and then.
UNDER_TYPICAL, UNDER_BEST = 0.3, 0.55
AD_LIB = 5  # a run of this many words said that are no line's (and 3 more than the least)
SHORT = 0.7  # a take this much shorter than the scene's typical one lost something on the way
TOO_DARK = FAULT_WORDS["underexposed"]  # its sharpness says nothing about its focus


def text_faults(take: Take, takes: list[Take]) -> list[str]:
    """What keeps ``take`` from saying the lines as written, judged against its scene; a
    line heard as other words that its words as written may fit is not among them
    (``unsure``)."""
    out = []
    for line, share in _lines_short(take, takes):
        if line not in take.unsure:
            out.append(f"missing line {line}" if share < 0.2 else
                       f"line {line} not as written ({share:.0%} of its words)")  # fmt: skip
    typical = float(np.median([t.end - t.start for t in takes]))
    if take.end - take.start < SHORT * typical and not out:  # speech the recogniser lost
        out.append(f"{take.end - take.start:.1f} s where the other takes run {typical:.1f} s")
    least = min(t.extra for t in takes)
    if take.extra >= AD_LIB and take.extra > least + 2:
        out.append(f"{take.extra} words in a row not in the script (an ad-lib)")
    if take.false_starts:
        out.append("a false start")
    return out


def unsure(take: Take, takes: list[Take]) -> list[str]:
    """Lines of ``take`` heard as other words that the sound, asked again, neither confirms
    as written nor rules out: the take may be whole. They count after the faults no one
    can repair (a recogniser's doubt against a fault that is certainly there)."""
    return [f"line {line} heard as other words" for line, _ in _lines_short(take, takes)
            if line in take.unsure]  # fmt: skip


def _lines_short(take: Take, takes: list[Take]) -> list[tuple[int, float]]:
    """(line, share said) of the lines ``take`` says less of than its scene's takes do."""
    out = []
    for line, share in sorted(take.said.items()):
        shares = [t.said.get(line, 0.0) for t in takes]
        floor = max(float(np.median(shares)) - UNDER_TYPICAL, max(shares) - UNDER_BEST)
        if share < floor or (share < 0.2 <= max(shares) - 0.3):
            out.append((line, share))
    return out


def setups(takes: list[Take]) -> list[int]:
    """A setup number per take: takes whose pictures correlate are one setup."""
    group = list(range(len(takes)))

    def root(k):
        while group[k] != k:
            k = group[k]
        return k

    for a in range(len(takes)):
        for b in range(a + 1, len(takes)):
            sa, sb = takes[a].signature, takes[b].signature
            if sa and sb and takes[a].clip.fingerprint != takes[b].clip.fingerprint:
                alike = likeness(sa, sb) >= SAME_SETUP
            else:
                alike = takes[a].clip.fingerprint == takes[b].clip.fingerprint
            if alike:
                group[root(b)] = root(a)
    return [root(k) for k in range(len(takes))]


def likeness(a: list[list[float]], b: list[list[float]]) -> float:
    """How alike two pictures' layouts are: the best correlation of any frame of one with
    any frame of the other (takes of one setup start at other moments)."""
    x, y = np.array(a, np.float64), np.array(b, np.float64)
    if x.ndim != 2 or y.ndim != 2 or not x.size or not y.size:
        return 0.0
    return float((x @ y.T).max() / x.shape[1])


def compare_focus(takes: list[Take]) -> None:
    """A take much softer than the sharpest take of its own setup is out of focus, even
    when it is soft from its first frame to its last (which the clip alone cannot tell);
    so is one with a small share of the fine detail of another setup's takes (a measure
    the framing does not change, ``analysis.detail``): a soft take alone in its setup."""
    numbers = setups(takes)
    lit = [not any(f.startswith(TOO_DARK) for f in t.faults) for t in takes]
    for setup in set(numbers):
        mine = [t for t, n, ok in zip(takes, numbers, lit, strict=True)
                if n == setup and t.sharpness and ok]  # fmt: skip
        if len(mine) >= 2:
            sharpest = max(mine, key=lambda t: t.sharpness)
            for take in mine:
                ratio = take.sharpness / sharpest.sharpness
                if ratio < SOFT_AMONG_TAKES:
                    _out_of_focus(take, ratio, f"{ratio:.0%} as sharp as {sharpest.clip.name} "
                                               "(same setup)")  # fmt: skip
        others = [t for t, n, ok in zip(takes, numbers, lit, strict=True)
                  if n != setup and t.detail and ok]  # fmt: skip
        if not others:
            continue
        finest = max(others, key=lambda t: t.detail)
        for take in [t for t, n, ok in zip(takes, numbers, lit, strict=True)
                     if n == setup and t.detail is not None and ok]:  # fmt: skip
            ratio = take.detail / finest.detail
            if ratio < SOFT_AMONG_FRAMINGS:
                share = f"{ratio:.0%}" if ratio >= 0.005 else "under 1%"  # never "0%"
                _out_of_focus(take, ratio, f"{share} of the fine detail of "
                                           f"{finest.clip.name} (another framing)")  # fmt: skip


def _out_of_focus(take: Take, ratio: float, why: str) -> None:
    note = f"out of focus: {why}"
    if any(f.startswith("out of focus: ") for f in take.faults):  # once, and once a ranking
        return  # (the review page ranks its takes again)
    take.problems.append(note)
    take.faults.append(note)
    take.technical = min(take.technical, ratio)


def _key(take: Take, faults: list[str], doubts: list[str]) -> tuple:
    written = not faults
    return (
        -(take.rating or 0),
        not written,
        0.0 if written else -round(take.completeness, 2),
        len(take.faults),
        len(doubts),
        not take.kept,
        len(take.repairable),
        -take.score,
        take.clip.name,
        take.part,
    )


def rank(takes: list[Take]) -> list[Take]:
    """The takes of one scene, best first, each with its decisive reason."""
    compare_focus(takes)
    text = {id(t): text_faults(t, takes) for t in takes}
    doubts = {id(t): unsure(t, takes) for t in takes}
    for take in takes:
        take.usable = not text[id(take)] and not take.faults
    ranked = sorted(takes, key=lambda t: _key(t, text[id(t)], doubts[id(t)]))
    best = ranked[0]
    for other in ranked[1:]:
        other.reason = _why_not(best, other, text, doubts)
    best.reason = _why(best, ranked[1:], text, doubts) if len(ranked) > 1 else "the only take"
    return ranked


def _why(best: Take, others: list[Take], text: dict, doubts: dict) -> str:
    """What decided for ``best`` against the runner-up."""
    runner = others[0]
    if (best.rating or 0) > (runner.rating or 0):
        return f"you rated it {best.rating}/5"
    if not text[id(best)] and text[id(runner)]:
        if all(text[id(t)] for t in others):
            return "the only take with every line as written"
        return f"every line as written ({runner.label}: {'; '.join(text[id(runner)])})"
    if len(best.faults) < len(runner.faults):
        if all(t.faults for t in others if not text[id(t)]):
            return "the only complete take with no fault that cannot be repaired"
        return f"no fault that cannot be repaired ({runner.label}: {runner.faults[0]})"
    if len(doubts[id(best)]) < len(doubts[id(runner)]):
        return f"every line heard as written ({runner.label}: {doubts[id(runner)][0]})"
    if best.kept and not runner.kept:
        return "the director said keep it"
    if len(best.repairable) < len(runner.repairable):
        return f"less to repair than {runner.label} ({', '.join(runner.repairable[:2])})"
    return f"the most complete and clean ({best.completeness:.0%} of the words)"


def _why_not(best: Take, other: Take, text: dict, doubts: dict) -> str:
    if (best.rating or 0) > (other.rating or 0):
        return f"you rated {best.label} higher"
    if text[id(other)] and not text[id(best)]:
        return "; ".join(text[id(other)])
    if len(other.faults) > len(best.faults):
        return "; ".join(other.faults)
    if len(doubts[id(other)]) > len(doubts[id(best)]):
        return "; ".join(doubts[id(other)])
    if best.kept and not other.kept:
        return "the director kept another take"
    if len(other.repairable) > len(best.repairable):
        return f"more to repair ({', '.join(other.repairable[:3])})"
    return f"scored lower ({other.score:.2f} against {best.score:.2f})"
