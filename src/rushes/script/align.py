"""Which lines of the script a take speaks, and where: anchors first, then the gaps.

Both sides become word tokens. Anchors are word triples said once in the take and
written once in the script; the longest chain of them in the same order pins the
alignment, so a line repeated elsewhere in the script cannot pull words away. Between
anchors, an edit-distance alignment matches words that are spelt alike or sound alike
(Metaphone), so a misheard word still counts. Each line then gets the share of its words
that were said (coverage), the share of the words said over it that belong to it
(accuracy), and the time it starts and ends in the take.

>>> matches = align(play.lines, words)
>>> [(m.line, round(m.coverage, 2)) for m in matches]
[(1, 1.0), (2, 0.83)]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from rushes.catalog.phonetic import key, tokens

GRAM = 3


@dataclass(frozen=True)
class LineMatch:
    line: int  # the script line's number
    coverage: float  # share of the line's words heard
    accuracy: float  # share of the words heard over the line's span that are the line's
    start: float  # seconds in the take
    end: float
    first_word: int  # index in the take's words
    last_word: int


def script_tokens(lines) -> list[tuple[str, int]]:
    """Every word token of ``lines`` with its line's number."""
    return [(t, line.number) for line in lines for t in tokens(line.text)]


def take_tokens(words) -> list[tuple[str, int]]:
    """Every word token said, with the index of the word it came from."""
    return [(t, i) for i, w in enumerate(words) for t in tokens(w.text)]


def _anchors(said: list[str], written: list[str]) -> list[tuple[int, int]]:
    """Monotone pairs (take index, script index) of word triples unique on both sides."""

    def unique(seq):
        seen: dict[tuple, list[int]] = {}
        for i in range(len(seq) - GRAM + 1):
            seen.setdefault(tuple(seq[i : i + GRAM]), []).append(i)
        return {g: p[0] for g, p in seen.items() if len(p) == 1}

    a, b = unique(said), unique(written)
    pairs = sorted((a[g], b[g]) for g in a.keys() & b.keys())
    # longest chain increasing in both (patience sorting on the script index)
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        back[k] = tail_at[pos - 1] if pos else -1
    chain, k = [], tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    out = []
    for i, j in reversed(chain):
        out += [(i + d, j + d) for d in range(GRAM)]
    return sorted(set(out))


def sounds_alike(x: str, y: str) -> bool:
    """Spelt or sounding (Metaphone) the same: a misheard word still counts."""
    return x == y or key(x) == key(y)


FIRST = 1000  # a pair matched outweighs any number of edits: the most words matched first


def _gap(said: list[str], written: list[str], i0: int, j0: int) -> list[tuple[int, int]]:
    """The most words matched in a gap (then the fewest edits, so they stay in step);
    returns the matched pairs (absolute indices). Fewest edits alone traded a misheard
    take's few right words for substitutions ("серьёзная проблема" left unmatched)."""
    n, m = len(said), len(written)
    if not n or not m:
        return []
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            change = -FIRST if sounds_alike(said[i - 1], written[j - 1]) else 1
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + change)
    pairs, i, j = [], n, m
    while i and j:
        if sounds_alike(said[i - 1], written[j - 1]) and cost[i][j] == cost[i - 1][j - 1] - FIRST:
            pairs.append((i0 + i - 1, j0 + j - 1))
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + 1:
            i -= 1
        elif cost[i][j] == cost[i][j - 1] + 1:
            j -= 1
        else:
            i, j = i - 1, j - 1
    return pairs


def align(lines, words) -> list[LineMatch]:
    """Lines of the script (``number``, ``text``) against a take's words (``text``,
    ``start``, ``end``); only the lines with at least one word heard are returned."""
    script = script_tokens(lines)
    take = take_tokens(words)
    said, written = [t for t, _ in take], [t for t, _ in script]
    anchors = _anchors(said, written)
    pairs = list(anchors)
    previous = (-1, -1)
    for i, j in [*anchors, (len(said), len(written))]:
        if i - previous[0] > 1 and j - previous[1] > 1 or not anchors:
            lo_i, lo_j = previous[0] + 1, previous[1] + 1
            pairs += _gap(said[lo_i:i], written[lo_j:j], lo_i, lo_j)
        previous = (i, j)
        if not anchors:
            break
    by_line: dict[int, list[tuple[int, int]]] = {}
    for i, j in sorted(set(pairs)):
        by_line.setdefault(script[j][1], []).append((i, j))
    size = {}
    for _, number in script:
        size[number] = size.get(number, 0) + 1
    out = []
    for number, matched in sorted(by_line.items()):
        first, last = matched[0][0], matched[-1][0]
        heard = last - first + 1
        w0, w1 = take[first][1], take[last][1]
        out.append(LineMatch(number, len(matched) / size[number], len(matched) / heard,
                             float(words[w0].start), float(words[w1].end), w0, w1))  # fmt: skip
    return out
