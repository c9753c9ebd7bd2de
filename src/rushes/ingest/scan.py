"""Walk folders and sort what is found: candidate media, sidecars, and clutter to skip.

Whether a candidate *is* media is decided later by probing it. Here we only recognise by
name what a camera card or an operating system leaves beside the clips, so that it is
attached to its clip or skipped, never logged as a clip or reported as broken.

>>> found = scan([Path("/Volumes/A001")])
>>> found.candidates[:1], found.sidecars[:1]
([PosixPath('/Volumes/A001/PRIVATE/M4ROOT/CLIP/C0001.MP4')], [...C0001M01.XML])
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# What operating systems leave on every card and drive.
OS_LITTER = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"}
# Files a camera or recorder writes beside a clip: metadata, thumbnails, low-res proxies.
SIDECAR_SUFFIXES = {
    ".xml", ".thm", ".xmp", ".lrv", ".srt", ".ppn", ".bim", ".cpi", ".cif", ".rmd",
    ".rsx", ".smi", ".ale", ".mhl",
}  # fmt: skip
# Card folders that hold only indexes, thumbnails and settings (Sony, AVCHD, Canon, P2).
CARD_CLUTTER_DIRS = {
    "thmbnl", "clipinf", "playlist", "backup", "general", "avf_info", "canonmsc", "icon",
    "misc", "ascmhl", "sub",
}  # fmt: skip


def is_os_litter(name: str) -> bool:
    """``.DS_Store``, AppleDouble ``._*`` files, ``Thumbs.db``: never media, never copied."""
    lower = name.lower()
    return lower in OS_LITTER or lower.startswith("._")


@dataclass
class ScanResult:
    candidates: list[Path] = field(default_factory=list)
    sidecars: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    loops: list[Path] = field(default_factory=list)  # links back to a folder already walked


def scan(paths: list[Path]) -> ScanResult:
    """Sort every file under ``paths`` (files and folders, recursively) into the result."""
    result = ScanResult()
    seen: set[Path] = set()
    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            walked = {os.path.realpath(path)}
            for folder, dirs, files in os.walk(path, followlinks=True):
                dirs[:] = _unwalked(folder, sorted(d for d in dirs if not d.startswith(".")),
                                    walked, result)  # fmt: skip
                for name in sorted(files):
                    _sort(Path(folder) / name, result, seen)
        elif path.exists() or path.is_symlink():
            _sort(path, result, seen)
        else:
            result.missing.append(path)
    return result


def _unwalked(folder: str, dirs: list[str], walked: set[str], result: ScanResult) -> list[str]:
    """Linked folders are followed once: a link back to a folder already walked is a loop."""
    keep = []
    for name in dirs:
        real = os.path.realpath(os.path.join(folder, name))
        if real in walked:
            result.loops.append(Path(folder) / name)
        else:
            walked.add(real)
            keep.append(name)
    return keep


def _sort(path: Path, result: ScanResult, seen: set[Path]) -> None:
    if path in seen:
        return
    seen.add(path)
    if is_os_litter(path.name):
        result.skipped.append(path)
    elif path.suffix.lower() in SIDECAR_SUFFIXES:
        result.sidecars.append(path)
    elif any(part.lower() in CARD_CLUTTER_DIRS for part in path.parent.parts[-3:]):
        result.sidecars.append(path)
    else:
        result.candidates.append(path)


def owner_of(sidecar: Path, clips: list[Path]) -> Path | None:
    """The clip a sidecar belongs to: longest clip name that starts the sidecar's name, in
    the same folder or elsewhere on the same card (``C0001M01.XML`` -> ``C0001.MP4``)."""
    stem = sidecar.stem.lower()
    best: Path | None = None
    for clip in clips:
        near = clip.parent == sidecar.parent or clip.parent.parent == sidecar.parent.parent
        if near and stem.startswith(clip.stem.lower()):
            if best is None or len(clip.stem) > len(best.stem):
                best = clip
    return best
