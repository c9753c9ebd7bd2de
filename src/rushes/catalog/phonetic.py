"""How words sound, for search that forgives a misheard word: Metaphone keys, as Avid's
PhraseFind matches by sound rather than spelling ("oxigen" finds "oxygen").

>>> sounds("the air lock")
['0', 'AR', 'LK']
"""

from __future__ import annotations

import re

import jellyfish


def tokens(text: str) -> list[str]:
    """Lower-case words of ``text`` in any script, punctuation dropped (an underscore too),
    inner apostrophes kept, ё read as е (Russian print mostly writes е for both), and a
    number said as a word written as digits ("ten", "десяти" and "10" are one token), so
    that what the recogniser wrote as digits matches the script's words and back."""
    text = text.lower().replace("ё", "е").replace("_", " ")
    found = (t.strip("'") for t in re.findall(r"[\w']+", text))
    return [DIGITS.get(t, t) for t in found if t]


def _numbers() -> dict[str, str]:
    english = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    ).split()
    out = {word: str(n) for n, word in enumerate(english)}
    out.update({w: str(n) for n, w in zip(range(30, 100, 10), "thirty forty fifty sixty seventy "
                                          "eighty ninety".split(), strict=True)})  # fmt: skip
    # Russian cardinals with their case forms ("десять", "десяти", "десятью")
    russian = [
        "ноль нуля нулю нулем", "один одна одно одного одной одному одним одну",
        "два две двух двум двумя", "три трех трем тремя", "четыре четырех четырем четырьмя",
        "пять пяти пятью", "шесть шести шестью", "семь семи семью", "восемь восьми восемью",
        "девять девяти девятью", "десять десяти десятью", "одиннадцать одиннадцати",
        "двенадцать двенадцати", "тринадцать тринадцати", "четырнадцать четырнадцати",
        "пятнадцать пятнадцати", "шестнадцать шестнадцати", "семнадцать семнадцати",
        "восемнадцать восемнадцати", "девятнадцать девятнадцати", "двадцать двадцати",
    ]  # fmt: skip
    for n, forms in enumerate(russian):
        out.update(dict.fromkeys(forms.split(), str(n)))
    tens = ["тридцать тридцати", "сорок сорока", "пятьдесят пятидесяти",
            "шестьдесят шестидесяти", "семьдесят семидесяти", "восемьдесят восьмидесяти",
            "девяносто девяноста"]  # fmt: skip
    for n, forms in zip(range(30, 100, 10), tens, strict=True):
        out.update(dict.fromkeys(forms.split(), str(n)))
    return out


DIGITS = _numbers()


# Cyrillic to Latin letters (close to how they sound), so that Metaphone keys them
_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                  ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n",
                   "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y",
                   "", "e", "iu", "ia"], strict=True))  # fmt: skip
_DEVOICED = str.maketrans("бвгдзж", "пфктсш")  # a voiced consonant at a word's end sounds voiceless


def latin(token: str, sound: bool = True) -> str:
    """A Cyrillic word in Latin letters; ``sound``: as it sounds (a final voiced consonant
    devoiced), else as it is spelt."""
    if not any("а" <= c <= "я" or c == "ё" for c in token):
        return token
    if sound and token:
        token = token[:-1] + token[-1].translate(_DEVOICED)
    return "".join(_LATIN.get(c, c) for c in token)


def key(token: str) -> str:
    """A sounds-alike key: Metaphone, of the Latin spelling for Cyrillic; unstressed о is
    said а in Russian, and Metaphone keeps only a first vowel, so "камандир" and
    "командир" key alike."""
    spelt = latin(token)
    return jellyfish.metaphone(spelt) or token.upper()


def sounds(text: str) -> list[str]:
    return [key(t) for t in tokens(text)]


def similarity(a: str, b: str) -> float:
    """1.0 for equal strings, falling with the edit distance relative to the longer one."""
    if not a and not b:
        return 1.0
    return 1.0 - jellyfish.levenshtein_distance(a, b) / max(len(a), len(b))
