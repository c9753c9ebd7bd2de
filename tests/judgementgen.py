"""Shoots made differently every seed, whose truth is known, to judge take choice on
material nobody tuned it to (``bench/judgement.py`` runs many seeds, the tests a few).

Per seed: a screenplay of a few scenes from a bank of sentences; voices (eSpeak NG's English
voices and variants, speed, pitch), sox colouring (EQ, reverb, band limits), room noise;
frame rate (23.976, 24, 25, 29.97) and size; real footage from the packaged clips behind,
each scene shot in one or two setups (a wide and a closer framing of the same picture);
spoken slates and the director's calls, or none; one to three performances a clip ("cut,
again from the top"); hum, hiss, level, slight underexposure and 2:2 cadence on any take,
flawless ones too; and one defect per flawed performance, at a random strength: missing
line, paraphrase, extra ad-lib, stops early, false start, clipped at full scale, clipped
then turned down, dropout, out of focus, underexposed.

Truth per performance: its clip, scene, first word's start and last word's end, and its
defect (None: flawless). Every scene has at least one flawless performance.

>>> shoot = make_shoot(Path("/tmp/s"), seed=7)
>>> shoot.performances[0]
Performance(clip='S01T1.mov', scene=0, start=3.1, end=9.8, defect='paraphrase')
"""

from __future__ import annotations

import functools
import json
import subprocess
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from rushes.samples import sample_footage

RATE = 48000
FPS = [Fraction(24000, 1001), Fraction(24), Fraction(25), Fraction(30000, 1001)]
SIZES = [(320, 180), (384, 216), (448, 252)]
VOICES = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan", "en-029",
          "en-us-nyc", "en-gb-x-gbcwmd"]  # fmt: skip
VARIANTS = ["", "+m1", "+m3", "+m5", "+f1", "+f2", "+f4", "+klatt", "+Andy", "+Annie"]
NAMES = ["ANNA", "BORIS", "MAYA", "LEV", "NADIA", "OSCAR", "VERA", "YURI", "ZOE", "IGOR"]
PLACES = ["MODULE", "AIRLOCK", "GALLEY", "LAB", "CUPOLA", "DOCK", "GREENHOUSE", "GYM"]
SENTENCES = """\
Where did you leave the spare battery pack
I think the pressure is dropping in the second ring
Nobody told me the supply ship was late again
We have less than twenty minutes of light left
Check the seal on the forward hatch before you sleep
The radio has been silent since yesterday morning
Your hands are shaking and you know it
I counted the water bags twice and one is missing
Please stop pretending that everything is fine
The garden lost three plants during the storm
Turn the heater down before the filters overload
I can hear something knocking outside the window
We agreed to keep the log honest every single day
Mission control wants a full report by tonight
Hold the ladder while I reach the upper panel
You should have woken me when the alarm started
The old camera still works if you clean the lens
Bring the medical kit and the small torch
I promised my daughter I would call her tonight
This module smells like burnt coffee and wire
Tell me the truth about the engine readings
We will have to cut the power to the lab
The stars look different from this side of the station
Do not open that locker without gloves
Somebody moved my notebook from the table
I want to go home before the winter launch
The oxygen candles are stored behind the galley wall
Listen to me carefully and write this down
The docking light has been blinking for an hour
Your brother sent a message with the last cargo
Keep your voice down or the captain will hear
I fixed the pump but the valve is still stuck
We lost contact with the ground twelve minutes ago
Put the helmet on and check your gloves again
The coffee machine is the only thing that works here
Nobody sleeps until we find the leak
I saw a light moving across the solar panel
Give me the wrench and hold the torch steady
We need to ration the food for another month
The computer keeps asking for a password I forgot""".splitlines()
ADLIBS = """\
honestly I have no idea what I am saying
you know what I mean right
oh look at that it is snowing on the window
wait wait let me think about that for a second
anyway that is not the point at all
sorry my mouth is completely dry today""".splitlines()
RESTARTS = ["cut again from the top", "cut let's go again", "and cut one more time please",
            "cut reset going again", "okay cut back to the top"]  # fmt: skip
