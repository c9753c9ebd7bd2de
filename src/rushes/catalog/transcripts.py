"""Transcripts: every word with its time, per clip and per model, and search over them.

Words are stored with millisecond times (exact fractions of a second); segments (Whisper's
sentences) go into an FTS5 index twice, as text and as sound keys. A search is an exact
phrase match on the text first, then a sounds-like match that forgives misheard and
misspelt words; both point at the first and last matched word.

>>> catalog.transcripts.replace(fingerprint, "tiny.en", "en", words)
>>> [hit.match for hit in catalog.transcripts.search("keep that one")]
['exact']
"""

from __future__ import annotations

from fractions import Fraction

from rushes.catalog.database import Database, now
from rushes.catalog.phonetic import key, similarity, sounds, tokens
from rushes.catalog.records import SearchHit, Transcript, Word

SOUNDS_LIKE_THRESHOLD = 0.75


def _ms(value: Fraction) -> int:
    return round(Fraction(value) * 1000)


class TranscriptStore:
    def __init__(self, db: Database):
        self.db = db

    def replace(self, fingerprint: str, model: str, language: str | None,
                words: list[Word]) -> None:  # fmt: skip
        """Store the transcript of one clip by one model, replacing that model's last one."""
        with self.db.transaction():
            self.db.execute("DELETE FROM transcripts WHERE fingerprint = ? AND model = ?",
                            (fingerprint, model))  # fmt: skip
            self.db.execute("DELETE FROM segment_text WHERE fingerprint = ? AND model = ?",
                            (fingerprint, model))  # fmt: skip
            self.db.execute("INSERT INTO transcripts VALUES (?, ?, ?, ?)",
                            (fingerprint, model, language, now()))  # fmt: skip
            self.db.executemany(
                "INSERT INTO words VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fingerprint, model, i, _ms(w.start), _ms(w.end), w.text, w.probability,
                  w.segment, w.speaker) for i, w in enumerate(words)],
            )  # fmt: skip
            segments: dict[int, list[int]] = {}
            for i, w in enumerate(words):
                segments.setdefault(w.segment, []).append(i)
            for indexes in segments.values():
                text = " ".join(words[i].text.strip() for i in indexes)
                self.db.execute(
                    "INSERT INTO segment_text VALUES (?, ?, ?, ?, ?, ?)",
                    (text, " ".join(sounds(text)), fingerprint, model, indexes[0], indexes[-1]),
                )

    def models(self, fingerprint: str) -> list[str]:
        rows = self.db.execute(
            "SELECT model FROM transcripts WHERE fingerprint = ? ORDER BY created_at",
            (fingerprint,),
        )
        return [r["model"] for r in rows]

    def get(self, fingerprint: str, model: str) -> Transcript | None:
        row = self.db.execute(
            "SELECT language FROM transcripts WHERE fingerprint = ? AND model = ?",
            (fingerprint, model),
        ).fetchone()
        if row is None:
            return None
        rows = self.db.execute(
            "SELECT * FROM words WHERE fingerprint = ? AND model = ? ORDER BY idx",
            (fingerprint, model),
        )
        words = tuple(
            Word(Fraction(r["start_ms"], 1000), Fraction(r["end_ms"], 1000), r["text"],
                 r["probability"], r["segment"], r["speaker"])
            for r in rows
        )  # fmt: skip
        return Transcript(fingerprint, model, row["language"], words)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Exact phrase hits first (best FTS rank first), then sounds-like hits by score."""
        wanted = tokens(query)
        if not wanted:
            return []
        hits = self._exact(wanted)
        seen = {(h.fingerprint, h.model, h.first) for h in hits}
        for hit in self._sounds_like(wanted):
            if (hit.fingerprint, hit.model, hit.first) not in seen:
                seen.add((hit.fingerprint, hit.model, hit.first))
                hits.append(hit)
        return hits[:limit]

    def _candidates(self, column: str, match: str):
        return self.db.execute(
            "SELECT s.fingerprint, s.model, s.first_word, s.last_word FROM segment_text s "
            "JOIN transcripts t ON t.fingerprint = s.fingerprint AND t.model = s.model "
            "WHERE segment_text MATCH ? ORDER BY rank LIMIT 500",
            (f"{column} : ({match})",),
        ).fetchall()

    def _segment_words(self, row) -> list[tuple[int, str]]:
        rows = self.db.execute(
            "SELECT idx, text FROM words WHERE fingerprint = ? AND model = ? "
            "AND idx BETWEEN ? AND ? ORDER BY idx",
            (row["fingerprint"], row["model"], row["first_word"], row["last_word"]),
        )
        return [(r["idx"], t) for r in rows for t in tokens(r["text"])]

    def _exact(self, wanted: list[str]) -> list[SearchHit]:
        phrase = '"' + " ".join(wanted) + '"'
        hits = []
        for row in self._candidates("text", phrase):
            said = self._segment_words(row)
            for start in range(len(said) - len(wanted) + 1):
                if [t for _, t in said[start : start + len(wanted)]] == wanted:
                    last = said[start + len(wanted) - 1][0]
                    hits.append(SearchHit(row["fingerprint"], row["model"], said[start][0], last,
                                          "exact", 1.0))  # fmt: skip
        return hits

    def _sounds_like(self, wanted: list[str]) -> list[SearchHit]:
        target = "".join(key(t) for t in wanted)
        text = "".join(wanted)
        keys = " OR ".join(f'"{k}"' for k in dict.fromkeys(key(t) for t in wanted))
        hits = []
        for row in self._candidates("sounds", keys):
            said = self._segment_words(row)
            best = None
            for size in range(max(1, len(wanted) - 1), len(wanted) + 2):
                for start in range(0, len(said) - size + 1):
                    window = said[start : start + size]
                    score = max(
                        similarity(target, "".join(key(t) for _, t in window)),
                        similarity(text, "".join(t for _, t in window)),
                    )
                    if best is None or score > best[0]:
                        best = (score, window[0][0], window[-1][0])
            if best and best[0] >= SOUNDS_LIKE_THRESHOLD:
                hits.append(SearchHit(row["fingerprint"], row["model"], best[1], best[2],
                                      "sounds-like", round(0.5 + 0.4 * best[0], 3)))  # fmt: skip
        return sorted(hits, key=lambda h: -h.score)
