"""Takes: a clip's performance of a scene, scored on what was said and how it looks and
sounds, with the reasons an editor would give for passing on it.

A performance's words are aligned to the whole script; the scene whose lines it speaks
most is its scene; it runs from its first line's first word to its last line's last word.
Each take keeps what an editor weighs: how much of each line was said (per line), words
said that are not the script's (an ad-lib), false starts, the faults that cannot be
repaired over the range that is used (focus, exposure beyond recovery, clipped or
dropped-out dialogue: each placed on its line) and those that can (hum, hiss, level, a
little underexposure). ``edit.judge`` compares the takes of a scene on these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rushes.analysis.findings import scores
from rushes.analysis.qc import clip_timecode
from rushes.catalog import Clip, Word
from rushes.catalog.phonetic import tokens
from rushes.script import LineMatch, Screenplay, align
from rushes.script.calls import SILENCED, calls_to_go_again, ends_speech, slate_said
from rushes.script.passes import LONG_WORD
from rushes.script.wording import SURE, alike, wording

TECHNICAL = ("focus", "exposure", "stability", "continuity", "sound")
UNUSABLE = ("audio_clipping", "dropout")  # in dialogue, any of these spoils the take
# Faults no grade or mix repairs over the range that is used; the rest can be repaired.
UNREPAIRABLE = {"audio_clipping", "dropout", "soft_focus", "black", "overexposed"}
NOT_FAULTS = {"cadence"}  # what the footage is, not what went wrong
AD_LIB = 5  # a run of this many words said that are no line's is an ad-lib
FAULT_WORDS = {"audio_clipping": "clipped", "dropout": "sound drops out",
               "soft_focus": "out of focus", "black": "black picture", "frozen": "picture frozen",
               "overexposed": "overexposed", "underexposed": "too dark to recover"}  # fmt: skip


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
    detail: float | None = None  # fine against coarse detail, to compare framings' focus
    focus_doubt: str = ""  # why it may be out of focus where no measure says it is
    selected: bool = False  # start and end are the user's own select: kept as they are
    spoken: tuple[float, float] | None = None  # wider than start-end where lines at its edges
    # were misheard (``misheard_edges``): the range an editor uses, not the one judged
    slate: str | None = None  # as spoken: "scene 2 take 3"
    kept: bool = False  # the director said "keep that one"
    part: int = 1  # which performance of its clip (a clip may hold several)
    parts: int = 1
    lines: list[LineMatch] = field(default_factory=list)  # where each line is said
    words: list[Word] = field(default_factory=list)  # what it was made from (``lines`` index it)
    said: dict[int, float] = field(default_factory=dict)  # line number -> share said
    extra: int = 0  # the longest run of words said inside it that are no line's
    unsure: set[int] = field(default_factory=set)  # lines heard as other words, asked again:
    # their words as written may fit the sound, neither confirmed nor ruled out
    refuted: set[int] = field(default_factory=set)  # lines heard as other words, asked
    # again: their words as written do not fit the sound
    written_fit: dict[int, float] = field(default_factory=dict)  # line asked again -> how
    # well its words as written fit the sound at best (mean log-probability a token)
    told_apart: bool = False  # heard as no scene's words; the script's words fit the sound
    # far better than other scenes' do, not as well as the hearing: every line a doubt
    faults: list[str] = field(default_factory=list)  # cannot be repaired, in the used range
    picture_moments: list[str] = field(default_factory=list)  # of ``faults``, those of the
    # picture (soft, too dark, frozen) over under half of it: a cutaway covers them, as it
    # covers no sound fault, so they weigh less than the rest
    repairable: list[str] = field(default_factory=list)
    graded: list[str] = field(default_factory=list)  # of ``repairable``, underexposure over
    # half the take or more: lifted in the grade, the picture gains noise (a dark moment is a
    # moment: seed 12027's six frames)
    signature: list[list[float]] | None = None  # the picture, to group takes of one setup
    reason: str = ""  # why it was chosen, or passed over, in an editor's words
    usable: bool = False  # every line as written and nothing that cannot be repaired

    @property
    def label(self) -> str:
        name = self.clip.name + (f" #{self.part}/{self.parts}" if self.parts > 1 else "")
        return name + (f" ({self.slate})" if self.slate else "")

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def speaking(self) -> float:
        """Seconds from its first line's first word heard to its last line's last: what
        the performance took, whatever its edges were moved to (the voice's onset can lie
        in a hum seconds before the first word: seed 17006)."""
        if not self.lines:
            return self.length
        return float(max(m.end for m in self.lines) - min(m.start for m in self.lines))

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


RESTART_WORDS = 2  # words said between a broken-off opening and the line, at most ("sorry")
RESTART_SECONDS = 3.0  # ...within this long: more is a call and another attempt


def _false_starts(words: list[Word], matches: list[LineMatch], play: Screenplay) -> int:
    """Lines whose opening words, as heard, were also said just before them, or said again
    just after ("then we have... then we have a serious problem", "The coffee. The coffee
    machine..."), when the line as written does not say them twice. An opening said, then
    a misheard "cut, let's go again", then the line is an attempt broken off, not this
    performance's false start. A line heard from inside ("on the inside on the glass" for
    "There's frost on the inside of the glass", seed 20026-en-b) has no opening heard. The
    line before saying those words as written ("...and hold the torch steady? Hold the
    ladder...", seed 18024) is that line, not a restart. A line's first word heard twice
    where it begins is a restart too (``_first_word_twice``)."""
    heard = [" ".join(tokens(w.text)) for w in words]
    count = 0

    def written_before(p: int, opening: list[str], m: LineMatch) -> bool:
        return any(o is not m and o.first_word <= p and p + 1 <= o.last_word
                   and pair_at(tokens(play.lines[o.line - 1].text), opening)
                   for o in matches)  # fmt: skip

    for m in matches:
        written = tokens(play.lines[m.line - 1].text)
        if _first_word_twice(heard, m, written, matches):
            count += 1
            continue
        opening = heard[m.first_word : m.first_word + 2]
        if len(opening) < 2 or not all(opening):
            continue
        if opening not in (written[0:2], written[1:3]):
            continue  # heard from inside the line: its "opening" is not the line's
        twice = len(pair_at(written, opening)) > 1
        begun = float(words[m.first_word].start)
        earlier = [p for p in range(max(0, m.first_word - 2 - RESTART_WORDS), m.first_word - 1)
                   if begun - float(words[p + 1].end) <= RESTART_SECONDS]  # fmt: skip
        later = range(m.first_word + 2, min(m.first_word + 6, m.last_word))
        if not twice and any(heard[p : p + 2] == opening and not written_before(p, opening, m)
                             for p in [*earlier, *later]):  # fmt: skip
            count += 1
    return count


def _first_word_twice(heard: list[str], m: LineMatch, written: list[str],
                      matches: list[LineMatch]) -> bool:  # fmt: skip
    """The line's first word heard twice in a row where it begins (``first_word_twice``),
    no other line's words holding the first of the two ("...is it the first? First
    we...")."""
    return any(first_word_twice(heard, written, p)
               and not any(o is not m and o.first_word <= p <= o.last_word for o in matches)
               for p in (m.first_word - 1, m.first_word))  # fmt: skip


def first_word_twice(heard: list[str], written: list[str], at: int) -> bool:
    """``heard[at]`` and ``heard[at + 1]`` are both the first word of the line ``written``
    ("turn turn that either now before the filter" for "Turn the, turn the heater down
    before the filters", seed 23021: the broken-off opening heard as one long word): a
    restart, when the word has ``LONG_WORD`` letters or more ("I I think" is a habit) and
    the line does not say it twice."""
    first = written[0] if written else ""
    if len(first) < LONG_WORD or written[1:2] == [first] or not 0 <= at < len(heard) - 1:
        return False
    return heard[at] == first and heard[at + 1] == first


def pair_at(words: list[str], pair: list[str]) -> list[int]:
    """Where the two words ``pair`` stand side by side in ``words``."""
    return [k for k in range(len(words) - 1) if words[k : k + 2] == pair]


def _wrong_words(words: list[Word], matches: list[LineMatch], line_number: int) -> str | None:
    """What was said where a line is missing, if something was: its words, else None."""
    before = [m for m in matches if m.line < line_number]
    after = [m for m in matches if m.line > line_number]
    lo = max((m.last_word for m in before), default=-1) + 1
    hi = min((m.first_word for m in after), default=len(words))
    said = [w.text.strip() for w in words[lo:hi]]
    return " ".join(said) if len(said) >= 3 else None


UTTERANCE = 0.3  # seconds: words said closer than this are one breath


def whole_utterances(words: list[Word], start: float, end: float) -> tuple[float, float]:
    """``start`` and ``end`` moved out to the edges of the utterances they fall in: the
    words said without a pause before the first recognised word, and after the last, are
    the same sentence, misheard (an editor cuts where the line starts, not where the
    recogniser started to understand it); never over "action" or "cut". ``words`` stop at
    the neighbouring performances."""
    times = [(float(w.start), float(w.end)) for w in words]
    first = next((k for k, (s, _) in enumerate(times) if s >= start - 1e-6), None)
    last = next((k for k in range(len(times) - 1, -1, -1) if times[k][1] <= end + 1e-6), None)
    if first is None or last is None:
        return start, end
    first, last = utterance(words, first, last)
    return min(start, times[first][0]), max(end, times[last][1])


LINE_PAUSE = 2.0  # seconds: actors pause less than this between lines; more ends the speech
SLOWER = 2.0  # missing words may take this much longer than the take's pace...
BREATH = 0.5  # ...plus a pause between lines


def misheard_edges(take: Take, words: list[Word], lines) -> tuple[float, float]:
    """The take's start and end moved out over the speech next to it, in ``words`` (its
    window, calls made silent), when the scene's lines on that side are not heard in it:
    those lines, misheard ("He's saying when we need something that we invoke losses" for
    "Eleven minutes until the window closes?", seed 20005-en-b; "what's all that?" for
    "but slower?", 20012-en-b). An editor cuts in where the actor starts after "action",
    not where the recogniser began to understand. Only as far as the missing words take
    at the take's own pace (a misheard "action" and slate lie beyond), never over a call,
    a slate or a pause longer than one between lines; never before a false start."""
    if not take.lines:
        return take.start, take.end
    size = {line.number: max(1, len(tokens(line.text))) for line in lines}
    play_line = {line.number: line.text for line in lines}
    got = {m.line for m in take.lines}
    first = min(take.lines, key=lambda m: m.start)
    last = max(take.lines, key=lambda m: m.end)
    # seconds a word as the lines heard were said, pauses between them left out
    pace = sum(m.end - m.start for m in take.lines) / sum(size[n] for n in got)

    def unheard(numbers, edge: LineMatch, tail: bool) -> int:
        missing = sum(size[n] for n in numbers if n not in got)
        said = take.words[edge.first_word : edge.last_word + 1]
        return missing + _beyond(play_line[edge.line], said, tail, edge.coverage)

    times = [(float(w.start), float(w.end)) for w in words]
    start, end = take.start, take.end
    k = next((i for i, (s, _) in enumerate(times) if s >= first.start - 1e-6), None)
    before = unheard([n for n in size if n < first.line], first, tail=False)
    if k is not None and before and not take.false_starts:
        j = _speech_beside(words, times, k, -1, first.start, before, pace)
        if j < k and slate_said(words[j:k]) is None:
            start = min(start, times[j][0])
    k = next((i for i in range(len(times) - 1, -1, -1) if times[i][1] <= last.end + 1e-6), None)
    after = unheard([n for n in size if n > last.line], last, tail=True)
    if k is not None and after:
        j = _speech_beside(words, times, k, 1, last.end, after, pace)
        if j > k and slate_said(words[k + 1 : j + 1]) is None:
            end = max(end, times[j][1])
    return start, end


def _speech_beside(words: list[Word], times, k: int, step: int, edge: float, missing: int,
                   pace: float) -> int:  # fmt: skip
    """The farthest word from word ``k``, going ``step`` (-1 back, 1 on), that ``missing``
    words of the script may have been heard as: no call, no pause of ``LINE_PAUSE``, no more
    than twice as many words, and no further from ``edge`` (the recognised line's) than
    they take at ``SLOWER`` times the take's ``pace`` plus ``BREATH``."""
    j = k
    while 0 <= j + step < len(times):
        near, far = (j, j + step) if step > 0 else (j + step, j)
        if times[far][0] - times[near][1] >= LINE_PAUSE or ends_speech(words, j + step):
            break
        seconds = abs(edge - times[j + step][1 if step > 0 else 0])
        if abs(j + step - k) > 2 * missing + 2 or seconds > SLOWER * missing * pace + BREATH:
            break
        j += step
    return j


def _beyond(text: str, said: list[Word], tail: bool, coverage: float) -> int:
    """How many of a line's words lie beyond those surely heard at its end (``tail``) or its
    start: "frost" heard as "thrust" inside a line leaves nothing missing at its end."""
    written = tokens(text)
    edge = [t for w in (said[-2:] if tail else said[:2]) for t in tokens(w.text)]
    sure = [i for i, w in enumerate(written) if any(alike(h, w) >= SURE for h in edge)]
    if not sure:
        return round((1 - coverage) * len(written))
    return len(written) - 1 - max(sure) if tail else min(sure)


def utterance(words: list[Word], first: int, last: int, pause: float = UTTERANCE, lo: int = 0,
              hi: int | None = None) -> tuple[int, int]:  # fmt: skip
    """Words ``first`` and ``last`` moved out over the words said without a pause (under
    ``pause`` seconds) before and after them, within ``words[lo:hi]``, never onto a call
    (a misheard "cut, again from the top" included)."""
    hi = len(words) if hi is None else hi

    def gap(k: int) -> float:
        return float(words[k + 1].start) - float(words[k].end)

    while first > lo and gap(first - 1) < pause and not ends_speech(words, first - 1):
        first -= 1
    while last + 1 < hi and gap(last) < pause and not ends_speech(words, last + 1):
        last += 1
    return first, last


SAID = 0.3  # a line with this share of its words heard is said (the rest: misheard words)


def _lines_said(play: Screenplay, words: list[Word], scene: int | None = None) -> list[LineMatch]:
    """The script's lines ``words`` say, aligned. ``scene``: the scene they are known to be
    in (a stretch after a call to go again inside its performances), whose lines alone are
    aligned when the whole script's alignment places none: a short line heard badly
    ("Pass me for the locable" for "Pass me the blue cable", seed 20003-en-b) pairs fewer
    words with its own line than the slate and the rest pair with other scenes' lines."""
    found = [m for m in align(play.lines, words) if m.coverage >= SAID]
    if found or scene is None:
        return found
    return [m for m in align(play.scenes[scene].lines, words) if m.coverage >= SAID]


def lines_of(play: Screenplay, words: list[Word], scene: int, known: bool = False) -> list[int]:
    """The numbers of the lines of ``scene`` that ``words`` say, in the order said; none
    when they speak another scene most. ``known``: the words are known to be in ``scene``
    (``_lines_said``)."""
    matches = _lines_said(play, words, scene if known else None)
    if _scene_of(play, matches) != scene:
        return []
    return [m.line for m in sorted(matches, key=lambda m: m.start)
            if play.lines[m.line - 1].scene == scene]  # fmt: skip


def scene_of(play: Screenplay, words: list[Word]) -> int | None:
    """The scene whose lines ``words`` speak most, or None."""
    return _scene_of(play, _lines_said(play, words))


def take_of(clip: Clip, words: list[Word], play: Screenplay, findings: list[dict],
            rating: int | None, restarts: int = 0,
            known_scene: int | None = None) -> Take | None:  # fmt: skip
    """The take a performance's words are, or None when they speak no line of the script;
    ``restarts``: false starts already found in them (``script.passes``); ``known_scene``:
    the scene they are known to be in, if they are (``_lines_said``)."""
    words = without_calls(words, play)
    matches = _lines_said(play, words, known_scene)
    scene = _scene_of(play, matches)
    if scene is None:
        return None
    lines = play.scenes[scene].lines
    mine = [m for m in matches if play.lines[m.line - 1].scene == scene]
    take = Take(clip, scene, min(m.start for m in mine), max(m.end for m in mine),
                rating=rating, lines=mine, words=words)  # fmt: skip
    size = {line.number: max(1, len(tokens(line.text))) for line in lines}
    got = {m.line: m for m in mine}
    take.said, take.extra, span = wording(lines, words)
    if span is not None:  # a line heard too garbled to anchor still belongs to the take
        take.start = min(take.start, float(words[span[0]].start))
        take.end = max(take.end, float(words[span[1]].end))
    take.completeness = sum(take.said[n] * size[n] for n in size) / sum(size.values())
    take.accuracy = sum(m.accuracy for m in mine) / len(mine)
    take.false_starts = max(restarts, _false_starts(words, mine, play))
    faults = weigh_findings(take, findings)
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
    take.problems += findings_text(take, faults)
    return take


def weigh_findings(take: Take, findings: list[dict]) -> list[dict]:
    """``take``'s technical score, faults, picture moments, repairs and grade from the
    QC findings over its range, and a dropout cutting into a word at its edge (the
    recogniser ends the word as heard where the sound drops out: seed 24017, "...everything
    can [210 ms of digital silence] be" was a take with no fault); returns those findings
    that are not notes."""
    during = [f for f in findings
              if f["end"] > take.start and f["start"] < take.end or _at_edge(f, take)]  # fmt: skip
    faults = [f for f in during if f["severity"] != "info"]
    quality = scores(faults, take.start, take.end)
    take.technical = min(quality[d] for d in TECHNICAL)
    if any(f["kind"] in UNUSABLE for f in faults):  # however short: it cannot be repaired
        take.technical = min(take.technical, 0.5)
    spoiling = [f for f in during if f["kind"] not in NOT_FAULTS and _unrepairable(f, take)]
    for kind in dict.fromkeys(f["kind"] for f in spoiling):
        found = [f for f in spoiling if f["kind"] == kind]
        take.faults.append(_fault_text(take, found))
        if kind in PICTURE and sum(_inside(f, take) for f in found) < MOMENT * take.length:
            take.picture_moments.append(take.faults[-1])
    lifted = [f for f in during if f["kind"] == "underexposed" and not _unrepairable(f, take)]
    dark = bool(lifted) and sum(_inside(f, take) for f in lifted) >= MOMENT * take.length
    for f in during:
        if f["kind"] not in NOT_FAULTS and not _unrepairable(f, take) and not _looks_soft(f):
            take.repairable.append(f"{f['kind'].replace('_', ' ')} {take.tc(f['start'])}")
            if dark and f is lifted[0]:
                take.graded.append(take.repairable[-1])
    return faults


def _at_edge(finding: dict, take: Take) -> bool:
    """A dropout in a word (not in room tone) less than a breath (``UTTERANCE``) outside
    the take: it cut the word short as heard."""
    if finding["kind"] != "dropout" or finding["severity"] != "error":
        return False
    return (0 <= finding["start"] - take.end <= UTTERANCE
            or 0 <= take.start - finding["end"] <= UTTERANCE)  # fmt: skip


def without_calls(words: list[Word], play: Screenplay) -> list[Word]:
    """``words`` with a director's call to go again heard in them made silent (a misheard
    "cut, again from the top" whose "the" would otherwise be taken for a line's), unless
    the script says those words."""
    return silenced(words, calls_to_go_again(words, [line.text for line in play.lines]))


def silenced(words: list[Word], calls: list[list[int]]) -> list[Word]:
    """``words`` with the words of ``calls`` (``script.calls.calls_to_go_again``) made
    silent."""
    silent = {k for found in calls for k in found}
    return [replace(w, text=SILENCED) if k in silent else w for k, w in enumerate(words)]


SOFT_SHARE = 0.25  # soft focus over less of the used range than this is a moment, not a take's
MOMENT = 0.5  # a picture fault under this share of it is a moment that a cutaway covers
PICTURE = {"soft_focus", "underexposed", "overexposed", "black", "frozen"}  # a cutaway hides


def _inside(finding: dict, take: Take) -> float:
    """Seconds of ``finding`` inside the take's used range."""
    return max(0.0, min(finding["end"], take.end) - max(finding["start"], take.start))


def _looks_soft(finding: dict) -> bool:
    """A whole clip that looks soft (an info note) is nothing to repair: what the footage
    is; whether the lens was out of focus is for the takes of its setup to tell
    (``judge.compare_focus``). Counted as a repair it lost flawless takes to flawed ones
    on "less to repair" (seeds 13013, 19006, 19010)."""
    return finding["kind"] == "soft_focus" and finding["severity"] == "info"


def _unrepairable(finding: dict, take: Take) -> bool:
    kind = finding["kind"]
    if kind == "soft_focus":  # real lenses breathe: a soft moment does not spoil a take
        return finding["severity"] != "info" and _inside(finding, take) >= SOFT_SHARE * take.length
    if kind == "underexposed":  # a little dark grades back; far too dark does not
        return finding["severity"] == "error"
    if kind == "dropout":  # in dialogue it spoils the line; in room tone it is filled
        return finding["severity"] == "error"
    if kind == "frozen":
        return finding["severity"] == "error"  # a second and more; a repeat is a dropped frame
    return kind in UNREPAIRABLE and finding["severity"] != "info"


def _fault_text(take: Take, findings: list[dict]) -> str:
    """ "clipped on lines 2, 4 (01:00:12:03, 3 times)": the fault, the lines it spoils, where."""
    words = FAULT_WORDS.get(findings[0]["kind"], findings[0]["kind"].replace("_", " "))
    on = sorted({m.line for f in findings for m in take.lines
                 if m.end > f["start"] and m.start < f["end"]})  # fmt: skip
    where = f" on line{'s' * (len(on) > 1)} {', '.join(map(str, on))}" if on else ""
    times = f", {len(findings)} times" if len(findings) > 1 else ""
    return f"{words}{where} ({take.tc(findings[0]['start'])}{times})"


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
