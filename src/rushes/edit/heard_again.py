"""Takes made again from what the recogniser is asked about the sound: a call part heard
as no scene's words (``heard_as_scene``), a scene's first or last line it skipped, and the
lines it may have misheard (``checked``), with the scene's other takes as the yardstick
(``misheard.Peers``). Each answer is the recogniser's own (``analysis.speech.forced``);
what it may not settle is kept on the take as a doubt (``Take.unsure``, ``Take.refuted``).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from rushes.analysis.speech.repeats import timeless
from rushes.catalog import Word
from rushes.edit import misheard
from rushes.edit.takes import Take, take_of, utterance
from rushes.script import Screenplay

LONGEST = 28.0  # seconds: what the recogniser can be asked about in one piece
RIVALS = 2  # scenes sounding most like a part, beside the one asked, its words are set against
AS_WELL = "as well"
BETTER = "far better than the other scenes' do"


def heard_as_scene(clip, words, play: Screenplay, findings, rating, ask,
                    offset: int = 0) -> list[tuple[int, Take]]:  # fmt: skip
    """The takes in a call part heard as no scene's words (a voice the recogniser hears
    badly: "панельбатает сносим" for "Панель болтается на северной стороне"): stretches of
    it that say, as written, every line of a scene whose dialogue they sound like, their
    words those of the script spread over the time they were said. ``(first word, take)``
    each, ``offset`` added to the first word. A stretch heard saying words twice (a
    restart, which asking the text alone would hide, or the recogniser copying the end of
    one sentence onto the next: "Скажите мне, брат допад каман ирих, не ботели. Дед допад
    каман ирих, не ботели.", seed 5030-ru) is a take with a false start, chosen only where
    no stretch without one says the scene: a scene is not left out of the cut for it."""
    best = None  # (no restart heard, how well, scene, the stretch saying it, how it was told)
    like = misheard.scenes_like(play, words, RIVALS + 1)
    dialogue = {k: [line.text for line in play.scenes[k].lines] for k in like}
    for scene in like[:2]:
        lines = dialogue[scene]
        text = " ".join(lines)
        rivals = [" ".join(dialogue[k]) for k in like if k != scene]
        for a, b in misheard.spans_like(words, text):
            stretch = misheard.Stretch(play.scenes[scene].lines[0].number, text, a, b)
            (start, end), heard = stretch.span(words), stretch.heard(words)
            if end - start > LONGEST:
                continue
            clean = not misheard.restarted(heard, text)
            asked = ask(clip, start, end, [lines, text, heard])
            if asked is None:
                continue
            told = AS_WELL if misheard.all_fit(*asked) else None
            if told is None and rivals:  # a voice heard too badly to fit as well as its hearing
                against = ask(clip, start, end, rivals)
                if against is not None and misheard.stands_out(*asked[:2], against):
                    told = BETTER
            if told and (best is None or (clean, asked[1].mean) > best[:2]):
                best = (clean, asked[1].mean, scene, stretch, told)
    if best is None:
        return []
    clean, _, scene, found, told = best
    a, b = found.first, found.stop
    said = misheard.corrected(words[a:b], [replace(found, first=0, stop=b - a)])[0]
    take = take_of(clip, said, play, findings, rating, restarts=0 if clean else 1)
    if take is None or take.scene != scene:
        return []
    take.problems.append(f'heard as "{found.heard(words)}": the scene as written fits the '
                         f"sound {told}")  # fmt: skip
    if told == BETTER:  # the script's words, no line heard as written
        take.told_apart = True
        take.unsure |= {line.number for line in play.scenes[scene].lines}
    before = heard_as_scene(clip, words[:a], play, findings, rating, ask, offset) if a else []
    after = (heard_as_scene(clip, words[b:], play, findings, rating, ask, offset + b)
             if b < len(words) else [])  # fmt: skip
    return [*before, (offset + a, take), *after]


def checked(take: Take, words, run: tuple[int, int], near: tuple[int, int], lines, ask,
             remake, peers=None) -> tuple[Take, list]:  # fmt: skip
    """``take`` (made from ``words[slice(*run)]``) with what the recogniser may have
    skipped at its ends or misheard in it heard again, and the words around it (from
    ``near[0]`` to ``near[1]``) as heard now."""
    (a, b), (lo, hi) = run, near
    around = (float(words[lo - 1].end) if lo else 0.0,
              float(words[hi].start) if hi < len(words) else None)  # fmt: skip
    take, window, first, stop = _ends_heard_again(take, words[lo:hi], a - lo, b - lo, lines,
                                                  ask, remake, around)  # fmt: skip
    twice = misheard.said_twice(take, window, lines, first)  # not asked: a restart
    take = _heard_again(take, window, first, stop, lines, ask, remake, peers, around)
    if twice and len(twice) > take.false_starts:
        take.false_starts = len(twice)
        take.problems += [f'false start on line {s.line}: heard as "{s.heard(window)}"'
                          for s in twice]  # fmt: skip
    return take, window


REACH = 6.0  # seconds before a take's first word (after its last) an unheard line may be
UNHEARD = 0.5  # a stretch shorter than this holds no line
HOLE = 1.5  # seconds: a pause this long inside a take missing a line may hold it, unheard


def _ends_heard_again(take: Take, words, a: int, b: int, lines, ask, remake, around):
    """When the scene's first line (or last) is not in ``take`` (made from
    ``words[a:b]``), the sound before the utterance it starts in (after the one it ends in),
    up to the word before (after; ``around``: the times of the words either side of
    ``words``, None for none) or ``REACH`` seconds, heard again on its own: Whisper given a
    longer piece now and then skips a whole line. So is each pause of ``HOLE`` seconds or
    more inside a take missing a line between its first and last (seed 12013: "The garden
    lost three plants during the storm!" skipped, 3.2 s between the lines either side).
    The take made again with what that heard, when it says more of the scene. Returns
    (take, words, a, b)."""
    got = {m.line for m in take.lines}
    first, last = utterance(words, a, b - 1)
    before: list = []
    after: list = []
    if lines[0].number not in got:
        end = float(words[first].start)
        start = max(float(words[first - 1].end) if first else around[0], end - REACH)
        if end - start >= UNHEARD:
            before = _within(ask.hear(take.clip, start, end), start, end)
    if lines[-1].number not in got:
        start = float(words[last].end)
        following = float(words[last + 1].start) if last + 1 < len(words) else around[1]
        end = min(following if following is not None else start + REACH, start + REACH)
        if end - start >= UNHEARD:
            after = _within(ask.hear(take.clip, start, end), start, end)
    holes: dict[int, list] = {}  # word index -> what was heard in the pause after it
    if any(line.number not in got for line in lines[1:-1]):
        for k in range(first, last):
            start, end = float(words[k].end), float(words[k + 1].start)
            if end - start >= HOLE:
                holes[k] = _within(ask.hear(take.clip, start, end), start, end)
    if not before and not after and not any(holes.values()):
        return take, words, a, b

    def heard(found):
        return [Word(Fraction(s).limit_denominator(1000), Fraction(e).limit_denominator(1000),
                     text, 1.0, -1) for s, e, text in found]  # fmt: skip

    inside = [w for k in range(first, last + 1) for w in (words[k], *heard(holes.get(k, [])))]
    more = [*words[:first], *heard(before), *inside, *heard(after), *words[last + 1 :]]
    stop = first + len(before) + len(inside) + len(after)
    again = remake(more[first:stop])
    if again is None or again.scene != take.scene or again.completeness <= take.completeness:
        return take, words, a, b
    where = "in a pause inside the take" if any(holes.values()) else "in the sound around the take"
    again.problems.append(f"a line heard again on its own, {where}")
    return again, more, first, stop


def _within(heard: list, start: float, end: float) -> list:
    """The words heard whose middle is between ``start`` and ``end``; none when they are
    made up (``repeats.timeless``: a hallucinated "see you in the next video" read before
    a take would make its first line a restart, never asked about)."""
    inside = [w for w in heard if start <= (w[0] + w[1]) / 2 <= end]
    return [] if timeless([(s, e) for s, e, _ in inside]) else inside


def _heard_again(take: Take, words, a: int, b: int, lines, ask, remake, peers=None,
                 around=None) -> Take:  # fmt: skip
    """``take`` (made from ``words[a:b]``) made again with the lines the recogniser
    misheard put right: those whose words as written fit the sound about as well as what
    it heard, or as well as they fit the scene's other takes (``edit.misheard``); as it is
    when none does. ``around``: the times of the words either side of ``words``."""
    wider = {s.line: s for s in misheard.doubtful(take, words, lines, a, misheard.PAUSE)}
    right: list[tuple[misheard.Stretch, str]] = []
    fitted: dict[misheard.Stretch, tuple[float, float]] = {}  # the span each was right over
    unsure: set[int] = set()
    written: dict[int, float] = {}  # line -> its words as written fitted at best
    places: list[misheard.Stretch] = []  # asked about: in their line's place, as long
    maybe: list[misheard.Stretch] = []  # ...whose line may have been said there as written
    for stretch in misheard.doubtful(take, words, lines, offset=a):
        # its utterance, else up to a breath: the recogniser may have heard its opening
        # as another sentence ("We publish and do. In a minute sunlight lift."); then, for
        # a line none of whose words were heard, with the quiet around it
        tries = dict.fromkeys([stretch, wider.get(stretch.line, stretch)])
        spans = [(s, s.span(words)) for s in tries]
        spans += [(s, sound) for s in tries
                  if (sound := s.sound(words, around)) != s.span(words)]  # fmt: skip
        for tried, (start, end) in spans:
            if any(tried.first < r.stop and r.first < tried.stop for r, _ in right):
                continue
            answer = ask(take.clip, start, end, [tried.text, tried.heard(words)])
            if answer is None:
                continue
            if tried not in places and not tried.whole:  # heard in full: no doubt of it
                places.append(tried)
            asked = misheard.Asked((tried.line, tried.text), take.clip.fingerprint, start, end,
                                   *answer, lines=len(tried.lines))  # fmt: skip
            if peers is not None:
                peers.note(asked)
            for line in tried.lines:
                written[line] = max(written.get(line, asked.written.mean), asked.written.mean)
            if misheard.fits(*answer):
                right.append((tried, "its words as written fit the sound as well"))
                fitted[tried] = (start, end)
                break
            if peers is not None and peers.as_well(asked):
                right.append((tried, "its words as written fit the sound as well as they fit "
                                     "the scene's other takes"))  # fmt: skip
                fitted[tried] = (start, end)
                break
            if misheard.plausible(asked.written) and not tried.whole:
                unsure.update(tried.lines)
                maybe.append(tried)
    take.unsure = unsure
    take.refuted = {n for s in places for n in s.lines} - unsure - {
        n for s, _ in right for n in s.lines}  # fmt: skip
    take.written_fit = written
    if not right:
        return _doubted(_holding(take, words, maybe), words, a, b, lines, places)
    right.sort(key=lambda r: r[0].first)
    fixed, became = misheard.corrected(words, [s for s, _ in right], fitted)
    first = min([a] + [s.first for s, _ in right])
    stop = max([b] + [s.stop for s, _ in right])
    again = remake(fixed[became[first].start : became[stop - 1].stop])
    if again is None or again.scene != take.scene:
        return take
    again.unsure = unsure - {n for s, _ in right for n in s.lines}
    again.refuted = take.refuted
    again.written_fit = written
    for stretch, why in right:
        again.problems.append(f'line {stretch.line} heard as "{stretch.heard(words)}": {why}')
    again = _holding(again, words, [s for s in maybe if s.lines[0] in again.unsure])
    return _doubted(again, fixed, became[first].start, became[stop - 1].stop, lines,
                    [_moved(s, became) for s in places if not any(
                        s.first < r.stop and r.first < s.stop for r, _ in right)])  # fmt: skip


def _holding(take: Take, words, stretches: list) -> Take:
    """``take`` running over each stretch of ``words`` where one of its lines may have been
    said as written (the misheard opening "We publish and do" of "We have less than...")."""
    for stretch in stretches:
        start, end = stretch.span(words)
        take.start, take.end = min(take.start, start), max(take.end, end)
    return take


def _moved(stretch: misheard.Stretch, became) -> misheard.Stretch:
    """``stretch`` in the words after a correction (``misheard.corrected``)."""
    return replace(stretch, first=became[stretch.first].start,
                   stop=became[stretch.stop - 1].stop)  # fmt: skip


def _doubted(take: Take, words, a: int, b: int, lines, places: list) -> Take:
    """``take`` (made from ``words[a:b]``) with its doubted lines said so in its notes, and
    the words of each stretch asked about (in its line's place, about as long as the line:
    ``places``) counted as that line, not as an ad-lib: a flawless take's misheard line is
    not an ad-lib (an ad-lib makes a stretch too long to be asked about)."""
    if take.extra and places:
        take.extra = min(take.extra, misheard.ad_lib(words, a, b, lines, places))
    notes = {f"line {n} not as written" for n in take.unsure}
    notes |= {f"wrong words in line {n}:" for n in take.unsure}
    notes |= {f"missing line {n} (" for n in take.unsure}
    take.problems = [p for p in take.problems if not any(p.startswith(n) for n in notes)]
    take.problems += [f"line {n} heard as other words (its words as written may fit the "
                      "sound)" for n in sorted(take.unsure)]  # fmt: skip
    return take
