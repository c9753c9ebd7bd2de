"""The Fountain parser on the syntax guide's kinds of element (fountain.io/syntax)."""

from __future__ import annotations

from rushes.catalog.phonetic import tokens
from rushes.script.fountain import parse

GUIDE = """Title: BRICK & STEEL
    FULL RETIRED
Credit: Written by
Author: Stu Maschwitz
Draft date: 1/20/2012

EXT. BRICK'S PATIO - DAY #1#

A gorgeous day.  But BRICK BRADDOCK, retired police detective, is sitting quietly.

The SCREEN DOOR slides open and DICK STEEL emerges with two cold beers.

STEEL
Beer's ready!

BRICK
Are they cold?

STEEL
Does a bear crap in the woods?

[[This is a note that must not reach the lines.]]

/* A boneyard:
INT. CUT SCENE - NIGHT

GHOST
Nobody hears me.
*/

CUT TO:

.SNIPER SCOPE POV #1A#

From what seems like only INCHES AWAY.  _Steel's face FILLS the *Leupold Mark 4* scope_.

STEEL (V.O.)
(quietly)
The man's a machine.

BRICK ^
Screw retirement.

STEEL ^
Screw retirement.

@McCLANE
Yippee ki-yay!

!SCANNING THE AISLES...

> THE END <

int. garage - night

HANS (O.S.)
Ho. Ho. Ho.
(beat)
Now I have a machine gun.

> SMASH CUT TO:
"""


def test_title_page_scenes_and_numbers():
    play = parse(GUIDE)
    assert play.title["title"] == "BRICK & STEEL\nFULL RETIRED"
    assert play.title["author"] == "Stu Maschwitz"
    assert [s.heading for s in play.scenes] == [
        "EXT. BRICK'S PATIO - DAY", "SNIPER SCOPE POV", "INT. GARAGE - NIGHT",
    ]  # fmt: skip
    assert [s.label for s in play.scenes] == ["1", "1A", "3"]


def test_lines_with_characters_extensions_parentheticals_dual():
    play = parse(GUIDE)
    first = play.scenes[0].lines
    assert [(ln.character, ln.text) for ln in first] == [
        ("STEEL", "Beer's ready!"), ("BRICK", "Are they cold?"),
        ("STEEL", "Does a bear crap in the woods?"),
    ]  # fmt: skip
    pov = play.scenes[1].lines
    assert (pov[0].extension, pov[0].parentheticals) == ("(V.O.)", ["(quietly)"])
    assert [ln.dual for ln in pov[:3]] == [False, True, True]
    assert pov[3].character == "McCLANE"  # forced with @
    hans = play.scenes[2].lines[0]
    assert hans.text == "Ho. Ho. Ho. Now I have a machine gun."
    assert hans.parentheticals == ["(beat)"]
    assert [ln.number for ln in play.lines] == list(range(1, 9))


def test_notes_boneyard_transitions_and_action_stay_out_of_the_lines():
    play = parse(GUIDE)
    said = " ".join(ln.text for ln in play.lines)
    assert "note" not in said and "Nobody hears me" not in said and "GHOST" not in said
    assert "CUT TO:" not in " ".join(play.scenes[0].action)
    assert "SCANNING THE AISLES..." in play.scenes[1].action
    assert "THE END" in play.scenes[1].action


def test_a_script_without_headings_is_one_scene():
    play = parse("ANNA\nHello.\n\nBORIS\nHi.\n")
    assert len(play.scenes) == 1 and [ln.character for ln in play.lines] == ["ANNA", "BORIS"]


def test_emphasis_is_markup_not_words():
    play = parse("INT. HALL - DAY\n\nANNA\nI told you _not_ to **wait** up, *Boris*.\n\n"
                 "BORIS\n2 * 3 is six, my_file \\*stays\\*.\n")  # fmt: skip
    assert [ln.text for ln in play.lines] == [
        "I told you not to wait up, Boris.", "2 * 3 is six, my_file *stays*.",
    ]  # fmt: skip
    assert tokens("_not_ my_file") == ["not", "my", "file"]


def test_action_before_the_first_heading_is_no_scene_and_numbers_nothing():
    play = parse("Title: Hall\n\nFADE IN:\n\nINT. HALL - DAY\n\nANNA\nHello.\n\n"
                 "EXT. ROOF - NIGHT\n\nBORIS\nHi.\n")  # fmt: skip
    assert [s.label for s in play.scenes] == ["1", "2"]
    assert [(ln.scene, ln.character) for ln in play.lines] == [(0, "ANNA"), (1, "BORIS")]
    cold_open = parse("ANNA\nHello.\n\nINT. HALL - DAY\n\nBORIS\nHi.\n")
    assert [s.heading for s in cold_open.scenes] == ["", "INT. HALL - DAY"]
