"""False starts the recogniser heard as one saying of the line.

An actor who breaks off two or three words into a line and says it again ("Mission
control, Mission control wants a full report") is often heard by a small recogniser as
the line said once: the repeat is dropped as a disfluency, and the take looks clean. The
sound still holds the words twice. Each line of a take is asked again
(``analysis.speech.forced``), made to say the line as written and the line with its
opening said twice: said once, the repeat fits the sound worse (by more than 0.15 nats
a token on each of 1037 lines said once and heard clearly in two tuning ranges, most by
0.5 and more); restarted, about as well or better (-0.09 to +0.8; 0.11 in seed 8010, a
restart missed at the first threshold, 0.1); asked from 1.5 s before the line's
first word heard (the recogniser may hear the broken-off opening as another word and the
line from its second saying), every take of two tuning ranges asked gave no false alarm
in 569 and found 17 of 25 restarts (1000-1029: 10 of 12; 7 asked from 0.6 s before).
Only the take a scene would use is asked (``cut``), then the next if it restarted: every
line of every take would cost a recogniser pass each.

>>> texts = twice_over("Mission control wants a full report")
>>> texts[1]
'Mission control Mission control wants a full report'
"""

from __future__ import annotations

from rushes.catalog.phonetic import tokens
from rushes.edit.misheard import RESTART
from rushes.edit.takes import pair_at, utterance
from rushes.script.passes import LONG_WORD

OPENINGS = (2, 3)  # words of a line an actor says before breaking off and starting again
AS_WELL = 0.13  # nats a token: the opening said twice fitting within this is a restart
SURE = -1.5  # ...of a line whose words as written fit at least this well (the restarts found
# this way in five tuning ranges fitted -0.81 and -0.56 once, 0.04 and 0.06 worse twice)
UNSURE_BETTER = 0.12  # nats a token: a line that fits less well (the recogniser unsure of
# it) must fit this much better with its opening twice. Every restart question kept in the
# tuning shoots (1950): restarts in this band fitted 0.136 and 0.213 better twice; flawless
# lines 0.03 worse (seed 6025's "Tell me the truth about the engine readings") and, heard
# by Whisper base in Russian, 0.015-0.151 better (5013, 5026, 5027, 5004, 5002): at "no
# worse", four of a Russian range's flawless takes were false starts
CLEAR = -2.5  # ...of a line whose words as written fit the sound at least this well
CLEAR_UNLIKELY = 0.3  # ...with at most this share of its tokens near impossible
BETTER = 0.5  # nats a token: a line that does not fit clearly, but fits clearly and this
# much better with its opening twice, restarted (2 more of 25 restarts, no false alarm)
LOOK_BACK = 1.5  # seconds before a line's first word its broken-off opening may lie (the
# recogniser may hear the opening as another word and the line from its second saying)
LOOK_AFTER = 0.2  # seconds after its last word (word times end early)


def twice_over(text: str) -> list[str]:
    """The line as written, then with its first 2 and 3 words said twice (fewer for a
    line too short to break off)."""
    words = text.split()
    return [text, *(" ".join(words[:n] + words) for n in OPENINGS if n < len(words))]


def restarted(fits: list) -> bool:
    """``fits`` (``forced.Fit`` of ``twice_over``'s texts, in order): the sound says the
    opening twice. A line whose words do not fit the sound clearly (misheard, paraphrased,
    cut short) says nothing either way, unless the line with its opening twice fits
    clearly and much better (the restart is why the line alone fitted badly)."""
    written, *twice = fits
    if not twice:
        return False
    best = max(f.mean for f in twice)
    if written.mean >= CLEAR and written.unlikely <= CLEAR_UNLIKELY:
        return best >= written.mean + (-AS_WELL if written.mean >= SURE else UNSURE_BETTER)
    return best >= CLEAR and best >= written.mean + BETTER


def restarts_heard(take, lines, ask) -> list[int]:
    """The lines of ``take`` the sound says twice over at their opening, where the words
    heard say them once. Each line is asked from a little before its first word (not
    before the utterance the line ahead of it ends in is over: its last words misheard
    would fit a longer text better) to a little after its last."""
    text = {line.number: line.text for line in lines}
    out = []
    before = None
    for match in sorted(take.lines, key=lambda m: m.start):
        start, end = float(match.start), float(match.end)
        if match.line in text:
            first = min(start, max(start - LOOK_BACK, before or 0.0, 0.0))
            answer = ask(take.clip, first, end + LOOK_AFTER, twice_over(text[match.line]))
            if answer is not None and restarted(answer):
                out.append(match.line)
        before = end
        if take.words:
            last = utterance(take.words, match.first_word, match.last_word)[1]
            before = max(end, float(take.words[last].end))
    return out


AROUND = 0.3  # seconds of sound either side of a take heard again whole


def heard_twice(take, lines, hear) -> list[int]:
    """The lines of ``take`` whose opening (two words) the take, heard again whole by
    ``hear`` (``Asker.second_opinion``), says twice within ``misheard.RESTART`` words and
    more often than the scene's lines do: made
    to say a line, Whisper fits the fluent text better even over "Give me the, give me the
    wrench" (seeds 18003, 19021; tiny.en and base alike), which base, hearing the take on
    its own, writes down. Whole performances of the tuning ranges 16000-18029 heard so:
    42 of 65 false starts said their opening twice (close by), none of 224 flawless takes.
    Two short words are too easily heard twice: "I can do something I can outside the
    window" for "I can hear something knocking outside the window" (16005's flawless take
    heard over its own range); one of the two has ``LONG_WORD`` letters, as in
    ``misheard.restarted``."""
    said = [t for w in hear.hear(take.clip, take.start - AROUND, take.end + AROUND)
            for t in tokens(w[2])]  # fmt: skip
    scene = [t for line in lines for t in tokens(line.text)]
    out = []
    for match in sorted(take.lines, key=lambda m: m.start):
        line = next((x for x in lines if x.number == match.line), None)
        opening = tokens(line.text)[:2] if line is not None else []
        if (len(opening) == 2 and max(map(len, opening)) >= LONG_WORD
                and _again(said, opening)
                and len(pair_at(said, opening)) > len(pair_at(scene, opening))):  # fmt: skip
            out.append(match.line)
    return out


def _again(words: list[str], pair: list[str]) -> bool:
    """``pair`` said, then said again within ``misheard.RESTART`` words: a line begun
    again, not the words of another line ("How many days..." and, four lines on, "Write
    how many number the gauge shows", seed 21011-en-b, was no restart; nor is "...and hold
    the torch steady, hold the ladder", seed 17016, the scene saying it twice)."""
    at = pair_at(words, pair)
    return any(b - a < RESTART for a, b in zip(at, at[1:], strict=False))
