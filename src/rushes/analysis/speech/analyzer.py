"""The ``speech`` analyzer: 16 kHz mono from the one-pass decoder, VAD, Whisper, word times
refined on the sound, hallucinations dropped; ``words.json`` in the cache and the words in
the catalog (FTS-indexed) for search, subtitles and script alignment.

Whisper, given a long piece, now and then skips a stretch of it (a slate, "action" and the
first line gone), or spreads the next line's words over it. Speech the VAD found where no
word, or far fewer words than the clip's pace, came out is transcribed again region by
region (with the region after it), and the second hearing replaces the first where it
heard more: a second pass that costs only what the first one doubted. A phrase heard twice
in a row is heard again on its own from the end of its first saying to the next word
(``repeats.echoes``): Whisper writes a sentence again over a quiet call after it."""

from __future__ import annotations

import json
from difflib import SequenceMatcher
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from rushes.analysis.base import Analyzer, ClipAnalysis, Resources
from rushes.analysis.registry import register
from rushes.analysis.speech.repeats import drop_repeats, echoes, is_no_speech, looped, stuck
from rushes.analysis.speech.timing import refine
from rushes.analysis.speech.vad import RATE, chunks, speech_regions
from rushes.analysis.speech.whisper import BUNDLED, choose, transcribe, transcribe_alone
from rushes.catalog.phonetic import tokens
from rushes.catalog.records import Clip, Word
from rushes.media import AudioChunk, AudioRequest

PAD = 0.2  # seconds of sound around each piece of speech given to Whisper
GIB = 1 << 30
USUAL_PACE = 2.4  # words a second of continuous speech, give or take


@register
class Speech(Analyzer):
    """Every spoken word with its time. Options: ``model`` (bundled "tiny.en" or "base", or a
    CTranslate2 Whisper folder; empty: tiny.en for English), ``device`` (auto, cpu, cuda),
    ``language``, ``batch_size``, ``beam_size``, ``threads``."""

    name = "speech"
    version = 5  # 4: NumPy's BLAS on one thread (results no longer depend on the machine);
    # 5: a phrase heard twice in a row heard again on its own
    resources = Resources(cpus=2.0, gpus=0.5, memory=GIB)

    @property
    def variant(self) -> str | None:
        """What changes the words heard besides the version: another model, a language
        named, another compute type (float16 on a GPU); None for the defaults."""
        choice = self.choice()
        parts = [None if choice.name == BUNDLED else choice.name, choice.language,
                 None if choice.compute_type == "int8" else choice.compute_type]  # fmt: skip
        named = [p for p in parts if p]
        return "-".join(named) if named else None

    def choice(self, load: bool = False):
        return choose(self.options.get("model"), self.options.get("device", "auto"),
                      self.options.get("language", "en"), load)  # fmt: skip

    def applies_to(self, clip: Clip) -> bool:
        return bool(clip.probe.audio)

    def start(self, clip: Clip) -> ClipAnalysis:
        return SpeechOfClip(self.options)

    def record(self, catalog, clip: Clip, folder: Path, summary: dict[str, Any]) -> None:
        words = [
            Word(Fraction(w["start_ms"], 1000), Fraction(w["end_ms"], 1000), w["text"],
                 w["probability"], w["segment"])
            for w in json.loads((folder / "words.json").read_text())
        ]  # fmt: skip
        catalog.transcripts.replace(clip.fingerprint, summary["model"], summary["language"], words)


class SpeechOfClip(ClipAnalysis):
    requests = (AudioRequest(RATE, "mono", "flt"),)

    def __init__(self, options: dict[str, Any]):
        self.options = options
        self.pieces: list[np.ndarray] = []

    def take(self, request, item: AudioChunk) -> None:
        self.pieces.append(item.samples[0])

    def finish(self, folder: Path) -> dict[str, Any]:
        audio = np.concatenate(self.pieces) if self.pieces else np.zeros(0, np.float32)
        choice = Speech(self.options).choice(load=True)
        regions = speech_regions(audio)
        seconds = len(audio) / RATE
        pieces = [(max(0.0, s - PAD), min(seconds, e + PAD)) for s, e in chunks(regions)]
        settings = (
            int(self.options.get("batch_size", 8)), int(self.options.get("beam_size", 5)),
            int(self.options.get("threads", 0)) or Speech.resources.threads,
        )  # fmt: skip
        setting = self.options.get("language", "en") or "en"
        language, sure, segments = transcribe(audio, pieces, choice,
                                              None if setting == "auto" else setting,
                                              *settings)  # fmt: skip
        heard = [s for s in segments if not is_no_speech(s)]
        heard, loops = self._unlooped(heard, audio, choice, language, settings)
        echoed = _unechoed(heard, audio, choice, language, settings)
        missed = doubtful(regions, [w for s in heard for w in s.words])
        if missed:
            again = [(max(0.0, s - PAD), min(seconds, e + PAD)) for s, e in missed]
            _, _, more = transcribe(audio, again, choice, language, *settings)
            segments += more
            heard = _better(heard, [s for s in more if not is_no_speech(s)], again)
        words = _in_order(heard)
        words, repeats = drop_repeats(words)
        refine(words, audio, regions)
        rows = [
            {"start_ms": round(w.start * 1000), "end_ms": round(w.end * 1000),
             "text": _clean(w.text), "probability": round(float(w.probability), 3),
             "segment": w.segment}
            for w in words if _clean(w.text)
        ]  # fmt: skip
        (folder / "words.json").write_text(json.dumps(rows))
        text = " ".join(r["text"] for r in rows)
        return {
            "heard_again": len(missed),
            "model": choice.transcript_name,
            "device": choice.device,
            "language": language,
            "language_probability": round(sure, 3),  # below 1 when detected (``auto``)
            "words": len(rows),
            "speech_seconds": round(sum(e - s for s, e in regions), 2),
            "dropped_repeats": repeats,
            "dropped_loops": loops,
            "echoes_heard_again": echoed,
            "dropped_segments": sum(map(is_no_speech, segments)),
            "text": text[:200],
        }

    @staticmethod
    def _unlooped(heard, audio, choice, language, settings) -> tuple[list, int]:
        """The segments with every looping one decoded again on its own (then with repeats
        penalised); what still loops is dropped and counted."""
        kept, dropped = [], 0
        for segment in heard:
            if not looped(segment):
                kept.append(segment)
                continue
            again = transcribe_alone(audio, segment.start, segment.end, choice, language,
                                     settings[2], RATE, settings[1])  # fmt: skip
            good = [s for s in again if not looped(s) and not is_no_speech(s)]
            dropped += len(good) == 0
            kept += good
        return kept, dropped


