"""ASC MHL histories, written and read through the official ``ascmhl`` package.

We hand it the hashes we computed while reading the copies back, so writing a generation
costs no second pass; the manifests are the package's own XML, so ``ascmhl info``,
``ascmhl diff`` and ``ascmhl-debug verify`` read them as their own.

A generation is written so that any interruption (a kill, a full disk) leaves either the
previous good history or the new one: the package writes the new manifest and chain into
a hidden staging folder beside ``ascmhl/``; both are fsynced; the manifest is moved in,
then the chain replaces the old one in one rename, the commit point. ``repair`` clears what
an interrupted write left (a staging folder, a manifest the chain does not list) and
rebuilds a chain lost or cut short by an older version from the manifests that are whole.

>>> write_generation(Path("/Backup/A001"), {"CLIP/C0001.MP4": record}, "xxh128")
>>> recorded(Path("/Backup/A001"), "xxh128")["CLIP/C0001.MP4"].hash
"""

from __future__ import annotations

import datetime
import os
import platform
import shutil
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ascmhl import hasher
from ascmhl.__version__ import ascmhl_chainfile_name, ascmhl_tool_name, ascmhl_tool_version
from ascmhl.generator import MHLGenerationCreationSession
from ascmhl.hashlist import MHLCreatorInfo, MHLProcess, MHLProcessInfo, MHLTool
from ascmhl.history import MHLHistory
from ascmhl.ignore import MHLIgnoreSpec

from rushes import __version__
from rushes.offload.durable import fsync_path

FOLDER = "ascmhl"
STAGING = ".ascmhl.rushes-staging"
CHAIN = ascmhl_chainfile_name
_NS = "urn:ASC:MHL:v2.0"
_CHAIN_NS = "urn:ASC:MHL:DIRECTORY:v2.0"
# Never in a manifest: our resume journal, partial copies, a generation being written, and
# what operating systems add.
IGNORE = [".rushes-offload", "*.rushes-partial", STAGING, "._*", "Thumbs.db", ".DS_Store"]


@dataclass(frozen=True)
class Record:
    """One file as a manifest (or our journal) knows it."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    hash_format: str = "xxh128"


def has_history(root: Path) -> bool:
    return (root / FOLDER).is_dir()


def write_generation(root: Path, records: dict[str, Record], hash_format: str) -> Path | None:
    """Add one generation listing ``records`` (paths relative to ``root``); its file path.
    Crash-safe: until the chain's rename the previous history stands untouched."""
    if not records:
        return None
    repair(root)
    folder, staging = root / FOLDER, root / STAGING
    staging.mkdir()
    history = MHLHistory.load_from_path(str(root))
    history.asc_mhl_path = str(staging)  # the package writes the manifest and chain here
    history.chain.file_path = str(staging / CHAIN)
    spec = MHLIgnoreSpec(history.latest_ignore_patterns(), IGNORE)
    session = MHLGenerationCreationSession(history, spec)
    for relative in sorted(records):
        record = records[relative]
        modified = datetime.datetime.fromtimestamp(record.mtime_ns / 1e9)
        session.append_file_hash(
            str(root / relative), record.size, modified, hash_format, record.hash
        )
    creator = MHLCreatorInfo()
    creator.tool = MHLTool(f"rushes {__version__} with {ascmhl_tool_name}", ascmhl_tool_version)
    creator.creation_date = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    creator.host_name = platform.node()
    process = MHLProcessInfo()
    process.process = MHLProcess("transfer")
    session.commit(creator, process)
    (manifest,) = staging.glob("*.mhl")
    for path in (manifest, staging / CHAIN, staging):
        fsync_path(path)
    if not folder.exists():  # the first generation: the whole folder appears at once
        os.rename(staging, folder)
        fsync_path(root)
        return folder / manifest.name
    os.rename(manifest, folder / manifest.name)  # not yet listed: ignored until the chain
    fsync_path(folder)
    os.replace(staging / CHAIN, folder / CHAIN)  # the commit point
    fsync_path(folder)
    shutil.rmtree(staging, ignore_errors=True)
    return folder / manifest.name


