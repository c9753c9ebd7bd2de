"""Speech: speed as a multiple of real time and word error rate on dialogue synthesised
with eSpeak NG from known text, against faster-whisper run directly on the same audio.

Builds (in memory) speech-dense dialogue: 40 lines back to back with 0.6 s between them,
then 20 s of room tone before each of a few lines. In one run measures:
  - rushes speech: the ``speech`` analyzer's work on a clip's 16 kHz sound (Silero VAD,
    batched Whisper tiny.en, word times refined, loops dropped);
  - faster-whisper direct: ``WhisperModel.transcribe`` with its own VAD, beam 5, word times;
and prints real-time multiples, word error rate, and how far heard words are from where
they were placed (share within 0.3 s, median, worst).

    .venv/bin/python bench/speech.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from rushes.analysis.speech.analyzer import SpeechOfClip  # noqa: E402
from rushes.analysis.speech.whisper import choose  # noqa: E402
from rushes.catalog.phonetic import tokens  # noqa: E402
from rushes.media import AudioChunk  # noqa: E402

from speechgen import RATE, WORD_GAP, aligned, dialogue, spoken, words_of  # noqa: E402

SCRIPT = [
    "The station was quiet when the alarm started",
    "She looked at the panel and saw the pressure falling",
    "We have maybe ten minutes before the module is lost",
    "Get the suit and meet me at the hatch",
    "I told you the seal was cracked last week",
    "Nobody listened and now we pay for it",
    "Stop arguing and help me with the valve",
    "It is stuck I cannot turn it",
    "Use the wrench from the blue locker",
    "Pressure is holding for now",
]


SCRIPT_RU = [
    "На станции было тихо когда началась тревога",
    "Она посмотрела на панель и увидела что давление падает",
    "У нас может быть десять минут пока модуль цел",
    "Возьми скафандр и жди меня у люка",
    "Я говорила тебе что уплотнитель треснул на прошлой неделе",
    "Никто не слушал и теперь мы за это платим",
    "Хватит спорить и помоги мне с клапаном",
    "Он застрял я не могу его повернуть",
    "Возьми ключ из синего шкафа",
    "Давление пока держится",
]
VOICES = {"en": "en-us", "ru": "ru"}


def build(rounds: int = 4, language: str = "en") -> tuple[np.ndarray, list]:
    script, voice = (SCRIPT_RU if language == "ru" else SCRIPT), VOICES[language]
    lines, t = [], 1.0
    for n in range(rounds):
        for i, line in enumerate(script):
            if i == 0 and n:
                t += 20.0  # room tone, then speech: where tools place the first word early
            lines.append((t, line))
            t += sum(len(spoken(w.lower(), voice)) / RATE + WORD_GAP
                     for w in words_of(line)) + 0.6  # fmt: skip
    sound, truth = dialogue(lines, t + 1.0, voice=voice)
    return sound[0], truth


def wer(heard: list[str], said: list[str]) -> float:
    """Word error rate: word-level edit distance over the number of words said."""
    row = list(range(len(said) + 1))
    for i, h in enumerate(heard, 1):
        prev, row[0] = row[0], i
        for j, s in enumerate(said, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (h != s))
    return row[-1] / max(1, len(said))


def timing(words: list[tuple[float, float, str]], truth) -> tuple[float, float, float]:
    heard = [" ".join(tokens(t)) for _, _, t in words]
    placed = [" ".join(tokens(w.text)) for w in truth]
    errors = []
    for a, b in aligned(heard, placed):
        (start, end, _), w = words[a], truth[b]
        errors.append(max(abs(start - w.start), abs(end - w.end)))
    within = sum(e <= 0.3 for e in errors) / max(1, len(errors))
    return within, statistics.median(errors), max(errors)


OPTIONS: dict = {}  # the speech settings under test (--language, --multilingual)


def run_rushes(audio: np.ndarray) -> list[tuple[float, float, str]]:
    import json
    import tempfile

    session = SpeechOfClip(OPTIONS)
    session.take(None, AudioChunk(0, audio[None, :]))
    with tempfile.TemporaryDirectory() as folder:
        session.finish(Path(folder))
        rows = json.loads((Path(folder) / "words.json").read_text())
    return [(r["start_ms"] / 1000, r["end_ms"] / 1000, r["text"]) for r in rows]


def run_direct(audio: np.ndarray) -> list[tuple[float, float, str]]:

    language = OPTIONS.get("language", "en")
    choice = choose(OPTIONS.get("model"), "cpu", language, load=True)
    model = _direct_model(choice.path)
    segments, _ = model.transcribe(audio, language=language, vad_filter=True,
                                   word_timestamps=True, beam_size=5)  # fmt: skip
    return [(w.start, w.end, w.word) for s in segments for w in s.words]


_MODELS: dict = {}


def _direct_model(path: str):
    from faster_whisper import WhisperModel

    if path not in _MODELS:
        _MODELS[path] = WhisperModel(path, device="cpu", compute_type="int8")
    return _MODELS[path]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--language", choices=sorted(VOICES), default="en")
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help="English through the multilingual Whisper base, not tiny.en",
    )
    args = parser.parse_args()
    OPTIONS["language"] = args.language
    if args.multilingual:
        from rushes.analysis.speech import multilingual

        OPTIONS["model"] = str(multilingual.model_folder())
    audio, truth = build(language=args.language)
    print(f"model: {choose(OPTIONS.get('model'), 'cpu', args.language).transcript_name}")
    seconds = len(audio) / RATE
    print(
        f"dialogue: {seconds:.1f} s, {len(truth)} words, {len(SCRIPT) * 4} lines, {args.language}"
    )
    run_rushes(audio[: RATE * 5])  # load both models before timing
    run_direct(audio[: RATE * 5])
    rows = []
    for name, fn in (("rushes speech", run_rushes), ("faster-whisper direct", run_direct)):
        best, words = None, []
        for _ in range(args.repeat):
            started = time.perf_counter()
            words = fn(audio)
            took = time.perf_counter() - started
            best = took if best is None else min(best, took)
        heard = [t for _, _, text in words for t in tokens(text)]
        said = [t for w in truth for t in tokens(w.text)]
        within, median, worst = timing(words, truth)
        rows.append((name, best, seconds / best, wer(heard, said), within, median, worst))
    print(f"{'':24}{'seconds':>9}{'x real time':>13}{'WER':>8}{'<=0.3s':>8}"
          f"{'median':>8}{'worst':>8}")  # fmt: skip
    for name, took, speed, error, within, median, worst in rows:
        print(f"{name:24}{took:9.2f}{speed:13.1f}{error:8.3f}{within:8.2f}"
              f"{median:8.2f}{worst:8.2f}")  # fmt: skip
    print(f"speed ratio rushes / direct: {rows[1][1] / rows[0][1]:.2f}x")


if __name__ == "__main__":
    main()