TEXT_DEFECTS = ["missing line", "paraphrase", "extra ad-lib", "stops early", "false start"]
SOUND_DEFECTS = ["clipped", "clipped then turned down", "dropout"]
PICTURE_DEFECTS = ["out of focus", "underexposed"]

# The same shoots in Russian (``language="ru"``): eSpeak NG's Russian voices, a Russian
# screenplay (ИНТ./НАТ. headings, Cyrillic cues), slates and calls as said on a Russian set
SENTENCES_RU = """\
Где ты оставил запасной аккумулятор
Мне кажется давление во втором кольце падает
Никто не сказал мне что грузовик опять опаздывает
У нас осталось меньше двадцати минут света
Проверь уплотнитель на переднем люке перед сном
Радио молчит со вчерашнего утра
У тебя дрожат руки и ты это знаешь
Я дважды пересчитал воду и одного мешка нет
Перестань делать вид что всё в порядке
Сад потерял три растения во время бури
Убавь обогреватель пока фильтры не перегрелись
Я слышу как что-то стучит снаружи окна
Мы договорились честно вести журнал каждый день
Центр управления ждёт полный отчёт к вечеру
Держи лестницу пока я достану до верхней панели
Ты должен был разбудить меня когда началась тревога
Старая камера ещё работает если почистить объектив
Принеси аптечку и маленький фонарик
Я обещала дочери позвонить ей сегодня вечером
В этом модуле пахнет горелым кофе и проводкой
Скажи мне правду о показаниях двигателя
Нам придётся отключить питание лаборатории
Звёзды выглядят иначе с этой стороны станции
Не открывай этот шкафчик без перчаток
Кто-то переложил мой блокнот со стола
Я хочу домой до зимнего запуска
Кислородные свечи лежат за стеной камбуза
Послушай меня внимательно и запиши это
Стыковочный огонь мигает уже целый час
Твой брат прислал письмо с последним грузом
Говори тише или командир услышит
Я починил насос но клапан всё ещё заедает
Мы потеряли связь с землёй двенадцать минут назад
Надень шлем и ещё раз проверь перчатки
Кофейный автомат единственное что здесь работает
Никто не спит пока мы не найдём утечку
Я видел свет который двигался по солнечной панели
Дай мне ключ и держи фонарь ровно
Нам нужно растянуть еду ещё на месяц
Компьютер всё время спрашивает пароль который я забыл""".splitlines()
ADLIBS_RU = """\
честно говоря я понятия не имею что я говорю
ну ты понимаешь о чём я
ой смотри на окне снег идёт
подожди подожди дай мне подумать секунду
в общем это совсем не главное
извини у меня совсем пересохло во рту""".splitlines()
RESTARTS_RU = ["стоп ещё раз сначала", "стоп давайте ещё дубль", "снято ещё раз пожалуйста",
               "стоп заново", "стоп с самого начала"]  # fmt: skip
NAMES_RU = ["АННА", "БОРИС", "МАЙЯ", "ЛЕВ", "НАДЯ", "ОЛЕГ", "ВЕРА", "ЮРИЙ", "ЗОЯ", "ИГОРЬ"]
PLACES_RU = ["МОДУЛЬ", "ШЛЮЗ", "КАМБУЗ", "ЛАБОРАТОРИЯ", "КУПОЛ", "СТЫКОВОЧНЫЙ УЗЕЛ",
             "ОРАНЖЕРЕЯ", "СПОРТЗАЛ"]  # fmt: skip
VOICES_RU = ["ru", "ru-lv"]


