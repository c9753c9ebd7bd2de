"""A generated shoot whose truth is known: a Fountain script, and for every scene one
flawless take and takes that each carry one defect (missing line, wrong words, clipped
audio, out of focus, underexposed, false start). Picture from a detailed moving texture,
dialogue from eSpeak NG.

>>> script, takes = shoot(folder)
>>> takes["A001C002.mov"]
('1', 'missing line')
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

from mediagen import make_video
from qcgen import base_frames, blur
from speechgen import dialogue

SCRIPT = """Title: Oxygen
Author: rushes tests

INT. MODULE - NIGHT #1#

ANNA
Where did you put the oxygen tank?

BORIS
I left it by the airlock this morning.

INT. AIRLOCK - NIGHT #2#

ANNA
Then we have a serious problem.

BORIS
Get the wrench from the blue locker.
"""

LINES = {
    "1": ["Where did you put the oxygen tank", "I left it by the airlock this morning"],
    "2": ["Then we have a serious problem", "Get the wrench from the blue locker"],
}

SCRIPT_RU = """Название: Кислород
Автор: тесты rushes

ИНТ. МОДУЛЬ - НОЧЬ #1#

АННА
Куда ты положил кислородный баллон?

БОРИС
Я оставил его у шлюза сегодня утром.

ИНТ. ШЛЮЗ - НОЧЬ #2#

АННА
Тогда у нас серьёзная проблема.

БОРИС
Возьми гаечный ключ из синего шкафа.
"""

# Two Russian scenes, numbered by nothing but their order (for tests of lines and scenes
# heard as other words)
TWO_SCENES_RU = """ИНТ. ШЛЮЗ - НОЧЬ

АННА
Тогда у нас серьёзная проблема.

БОРИС
Возьми гаечный ключ из синего шкафа.

НАТ. ОБШИВКА СТАНЦИИ - ДЕНЬ

АННА
Панель болтается на северной стороне.

БОРИС
Держись, я выхожу тебе помочь.
"""

LINES_RU = {
    "1": ["Куда ты положил кислородный баллон", "Я оставил его у шлюза сегодня утром"],
    "2": ["Тогда у нас серьёзная проблема", "Возьми гаечный ключ из синего шкафа"],
}
WRONG = {"en": "I put it somewhere near the kitchen I think",
         "ru": "Я положил его где-то возле кухни кажется"}  # fmt: skip
VOICE = {"en": "en-us", "ru": "ru"}
TAKES = [  # clip name, scene, defect (None: the flawless take)
    ("A001C001", "1", "missing line"), ("A001C002", "1", None),
    ("A001C003", "1", "wrong words"), ("A001C004", "1", "clipped audio"),
    ("A002C001", "2", "out of focus"), ("A002C002", "2", "underexposed"),
    ("A002C003", "2", "false start"), ("A002C004", "2", None),
]  # fmt: skip


def _performance(scene: str, defect: str | None, language: str = "en") -> tuple[np.ndarray, float]:
    lines = list((LINES_RU if language == "ru" else LINES)[scene])
    if defect == "missing line":
        lines = lines[:1]
    if defect == "wrong words":
        lines[1] = WRONG[language]
    if defect == "false start":
        lines = [" ".join(lines[0].split()[:3])] + lines
    at, placed = 1.0, []
    for line in lines:
        placed.append((at, line))
        at += 0.45 * len(line.split()) + 1.0
    seconds = at + 1.0
    sound, _ = dialogue(placed, seconds, noise=0.002, voice=VOICE[language])
    sound48 = resample_poly(sound[0], 3, 1).astype(np.float32)
    if defect == "clipped audio":
        sound48 = np.clip(sound48 * 6, -1.0, 1.0)
    return np.repeat(sound48[None, :], 2, axis=0), seconds


def _setup(frame: np.ndarray, scene: int) -> np.ndarray:
    """The fine texture under a scene's own large shapes (what a camera position frames)."""
    height, width = frame.shape[:2]
    y, x = np.mgrid[0:height, 0:width]
    big = 127 + 90 * np.sin(x / width * (2 + scene) * np.pi + scene) * np.cos(y / height * np.pi)
    return np.clip(0.5 * frame + 0.5 * big[..., None], 0, 255).astype(np.uint8)


def shoot(folder: Path, language: str = "en") -> tuple[Path, dict[str, tuple[str, str | None]]]:
    """The shoot in ``folder``, its screenplay beside it; ``language``: en or ru (eSpeak NG
    speaks both)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder.parent / ("kislorod.fountain" if language == "ru" else "oxygen.fountain")
    script.write_text(SCRIPT_RU if language == "ru" else SCRIPT, encoding="utf-8")
    truth = {}
    for n, (name, scene, defect) in enumerate(TAKES):
        sound, seconds = _performance(scene, defect, language)
        count = round(seconds * 25)
        # one setup a scene: every take frames the same picture, from another moment
        frames = [_setup(f, int(scene)) for f in base_frames(count + 40 * n)[40 * n :]]
        if defect == "out of focus":
            frames = [blur(f, 6) for f in frames]
        if defect == "underexposed":
            frames = [(f * 0.15).astype(np.uint8) for f in frames]
        path = folder / f"{name}.mov"
        make_video(path, seconds=count / 25, rate=Fraction(25), size=(320, 180), sound=sound,
                   audio_codec="pcm_s16le", timecode=f"1{n}:00:00:00", frames=frames)  # fmt: skip
        truth[path.name] = (scene, defect)
    return script, truth
