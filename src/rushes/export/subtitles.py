"""Subtitles of the dialogue in a cut (SRT, WebVTT): each edit's words, moved to record time.

Words come from the transcripts as ``(start, end, text)`` in seconds from their clip's first
frame; only words that lie in an edit's source range are kept, so a cut never shows a line
its picture does not play. Cues break at a pause, at an edit, or when they grow too long to
read (two lines of 42 characters, 6 seconds), as broadcasters' subtitle guidelines ask.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from rushes.export.cut import Cut

MAX_CHARS = 84
MAX_SECONDS = 6.0
PAUSE = 0.7

WordsOf = Callable[[Path], Iterable[tuple[float, float, str]]]


@dataclass
class Cue:
    start: float
    end: float
    text: str


def group(words: Iterable[tuple[float, float, str]], offset: float = 0.0) -> list[Cue]:
    """Words (seconds) in cues, each moved by ``offset`` seconds."""
    out: list[Cue] = []
    current: Cue | None = None
    for start, end, text in words:
        start, end, text = start + offset, end + offset, text.strip()
        if current and (
            start - current.end > PAUSE
            or end - current.start > MAX_SECONDS
            or len(current.text) + 1 + len(text) > MAX_CHARS
        ):
            out.append(current)
            current = None
        if current is None:
            current = Cue(start, end, text)
        else:
            current.end, current.text = end, f"{current.text} {text}"
    if current:
        out.append(current)
    return out


def cues(cut: Cut, words_of: WordsOf) -> list[Cue]:
    """The cues of every edit, in record time; a cue never crosses an edit."""
    out: list[Cue] = []
    for edit in cut.edits:
        rate = edit.source.rate
        window = (float(edit.source_in / rate), float(edit.source_out / rate))
        inside = [
            (start, min(end, window[1]), text)
            for start, end, text in sorted(words_of(edit.source.path))
            if start >= window[0] and end <= window[1] + 0.02
        ]
        out += group(inside, float(Fraction(edit.record_in) / cut.rate) - window[0])
    return out


def _lines(text: str) -> str:
    """Two balanced lines when the text is longer than one line."""
    if len(text) <= MAX_CHARS // 2:
        return text
    middle = len(text) // 2
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    split = min(spaces, key=lambda i: abs(i - middle))
    return text[:split] + "\n" + text[split + 1 :]


def _clock(seconds: float, separator: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def write_srt(items: list[Cue]) -> str:
    blocks = [
        f"{n}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{_lines(c.text)}\n"
        for n, c in enumerate(items, 1)
    ]
    return "\n".join(blocks)


def write_vtt(items: list[Cue]) -> str:
    blocks = [f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{_lines(c.text)}\n" for c in items]
    return "WEBVTT\n\n" + "\n".join(blocks)
