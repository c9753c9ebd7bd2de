"""Performances found from what was said: a clip whose speech runs through a scene's lines
more than once holds several performances, heard or not heard the director's "cut, again".

The words of the clip are aligned to the scene's words by an edit-distance alignment that
may also jump back (a restart, at a cost). A jump back to the scene's opening, or to an
earlier line, starts a new performance; a quick jump back within the line being said (no
other words between, a short pause) is a false start of the same performance, as is a
restart of the opening when the attempt never got past its first words.

>>> [(p.first, p.stop, p.false_starts) for p in passes(scene.lines, words)]
[(0, 3, 0), (7, 31, 0)]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rushes.catalog.phonetic import key
from rushes.script.align import script_tokens, sounds_alike, take_tokens

MATCH, MISS, EXTRA, SKIP = 2.0, -1.0, -1.0, -1.0
RESTART = 8.0  # what a jump back costs: worth it only if several more words then match
QUICK = 1.0  # seconds: a restart sooner than this, with nothing said between, is a false start


@dataclass(frozen=True)
class Pass:
    first: int  # index of its first word in the words given
    stop: int  # one past its last word
    false_starts: int  # restarts within a line


def passes(lines, words) -> list[Pass]:
    """The performances of a scene (its ``lines``) in ``words``, in order; a clip that
    never restarts is one performance."""
    heard, script = take_tokens(words), script_tokens(lines)
    said, said_word = [t for t, _ in heard], [n for _, n in heard]
    written, written_line = [t for t, _ in script], [n for _, n in script]
    if not said or not written:
        return [Pass(0, len(words), 0)]
    path = _align(said, written)
    line_start = {}
    for j, line in enumerate(written_line):
        line_start.setdefault(line, j)
    first_line = written_line[0]
    out: list[Pass] = []
    matched: list[int] = []  # said-token indices matched in the current performance
    false_starts = 0
    last_j = -1
    pending = None  # a jump back, decided at the next word paired with the script
    for i, j, restart in path:
        if restart is not None and matched:
            pending = restart
        if j is None or not sounds_alike(said[i], written[j]):
            continue
        if pending is not None:
            back_to, current = written_line[min(pending, len(written) - 1)], written_line[last_j]
            quick = _quick(words, said_word, matched[-1], i) and i - matched[-1] == 1
            opening_only = current == first_line and last_j - line_start[first_line] < 4
            if quick and back_to == current and (back_to != first_line or opening_only):
                false_starts += 1  # "I left it by the... I left it by the airlock"
            else:
                out.append(_pass(matched, said_word, false_starts))
                matched, false_starts = [], 0
            pending = None
        matched.append(i)
        last_j = j
    if matched:
        out.append(_pass(matched, said_word, false_starts))
    return out or [Pass(0, len(words), 0)]


def _pass(matched: list[int], said_word: list[int], false_starts: int) -> Pass:
    return Pass(said_word[matched[0]], said_word[matched[-1]] + 1, false_starts)


def _quick(words, said_word, before: int, after: int) -> bool:
    gap = float(words[said_word[after]].start) - float(words[said_word[before]].end)
    return gap < QUICK


def _align(said: list[str], written: list[str]) -> list[tuple[int, int | None, int | None]]:
    """Per said token: (its index, the script token it is paired with or None, the script
    position the alignment jumped back to just before it, or None). Local at both ends:
    talk before and after the scene costs nothing, and a pass may begin anywhere in it."""
    n, m = len(said), len(written)
    keys = [key(t) for t in written]
    score = [0.0] * (m + 1)  # score[j]: best so far with the next script token j
    paired = [[False] * (m + 1) for _ in range(n)]  # reached j by pairing token i with j-1
    skipped = [[False] * (m + 1) for _ in range(n)]  # reached j by skipping script token j-1
    restart = [[0] * (m + 1) for _ in range(n)]  # the state a restart came from (or j)
    for i, token in enumerate(said):
        token_key = key(token)
        # jump back: state j from a later state k, the best one
        start, origin = score[:], list(range(m + 1))
        best, best_at = -np.inf, m
        for j in range(m - 1, -1, -1):
            if score[j + 1] > best:
                best, best_at = score[j + 1], j + 1
            if best - RESTART > start[j]:
                start[j], origin[j] = best - RESTART, best_at
        restart[i] = origin
        new = [v + EXTRA for v in start]
        for j in range(m):
            value = start[j] + (MATCH if token == written[j] or token_key == keys[j] else MISS)
            if value > new[j + 1]:
                new[j + 1] = value
                paired[i][j + 1] = True
        for j in range(1, m + 1):
            if new[j - 1] + SKIP > new[j]:
                new[j] = new[j - 1] + SKIP
                skipped[i][j] = True
                paired[i][j] = False
        score = new
    j = int(np.argmax(score))
    out = []
    for i in range(n - 1, -1, -1):
        while skipped[i][j]:
            j -= 1
        if paired[i][j]:
            out.append((i, j - 1, None))
            j -= 1
        else:
            out.append((i, None, None))
        came = restart[i][j]
        if came != j:
            out[-1] = (i, out[-1][1], j)
            j = came
    return out[::-1]


BROKEN_OFF = 1.5  # seconds: an opening broken off this shortly before the take is its own
LONG_WORD = 4  # letters: a word this long said twice over a pause is a restart, not a habit


def restarted_before(words, first: int, lo: int = 0) -> bool:
    """The words said just before ``words[first]`` (from ``lo``) are the performance's own
    opening, broken off and begun again ("lost contact... We lost contact with the
    ground", "Тогда... Тогда у нас"): a false start the alignment left outside the
    performance. One word broken off counts when it is a long one (not "I... I think")."""
    if first <= lo or float(words[first].start) - float(words[first - 1].end) > BROKEN_OFF:
        return False
    before = [t for t, _ in take_tokens(words[max(lo, first - 4) : first])]
    opening = [t for t, _ in take_tokens(words[first : first + 6])]
    for n in range(min(len(before), 4), 0, -1):
        tail = before[-n:]
        if n == 1 and len(tail[0]) < LONG_WORD:
            continue
        if any(opening[k : k + n] == tail for k in range(0, min(3, len(opening) - n + 1))):
            return True
    return False
