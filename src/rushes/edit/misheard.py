"""Lines a take may say as written that the recogniser heard as other words, and the words
heard put right once the sound says so.

A small recogniser turns a whole line of some voices into other words ("The coffee
machine is the only thing that works here" -> "...if they'll lift him up to work scare"),
and the take that said it as written then looks like a paraphrase next to a take where it
heard the line. Every line of a take not heard in full is asked again: the stretch of
words said where it belongs (its own words, the utterance they are part of, or what was
said between its neighbours) is played to the recogniser twice, made to say the script's
words and what it heard (``analysis.speech.forced``). When the script's words fit the
sound about as well, they replace what was heard; a paraphrase, another line or an
ad-lib does not fit, and stays what it is. Between the two, a line whose words fit the
sound neither well nor badly is a doubt (``plausible``), not a fault; and a voice heard
badly in every take fits the script about as badly in each (``Peers``).

>>> stretches = doubtful(take, words, lines)
>>> words, became = corrected(words, [s for s in stretches if fits(*asked[s])])
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from rushes.catalog import Word
from rushes.catalog.phonetic import latin, tokens
from rushes.edit.takes import AD_LIB, UTTERANCE, first_word_twice, utterance
from rushes.script.passes import LONG_WORD
from rushes.script.wording import wording

BESIDE = 2  # words said with a line heard in full that may be its misheard opening or end
DOUBT = 0.75  # a line with a smaller share of its words heard is asked again (a take is
# not as written when a line falls 0.3 under the scene's typical share, ``edit.judge``)
MARGIN = 1.0  # nats a token: the script may fit this much worse than the hearing and win
UNLIKELY_SHARE = 0.3  # ...with at most this share of its tokens near impossible
HEARD_FLOOR = -2.0  # when neither fits the stretch better, it was not where the line was said
PAUSE = 1.2  # seconds: a missing line's stretch ends at a pause this long
LOST = 3  # a line heard as under a third of its letters: the recogniser lost its sound
QUIET = 2.0  # seconds of quiet either side a line heard only as a loop is asked about in
LONGER = 1.25  # a stretch heard as more letters than this many times the line's is not asked
SLACK = 5  # ...plus about a word


@dataclass(frozen=True)
class Stretch:
    line: int  # the script line's number
    text: str  # the line as written
    first: int  # index of its first word in the words given
    stop: int  # one past its last
    lines: tuple[int, ...] = ()  # every line it holds (lines missing side by side join)
    placed: bool = True  # some of its words matched the line's (else: what was said there)
    whole: bool = False  # the line was heard in full, asked for the words said with it

    def heard(self, words) -> str:
        return " ".join(w.text.strip() for w in words[self.first : self.stop])

    def span(self, words) -> tuple[float, float]:
        return float(words[self.first].start), float(words[self.stop - 1].end)

    def sound(self, words, around: tuple[float, float | None] | None = None) -> tuple[float, float]:
        """Its words' times, and for a line none of whose words were heard but a loop
        ("Wait, wait, wait, wait." over 0.9 s of a 2.5 s line) or a word or two (under a
        ``LOST`` share of its letters: "No," for "Nobody told me the supply ship was late
        again?", seed 10009): the recogniser lost the sound there, and its times say
        little of where the line was: the quiet either side up to the words around it (at
        most ``QUIET`` seconds). Asked about when the words' times alone do not fit (quiet
        added makes a line said there fit a little worse). Never for words about as long
        as the line: the "quiet" around an ad-lib heard in a line's place held the line,
        and the line fitted over both (seed 6008). ``around``: the times of the words
        either side of ``words`` (None after: none), for a stretch at their edge ("No,"
        the last word of a take's words, the rest of the line unheard up to "Cut", seed
        24027); without it, a stretch at an edge keeps its time there."""
        start, end = self.span(words)
        heard = self.heard(words)
        lost = _loop(tokens(heard)) or _letters(heard) * LOST <= _letters(self.text)
        if self.placed or not lost:
            return start, end
        before = float(words[self.first - 1].end) if self.first else around and around[0]
        if before is not None:
            start = max(start - QUIET, min(start, before))
        if self.stop < len(words):
            end = min(end + QUIET, max(end, float(words[self.stop].start)))
        elif around is not None:
            end = end + QUIET if around[1] is None else min(end + QUIET, max(end, around[1]))
        return start, end


def _loop(said: list[str]) -> bool:
    """One word makes up half or more of three or more: the recogniser looping."""
    return len(said) >= 3 and max(map(said.count, said)) * 2 >= len(said)


def doubtful(take, words, lines, offset: int = 0, pause: float = UTTERANCE) -> list[Stretch]:
    """The lines of ``take`` (made from ``words[offset:]``) not heard in full, each with the
    stretch of ``words`` said where it belongs: its words and those said with them, no
    pause of ``pause`` seconds before them (``PAUSE``: the line's misheard opening may have
    been heard after a breath; after them, the next line's misheard opening would be taken
    in); a line with nothing said in its place is not asked (it is missing). Lines missing
    side by side share one stretch. Nor is a line heard with its opening said again (a
    restart, which asking the line as written would hide: ``said_twice``); words heard
    twice further into it are a mishearing ("Turn the kit and only form the field and form
    the load." for "Turn the heater down before the filters overload.", seed 24028: left
    unasked, the flawless take's line was not as written)."""
    found = _stretches(take, words, lines, offset, pause)
    return [
        s
        for s in found
        if _about_as_long(s, words) and not restarted(s.heard(words), s.text, opening=True)
    ]


def said_twice(take, words, lines, offset: int = 0) -> list[Stretch]:
    """The stretches of ``doubtful`` lines whose words heard say their opening again right
    after it (``restarted``: "When did? When did you read the family?" for "Where did you
    leave the spare battery pack!", seed 15016): a false start the line's match hides, the
    repeat heard in words the alignment does not take for the line's."""
    found = _stretches(take, words, lines, offset, UTTERANCE)
    return [s for s in found if _about_as_long(s, words)
            and restarted(s.heard(words), s.text, opening=True)]  # fmt: skip


def _stretches(take, words, lines, offset: int, pause: float) -> list[Stretch]:
    got = {m.line: m for m in take.lines}
    bounds = []  # (first, last) word of each matched line, in ``words``
    for line in lines:
        if line.number in got:
            m = got[line.number]
            bounds.append((line, offset + m.first_word, offset + m.last_word))
        else:
            bounds.append((line, None, None))
    out = []
    for k, (line, first, last) in enumerate(bounds):
        if any(line.number in s.lines for s in out):
            continue
        lo = max((b[2] + 1 for b in bounds[:k] if b[2] is not None), default=0)
        hi = min((b[1] for b in bounds[k + 1 :] if b[1] is not None), default=len(words))
        # a line heard in full is asked only in a take with an ad-lib, when it was said in
        # one breath with ``BESIDE`` words or more not its own: they may be its opening
        # misheard, and the ad-lib ("So I'm not going to remove my notebook from the
        # table." for "Somebody moved my notebook from the table!", seed 12008); its
        # stretch (``Stretch.whole``) counts only if the line as written fits it
        whole = take.said.get(line.number, 0.0) >= DOUBT
        if whole and (take.extra < AD_LIB or first is None):
            continue
        back, ahead = pause, UTTERANCE
        if first is None:  # nothing matched: what was said between its neighbours
            first = last = hi - 1 if k == 0 else lo
            back = ahead = PAUSE
            if not lo <= first < hi:  # nothing at all: lost in a line beside it, or missing
                if (lost := _lost_beside(bounds, k, words)) is not None:
                    out.append(lost)
                continue
        said = (first, last) if line.number in got else (hi, lo)
        first = utterance(words, first, last, back, lo, hi)[0]
        last = utterance(words, first, last, ahead, lo, hi)[1]
        last = _before_next_opening(words, first, last, hi, line, bounds[k + 1 :])
        # words not its own said with it, beside its match or inside it ("Don't forget
        # to let us care, Joe, we're doing this my way." for "Forget the schedule, we're
        # doing this my way!", seed 20019-en-b: the ad-lib was the misheard line)
        within = max(0, said[1] - said[0] + 1 - len(tokens(line.text))) if whole else 0
        if whole and (said[0] - first) + (last - said[1]) + within < BESIDE:
            continue
        if not _about_as_long(Stretch(line.number, line.text, first, last + 1), words):
            first, last = _sentences_saying(words, first, last, line.text, *said)
        number, text, held = line.number, line.text, (line.number,)
        placed = line.number in got
        if out and first < out[-1].stop and (whole or out[-1].whole):
            if whole:  # heard in full, beside a doubtful line's words (seed 6015)
                continue
            out.pop()
        if out and first < out[-1].stop:  # the same words: both lines said there, or not
            before = out.pop()
            number, text = before.line, f"{before.text} {text}"
            held, placed = (*before.lines, line.number), placed and before.placed
            first, last = min(first, before.first), max(last, before.stop - 1)
        out.append(Stretch(number, text, first, last + 1, held, placed, whole))
    return out


def _before_next_opening(words, first: int, last: int, hi: int, line, after: list) -> int:
    """``last``, moved back off the next line's opening when the stretch ends in it and
    the next line is heard starting with it right after: the actor broke that line off
    and began it again ("...resingle game Listen to, listen to me carefully", seed
    19025: the alignment gave "to" to "day" by its sound, and line 2, put right over
    those words, took the false start with it). Not where the line itself ends so."""
    nxt = next((b for b in after if b[1] is not None), None)
    if nxt is None or nxt[1] != hi or last + 1 != hi:
        return last
    opening = tokens(nxt[0].text)[:2]
    tail = [t for w in words[max(first, last - 1) : last + 1] for t in tokens(w.text)]
    heard_next = [t for w in words[hi : hi + 2] for t in tokens(w.text)][:2]
    if (len(opening) == 2 and tail[-2:] == opening and heard_next == opening
            and tokens(line.text)[-2:] != opening and last - 2 >= first):  # fmt: skip
        return last - 2
    return last


SLOW = 1.5  # a line heard over this many times the time the take's pace gives its letters


def _lost_beside(bounds: list, k: int, words) -> Stretch | None:
    """Line ``k`` of ``bounds`` (``(line, first word, last word)`` each; nothing heard of
    line ``k``) with the line after it (the last line: before it), asked about together
    over that line's utterance when the recogniser heard that one far slower than the
    take's other lines go (``SLOW``): it lost a line there and spread its neighbour over
    the sound ("We[0.9] have[1.7] less[1.9-4.1] than[4.2]" over "Do not open that locker
    without gloves? We have less than twenty minutes...", seed 9023). A take that is
    missing the line says its neighbour at its own pace, and is not asked."""
    j = k + 1 if k + 1 < len(bounds) else k - 1
    if j < 0 or bounds[j][1] is None:
        return None
    pace = [(_letters(line.text), float(words[b].end) - float(words[a].start))
            for n, (line, a, b) in enumerate(bounds) if a is not None and n != j]  # fmt: skip
    letters, seconds = map(sum, zip(*pace, strict=True)) if pace else (0, 0.0)
    if not letters or seconds <= 0:
        return None
    beside, a, b = bounds[j]
    first, last = utterance(words, a, b)
    if float(words[last].end) - float(words[first].start) < SLOW * _letters(beside.text) * (
        seconds / letters
    ):
        return None
    pair = [bounds[k][0], beside] if j > k else [beside, bounds[k][0]]
    return Stretch(pair[0].number, " ".join(line.text for line in pair), first, last + 1,
                   tuple(line.number for line in pair))  # fmt: skip


def _sentences_saying(words, first: int, last: int, text: str, held: int,
                      through: int) -> tuple[int, int]:  # fmt: skip
    """Within words ``first`` to ``last`` (an utterance longer than ``text``), the run of
    whole sentences as long as ``text`` that holds words ``held`` to ``through`` (none
    when ``held`` > ``through``): a line heard with the end of the line before ("...twelve
    minutes and go. Good leave a wrench and pull the torch...") or a call after it is
    longer than the line, and asking the line about all of it would refuse it. The
    utterance when no run is. Sentences end at the recogniser's full stops too: a slate's
    last word heard with the line's opening in one breath ("turn. Let me... I really
    don't have to be in silent...", seed 15021) is no part of the line."""
    for a, b in spans_like(words[first : last + 1], text, marks=True):
        a, b = first + a, first + b - 1
        if a <= held and through <= b:
            return a, b
    return first, last


RESTART = 7  # words: a restart says its opening again fewer than this many words after it
OPENING = 2  # ...its opening: the first words heard, one more for a word heard before it


def restarted(heard: str, text: str, opening: bool = False) -> bool:
    """What was heard says two different words or more again right after saying them
    (within ``RESTART`` words) where the text does not: a restart ("Гиги не стандит
    супака. Гиги не стандит супака."), which asking the text alone would hide, not a
    mishearing. Common words said twice further apart are speech ("leave in the spare
    mat? I can't get in the", seed 10006, was no restart), and so are two short words
    said again close by (one of the two has ``LONG_WORD`` letters in a restart: "Turn the
    heat and on before the field and on the Lord", seed 6012, is a line misheard); one
    word said on ("Wait, wait, wait, wait.") is the recogniser looping. With ``opening``,
    only the first words heard said again count: the line begun and begun again, not a
    phrase in it misheard as words said twice ("Check the seal on before we match before
    we go save.", seed 11011). The text's first word heard twice as the first words is a
    restart too (``takes.first_word_twice``)."""
    said, written = tokens(heard), tokens(text)
    if any(first_word_twice(said, written, k) for k in range(OPENING)):
        return True
    pairs = list(zip(said, said[1:], strict=False))
    again = {p for k, p in enumerate(pairs) if p[0] != p[1] and max(map(len, p)) >= LONG_WORD
             and p in pairs[k + 2 : k + RESTART] and (not opening or k < OPENING)}  # fmt: skip
    script = list(zip(written, written[1:], strict=False))
    return bool(again - {p for p in script if script.count(p) > 1})


def _about_as_long(stretch: Stretch, words) -> bool:
    """A misheard line is heard about as long as it is; much longer is the line and
    something else (an ad-lib, a restart), which the line's words alone would not show.
    Counted in letters: a misheard line is often split into more, shorter words ("Вы не
    видите ли к нюкти с синей ваш кафе" for "Возьми гаечный ключ из синего шкафа")."""
    return _letters(stretch.heard(words)) <= LONGER * _letters(stretch.text) + SLACK


def fits(written, heard) -> bool:
    """The script's words fit the sound about as well as the words the recogniser chose
    (each a ``forced.Fit``): a mean log-probability a token at most ``MARGIN`` under the
    hearing's, few tokens the sound makes near impossible (a word not said), and one of
    them fits the sound well (else the stretch is not where the line was said; a voice the
    recogniser hears badly fits its own hearing worse than the script)."""
    return (written.mean >= heard.mean - MARGIN and written.unlikely <= UNLIKELY_SHARE
            and max(written.mean, heard.mean) >= HEARD_FLOOR)  # fmt: skip


PEERS = 2  # other takes whose fit of the same line a take's is measured against, at least
PEER_MARGIN = 0.8  # nats a token: a take's fit of a line this much under theirs is as good
PEER_UNLIKELY = 0.15  # ...with at most this larger a share of its tokens near impossible
PEER_FLOOR = -3.5  # and never worse than this: a line no take said fits every take badly


@dataclass(frozen=True)
class Asked:
    """One stretch asked about: where it was said and how its line as written fitted."""

    key: tuple[int, str]  # the line's number and the text asked (lines side by side join)
    clip: str  # the clip's fingerprint
    start: float
    end: float
    written: object  # forced.Fit of the text as written
    heard: object  # forced.Fit of what was heard
    lines: int = 1  # script lines in the text asked


class Peers:
    """How well each line's words as written fit the sound in every take they were asked
    about. A voice the recogniser hears badly says a line as written in every take, and
    the script fits all of them equally badly: a take whose fit is about as good as the
    scene's other takes said it too, where its own hearing alone would not show it (a
    paraphrase or another line fits far worse). Filled by a first look at every clip,
    then read (``frozen``) so the answer does not depend on the order clips are read."""

    def __init__(self) -> None:
        self.asked: list[Asked] = []
        self.frozen = False

    def note(self, asked: Asked) -> None:
        if not self.frozen:
            self.asked.append(asked)

    def as_well(self, asked: Asked) -> bool:
        """The text fits this take about as well as the same text fits other takes. Not
        for a text of two lines or more (lines missing side by side, a line lost in its
        neighbour): the other takes vouch for how the voice is heard, not for whether a
        line was said, and takes missing the same line fit it alike (seed 6018)."""
        if not self.frozen or asked.written.mean < PEER_FLOOR or asked.lines > 1:
            return False
        others = _best_per_take([a for a in self.asked if a.key == asked.key and not (
            a.clip == asked.clip and a.start < asked.end and asked.start < a.end)])  # fmt: skip
        if len(others) < PEERS:
            return False
        typical = float(np.median([f.mean for f in others]))
        unlikely = float(np.median([f.unlikely for f in others]))
        return (asked.written.mean >= typical - PEER_MARGIN
                and asked.written.unlikely <= unlikely + PEER_UNLIKELY)  # fmt: skip

    def rescued(self) -> set[str]:
        """Clips with a stretch refused on its own hearing that the other takes vouch for."""
        return {a.clip for a in self.asked if not fits(a.written, a.heard) and self.as_well(a)}


def _best_per_take(asked: list[Asked]) -> list:
    """The best fit (``forced.Fit``) of each take among ``asked``: a stretch asked about
    over more than one span (its utterance, up to a breath, with the quiet around it) is
    one take, not several that agree."""
    best: list[Asked] = []
    for a in sorted(asked, key=lambda a: -a.written.mean):
        if not any(b.clip == a.clip and b.start < a.end and a.start < b.end for b in best):
            best.append(a)
    return [a.written for a in best]


PLAUSIBLE = -3.6  # a line's words as written fitting at least this well may have been said
PLAUSIBLE_UNLIKELY = 0.4  # ...with at most this share of tokens near impossible (a line
# replaced by other words had 40-80 %)


def plausible(written) -> bool:
    """The script's words fit the sound not well enough to say it was said as written, nor
    so badly that it was not: the recogniser's doubt, which a fault that is certainly
    there outweighs (``edit.judge``). (Also requiring the fit within 2.2 nats a token of
    the hearing's, as no line said as written in the tuning shoots was beyond, lost the
    suite's seed 503: a flawless line asked over a stretch cut short fitted 2.7 worse.)"""
    return written.mean >= PLAUSIBLE and written.unlikely <= PLAUSIBLE_UNLIKELY


def scenes_like(play, words, count: int = 2) -> list[int]:
    """The ``count`` scenes whose dialogue sounds most like ``words`` (shared letter
    triples of their spelling as said): which scenes a take heard as no scene's words may
    be, to ask the recogniser about."""
    heard = _triples(" ".join(w.text for w in words))
    if not heard:
        return []
    alike = []
    for number, scene in enumerate(play.scenes):
        written = _triples(" ".join(line.text for line in scene.lines))
        if written:
            alike.append((len(heard & written) / len(heard | written), number))
    return [number for share, number in sorted(alike, reverse=True)[:count] if share > 0]


def _triples(text: str) -> set[str]:
    letters = "".join(latin(t) for t in tokens(text))
    return {letters[k : k + 3] for k in range(len(letters) - 2)}


SENTENCE_GAP = 0.5  # seconds: a pause this long ends a sentence
STOPS = (".", "?", "!", "…", "。", "？", "！")  # ...and so may a word heard ending with one
SPANS = 4  # stretches of a part asked about, per scene, at most
AS_LONG = (0.6, 1.6)  # a stretch saying a scene is this many times its letters, at most


def spans_like(words, text: str, count: int = SPANS, marks: bool = False) -> list[tuple[int, int]]:
    """Where in ``words`` (heard as no scene's words) ``text`` may have been said: runs of
    whole sentences, never over a call, about as long in letters as it is, the closest
    first; ``(first, stop)`` word indices each. A take is often heard with a slate, a
    misheard "action" or a second performance in the same stretch of speech. A sentence
    ends at a pause, and with ``marks`` at a word the recogniser ended with a full stop,
    a question or an exclamation mark too."""
    from rushes.script.calls import is_call

    sentences, first = [], None
    for k, word in enumerate(words):
        if is_call(word.text):
            if first is not None:
                sentences.append((first, k))
            first = None
        elif first is None:
            first = k
        elif float(word.start) - float(words[k - 1].end) >= SENTENCE_GAP or (
            marks and words[k - 1].text.rstrip().endswith(STOPS)
        ):
            sentences.append((first, k))
            first = k
    if first is not None:
        sentences.append((first, len(words)))
    size = max(1, _letters(text))
    scored = []
    for i, (a, _) in enumerate(sentences):
        for _, b in sentences[i:]:
            ratio = sum(_letters(w.text) for w in words[a:b]) / size
            if AS_LONG[0] <= ratio <= AS_LONG[1]:
                scored.append((abs(ratio - 1.0), a, b))
    return [(a, b) for _, a, b in sorted(scored)[:count]]


def _letters(text: str) -> int:
    """Letters and digits said (an apostrophe is no sound)."""
    return sum(c.isalnum() for t in tokens(text) for c in t)


LINE_UNLIKELY = 0.4  # a line of a scene said whole: a line not said had half its tokens
# near impossible or more; a short line said badly, a third (the scene as a whole is held
# to ``UNLIKELY_SHARE``)


def all_fit(lines: list, whole, heard) -> bool:
    """A scene said over a stretch as written, however it was heard: its words (``whole``,
    a ``forced.Fit``) fit the sound about as well as the hearing does, and so does each of
    its lines (``lines``, a ``Fit`` each, from the same saying): a line not said, or said
    as other words, makes its own tokens unlikely."""
    alike = all(line.mean >= heard.mean - MARGIN and line.unlikely <= LINE_UNLIKELY
                for line in lines)  # fmt: skip
    return bool(lines) and alike and fits(whole, heard)


STANDS_OUT = 0.8  # nats a token: a scene said, heard too badly to fit as well as its hearing,
# fits this much better than the scenes that sound most like it (Russian tuning shoots, 5000-
# 5009: a scene said whole fitted 1.0-2.6 better than the others, a stretch not saying it
# whole, an attempt broken off, at most 0.75)
RIVAL_UNLIKELY = 0.45  # ...its tokens near impossible at most this share (a scene not said, 0.5+)
LINE_RIVAL_UNLIKELY = 0.5  # ...and each line's (a line not said: 0.53-0.79)
LINE_SPREAD = 1.2  # ...and no line fitting this much worse than its best-fitting line (a take
# that stops early fitted its last line 3.0 worse, a stretch taking in half a take 1.4; takes
# said whole, 0.4-0.9)


def stands_out(lines: list, whole, rivals: list) -> bool:
    """A scene said over a stretch by a voice the recogniser hears as other words (its
    hearing fits better than any text): the scene's words (``whole``, its ``lines`` from the
    same saying; ``forced.Fit`` each) fit the sound far better than the words of the scenes
    that sound most like it (``rivals``), and every line fits about as well as the others."""
    if not lines or not rivals:
        return False
    best = max(line.mean for line in lines)
    return (whole.mean >= max(r.mean for r in rivals) + STANDS_OUT
            and whole.unlikely <= RIVAL_UNLIKELY
            and all(line.unlikely <= LINE_RIVAL_UNLIKELY and line.mean >= best - LINE_SPREAD
                    for line in lines))  # fmt: skip


def ad_lib(words: list[Word], a: int, b: int, lines, stretches: list[Stretch]) -> int:
    """The longest run of words said that are no line's in ``words[a:b]``, with each
    stretch counted as its line as written (words that may be a misheard line are not an
    ad-lib)."""
    stretches = sorted({s.first: s for s in stretches}.values(), key=lambda s: s.first)
    kept = [s for k, s in enumerate(stretches) if not k or s.first >= stretches[k - 1].stop]
    fixed, became = corrected(words, kept)
    first = min([a] + [s.first for s in kept])
    stop = max([b] + [s.stop for s in kept])
    return wording(lines, fixed[became[first].start : became[stop - 1].stop])[1]


def corrected(words: list[Word], stretches: list[Stretch],
              over: dict | None = None) -> tuple[list[Word], list[range]]:  # fmt: skip
    """``words`` with each stretch replaced by its line as written, spread over the time it
    was said (``over``: the span of the sound it was asked about and fitted, where that is
    more than its words' times: a line heard as "No," fitted over the quiet after it runs to
    its end, seeds 11007 and 11022); and for each old word, the new words it became."""
    over = over or {}
    starting = {s.first: s for s in stretches}
    out: list[Word] = []
    became: list[range] = []
    k = 0
    while k < len(words):
        stretch = starting.get(k)
        if stretch is None:
            became.append(range(len(out), len(out) + 1))
            out.append(words[k])
            k += 1
            continue
        said = stretch.text.split()
        start, end = Fraction(words[stretch.first].start), Fraction(words[stretch.stop - 1].end)
        if stretch in over:
            start, end = (Fraction(t).limit_denominator(1000) for t in over[stretch])
        step = (end - start) / len(said)
        became += [range(len(out), len(out) + len(said))] * (stretch.stop - stretch.first)
        for n, text in enumerate(said):
            out.append(Word(start + n * step, start + (n + 1) * step, text, 1.0,
                            words[stretch.first].segment))  # fmt: skip
        k = stretch.stop
    return out, became