# A second English shoot (``language="en-b"``), written apart from the first so that what
# was tuned on one is judged on the other: other sentences (3 to 14 words, commas,
# contractions, names, numbers), ad-libs, calls to go again, cast and places, and scenes of
# two to five lines
SENTENCES_B = """\
Don't touch that
Why is the light still on in the lab
I told Sergei we'd be back before midnight, and he believed me
Pass me the blue cable
How many days of water do we really have left
She hasn't spoken to anyone since the storm
Open it slowly
If the pressure drops again, we seal the hatch and wait for morning
Who taught you to fly like that
The map is wrong about the northern ridge
Eleven minutes until the window closes
You're bleeding again
I never wanted to come up here in the first place
Can you hear the wind against the hull tonight
Forget the schedule, we're doing this my way
There's frost on the inside of the glass
Wake the doctor and tell him it's urgent
My father built radios just like this one
Everything we grew this year fits in one small box
Why didn't you answer when I called
Count to three, then pull
We should have turned back at the second marker
The beacon stopped an hour ago and nobody noticed
I'm not angry, I'm just tired
Write down every number the gauge shows
Marina left her gloves on the workbench again
What happens to us if the rocket never comes
Keep breathing slowly and look at me
The second generator sounds like an old train
Say that again, but slower
I found the missing page inside the manual
Thirty seconds, hold on to something
Do you remember the colour of the sea
They told us the mission would take six months
Leave the lamp burning by the door
Nobody is coming for us, so start working
The cat followed me all the way to the dock
Is this seat taken
Turn around and walk back the way you came
My watch says it's already Tuesday""".splitlines()
ADLIBS_B = """\
hang on I lost my place there
um where was I oh right yes
this coat is way too warm for this room
I always mess up this part somehow
let me just take a breath here okay
sorry the light is right in my eyes""".splitlines()
RESTARTS_B = ["cut okay from the top please", "cut reset let's go again",
              "and cut going again right away", "cut back to one everybody",
              "cut one more time from the top"]  # fmt: skip
NAMES_B = ["MARINA", "PAVEL", "ELENA", "DMITRI", "SOFIA", "GRIGORY", "KIRA", "ANTON", "LIDA",
           "ROMAN"]  # fmt: skip
PLACES_B = ["HANGAR", "OBSERVATORY", "CONTROL ROOM", "CORRIDOR", "STORE ROOM", "RIDGE",
            "BUNK ROOM", "WORKSHOP"]  # fmt: skip


@dataclass(frozen=True)
class Speech:
    """What a shoot's people say, in one language."""

    sentences: list[str]
    adlibs: list[str]
    restarts: list[str]
    names: list[str]
    places: list[str]
    voices: list[str]
    slate: str  # with {scene} and {take}
    action: str
    cut: str
    headings: tuple[str, str]  # interior, exterior
    night: str
    code: str = "en"  # the language a project of such rushes is set to
    most_lines: int = 3  # lines a scene has, from 2


LANGUAGES = {
    "en": Speech(SENTENCES, ADLIBS, RESTARTS, NAMES, PLACES, VOICES, "scene {scene} take {take}",
                 "action", "cut", ("INT", "EXT"), "NIGHT"),
    "ru": Speech(SENTENCES_RU, ADLIBS_RU, RESTARTS_RU, NAMES_RU, PLACES_RU, VOICES_RU,
                 "сцена {scene} дубль {take}", "мотор начали", "стоп", ("ИНТ", "НАТ"), "НОЧЬ",
                 "ru"),
    "en-b": Speech(SENTENCES_B, ADLIBS_B, RESTARTS_B, NAMES_B, PLACES_B, VOICES,
                   "scene {scene} take {take} mark it", "and action", "cut", ("INT", "EXT"),
                   "DAY", "en", 5),
}  # fmt: skip


@dataclass
class Performance:
    clip: str
    scene: int
    start: float  # the first word of its first line
    end: float  # the last word of its last line
    defect: str | None


@dataclass
class Shoot:
    folder: Path
    script: Path
    scenes: int
    performances: list[Performance] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)  # nuisances per clip

    def save(self, path: Path) -> None:
        doc = {
            "folder": str(self.folder),
            "script": str(self.script),
            "scenes": self.scenes,
            "performances": [vars(p) for p in self.performances],
            "notes": self.notes,
        }
        path.write_text(json.dumps(doc, indent=1))

    @classmethod
    def load(cls, path: Path) -> Shoot:
        doc = json.loads(path.read_text())
        return cls(
            Path(doc["folder"]),
            Path(doc["script"]),
            doc["scenes"],
            [Performance(**p) for p in doc["performances"]],
            doc["notes"],
        )


