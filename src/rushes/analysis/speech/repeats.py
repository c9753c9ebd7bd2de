"""Catch Whisper's hallucinations: a phrase looping ("thank you thank you thank you ..."),
a sentence written twice over sound that says it once, and text the model itself judged
to be no speech. Looped phrases keep their first occurrence; the rest is dropped and
counted, so the summary says what was removed."""

from __future__ import annotations

import re

from rushes.catalog.phonetic import tokens

LONGEST = 8  # words in a looping phrase
TIMES = {1: 5}  # a single word must come 5 times in a row ("no, no, no" is speech)
DEFAULT_TIMES = 3


def drop_repeats(words: list) -> tuple[list, int]:
    """``words`` (objects with ``text``) without looped phrases; and how many were dropped."""
    said = [" ".join(tokens(w.text)) for w in words]
    kept, dropped, i = [], 0, 0
    while i < len(words):
        loop = None
        for n in range(1, LONGEST + 1):
            unit = said[i : i + n]
            if len(unit) < n or not all(unit):
                break
            times = 1
            while said[i + times * n : i + (times + 1) * n] == unit:
                times += 1
            if times >= TIMES.get(n, DEFAULT_TIMES):
                loop = (n, times)
                break
        if loop:
            n, times = loop
            kept.extend(words[i : i + n])
            dropped += n * (times - 1)
            i += n * times
        else:
            kept.append(words[i])
            i += 1
    return kept, dropped


ECHO = 4  # words: a phrase of this many or more heard twice in a row may be an echo
LONGEST_ECHO = 24  # ...of at most this many (a whole line)


def echoes(words: list) -> list[tuple[int, int]]:
    """``(first, length)`` of each phrase of ``ECHO`` words or more heard again right
    after itself (``words[first + length : first + 2 * length]`` says
    ``words[first : first + length]`` again): "The garden lost three plants during the
    storm. The garden lost three plants during the storm." Decoding a window whole, Whisper
    may write the sentence it has just written again over sound that says something else
    (a quiet "cut, one more time please" after the line); each saying after the first is
    to be heard again on its own. A restart of two or three words is speech."""
    said = [" ".join(tokens(w.text)) for w in words]
    found, i = [], 0
    while i < len(said):
        for n in range(min(LONGEST_ECHO, (len(said) - i) // 2), ECHO - 1, -1):
            unit = said[i : i + n]
            if all(unit) and said[i + n : i + 2 * n] == unit:
                found.append((i, n))
                i += n
                break
        else:
            i += 1
    return found


def is_no_speech(segment) -> bool:
    """Whisper's own test for a segment heard in silence."""
    return segment.no_speech_prob > 0.6 and segment.avg_logprob < -1.0


LOOPED_RATIO = 2.4  # Whisper's own limit: text that compresses better than this is a loop


def looped(segment) -> bool:
    """A piece Whisper got stuck in ("Амендий" 41 times): its text compresses too well, or
    one word makes up most of its many words."""
    if segment.compression_ratio > LOOPED_RATIO:
        return True
    said = [w.text.strip().lower() for w in segment.words if w.text.strip()]
    if any(stuck(word) for word in said):
        return True
    return len(said) >= 8 and max(map(said.count, said)) > len(said) / 2


TIMELESS = 0.02  # seconds, one of Whisper's time steps: a word heard in less took no time


def timeless(spans: list[tuple[float, float]]) -> bool:
    """Half or more of three or more words heard take no time: "see you in the next video"
    said over and over at one instant is the model making text up, not the sound's words
    (Whisper times the words it hears; a made-up phrase gets stacked on one moment)."""
    short = sum(end - start < TIMELESS for start, end in spans)
    return len(spans) >= 3 and short * 2 >= len(spans)


def stuck(word: str) -> bool:
    """A "word" of one letter held on ("Аааааааа"): Whisper looping inside a token."""
    return re.search(r"(\w)\1{5,}", word) is not None
