"""Read a Fountain screenplay into scenes and their lines of dialogue.

Written here (not screenplain or jouvence): we need scenes, scene numbers and each speech
with its character, extension, parentheticals and dual-dialogue flag, not a page layout,
and the rules fit in one small module. Follows fountain.io's syntax: title page, scene
headings (INT/EXT/EST/I/E, or forced with ``.``) with ``#number#``, action (forced ``!``),
characters (all capitals, or forced ``@``) with extensions, parentheticals, dialogue,
dual dialogue (``^``), transitions (``TO:`` or forced ``>``), centred text, notes
``[[ ]]``, boneyard ``/* */``, sections ``#``, synopses ``=``, page breaks ``===``, lyrics ``~``.

>>> play = parse(Path("script.fountain").read_text())
>>> [line.character for line in play.scenes[0].lines]
['BRICK', 'STEEL']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# INT/EXT as Fountain has them, and the Russian ИНТ./НАТ. (интерьер, натура)
HEADING = re.compile(r"^(INT|EXT|EST|INT\.?/EXT|I/E|ИНТ|НАТ|ИНТ\.?/НАТ|НАТ\.?/ИНТ)[.\s]",
                     re.IGNORECASE)  # fmt: skip
SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#\s*$")
# a name with a capital and no lower case, then extensions like (V.O.), then ^ for dual
CHARACTER = re.compile(r"^([^()]*?)\s*(\([^)]*\)\s*)*\^?$")  # a name, extensions, dual
TITLE_KEY = re.compile(r"^([^\W\d_][\w ]*):\s*(.*)$")  # any script: "Название: ..."
# *italic*, **bold**, ***both***, _underline_: markup around words, not words
EMPHASIS = re.compile(r"(?<![\\\w])(\*{1,3}|_)(?=\S)(.+?)(?<=[^\s\\])\1(?!\w)")


@dataclass
class Line:
    """One speech: what a character says, as the script writes it."""

    number: int  # in the whole script, from 1
    scene: int  # index of its scene
    character: str
    text: str
    extension: str | None = None  # (V.O.), (O.S.), (CONT'D)
    parentheticals: list[str] = field(default_factory=list)
    dual: bool = False


@dataclass
class Scene:
    index: int
    heading: str
    number: str | None  # the script's own scene number (#12A#), if written
    lines: list[Line] = field(default_factory=list)
    action: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.number or str(self.index + 1)


@dataclass
class Screenplay:
    title: dict[str, str]
    scenes: list[Scene]

    @property
    def lines(self) -> list[Line]:
        return [line for scene in self.scenes for line in scene.lines]


def _strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)  # boneyard
    return re.sub(r"\[\[.*?\]\]", "", text, flags=re.DOTALL)  # notes


def _plain(text: str) -> str:
    """Dialogue without Fountain's emphasis markup: the words an actor says, to match
    against what was heard and to force the recogniser with (``_not_`` is "not")."""
    while (unmarked := EMPHASIS.sub(r"\2", text)) != text:
        text = unmarked
    return re.sub(r"\\([*_])", r"\1", text)


def _title_page(lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or not TITLE_KEY.match(lines[0]):
        return {}, 0
    title: dict[str, str] = {}
    key = None
    for i, raw in enumerate(lines):
        if not raw.strip():
            return title, i + 1
        match = TITLE_KEY.match(raw)
        if match and not raw.startswith((" ", "\t")):
            key = match.group(1).strip().lower()
            title[key] = match.group(2).strip()
        elif key:
            title[key] = (title[key] + "\n" + raw.strip()).strip()
    return title, len(lines)


def _is_character(line: str, next_line: str | None) -> bool:
    if next_line is None or not next_line.strip():
        return False
    if line.startswith("@"):
        return True
    if line.startswith(("!", ".", ">", "#", "=", "~")) or HEADING.match(line):
        return False
    found = CHARACTER.match(line.strip())
    name = found.group(1) if found else ""
    # capitals in any script: ANNA, ХИРУРГ, ÉLODIE
    upper = any(c.isalpha() for c in name) and name == name.upper()
    return upper and not line.strip().endswith(("TO:", "В:"))


def parse(text: str) -> Screenplay:
    rows = _strip_comments(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    title, start = _title_page(rows)
    scenes: list[Scene] = []
    count = 0

    def scene() -> Scene:
        if not scenes:  # dialogue before any heading: a scene of its own
            scenes.append(Scene(0, "", None))
        return scenes[-1]

    i = start
    while i < len(rows):
        raw = rows[i].rstrip()
        line = raw.strip()
        before_blank = i == start or not rows[i - 1].strip()
        next_line = rows[i + 1].rstrip() if i + 1 < len(rows) else None
        if not line or line.startswith(("#", "=")) or re.fullmatch(r"={3,}", line):
            i += 1
            continue
        if before_blank and (HEADING.match(line) or (line.startswith(".")
                                                     and not line.startswith(".."))):  # fmt: skip
            heading = line[1:] if line.startswith(".") else line
            number = SCENE_NUMBER.search(heading)
            heading = SCENE_NUMBER.sub("", heading).strip()
            scenes.append(Scene(len(scenes), heading.upper() if not line.startswith(".")
                                else heading, number.group(1) if number else None))  # fmt: skip
            i += 1
            continue
        if before_blank and _is_character(line, next_line):
            name = line.lstrip("@")
            dual = name.endswith("^")
            name = name.rstrip("^").strip()
            match = re.match(r"^(.*?)\s*(\(.*\))?$", name)
            character, extension = match.group(1).strip(), match.group(2)
            count += 1
            speech = Line(count, scene().index, character, "", extension, [], dual)
            said = []
            i += 1
            while i < len(rows) and rows[i].strip():
                part = rows[i].strip()
                if part.startswith("(") and part.endswith(")"):
                    speech.parentheticals.append(part)
                else:
                    said.append(part.lstrip("~"))
                i += 1
            speech.text = _plain(" ".join(said))
            scene().lines.append(speech)
            continue
        if line.startswith(">") and not line.endswith("<"):
            i += 1  # a forced transition
            continue
        if line.isupper() and line.endswith("TO:") and before_blank:
            i += 1  # a transition
            continue
        text = line.lstrip("!")
        if line.startswith(">") and line.endswith("<"):
            text = line[1:-1].strip()  # centred
        scene().action.append(text)
        i += 1
    return Screenplay(title, _without_empty_prologue(scenes))


def _without_empty_prologue(scenes: list[Scene]) -> list[Scene]:
    """Action before the first heading ("FADE IN:") is no scene of its own: kept, it would
    number the first real scene 2."""
    if not scenes or scenes[0].heading or scenes[0].lines:
        return scenes
    rest = scenes[1:]
    for scene in rest:
        scene.index -= 1
        for line in scene.lines:
            line.scene = scene.index
    return rest
