"""ASC MHL histories, written and read through the official ``ascmhl`` package.

We hand it the hashes we computed while reading the copies back, so writing a generation
costs no second pass; the manifests are the package's own XML, so ``ascmhl info``,
``ascmhl diff`` and ``ascmhl-debug verify`` read them as their own.

>>> write_generation(Path("/Backup/A001"), {"CLIP/C0001.MP4": record}, "xxh128")
>>> recorded(Path("/Backup/A001"), "xxh128")["CLIP/C0001.MP4"].hash
"""

from __future__ import annotations

import datetime
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ascmhl.__version__ import ascmhl_tool_name, ascmhl_tool_version
from ascmhl.generator import MHLGenerationCreationSession
from ascmhl.hashlist import MHLCreatorInfo, MHLProcess, MHLProcessInfo, MHLTool
from ascmhl.history import MHLHistory
from ascmhl.ignore import MHLIgnoreSpec

from rushes import __version__

FOLDER = "ascmhl"
_NS = "urn:ASC:MHL:v2.0"
# Never in a manifest: our resume journal, partial copies, and what operating systems add.
IGNORE = [".rushes-offload", "*.rushes-partial", "._*", "Thumbs.db", ".DS_Store"]


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
    """Add one generation listing ``records`` (paths relative to ``root``); its file path."""
    if not records:
        return None
    history = MHLHistory.load_from_path(str(root))
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
    generations = sorted((root / FOLDER).glob("*.mhl"), key=os.path.getmtime)
    return generations[-1] if generations else None


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
                found[media.path] = Record(
                    media.path, media.file_size, mtime_ns, entry.hash_string, entry.hash_format
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