@functools.lru_cache(maxsize=2048)
def _speak(text: str, voice: str, speed: int, pitch: int) -> np.ndarray:
    """``text`` spoken by eSpeak NG at 48 kHz mono float32, silent ends trimmed."""
    wav = subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch),
                          "--stdout", text], check=True, capture_output=True).stdout  # fmt: skip
    raw = subprocess.run(["sox", "-t", "wav", "-", "-r", str(RATE), "-t", "raw", "-e", "float",
                          "-b", "32", "-c", "1", "-"], input=wav, check=True,
                         capture_output=True).stdout  # fmt: skip
    samples = np.frombuffer(raw, np.float32)
    loud = np.flatnonzero(np.abs(samples) > 0.01 * max(1e-6, np.abs(samples).max()))
    out = samples[loud[0] : loud[-1] + 1] if len(loud) else samples
    return out / max(1e-6, np.abs(out).max())


class _Track:
    """A clip's dialogue, laid out in time: what is said where, and by whom."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.pieces: list[tuple[float, np.ndarray, float]] = []  # (start, samples, gain)
        self.at = float(rng.uniform(0.6, 1.6))

    def say(self, text: str, voice: tuple[str, int, int], gain: float = 1.0,
            pause: tuple[float, float] = (0.3, 0.9)) -> tuple[float, float]:  # fmt: skip
        samples = _speak(text, *voice)
        start = self.at
        self.pieces.append((start, samples, gain))
        self.at = start + len(samples) / RATE + float(self.rng.uniform(*pause))
        return start, start + len(samples) / RATE

    def wait(self, low: float, high: float) -> None:
        self.at += float(self.rng.uniform(low, high))

    def render(self, seconds: float) -> np.ndarray:
        out = np.zeros(round(seconds * RATE), np.float32)
        for start, samples, gain in self.pieces:
            first = round(start * RATE)
            part = samples[: max(0, len(out) - first)]
            out[first : first + len(part)] += gain * part
        return out


def _paraphrase(line: str, rng: np.random.Generator, sentences: list[str]) -> str:
    words = line.split()
    other = sentences[int(rng.integers(len(sentences)))].split()
    while other[2:] == words[2:]:  # the line itself: no paraphrase at all
        other = sentences[int(rng.integers(len(sentences)))].split()
    keep = words[:2]
    return " ".join(keep + other[2 : 2 + max(3, len(words) - 2)])


def _perform(track: _Track, lines: list[tuple[str, tuple]], defect: str | None,
             rng: np.random.Generator, speech: Speech) -> tuple[float, float]:  # fmt: skip
    """Say a scene's lines with ``defect``; (first word, last word) times."""
    lines = list(lines)
    if defect == "missing line":
        del lines[int(rng.integers(len(lines)))]
    if defect == "paraphrase":
        k = int(rng.integers(len(lines)))
        lines[k] = (_paraphrase(lines[k][0], rng, speech.sentences), lines[k][1])
    if defect == "extra ad-lib":  # between two lines: an ad-lib after the last is trimmed off
        k = int(rng.integers(1, len(lines)))
        adlib = speech.adlibs[int(rng.integers(len(speech.adlibs)))]
        lines.insert(k, (adlib, lines[min(k, len(lines)) - 1][1]))
    if defect == "stops early":
        text, voice = lines[-1]
        words = text.split()
        lines[-1] = (" ".join(words[: max(1, len(words) // 3)]), voice)
        if len(lines) > 2 and rng.random() < 0.5:
            lines = lines[:-1]
    restart = int(rng.integers(len(lines))) if defect == "false start" else -1
    first = last = None
    for k, (text, voice) in enumerate(lines):
        if k == restart:
            words = text.split()
            start, _ = track.say(" ".join(words[: int(rng.integers(2, 4))]), voice,
                                 pause=(0.15, 0.5))  # fmt: skip
            first = start if first is None else first
        start, end = track.say(text, voice, pause=(0.35, 1.1))
        first = start if first is None else first
        last = end
    return first, last


def _script(scenes: list[list[tuple[str, str]]], rng: np.random.Generator,
            speech: Speech) -> str:  # fmt: skip
    out = ["Title: Generated", "Author: rushes judgement bench", ""]
    inside, outside = speech.headings
    for n, lines in enumerate(scenes, 1):
        place = speech.places[int(rng.integers(len(speech.places)))]
        where = inside if rng.random() < 0.7 else outside
        out += [f"{where}. {place} - {speech.night} #{n}#", ""]
        for character, text in lines:
            out += [character, text + rng.choice([".", "?", "!"]), ""]
    return "\n".join(out)


@functools.lru_cache(maxsize=3)
def _source_frames(path: str, width: int, height: int) -> np.ndarray:
    """Every frame of a packaged clip, covering ``width`` x ``height`` (centre crop)."""
    with av.open(path) as container:
        stream = container.streams.video[0]
        scale = max(width / stream.width, height / stream.height)
        w, h = (round(stream.width * scale) // 2 * 2, round(stream.height * scale) // 2 * 2)
        frames = []
        for frame in container.decode(stream):
            image = frame.to_ndarray(format="rgb24", width=max(w, width), height=max(h, height))
            y0, x0 = (image.shape[0] - height) // 2, (image.shape[1] - width) // 2
            frames.append(image[y0 : y0 + height, x0 : x0 + width])
    return np.stack(frames)


def _setup_frames(source: np.ndarray, close: tuple[float, float, float] | None,
                  size: tuple[int, int]) -> np.ndarray:  # fmt: skip
    """A setup's picture: the whole source (wide) or a closer crop of it, at ``size``."""
    width, height = size
    if close is None:
        return np.stack([cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in source])
    zoom, cx, cy = close
    h, w = source.shape[1:3]
    cw, ch = round(w / zoom), round(h / zoom)
    x0 = int(np.clip(cx * w - cw / 2, 0, w - cw))
    y0 = int(np.clip(cy * h - ch / 2, 0, h - ch))
    return np.stack([cv2.resize(f[y0 : y0 + ch, x0 : x0 + cw], size,
                                interpolation=cv2.INTER_CUBIC) for f in source])  # fmt: skip


def _colour(mono: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The room and the microphone: EQ, reverb, band limits, by sox."""
    effects = []
    if rng.random() < 0.6:
        effects += ["equalizer", str(int(rng.integers(300, 4000))), "1q",
                    f"{rng.uniform(-8, 8):.1f}"]  # fmt: skip
    if rng.random() < 0.5:
        effects += ["reverb", str(int(rng.integers(10, 60)))]
    if rng.random() < 0.4:
        effects += ["highpass", str(int(rng.integers(80, 250)))]
    if rng.random() < 0.4:
        effects += ["lowpass", str(int(rng.integers(5000, 9000)))]
    if not effects:
        return mono
    raw = subprocess.run(["sox", "-t", "raw", "-r", str(RATE), "-e", "float", "-b", "32", "-c",
                          "1", "-", "-t", "raw", "-e", "float", "-b", "32", "-", *effects],
                         input=mono.astype(np.float32).tobytes(), check=True,
                         capture_output=True).stdout  # fmt: skip
    out = np.frombuffer(raw, np.float32)[: len(mono)]
    return np.pad(out, (0, len(mono) - len(out)))


def _db(value: float) -> float:
    return 10 ** (value / 20)


def _write(path: Path, frames, count: int, fps: Fraction, size, sound: np.ndarray,
           timecode: str, pcm: bool) -> None:  # fmt: skip
    out = av.open(str(path), "w")
    out.metadata["timecode"] = timecode
    video = out.add_stream("libx264", rate=fps)
    video.width, video.height = size
    video.pix_fmt = "yuv420p"
    video.codec_context.options = {"preset": "ultrafast", "crf": "16"}
    audio = out.add_stream("pcm_s16le" if pcm else "aac", rate=RATE, layout="stereo")
    for k in range(count):
        for packet in video.encode(av.VideoFrame.from_ndarray(frames(k), format="rgb24")):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    stereo = np.repeat(sound[None, :], 2, axis=0).astype(np.float32)
    block = 1024
    for at in range(0, stereo.shape[1], block):
        chunk = np.ascontiguousarray(stereo[:, at : at + block])
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
        frame.sample_rate = RATE
        for packet in audio.encode(frame):
            out.mux(packet)
    for packet in audio.encode():
        out.mux(packet)
    out.close()


def make_shoot(folder: Path, seed: int, scenes: int | None = None, small: bool = False,
               language: str = "en") -> Shoot:  # fmt: skip
    """A shoot for ``seed`` in ``folder`` (clips) with its script beside it, said in
    ``language`` (en, ru, or en-b: English written apart from the first)."""
    speech = LANGUAGES[language]
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    fps = FPS[int(rng.integers(len(FPS)))]
    size = SIZES[0] if small else SIZES[int(rng.integers(len(SIZES)))]
    sources = [str(p) for p in sample_footage().values()][:3]
    count = scenes or int(rng.integers(2, 4))
    cast = [str(n) for n in rng.choice(speech.names, 3, replace=False)]
    voices = {
        name: (str(rng.choice(speech.voices)) + str(rng.choice(VARIANTS)),
               int(rng.integers(135, 190)), int(rng.integers(30, 70)))
        for name in cast
    }  # fmt: skip
    director = (str(rng.choice(speech.voices)) + str(rng.choice(VARIANTS)), 170, 45)
    calls = rng.random() < 0.75  # some shoots have no spoken slates or calls at all
    most = speech.most_lines
    picked = rng.choice(len(speech.sentences), count * most, replace=False)
    play = []
    for n in range(count):
        lines = int(rng.integers(2, most + 1))
        who = [cast[(n + k) % 2 if lines == 2 else (n + k) % 3] for k in range(lines)]
        play.append([(who[k], speech.sentences[picked[most * n + k]]) for k in range(lines)])
    script = folder.parent / f"{folder.name}.fountain"
    script.write_text(_script(play, rng, speech), encoding="utf-8")
    shoot = Shoot(folder, script, count)
    hour = int(rng.integers(1, 20))
    for scene, lines in enumerate(play):
        source = sources[int(rng.integers(len(sources)))]
        base = _source_frames(source, size[0] * 2, size[1] * 2)
        setups = [None]
        if rng.random() < 0.6:
            setups.append((float(rng.uniform(1.6, 2.2)), float(rng.uniform(0.35, 0.65)),
                           float(rng.uniform(0.35, 0.65))))  # fmt: skip
        pictures = [_setup_frames(base, s, size) for s in setups]
        clips = 2 if small else int(rng.integers(2, 4))
        said = [(text, voices[who]) for who, text in lines]
        plan = _plan(clips, rng, small)
        flawless = int(rng.integers(len(plan)))
        taken = 0
        for c, performances in enumerate(plan):
            setup = int(rng.integers(len(pictures)))
            name = f"S{scene + 1:02d}T{c + 1}.mov"
            defects = []
            for _ in range(performances):
                defects.append(None if taken == flawless else _defect(rng))
                taken += 1
            picture_defect = next((d for d in defects if d in PICTURE_DEFECTS), None)
            if picture_defect and None in defects:  # the flawless performance stays flawless
                defects = [d if d not in PICTURE_DEFECTS else "paraphrase" for d in defects]
                picture_defect = None
            elif picture_defect:  # a picture fault spoils every performance of the clip
                defects = [picture_defect] * len(defects)
            if picture_defect == "out of focus" and len(pictures) == 2:
                setup = 0  # a soft take has a sharp take of its setup to be compared with
            track = _Track(rng)
            spans = []
            for p, defect in enumerate(defects):
                if calls:
                    if p == 0 or rng.random() < 0.5:
                        slate = speech.slate.format(scene=scene + 1, take=c + 1)
                        track.say(slate, director, 0.6, (0.4, 0.9))
                    track.say(speech.action, director, 0.6, (0.8, 1.5))
                if defect == "aborted":  # "cut, again" after a line or two
                    part = said[: int(rng.integers(1, len(said)))]
                    text, voice = part[-1]
                    part[-1] = (" ".join(text.split()[: int(rng.integers(2, 5))]), voice)
                    first, last = _perform(track, part, None, rng, speech)
                else:
                    first, last = _perform(track, said, None if defect in PICTURE_DEFECTS
                                           or defect in SOUND_DEFECTS else defect, rng,
                                           speech)  # fmt: skip
                spans.append((first, last))
                if p + 1 < len(defects):
                    track.wait(0.2, 0.8)
                    quiet = 0.35 if rng.random() < 0.4 else 0.7  # a call easily misheard
                    track.say(str(rng.choice(speech.restarts)), director, quiet, (1.2, 2.6))
                elif calls:
                    track.wait(0.3, 1.0)
                    track.say(speech.cut, director, 0.6, (0.5, 1.2))
            seconds = track.at + float(rng.uniform(0.8, 2.0))
            level = _db(float(rng.uniform(-20, -8)))
            sound = _colour(track.render(seconds), rng) * level
            notes = []
            noise = _db(float(rng.uniform(-72, -52)))
            sound += (rng.standard_normal(len(sound)) * noise).astype(np.float32)
            if rng.random() < 0.35:
                hz = 50 if rng.random() < 0.6 else 60
                hum_level = _db(float(rng.uniform(-56, -44)))
                t = np.arange(len(sound)) / RATE
                sound += hum_level * (np.sin(2 * np.pi * hz * t) + 0.4 * np.sin(6 * np.pi * hz * t))
                notes.append(f"hum {hz} Hz")
            if rng.random() < 0.25:
                sound += rng.standard_normal(len(sound)) * _db(float(rng.uniform(-55, -45)))
                notes.append("hiss")
            for defect, (first, last) in zip(defects, spans, strict=True):
                sound = _sound_defect(sound, defect, first, last, rng)
            frames = pictures[setup]
            gain = 1.0
            if picture_defect == "underexposed":
                gain = float(rng.uniform(0.08, 0.2))
            elif rng.random() < 0.2:
                gain = float(rng.uniform(0.65, 0.85))
                notes.append("a little dark")
            blur = float(rng.uniform(2.5, 5.0)) if picture_defect == "out of focus" else 0.0
            cadence = 2 if rng.random() < 0.2 else 1
            if cadence == 2:
                notes.append("2:2 cadence")
            offset = int(rng.integers(len(frames)))
            total = round(seconds * fps)

            def picture(k, frames=frames, offset=offset, cadence=cadence, gain=gain, blur=blur):
                i = (offset + k // cadence) % (2 * len(frames) - 2)
                image = frames[i if i < len(frames) else 2 * len(frames) - 2 - i]
                if blur:
                    image = cv2.GaussianBlur(image, (0, 0), blur)
                if gain != 1.0:
                    image = (image * gain).astype(np.uint8)
                return image

            pcm = any(d in SOUND_DEFECTS for d in defects) or rng.random() < 0.6
            tc = f"{hour:02d}:{scene * 10 + c:02d}:00:00"
            _write(folder / name, picture, total, fps, size, np.clip(sound, -1, 1), tc, pcm)
            shoot.notes[name] = notes
            for defect, (first, last) in zip(defects, spans, strict=True):
                shoot.performances.append(Performance(name, scene, round(first, 3),
                                                      round(last, 3), defect))  # fmt: skip
    return shoot


def _plan(clips: int, rng: np.random.Generator, small: bool) -> list[int]:
    """Performances per clip: mostly one, sometimes two or three."""
    return [1 if small and c else int(rng.choice([1, 1, 1, 2, 2, 3])) for c in range(clips)]


def _defect(rng: np.random.Generator) -> str:
    kinds = [*TEXT_DEFECTS, "aborted", *SOUND_DEFECTS, *PICTURE_DEFECTS]
    return str(rng.choice(kinds))


def _sound_defect(sound: np.ndarray, defect: str | None, first: float, last: float,
                  rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    """Clipping or a dropout over part of a performance's dialogue."""
    if defect not in SOUND_DEFECTS:
        return sound
    a, b = round(first * RATE), round(last * RATE)
    span = b - a
    lo = a + int(rng.integers(0, max(1, span // 2)))
    hi = min(b, lo + max(RATE // 2, int(span * rng.uniform(0.3, 0.9))))
    out = sound.copy()
    if defect == "dropout":  # the recorder loses a moment of a word
        gap = int(rng.uniform(0.06, 0.35) * RATE)
        envelope = np.convolve(np.abs(out[lo:hi]), np.ones(480) / 480, mode="same")
        loud = np.flatnonzero(envelope > 0.5 * envelope.max())
        at = lo + int(rng.choice(loud)) - gap // 2 if len(loud) else lo
        out[max(0, at) : max(0, at) + gap] = 0.0
        return out
    peak = max(1e-6, float(np.abs(out[lo:hi]).max()))
    drive = float(rng.uniform(2.0, 6.0))
    # Driven into the recorder's limit; "then turned down" leaves the flat tops below 0 dBFS.
    ceiling = 1.0 if defect == "clipped" else _db(float(rng.uniform(-9, -1)))
    out[lo:hi] = np.clip(out[lo:hi] * (ceiling * drive / peak), -ceiling, ceiling)
    return out


@dataclass
class Score:
    scenes: int
    right: int = 0  # scenes whose flawless performance is used whole
    flawed: int = 0  # scenes where a flawed performance is used
    order: bool = True  # the edits follow the script
    details: list[str] = field(default_factory=list)


def edits_of(timeline) -> list[tuple[str, float, float]]:
    """(clip file name, start, end) in seconds of the file, for the cut's first video track."""
    import opentimelineio as otio

    video = next(t for t in timeline.tracks if t.kind == otio.schema.TrackKind.Video)
    out = []
    for clip in video.find_clips():
        available = clip.media_reference.available_range.start_time
        start = (clip.source_range.start_time - available).to_seconds()
        end = start + clip.source_range.duration.to_seconds()
        out.append((Path(clip.media_reference.target_url).name, start, end))
    return out


def score(shoot: Shoot, timeline, tail: float = 0.2) -> Score:
    """Per scene: is a flawless performance used whole (its first word to ``tail`` after its
    last, and none of another performance's words), is a flawed one used, and is the
    order the script's."""
    result = Score(shoot.scenes)
    scenes_in_order = []
    used: dict[int, list[Performance]] = {}
    for name, start, end in edits_of(timeline):
        mine = [p for p in shoot.performances if p.clip == name]
        overlap = [(min(end, p.end) - max(start, p.start), p) for p in mine]
        best = max(overlap, key=lambda o: o[0], default=(0, None))
        if best[1] is None or best[0] <= 0:
            result.details.append(f"{name} {start:.2f}-{end:.2f}: no performance")
            continue
        performance = best[1]
        scenes_in_order.append(performance.scene)
        used.setdefault(performance.scene, []).append(performance)
        whole = start <= performance.start + 0.05 and end >= performance.end + tail - 0.05
        others = [p for p in mine if p is not performance
                  and min(end, p.end) - max(start, p.start) > 0.1]  # fmt: skip
        if performance.defect is None and whole and not others:
            result.right += 1
        else:
            what = performance.defect or ("not whole" if not whole else "holds another take")
            result.details.append(f"scene {performance.scene + 1}: {name} "
                                  f"{start:.2f}-{end:.2f} ({what})")  # fmt: skip
        if performance.defect is not None:
            result.flawed += 1
    result.order = scenes_in_order == sorted(scenes_in_order) and len(set(scenes_in_order)) == len(
        scenes_in_order
    )
    for scene in range(shoot.scenes):
        if scene not in used:
            result.details.append(f"scene {scene + 1}: not in the cut")
    return result
