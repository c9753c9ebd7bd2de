"""Which take of a scene an editor would use, and the decisive reason, in their words.

Priorities, in order: the user's rating; a take that says every line as written (compared
with the scene's other takes, so a word the recogniser always mishears costs nothing)
beats one that misses a line, paraphrases, stops early, ad-libs or restarts a line; then
the faults that cannot be repaired over the range that is used (focus, exposure beyond
recovery, clipped or dropped-out dialogue) decide, a moment of soft picture inside a shot
weighing less than the others (a cutaway covers it; nothing covers a clipped line); then
lines the recogniser heard as other words (a doubt weighs less than a fault that is
certainly there): first those whose words as written the sound does not fit (and of as
many, those it fits far worse than another take's sound), then those it may fit; the
director's "keep that one" next; repairable faults (hum, hiss, level, a little
underexposure) only break ties, a picture to lift in the grade first, then the kinds of
repair (a hum found in two stretches is one filter); the score (completeness, accuracy,
technical); of takes alike in all that, the tighter.
Sharpness is compared only between takes of one setup (takes whose pictures look alike),
never a wide against a close-up; between setups, only the share of fine detail, which
framing does not change.

>>> ranked = rank(takes_of_one_scene)
>>> ranked[0].reason
'the only take with every line as written'
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import numpy as np

from rushes.edit.takes import AD_LIB, FAULT_WORDS, Take

SOFT_AMONG_TAKES = 0.55  # under this share of the setup's sharpest take: out of focus
SOFT_AMONG_FRAMINGS = 0.1  # under this share of another setup's fine detail: out of focus
# A take alone in its setup whose clip looks soft (the picture analyzer's sharpness under its
# soft_absolute default) with under this share of another setup's fine detail may be out of
# focus: a doubt, not a fault. Tuning shoots' clips alone in their setup: 12 of 13 out of
# focus are both, 4 of 177 sharp ones too (their fine detail runs 0.15-479 times the other
# setup's, the soft ones' 0.002-0.28: neither measure alone separates them)
SOFT_CLIP, SOFT_DOUBT = 0.2, 0.2
SAME_SETUP = 0.75  # picture signatures correlating at least this much: one setup
# A line is not as written when its share of words said is this far under the scene's
# typical take (median), or under its best: the recogniser mishears a phrase now and then.
UNDER_TYPICAL, UNDER_BEST = 0.3, 0.55
SHORT = 0.7  # a take this much shorter than the scene's typical one lost something on the way
TOO_DARK = FAULT_WORDS["underexposed"]  # its sharpness says nothing about its focus
# A line heard as other words in two takes, its words as written fitting one's sound this
# much worse (nats a token) than the other's: said as other words there, misheard in the
# other (seed 23020: a paraphrase -7.0, the flawless take heard badly -3.5; two sayings of
# a line "about as good" are 0.8 apart at most, ``misheard.PEER_MARGIN``)
FAR_OFF = 1.5
TIGHTER = 0.5  # seconds: of takes alike in all, one this much quicker to say its lines wins


@dataclass(frozen=True)
class Wording:
    """How ``take`` says its lines, judged against its scene's takes: what keeps it from
    saying them as written (``faults``); lines heard as other words, about as much as in
    the other takes, whose words as written the sound asked again does not fit (a
    paraphrase heard well: ``refuted``); lines heard as other words that it may fit, the
    take perhaps whole (``unsure``). The doubts count after the faults no one can repair
    (a recogniser's doubt against a fault that is certainly there), refuted ones first;
    of the refuted, those whose words as written fit far worse than another take's saying
    of the line fits them (``far_off``) weigh more."""

    faults: list[str]
    refuted: list[str]
    unsure: list[str]
    far_off: list[str]


def wording_of(take: Take, takes: list[Take]) -> Wording:
    """``take``'s ``Wording`` among the scene's ``takes``. Its length is compared with the
    takes that say nothing but the script (ad-libs and restarts make a take longer)."""
    short = _lines_short(take, takes)
    faults = [f"missing line {line}" if share < 0.2 else
              f"line {line} not as written ({share:.0%} of its words)"
              for line, share in short if line not in take.unsure]  # fmt: skip
    plain = [t for t in takes if t.extra < AD_LIB and not t.false_starts] or takes
    typical = float(np.median([t.end - t.start for t in plain]))
    if take.end - take.start < SHORT * typical and not faults:  # speech the recogniser lost
        faults.append(f"{take.end - take.start:.1f} s where the other takes run {typical:.1f} s")
    least = min(t.extra for t in takes)
    if take.extra >= AD_LIB and take.extra > least + 2:  # and 3 more than the least
        faults.append(f"{take.extra} words in a row not in the script (an ad-lib)")
    if take.false_starts:
        faults.append("a false start")
    lines = {line for line, _ in short}
    refuted = [f"line {line} heard as other words that its words as written do not fit"
               for line in sorted(take.refuted - lines)]  # fmt: skip
    far_off = [why for line in sorted(take.refuted - lines)
               if (why := _fits_worse(take, line, takes))]  # fmt: skip
    # a take heard as words doubts only the lines it says less of than the others, unless
    # the scene has takes told apart, whose every line is a doubt (then so are all of its)
    apart = take.told_apart or any(t.told_apart for t in takes)
    doubted = take.unsure if apart else take.unsure & lines
    unsure = [f"line {line} heard as other words" for line in sorted(doubted)]
    return Wording(faults, refuted, unsure, far_off)


def _fits_worse(take: Take, line: int, takes: list[Take]) -> str:
    """Why ``line``'s words as written, asked again, fit ``take``'s sound ``FAR_OFF``
    worse than another take's of the scene, or ""."""
    mine = take.written_fit.get(line)
    fits = [(t.written_fit[line], t) for t in takes if t is not take and line in t.written_fit]
    if mine is None or not fits:
        return ""
    best, other = max(fits, key=lambda f: f[0])
    if best - mine < FAR_OFF:
        return ""
    return f"line {line}'s words as written fit its sound far worse than {other.label}'s"


def _lines_short(take: Take, takes: list[Take]) -> list[tuple[int, float]]:
    """(line, share said) of the lines ``take`` says less of than its scene's takes do.
    A take told apart (heard as no scene's words, the script's words given to it because
    they fit its sound) is no yardstick of how well a line is heard: its shares are the
    script's (seed 5028-ru: a flawless take heard in part read as not saying its lines
    beside two takes told apart); it still shows a line missing from another."""
    heard = [t for t in takes if not t.told_apart or t is take]
    out = []
    for line, share in sorted(take.said.items()):
        shares = [t.said.get(line, 0.0) for t in heard]
        floor = max(float(np.median(shares)) - UNDER_TYPICAL, max(shares) - UNDER_BEST)
        most = max(t.said.get(line, 0.0) for t in takes)
        if share < floor or (share < 0.2 <= most - 0.3):
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
    # a clip's fine detail is the most any of its takes holds: one take shaking or panning
    # holds less, and the lens was focused for them all (seed 9020: 4 % against its 23 %)
    most: dict[str, float] = {}
    for t in takes:
        if t.detail is not None:
            most[t.clip.fingerprint] = max(t.detail, most.get(t.clip.fingerprint, t.detail))
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
        alone = len({t.clip.fingerprint for t, n in zip(takes, numbers, strict=True)
                     if n == setup}) == 1  # fmt: skip
        for take in [t for t, n, ok in zip(takes, numbers, lit, strict=True)
                     if n == setup and t.detail is not None and ok]:  # fmt: skip
            ratio = most[take.clip.fingerprint] / finest.detail
            share = f"{ratio:.0%}" if ratio >= 0.005 else "under 1%"  # never "0%"
            if ratio < SOFT_AMONG_FRAMINGS:
                _out_of_focus(take, ratio, f"{share} of the fine detail of "
                                           f"{finest.clip.name} (another framing)")  # fmt: skip
            elif alone and ratio < SOFT_DOUBT and (take.sharpness or 1.0) < SOFT_CLIP:
                take.focus_doubt = (f"may be out of focus: its clip looks soft and has {share} "
                                    f"of the fine detail of {finest.clip.name} (another "
                                    "framing)")  # fmt: skip
                if take.focus_doubt not in take.problems:  # the review page ranks again
                    take.problems.append(take.focus_doubt)


def _out_of_focus(take: Take, ratio: float, why: str) -> None:
    note = f"out of focus: {why}"
    if any(f.startswith("out of focus: ") for f in take.faults):  # once, and once a ranking
        return  # (the review page ranks its takes again)
    take.problems.append(note)
    take.faults.append(note)
    take.technical = min(take.technical, ratio)


def _key(take: Take, said: Wording) -> tuple:
    written = not said.faults
    return (
        -(take.rating or 0),
        not written,
        0.0 if written else -round(take.completeness, 2),
        len(take.faults),
        len(_hard(take)),
        len(said.refuted),
        len(said.far_off),
        len(said.unsure),
        bool(take.focus_doubt),
        not take.kept,
        len(take.graded),  # lifted in the grade, the picture gains noise; a hum filtered
        # out leaves nothing (seed 14012 chose a take dark throughout on the clip's name)
        repairs(take),
        -take.score,
    )


def _tighter(ranked: list[Take], keys: dict) -> list[Take]:
    """``ranked`` with takes alike in all (the same ``keys``) ordered by the time they took
    from the first word heard to the last, in steps of ``TIGHTER``; then by clip and part.
    A restart or an ad-lib the recogniser smoothed away still takes its time (seeds 24024
    and 17006: two performances of one clip heard word for word alike, 0.7 and 0.9 s
    apart); under a step apart, it is the recogniser's timing (24023: the flawless take
    0.1 s longer than one whose restart was before its first word heard)."""
    out: list[Take] = []
    for _, group in groupby(ranked, key=lambda t: keys[id(t)]):
        alike = list(group)
        least = min(t.speaking for t in alike)
        out += sorted(alike, key=lambda t: ((t.speaking - least) // TIGHTER, t.clip.name,
                                            t.part))  # fmt: skip
    return out


def repairs(take: Take) -> int:
    """The kinds of repair a take needs: one hum filter, one grade, however many stretches
    the finding was split into (seed 20010-en-b: a hum found twice in the flawless take
    lost it to an out-of-focus one in another framing with the same hum found once)."""
    return len({r.rsplit(" ", 1)[0] for r in take.repairable})


def rank(takes: list[Take]) -> list[Take]:
    """The takes of one scene, best first, each with its decisive reason."""
    compare_focus(takes)
    said = {id(t): wording_of(t, takes) for t in takes}
    for take in takes:
        take.usable = not said[id(take)].faults and not take.faults
    keys = {id(t): _key(t, said[id(t)]) for t in takes}
    ranked = _tighter(sorted(takes, key=lambda t: keys[id(t)]), keys)
    best = ranked[0]
    for other in ranked[1:]:
        other.reason = _why_not(best, other, said)
    best.reason = _why(best, ranked[1:], said) if len(ranked) > 1 else "the only take"
    return ranked


def _why(best: Take, others: list[Take], said: dict) -> str:
    """What decided for ``best`` against the runner-up."""
    runner = others[0]
    mine, theirs = said[id(best)], said[id(runner)]
    if (best.rating or 0) > (runner.rating or 0):
        return f"you rated it {best.rating}/5"
    if not mine.faults and theirs.faults:
        doubts = mine.refuted + mine.unsure  # said so: its lines were heard as other words
        if all(said[id(t)].faults for t in others):
            if doubts:
                return f"the only take that may say every line as written ({doubts[0]})"
            return "the only take with every line as written"
        if doubts:
            return f"every line may be as written ({doubts[0]}; {runner.label}: " \
                   f"{'; '.join(theirs.faults)})"  # fmt: skip
        return f"every line as written ({runner.label}: {'; '.join(theirs.faults)})"
    if len(best.faults) < len(runner.faults):
        if best.faults:  # fewer, not none (seed 16019: a clipped take against a dark one)
            return f"fewer faults that cannot be repaired ({best.faults[0]}; {runner.label}: " \
                   f"{'; '.join(runner.faults)})"  # fmt: skip
        if all(t.faults for t in others if not said[id(t)].faults):
            return "the only complete take with no fault that cannot be repaired"
        return f"no fault that cannot be repaired ({runner.label}: {runner.faults[0]})"
    if len(_hard(best)) < len(_hard(runner)):
        moment = f"{best.picture_moments[0]}; " if best.picture_moments else ""
        return f"its picture fails only for a moment, which a cutaway covers ({moment}" \
               f"{runner.label}: {_hard(runner)[0]})"  # fmt: skip
    if len(mine.refuted) < len(theirs.refuted):
        return f"every line may be as written ({runner.label}: {theirs.refuted[0]})"
    if len(mine.far_off) < len(theirs.far_off):
        return f"its lines as written fit its sound better ({runner.label}: {theirs.far_off[0]})"
    if len(mine.unsure) < len(theirs.unsure):
        return f"every line heard as written ({runner.label}: {theirs.unsure[0]})"
    if runner.focus_doubt and not best.focus_doubt:
        return f"no doubt about its focus ({runner.label} {runner.focus_doubt})"
    if best.kept and not runner.kept:
        return "the director said keep it"
    if len(best.graded) < len(runner.graded):
        return f"no picture to lift ({runner.label}: {runner.graded[0]})"
    if repairs(best) < repairs(runner):
        return f"less to repair than {runner.label} ({', '.join(runner.repairable[:2])})"
    if best.score == runner.score and best.speaking <= runner.speaking - TIGHTER:
        return f"as complete and clean as {runner.label}, and tighter " \
               f"({best.speaking:.1f} s against {runner.speaking:.1f} s)"  # fmt: skip
    return f"the most complete and clean ({best.completeness:.0%} of the words)"


def _hard(take: Take) -> list[str]:
    """``take``'s faults that are not a moment of picture (``Take.picture_moments``)."""
    return [f for f in take.faults if f not in take.picture_moments]


def _why_not(best: Take, other: Take, said: dict) -> str:
    mine, theirs = said[id(best)], said[id(other)]
    if (best.rating or 0) > (other.rating or 0):
        return f"you rated {best.label} higher"
    if theirs.faults and not mine.faults:
        return "; ".join(theirs.faults)
    if len(other.faults) > len(best.faults):
        return "; ".join(other.faults)
    if len(_hard(other)) > len(_hard(best)):
        return "; ".join(_hard(other))
    for fewer, more in (
        (mine.refuted, theirs.refuted),
        (mine.far_off, theirs.far_off),
        (mine.unsure, theirs.unsure),
    ):
        if len(more) > len(fewer):
            return "; ".join(more)
    if other.focus_doubt and not best.focus_doubt:
        return other.focus_doubt
    if best.kept and not other.kept:
        return "the director kept another take"
    if len(other.graded) > len(best.graded):
        return f"its picture must be lifted ({other.graded[0]})"
    if repairs(other) > repairs(best):
        return f"more to repair ({', '.join(other.repairable[:3])})"
    if other.score == best.score and other.speaking >= best.speaking + TIGHTER:
        return f"as good but longer ({other.speaking:.1f} s against {best.speaking:.1f} s)"
    return f"scored lower ({other.score:.2f} against {best.score:.2f})"