ECHO_AFTER = 2.0  # seconds after an echo's last word its sound may still run (made-up words
# are stacked on a moment)
SAID_AGAIN = 0.5  # share of the phrase the piece heard on its own says again: a real repeat


def _unechoed(heard, audio, choice, language, settings) -> int:
    """Each phrase heard twice in a row (``repeats.echoes``) heard again on its own, from
    the end of its first saying to the next word heard (at most ``ECHO_AFTER`` after the
    echo); where that hearing does not say the phrase again, its words replace the second
    saying in the segment. Returns how many were replaced."""
    replaced = 0
    for segment in heard:
        for first, length in reversed(echoes(segment.words)):
            again = segment.words[first + length : first + 2 * length]
            begin = segment.words[first + length - 1].end
            later = [w.start for s in heard for w in s.words
                     if w.start >= again[-1].end and not any(w is a for a in again)]  # fmt: skip
            end = min([*later, again[-1].end + ECHO_AFTER, len(audio) / RATE])
            if end - begin < 0.1:
                continue
            alone = [w for s in transcribe_alone(audio, begin, end, choice, language,
                                                 settings[2], RATE, settings[1])
                     if not looped(s) and not is_no_speech(s) for w in s.words]  # fmt: skip
            phrase = [t for w in again for t in tokens(w.text)]
            heard_alone = [t for w in alone for t in tokens(w.text)]
            matcher = SequenceMatcher(None, phrase, heard_alone, autojunk=False)
            common = sum(b.size for b in matcher.get_matching_blocks())
            if common >= SAID_AGAIN * len(phrase):
                continue
            segment.words[first + length : first + 2 * length] = alone
            replaced += 1
    return replaced


def _clean(text: str) -> str:
    """A word as stored: no replacement characters (a byte Whisper could not decode), and
    nothing of a letter held on (a loop inside a word)."""
    word = text.replace("\ufffd", "").strip()
    return "" if stuck(word) else word


def doubtful(regions: list[tuple[float, float]], words, shortest: float = 0.3):
    """Speech regions (the VAD's) to hear again: those at least ``shortest`` long where no
    word was heard, or a second or longer with under half the words a second of the clip's
    pace or of speech's usual 2.4 (Whisper spread a later line over them: then the clip's own
    pace is low too), each with the region after it."""
    middles = np.sort([(w.start + w.end) / 2 for w in words]) if words else np.zeros(0)
    voiced = sum(e - s for s, e in regions)
    pace = max(len(words) / voiced if voiced else 0.0, USUAL_PACE)
    out: list[tuple[float, float]] = []
    for k, (start, end) in enumerate(regions):
        if end - start < shortest:
            continue
        heard = int(np.searchsorted(middles, end) - np.searchsorted(middles, start))
        if heard == 0 or (end - start >= 1.0 and heard < 0.5 * pace * (end - start)):
            for region in regions[k : k + 1 if heard == 0 else k + 2]:
                if region not in out:
                    out.append(region)
    return out


def _better(first, second, pieces: list[tuple[float, float]]):
    """The first hearing, with each piece heard again replaced by its second hearing where
    that one heard more words."""

    def inside(word, spans) -> bool:
        return any(start <= (word.start + word.end) / 2 <= end for start, end in spans)

    def count(segments, span) -> int:
        return sum(inside(w, [span]) for s in segments for w in s.words)

    keep_first = [span for span in pieces if count(second, span) <= count(first, span)]
    kept = []
    for segment in first:
        segment.words = [w for w in segment.words
                         if not inside(w, pieces) or inside(w, keep_first)]  # fmt: skip
        if segment.words:
            kept.append(segment)
    for segment in second:
        segment.words = [w for w in segment.words if not inside(w, keep_first)]
        if segment.words:
            kept.append(segment)
    return sorted(kept, key=lambda s: s.start)


def _in_order(segments) -> list:
    """Every word in time order (a piece heard again may fall inside a segment that skipped
    it), numbered by segment so that each segment's words stay together."""
    tagged = sorted(((w, n) for n, s in enumerate(segments) for w in s.words),
                    key=lambda pair: pair[0].start)  # fmt: skip
    words, number, previous = [], -1, None
    for word, segment in tagged:
        if segment != previous:
            number, previous = number + 1, segment
        word.segment = number
        words.append(word)
    return words
