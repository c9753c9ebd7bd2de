"""Slates and the director's calls split a clip into performances and name them."""

from __future__ import annotations

from fractions import Fraction

from rushes.catalog import Word
from rushes.script.calls import performances


def said(text: str) -> list[Word]:
    return [Word(Fraction(i, 2), Fraction(i, 2) + Fraction(1, 4), t)
            for i, t in enumerate(text.split())]  # fmt: skip


def test_cut_again_splits_and_the_slates_name_each_performance():
    words = said("Scene 2, take 1. Action! Then we have, we have a problem. Cut! Again. "
                 "Scene two take two. Action. Then we have a serious problem. Cut. "
                 "Keep that one.")  # fmt: skip
    first, second = performances(words)
    assert " ".join(w.text for w in words[first.first : first.stop]).startswith("Then")
    assert (first.slate, first.kept) == ("scene 2 take 1", False)
    assert (second.slate, second.kept) == ("scene 2 take 2", True)
    assert words[second.stop - 1].text == "problem."


def test_no_calls_is_one_performance_and_a_pickup_is_named():
    words = said("pickup from the wrench line get the wrench from the blue locker")
    (only,) = performances(words)
    assert (only.first, only.stop, only.slate) == (0, len(words), "pickup")


def test_a_slate_said_with_a_word_twice_is_still_read():
    from rushes.script.calls import _slate

    assert _slate("scene scene one take two") == "scene 1 take 2"
    assert _slate("scene three a take four") == "scene 3A take 4"


def test_a_call_to_go_again_ends_speech_even_when_cut_is_misheard():
    """ "Cut, again from the top" heard as "Go again from the top": the line's speech does
    not run on into it, and its "the" is never taken for the line's last word, unless the
    script itself says those words."""
    from rushes.edit.takes import take_of, utterance, without_calls
    from rushes.script import parse
    from rushes.script.calls import ends_speech

    words = said("until we find the leak. Go again from the top. Action.")
    assert [ends_speech(words, k) for k in range(len(words))] == [False] * 5 + [True] * 6
    assert utterance(words, 0, 0) == (0, 4)
    silenced = without_calls(words, parse("INT. LAB - NIGHT\n\nLEV\nWe find the leak.\n"))
    assert [w.text for w in silenced][4:10] == ["leak.", "", "", "", "", ""]
    assert utterance(silenced, 0, 0) == (0, 4)  # made silent, the call still ends speech
    # seed 11025: "Cut again from the top" heard as "Cut against from top": the line after
    # it is not heard as beginning with the call (it was too long to be asked about)
    heard = said("Cut against from top. No. Boba and it all needed a supply sheet")
    assert [ends_speech(heard, k) for k in range(4)] == [True, False, True, True]
    assert utterance(heard, 5, 5) == (4, 12)
    for call in ("One more time, please.", "Back to one.", "Back to the top."):
        assert any(ends_speech(said(call), k) for k in range(len(said(call)))), call
    # stopped early, "and cut, one more time": its "cut" is the call's, not the line's
    lab = parse("INT. LAB - NIGHT\n\nLEV\nWe will have to cut the power to the lab.\n")
    stopped = without_calls(said("We will have and cut, one more time."), lab)
    assert [w.text for w in stopped] == ["We", "will", "have", "", "", "", "", ""]
    russian = said("Ещё раз, с начала. Мотор")
    assert [ends_speech(russian, k) for k in range(len(russian))] == [True] * 4 + [False]
    play = parse("INT. LAB - NIGHT\n\nLEV\nNobody sleeps until we find the leak.\n")
    heard = said("Nobody sleeps until we find. Go again from the top.")
    take = take_of(None, heard, play, [], None)
    assert heard[take.lines[-1].last_word].text == "find."
    again = parse("INT. LAB - NIGHT\n\nLEV\nWe go again from the top.\n")
    assert [w.text for w in without_calls(said("We go again from the top."), again)] == [
        "We", "go", "again", "from", "the", "top."]  # fmt: skip


def test_a_call_word_in_the_scripts_dialogue_is_not_a_call():
    """ "We will have to cut the power to the lab": the performance runs on to the
    director's "Cut." (it ended at the line's "cut" and lost the next line)."""
    words = said("Scene 3 take 1. Action. We will have to cut the power to the lab. Give me "
                 "the wrench. Cut.")  # fmt: skip
    lines = ["We will have to cut the power to the lab!", "Give me the wrench and hold the torch"]
    (only,) = performances(words, lines)
    assert words[only.stop - 1].text == "wrench."
    (cut_short,) = performances(words)  # without the script, "cut" is a call
    assert words[cut_short.stop - 1].text == "to"
