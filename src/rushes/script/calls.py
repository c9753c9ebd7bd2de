"""What is said on set around the performance: spoken slates ("scene three, take two",
"pickup") and the director's calls ("action", "cut", "again", "keep that one"). They name
a take and mark where the performance starts and ends; "cut ... again" splits one clip
into several takes.

>>> parts = performances(words)   # [(first word, stop word, slate, kept), ...]
>>> heard = heard_calls(words, script_lines)  # the same, the call words, calls to go again
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rushes.catalog.phonetic import DIGITS, tokens

# Cardinals are the tokenizer's (``DIGITS``: "three", "три", "десяти"); ordinals, which a
# Russian slate also says ("дубль первый"), are read here
ORDINALS = {w: str(n) for n, forms in enumerate([
    "", "первый первая", "второй вторая", "третий третья", "четвертый четвертая",
    "пятый пятая", "шестой шестая", "седьмой седьмая", "восьмой восьмая", "девятый девятая",
    "десятый десятая",
], 0) for w in forms.split()}  # fmt: skip
# The calls on a Russian set, as the English ones they are: "мотор", "камера" come before
# "начали" (action); "стоп", "снято" end a take; "сцена ... дубль ..." is the slate
CALLS = {"начали": "action", "стоп": "cut", "снято": "cut", "сцена": "scene",
         "дубль": "take", "оставляем": "keep that"}  # fmt: skip
SLATE = re.compile(r"\bscene (\w+)(?: (\w))? take (\w+)\b")
# "keep that one", "print it"; Whisper hears "keep at one" too
KEEP = re.compile(r"\b(keep|print) (that|at|it|this)\b")


@dataclass(frozen=True)
class Performance:
    first: int  # index of its first word in the clip's words
    stop: int  # one past its last word
    slate: str | None  # "scene 3 take 2", "pickup"
    kept: bool  # the director said to keep it


BOUNDS = {"action", "cut"}  # the calls that start and end a performance


def call_in(text: str) -> str | None:
    """ "action" or "cut" when ``text`` (a word as heard) is that call in a language rushes
    knows; no performance runs across it."""
    return next((CALLS.get(t, t) for t in tokens(text) if CALLS.get(t, t) in BOUNDS), None)


def is_call(text: str) -> bool:
    return call_in(text) is not None


# A director's call to go again, besides "cut" (which the recogniser may miss: "Go again
# from the top"): speech runs up to it, never over it
AGAIN = re.compile(r"\b((and )?cut )?(again )?(from (the )?top|back to (the )?(top|1)|"
                   r"(let'?s )?go(ing)? again|1 more time|once more|reset|с начала|ещ[её] раз|"
                   r"заново)\b")  # fmt: skip
# (matched against the tokenizer's words: "one" is "1", "ещё" is "еще", "стоп" is "cut"); the
# "cut" said with it is part of it ("and cut, one more time": never a line's "cut")


SILENCED = ""  # a call's word made silent (``edit.takes.without_calls``): still a call


def ends_speech(words, k: int) -> bool:
    """Word ``k`` is a call ("action", "cut") or part of a call to go again, heard or made
    silent."""
    if words[k].text == SILENCED or is_call(words[k].text):
        return True
    lo = max(0, k - 3)
    return any(k - lo in found for found in calls_to_go_again(words[lo : k + 4]))


def calls_to_go_again(words, lines: Sequence[str] = ()) -> list[list[int]]:
    """The indices of the words of each call to go again heard in ``words`` ("from the
    top", "back to one"), leaving out the phrases one of the script's ``lines`` says."""
    return _again(*_said(words), lines)


def _again(said: list[str], owner: list[int], lines: Sequence[str]) -> list[list[int]]:
    """``calls_to_go_again`` from the words' tokens (``_said``)."""
    written = " " + " ".join(" ".join(tokens(line)) for line in lines) + " "
    starts, at = [], 0
    for token in said:
        starts.append(at)
        at += len(token) + 1
    out = []
    for found in AGAIN.finditer(" ".join(said)):
        inside = [owner[i] for i, start in enumerate(starts)
                  if found.start() <= start < found.end()]  # fmt: skip
        if f" {found.group(0)} " not in written:
            out.append(sorted(set(inside)))
    return out


def _number(word: str) -> str:
    return ORDINALS.get(word) or DIGITS.get(word, word)


def _said(words) -> tuple[list[str], list[int]]:
    """Tokens and, for each, the index of the word it came from."""
    out, owner = [], []
    for i, w in enumerate(words):
        for t in tokens(w.text):
            for said in CALLS.get(t, t).split():
                out.append(said)
                owner.append(i)
    return out, owner


@dataclass(frozen=True)
class Heard:
    """The calls heard in a clip's words, found in one pass."""

    parts: list[Performance]  # between "action" and "cut" (``performances``)
    bounds: set[int]  # words holding "action" or "cut" as a call, not as dialogue
    again: list[list[int]]  # each call to go again: its words, none the script says


def heard_calls(words, lines: Sequence[str] = ()) -> Heard:
    """The performances, the words that call "action" or "cut", and the calls to go again
    in ``words``, reading the words once; a call said within one of the script's
    ``lines`` ("We will have to cut the power", "from the top") is dialogue."""
    said, owner = _said(words)
    spoken = dialogue(said, lines)
    bounds = {owner[i] for i, t in enumerate(said) if t in BOUNDS and i not in spoken}
    return Heard(_performances(said, owner, spoken, len(words)), bounds,
                 _again(said, owner, lines))  # fmt: skip


def performances(words, lines: Sequence[str] = ()) -> list[Performance]:
    """The clip's performances between "action" and "cut" (or the whole clip when no call
    is heard), each with its slate and whether it was kept. A call word said within the
    words of one of the script's ``lines`` ("We will have to cut the power") is dialogue."""
    said, owner = _said(words)
    return _performances(said, owner, dialogue(said, lines), len(words))


def _performances(said: list[str], owner: list[int], spoken: set[int],
                  count: int) -> list[Performance]:  # fmt: skip
    """``performances`` of ``count`` words, from their tokens (``_said``) and the call
    tokens that are dialogue (``dialogue``)."""
    text = " ".join(said)
    starts = [i for i, t in enumerate(said) if t == "action" and i not in spoken]
    cuts = [i for i, t in enumerate(said) if t == "cut" and i not in spoken]
    if not starts and not cuts:
        return [Performance(0, count, _slate(text), _kept(text))]
    bounds = []
    begin = 0
    for start in starts or [-1]:
        if start >= 0 and start < begin:
            continue
        first = start + 1 if start >= 0 else begin
        ends = [c for c in cuts if c > first]
        stop = ends[0] if ends else len(said)
        bounds.append((begin, first, stop))
        begin = stop + 1
    out = []
    for n, (lead_in, first, stop) in enumerate(bounds):
        next_action = bounds[n + 1][1] - 1 if n + 1 < len(bounds) else len(said)
        before = " ".join(said[lead_in:first])  # the slate is said before "action"
        tail = " ".join(said[stop:next_action])  # "keep that one" comes after "cut"
        if first >= stop:
            continue
        out.append(Performance(owner[first], owner[stop - 1] + 1, _slate(before), _kept(tail)))
    return out or [Performance(0, count, _slate(text), _kept(text))]


GRAM = 3  # words in a row of a line that make a call word inside them dialogue


def dialogue(said: list[str], lines: Sequence[str]) -> set[int]:
    """Indices of the call tokens in ``said`` (``_said``'s tokens) that are words of one
    of ``lines``: said with the words around them as the line has them."""
    grams = set()
    for line in lines:
        written = [c for t in tokens(line) for c in CALLS.get(t, t).split()]
        grams |= {tuple(written[k : k + GRAM]) for k in range(len(written) - GRAM + 1)}
    calls = [i for i, t in enumerate(said) if t in BOUNDS]
    return {i for i in calls
            if any(tuple(said[k : k + GRAM]) in grams for k in range(i - GRAM + 1, i + 1)
                   if k >= 0)}  # fmt: skip


def slate_said(words) -> str | None:
    """The slate said in ``words``, "scene 3 take 2" or "pickup", or None."""
    return _slate(" ".join(_said(words)[0]))


def _slate(text: str) -> str | None:
    text = re.sub(r"\b(\w+)(?: \1\b)+", r"\1", text)  # "scene, scene one": said twice
    found = SLATE.search(text)
    if found:
        scene = _number(found.group(1)) + (found.group(2) or "").upper()
        return f"scene {scene} take {_number(found.group(3))}"
    return "pickup" if re.search(r"\bpick ?up\b", text) else None


def _kept(text: str) -> bool:
    return bool(KEEP.search(text))
