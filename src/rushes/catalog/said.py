"""Where a query is said, with the words around it: ``rushes search`` and the review page's
search box read the same hits, so the page finds what the command finds.

>>> [s.clip.name for s in where_said(catalog, "oxygen tank")]
['A001C002.mov']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rushes.catalog.records import Clip, SearchHit, Word

if TYPE_CHECKING:
    from rushes.catalog import Catalog


@dataclass(frozen=True)
class Said:
    clip: Clip
    hit: SearchHit
    words: tuple[Word, ...]  # the words that matched
    context: tuple[Word, ...]  # those and the words either side


def where_said(catalog: Catalog, query: str, limit: int, context: int) -> list[Said]:
    """Exact phrase hits first, then sounds-like, each with ``context`` words either side;
    a hit whose clip or transcript is gone is left out."""
    out = []
    for hit in catalog.transcripts.search(query, limit):
        clip = catalog.clips.by_fingerprint(hit.fingerprint)
        transcript = catalog.transcripts.get(hit.fingerprint, hit.model)
        if clip is None or transcript is None:
            continue
        words = transcript.words
        out.append(Said(clip, hit, words[hit.first : hit.last + 1],
                        words[max(0, hit.first - context) : hit.last + 1 + context]))  # fmt: skip
    return out
