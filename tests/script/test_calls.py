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
