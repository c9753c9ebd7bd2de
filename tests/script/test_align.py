"""Takes aligned to the script by anchors then gaps: the right lines of the right scene,
their times, coverage and accuracy, even when a line is repeated elsewhere in the script."""

from __future__ import annotations

from fractions import Fraction

from rushes.catalog import Word
from rushes.script import align, parse

SCRIPT = """INT. MODULE - NIGHT

ANNA
We have maybe ten minutes.

BORIS
Then we stop talking and work.

INT. AIRLOCK - NIGHT

ANNA
I love you.

BORIS
The seal is cracked and the pressure is falling fast.

ANNA
Get the wrench from the blue locker.

BORIS
I love you.
"""


def said(text: str, start: float = 0.0) -> list[Word]:
    """Words spoken one every 0.4 s from ``start``."""
    out = []
    for n, token in enumerate(text.split()):
        t = Fraction(start) + Fraction(2, 5) * n
        out.append(Word(t, t + Fraction(3, 10), token))
    return out


def test_a_take_matches_its_scene_lines_with_times():
    play = parse(SCRIPT)
    take = said("I love you. The seal is cracked and the pressure is falling fast. "
                "Get the wrench from the blue locker.", start=2.0)  # fmt: skip
    matches = {m.line: m for m in align(play.lines, take)}
    assert set(matches) >= {3, 4, 5}
    assert all(matches[n].coverage == 1.0 for n in (4, 5))
    assert matches[4].start == 2.0 + 0.4 * 3 and abs(matches[5].end - (2.0 + 0.4 * 19 + 0.3)) < 1e-9
    assert 6 not in matches  # the same words later in the scene: the order decides
    assert {play.lines[n - 1].scene for n in (3, 4, 5)} == {1}
    assert 1 not in matches and 2 not in matches  # nothing of the first scene


def test_misheard_and_missing_words_lower_coverage_not_the_match():
    play = parse(SCRIPT)
    take = said("the seal is craked and pressure is falling fast")  # "craked", "the" missing
    (match,) = [m for m in align(play.lines, take) if m.line == 4]
    assert 0.8 < match.coverage < 1.0 and match.accuracy > 0.8


def test_a_paraphrase_gives_a_low_accuracy():
    play = parse(SCRIPT)
    take = said("then let us stop the chatter and get to work")
    (match,) = [m for m in align(play.lines, take) if m.line == 2]
    assert match.coverage < 0.8 and match.accuracy < 0.7


def test_a_badly_heard_take_keeps_its_few_right_words_in_their_line():
    """Fewest edits alone paired a misheard take's words with any line, one for one, and
    lost the two it heard right ("серьёзная проблема") to that."""
    play = parse("ИНТ. МОДУЛЬ - НОЧЬ\n\nАННА\nКуда ты положил кислородный баллон?\n\nБОРИС\n"
                 "Я оставил его у шлюза сегодня утром.\n\nИНТ. ШЛЮЗ - НОЧЬ\n\nАННА\n"
                 "Тогда у нас серьёзная проблема.\n\nБОРИС\nВозьми гаечный ключ из синего "
                 "шкафа.\n")  # fmt: skip
    take = said("Да да, а серьёзная проблема. Вы не видите ли к нюкти с синей ваш кафе?")
    matches = {m.line: m for m in align(play.lines, take)}
    assert matches[3].coverage == 0.4 and (matches[3].first_word, matches[3].last_word) == (3, 4)
