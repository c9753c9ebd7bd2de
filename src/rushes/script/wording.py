"""How closely a performance says a scene's lines: every line's share of words said, with
partial credit for a word heard nearly right (the recogniser's "ox gin" for "oxygen"), and
the longest run of words said that belong to no line (an ad-lib, not a misheard word; a
"the" in it that the alignment paired with the script, two words unpaired each side, does
not break it).

One monotone alignment of the scene's words against the performance's, so a line is only
credited with words heard in its place, never with a "the" from three lines later.

>>> said, run, span = wording(scene.lines, words)
>>> said[4], run, span
(0.92, 0, (3, 27))
"""

from __future__ import annotations

import jellyfish

from rushes.catalog.phonetic import key
from rushes.script.align import script_tokens, take_tokens

CLOSE = 0.5  # a heard word at least this alike gets that much credit
SURE = 0.6  # ...and at least this alike to mark where the performance starts or ends
SKIP_HEARD, SKIP_WRITTEN, WRONG = 0.2, 0.1, 0.2


def alike(a: str, b: str) -> float:
    """How alike a heard token is to a written one, 0 to 1: by spelling, or by sound
    (a little less)."""
    if a == b:
        return 1.0
    spelt = 1 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))
    ka, kb = key(a), key(b)
    sound = 1 - jellyfish.levenshtein_distance(ka, kb) / max(len(ka), len(kb), 1)
    return max(spelt, 0.9 * sound)


def wording(lines, words) -> tuple[dict[int, float], int, tuple[int, int] | None]:
    """(line number -> share of its words said, longest run of words said that are no
    line's, counted inside the performance only, and the first and last of ``words``
    surely said as the script's, or None)."""
    tagged = take_tokens(words)
    heard, owner = [t for t, _ in tagged], [k for _, k in tagged]
    written = script_tokens(lines)
    size: dict[int, int] = {}
    for _, number in written:
        size[number] = size.get(number, 0) + 1
    n, m = len(heard), len(written)
    if not n or not m:
        return {number: 0.0 for number in size}, 0, None
    credit = [[alike(h, w) for w, _ in written] for h in heard]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1 pair, 2 heard only, 3 written only
    for j in range(1, m + 1):
        score[0][j], move[0][j] = score[0][j - 1] - SKIP_WRITTEN, 3
    for i in range(1, n + 1):
        score[i][0], move[i][0] = 0.0, 2  # talk before the first line costs nothing
        for j in range(1, m + 1):
            c = credit[i - 1][j - 1]
            options = (
                (score[i - 1][j - 1] + (c if c >= CLOSE else -WRONG), 1),
                (score[i - 1][j] - (SKIP_HEARD if j < m else 0.0), 2),  # free after the end
                (score[i][j - 1] - SKIP_WRITTEN, 3),
            )
            score[i][j], move[i][j] = max(options)
    said = {number: 0.0 for number in size}
    paired_heard = [False] * n
    sure: list[int] = []
    i, j = n, m
    while i > 0 and j > 0:
        step = move[i][j]
        if step == 1:
            c = credit[i - 1][j - 1]
            if c >= CLOSE:
                said[written[j - 1][1]] += c
                paired_heard[i - 1] = True
                if c >= SURE:
                    sure.append(owner[i - 1])
            i, j = i - 1, j - 1
        elif step == 2:
            i -= 1
        else:
            j -= 1
    inside = [k for k, p in enumerate(paired_heard) if p]
    run = longest = 0
    if inside:
        for k in range(inside[0], inside[-1] + 1):
            lone = 1 < k < n - 2 and not any(paired_heard[k - 2 : k] + paired_heard[k + 1 : k + 3])
            run = 0 if paired_heard[k] and not lone else run + 1
            longest = max(longest, run)
    span = (min(sure), max(sure)) if sure else None
    return {number: round(said[number] / size[number], 3) for number in size}, longest, span