def repair(root: Path) -> None:
    """Bring a history an interrupted write left behind back to a whole one. Files the lost
    generation would have listed are still in the resume journal, so the next generation
    lists them."""
    if (root / STAGING).exists():
        shutil.rmtree(root / STAGING)
    folder = root / FOLDER
    if not folder.is_dir():
        return
    listed = _chain_files(folder / CHAIN)
    if listed is None:  # the chain lost or cut short: rebuilt from the whole manifests
        whole = sorted(m for m in folder.glob("*.mhl") if _is_whole(m))
        for manifest in folder.glob("*.mhl"):
            if manifest not in whole:
                manifest.unlink()
        if whole:
            _write_chain(folder, whole)
        else:
            shutil.rmtree(folder)
        return
    for manifest in folder.glob("*.mhl"):
        if manifest.name not in listed:  # written, never committed by the chain
            manifest.unlink()


def _chain_files(chain: Path) -> set[str] | None:
    """Manifest names the chain lists; None when it is missing or not whole XML."""
    try:
        return {
            element.text
            for element in ElementTree.parse(chain).iter(f"{{{_CHAIN_NS}}}path")
            if element.text
        }
    except (OSError, ElementTree.ParseError):
        return None


def _is_whole(manifest: Path) -> bool:
    try:
        ElementTree.parse(manifest)
    except ElementTree.ParseError:
        return False
    return manifest.name[:4].isdigit()


def _write_chain(folder: Path, manifests: list[Path]) -> None:
    """A chain listing ``manifests`` by their C4 ids, written beside and renamed in."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<ascmhldirectory xmlns="{_CHAIN_NS}">']
    for manifest in manifests:
        number = int(manifest.name[:4])
        c4 = hasher.hash_file(str(manifest), "c4")
        lines += [
            f'  <hashlist sequencenr="{number}">',
            f"    <path>{manifest.name}</path>",
            f"    <c4>{c4}</c4>",
            "  </hashlist>",
        ]
    temporary = folder / f".{CHAIN}.rushes-partial"
    temporary.write_text("\n".join([*lines, "</ascmhldirectory>", ""]), encoding="utf-8")
    fsync_path(temporary)
    os.replace(temporary, folder / CHAIN)
    fsync_path(folder)


def recorded(root: Path, hash_format: str | None = None) -> dict[str, Record]:
    """Every file the history at ``root`` lists, with its latest hash of ``hash_format``
    (any format the history holds when None)."""
    if not has_history(root):
        return {}
    history = MHLHistory.load_from_path(str(root))
    modified_at = _modification_dates(root)
    found: dict[str, Record] = {}
    for hash_list in history.hash_lists:
        for media in hash_list.media_hashes:
            if media.is_directory:
                continue
            for entry in media.hash_entries:
                if entry.action == "failed" or hash_format not in (None, entry.hash_format):
                    continue
                mtime_ns = modified_at.get(media.path, 0)
                size = media.file_size or 0  # the package leaves size="0" out when writing
                found[media.path] = Record(
                    media.path, size, mtime_ns, entry.hash_string, entry.hash_format
                )
    return found


def _modification_dates(root: Path) -> dict[str, int]:
    """``lastmodificationdate`` per path, in ns; the ascmhl parser does not read it back."""
    dates: dict[str, int] = {}
    for manifest in sorted((root / FOLDER).glob("*.mhl")):
        for element in ElementTree.parse(manifest).iter(f"{{{_NS}}}path"):
            stamp = element.get("lastmodificationdate")
            if stamp and element.text:
                when = datetime.datetime.fromisoformat(stamp)
                dates[element.text] = int(when.timestamp()) * 1_000_000_000
    return dates


def ignored(root: Path):
    """A matcher for the paths the history leaves out (its patterns, plus ours)."""
    history = MHLHistory.load_from_path(str(root)) if has_history(root) else None
    existing = history.latest_ignore_patterns() if history else None
    return MHLIgnoreSpec(existing, IGNORE).get_path_spec().match_file
