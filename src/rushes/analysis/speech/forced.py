"""How well a text fits a stretch of sound, in the recogniser's own judgement: the mean
log-probability of the text's tokens when Whisper is made to say them (teacher forcing,
CTranslate2's ``align``). A line heard as other words can be asked again: if the script's
words fit the sound about as well as what the recogniser chose, they were said, misheard;
a paraphrase or another line does not fit.

>>> fit(audio, ["The coffee machine is the only thing that works here?",
...             "The coffee machine if they'll lift him up to work scare."], choice, "en")
[Fit(mean=-1.03, unlikely=0.09), Fit(mean=-1.32, unlikely=0.08)]
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.analysis.speech.whisper import ModelChoice, choose, loaded

RATE = 16000
WINDOW = 30 * RATE  # Whisper hears 30 s at a time


@dataclass(frozen=True)
class Fit:
    mean: float  # mean log-probability of the text's tokens
    unlikely: float  # share of its tokens the sound makes near impossible


UNLIKELY = -4.0  # log-probability under which a token was not said (p < 2 %)


def fit(audio: np.ndarray, texts: list[str | list[str]], choice: ModelChoice,
        language: str | None, threads: int = 2) -> list[Fit | list[Fit]]:  # fmt: skip
    """How well each text fits ``audio`` (16 kHz mono, at most 30 s); a text with no
    tokens fits nothing. A text given as a list of parts (the lines of a scene) is said
    whole, once, and answered part by part."""
    model = loaded(choice, threads).model  # first: it pins the arithmetic
    from faster_whisper.tokenizer import Tokenizer

    tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe",
                          language="en" if choice.english_only else (language or "en"))  # fmt: skip
    features = model.feature_extractor(np.ascontiguousarray(audio[:WINDOW], np.float32))
    frames = features.shape[-1]
    features = np.pad(features, ((0, 0), (0, max(0, 3000 - frames))))[:, :3000]
    encoded = model.encode(features)
    prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
    out: list[Fit | list[Fit]] = []
    for text in texts:
        parts = [tokenizer.encode(" " + part.strip()) for part in
                 (text if isinstance(text, list) else [text])]  # fmt: skip
        tokens = [t for part in parts for t in part]
        odds = np.empty(0)  # no tokens: fits nothing
        if tokens:
            (aligned,) = model.model.align(encoded, prompt, [tokens], frames)
            odds = np.log(np.maximum(np.asarray(aligned.text_token_probs, np.float64), 1e-9))
        if not isinstance(text, list):
            out.append(_fit(odds))
            continue
        edges = np.cumsum([0, *(len(part) for part in parts)])
        out.append([_fit(odds[a:b]) for a, b in zip(edges, edges[1:], strict=False)])
    return out


def _fit(odds: np.ndarray) -> Fit:
    if not len(odds):
        return Fit(float("-inf"), 1.0)
    return Fit(float(odds.mean()), float((odds < UNLIKELY).mean()))


PAD = 0.15  # seconds of sound each side of the words asked about


class Asker:
    """The recogniser the ``[speech]`` settings name, loaded on first use, asked how well
    texts fit a stretch of a clip's sound, or what it hears there; None (or nothing) when
    the clip cannot be read. Answers are kept per clip in ``cache`` (a folder), so the
    review page, planning the cut again, asks nothing ``rushes cut`` already asked; with
    ``compute`` False it only reads them (and answers None where nothing was kept)."""

    def __init__(self, speech: dict, cache: Path | None = None, compute: bool = True,
                 heard_in: str | None = None):  # fmt: skip
        self.speech = speech
        self.cache = cache
        self.compute = compute
        self.heard_in = heard_in  # the language a clip's transcript was heard in
        self.choice: ModelChoice | None = None
        self.kept: dict[str, dict] = {}
        named = choose(speech.get("model"), "cpu", speech.get("language", "en"))
        self.model = named.transcript_name  # what the answers are kept under

    def speaking(self, language: str | None) -> Asker:
        """The same recogniser, for a clip heard in ``language`` (``auto`` settings)."""
        other = Asker(self.speech, self.cache, self.compute, language)
        other.choice, other.kept = self.choice, self.kept
        return other

    def second_opinion(self) -> Asker | None:
        """The multilingual base model, for hearing a stretch again where the project's
        model is another (tiny.en) and base is installed; else None. Heard on its own, base
        writes the restart that tiny.en (and base itself, made to say the line) smooths
        away: "Give me the, give me the wrench" (seed 19021)."""
        from rushes.analysis.speech import multilingual

        named = choose(self.speech.get("model"), "cpu", self.speech.get("language", "en"))
        if named.name == multilingual.NAME or not multilingual.installed():
            return None
        speech = {**self.speech, "model": multilingual.NAME,
                  "language": self.heard_in or self.speech.get("language") or "en"}  # fmt: skip
        if speech["language"] == "auto":
            speech["language"] = "en"
        other = Asker(speech, self.cache, self.compute, self.heard_in)
        other.kept = self.kept  # one file of answers per clip; the model is in each key
        return other

    def __call__(self, clip, start: float, end: float,
                 texts: list[str | list[str]]) -> list[Fit | list[Fit]] | None:  # fmt: skip
        from rushes.analysis.speech.analyzer import Speech

        if end <= start:  # no sound to ask about
            return None

        def asked():
            audio = self._sound(clip.path, start, end)
            if audio is None:
                return None
            fits = fit(audio, texts, self.choice, self._language(), Speech.resources.threads)
            return [[[p.mean, p.unlikely] for p in f] if isinstance(f, list)
                    else [f.mean, f.unlikely] for f in fits]  # fmt: skip

        answer = self._kept(clip, ["fit", start, end, texts], asked)
        if answer is None:
            return None
        return [[Fit(*p) for p in f] if isinstance(text, list) else Fit(*f)
                for text, f in zip(texts, answer, strict=True)]  # fmt: skip

    def hear(self, clip, start: float, end: float) -> list[tuple[float, float, str]]:
        """The words heard between ``start`` and ``end`` of the clip, on their own (Whisper
        now and then skips a line in a longer piece): ``(start, end, text)`` each."""

        def heard():
            return self._heard(clip.path, start, end)

        return [tuple(w) for w in self._kept(clip, ["hear", start, end], heard) or []]

    def _heard(self, path, start: float, end: float) -> list | None:
        from rushes.analysis.speech.analyzer import Speech
        from rushes.analysis.speech.repeats import is_no_speech, looped
        from rushes.analysis.speech.whisper import transcribe_alone

        audio = self._sound(path, start, end)
        if audio is None:
            return None
        begin = max(0.0, start - PAD)
        heard = transcribe_alone(audio, 0.0, len(audio) / RATE, self.choice,
                                 self._language(), Speech.resources.threads)  # fmt: skip
        kept = [s for s in heard if not is_no_speech(s) and not looped(s)]
        return [[begin + w.start, begin + w.end, w.text.strip()]
                for s in kept for w in s.words if w.text.strip()]  # fmt: skip

    def _kept(self, clip, question: list, work):
        """The answer kept for ``question`` about ``clip``, else ``work()``'s, kept."""
        key = json.dumps([self.model, self._language(), *question],
                         ensure_ascii=False, default=float)  # fmt: skip
        answers = self.kept.get(clip.fingerprint)
        path = self.cache / f"{clip.fingerprint}.json" if self.cache else None
        if answers is None:
            answers = {}
            if path is not None and path.is_file():
                try:
                    answers = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):  # a damaged file: asked again
                    answers = {}
            self.kept[clip.fingerprint] = answers
        if key in answers:
            return answers[key]
        if not self.compute:
            return None
        answer = work()
        if answer is not None:
            answers[key] = answer
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
                partial.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
                os.replace(partial, path)
        return answer

    def _language(self) -> str | None:
        setting = self.speech.get("language", "en")
        return self.heard_in if setting == "auto" else setting

    def _sound(self, path, start: float, end: float) -> np.ndarray | None:
        from rushes.media import AudioRequest, audio_span

        if self.choice is None:
            self.choice = choose(self.speech.get("model"), self.speech.get("device", "auto"),
                                 self.speech.get("language", "en"), load=True)  # fmt: skip
        begin = Fraction(max(0.0, start - PAD)).limit_denominator(RATE)
        try:
            return audio_span(path, AudioRequest(RATE, "mono", "flt"), begin,
                              Fraction(end + PAD).limit_denominator(RATE))[0]  # fmt: skip
        except OSError:  # the media are offline: what was heard stands
            return None
