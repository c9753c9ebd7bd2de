"""How words sound, for search that forgives a misheard word: Metaphone keys, as Avid's
PhraseFind matches by sound rather than spelling ("oxigen" finds "oxygen").

>>> sounds("the air lock")
['0', 'AR', 'LK']
"""

from __future__ import annotations

import re

import jellyfish


def tokens(text: str) -> list[str]:
    """Lower-case words of ``text``, punctuation dropped, inner apostrophes kept."""
    return [t.strip("'") for t in re.findall(r"[\w']+", text.lower()) if t.strip("'")]


def key(token: str) -> str:
    return jellyfish.metaphone(token) or token.upper()


def sounds(text: str) -> list[str]:
    return [key(t) for t in tokens(text)]


def similarity(a: str, b: str) -> float:
    """1.0 for equal strings, falling with the edit distance relative to the longer one."""
    if not a and not b:
        return 1.0
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))
