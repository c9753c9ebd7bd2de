"""Put each word where it is heard. Whisper's word times come from attention and make
words touch end to end; they drift by a few hundred milliseconds, most at the first word
after a pause (placed early) and at boundaries inside a line.

The fix reads the sound itself. A stretch of speech (from the VAD) is cut into islands of
sound separated by pauses of at least 40 ms. The first word of a stretch starts where its
sound rises above the room tone and the last ends where it falls back (the known failure:
a first word placed seconds early after a long silence, a last word stretched into it); the
first word of each new sentence moves to the pause nearest before it; any other boundary
moves into a pause within 120 ms, where there is one. Larger moves were tried (sharing the
islands out among the words by dynamic programming) and were worse: Whisper tiny's times
are not good enough to say which pause is which.
"""

from __future__ import annotations

import numpy as np

RATE = 16000
HOP = 160  # 10 ms
PAUSE = 4  # frames (40 ms): the shortest quiet that separates two words
REACH = 0.6  # seconds the first/last word of a stretch may move
RADIUS = 0.12  # seconds: how far a boundary inside a sentence may move to a pause


def envelope(audio: np.ndarray) -> np.ndarray:
    """Level in dB every 10 ms."""
    frames = len(audio) // HOP
    if frames == 0:
        return np.zeros(0)
    power = (audio[: frames * HOP].reshape(frames, HOP).astype(np.float64) ** 2).mean(axis=1)
    return 10 * np.log10(power + 1e-10)


def _threshold(level: np.ndarray, regions: list[tuple[float, float]]) -> float:
    """Room tone plus 12 dB, room tone being the level outside speech (or the quietest)."""
    inside = np.zeros(len(level), bool)
    for start, end in regions:
        inside[int(start * 100) : int(end * 100) + 1] = True
    quiet = level[~inside] if (~inside).sum() >= 20 else level
    floor = np.percentile(quiet, 50) if len(quiet) else -100.0
    loud = np.percentile(level[inside], 90) if inside.any() else floor + 30
    return min(floor + 12, (floor + loud) / 2)


def islands(loud: np.ndarray, lo: int, hi: int) -> list[tuple[float, float]]:
    """(start, end) seconds of sound between ``lo`` and ``hi`` (frames), split at pauses."""
    on = np.flatnonzero(loud[lo:hi])
    if not len(on):
        return []
    out = []
    start = prev = on[0]
    for f in on[1:]:
        if f - prev > PAUSE:
            out.append(((lo + start) / 100, (lo + prev + 1) / 100))
            start = f
        prev = f
    out.append(((lo + start) / 100, (lo + prev + 1) / 100))
    return out


def refine(words: list, audio: np.ndarray, regions: list[tuple[float, float]]) -> list:
    """Adjust ``words`` (objects with mutable ``start``/``end`` in seconds) in place."""
    level = envelope(audio)
    if not words or len(level) == 0:
        return words
    loud = level > _threshold(level, regions)
    n = len(level)

    def frame(t: float) -> int:
        return min(max(int(round(t * 100)), 0), n - 1)

    groups: list[list] = []
    for word in words:
        region = _region_of(word, regions)
        if groups and groups[-1][0] == region:
            groups[-1][1].append(word)
        else:
            groups.append([region, [word]])
    for region, run in groups:
        lo = frame(max(run[0].start - REACH, region[0] if region else 0))
        hi = frame(min(run[-1].end + REACH, region[1] if region else n / 100)) + 1
        found = islands(loud, lo, hi)
        if found:
            run[0].start = min(max(found[0][0], run[0].start - REACH), run[0].end - 0.05)
            run[-1].end = max(min(found[-1][1], run[-1].end + REACH), run[-1].start + 0.05)
            gaps = [(a[1], b[0]) for a, b in zip(found, found[1:], strict=False)]
            for a, b in zip(run, run[1:], strict=False):
                if getattr(a, "segment", 0) != getattr(b, "segment", 0):
                    # a new sentence: Whisper places its first word worst; take the pause
                    # before it, nearest to where Whisper put it
                    near = [
                        g
                        for g in gaps
                        if b.start - REACH <= g[1] <= b.start + 0.15 and g[0] > a.start + 0.04
                    ]
                    if near:
                        a.end, b.start = min(near, key=lambda g: abs(g[1] - b.start))
                        continue
                near = [
                    g
                    for g in gaps
                    if abs((g[0] + g[1]) / 2 - (a.end + b.start) / 2) <= RADIUS
                    and g[0] > a.start + 0.04
                    and g[1] < b.end - 0.04
                ]
                if near:
                    g = min(near, key=lambda g: abs((g[0] + g[1]) / 2 - (a.end + b.start) / 2))
                    a.end, b.start = g
    for word in words:
        word.end = max(word.end, word.start + 0.01)
    return words


def _region_of(word, regions: list[tuple[float, float]]):
    middle = (word.start + word.end) / 2
    best = None
    for region in regions:
        if region[0] <= middle <= region[1]:
            return region
        distance = min(abs(middle - region[0]), abs(middle - region[1]))
        if best is None or distance < best[0]:
            best = (distance, region)
    return best[1] if best and best[0] < 1.0 else None
