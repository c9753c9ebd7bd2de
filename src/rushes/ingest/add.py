"""``rushes add``: put every clip found under some paths into the catalog.

A clip is known by its content fingerprint: adding twice adds nothing, and a file found at
a new path with the old one gone is a move (its results follow it). Unchanged files (same
path, size and modification time) are not even re-read. Files that are not usable media
are recorded as unreadable with a reason and the rest of the batch goes on.

>>> report = add_paths(catalog, [Path("/Volumes/A001")])
>>> len(report.added), [u.reason for u in report.unreadable]
(12, ['truncated or damaged QuickTime/MP4 file (its index cannot be read)'])
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rushes.catalog import Catalog, Clip, Unreadable
from rushes.ingest.scan import owner_of, scan
from rushes.media import NotMedia, fingerprint, probe


@dataclass
class AddReport:
    added: list[Clip] = field(default_factory=list)
    moved: list[tuple[Path, Clip]] = field(default_factory=list)
    unchanged: list[Clip] = field(default_factory=list)
    duplicates: list[tuple[Path, Clip]] = field(default_factory=list)
    sidecars: list[tuple[Path, Clip]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unreadable or self.missing)


def add_paths(
    catalog: Catalog,
    paths: list[Path],
    on_file: Callable[[Path, int, int], None] | None = None,
) -> AddReport:
    """Scan ``paths`` and record what is found; ``on_file(path, done, total)`` reports."""
    found = scan(paths)
    report = AddReport(skipped=found.skipped, missing=found.missing)
    for loop in found.loops:
        _unreadable(catalog, report, loop, "symbolic link loop (to a folder already added)")
    clips: dict[Path, Clip] = {}
    total = len(found.candidates)
    for done, path in enumerate(found.candidates):
        if on_file:
            on_file(path, done, total)
        clip = _add_one(catalog, path, report)
        if clip is not None:
            clips[path] = clip
    for sidecar in found.sidecars:
        owner = owner_of(sidecar, list(clips))
        if owner is None:
            report.skipped.append(sidecar)
        else:
            catalog.clips.attach_sidecar(clips[owner], sidecar)
            report.sidecars.append((sidecar, clips[owner]))
    if on_file:
        on_file(Path(), total, total)
    return report


def _add_one(catalog: Catalog, path: Path, report: AddReport) -> Clip | None:
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:  # the catalog stores text: record the name as it can be shown
        shown = Path(os.fsencode(path).decode("utf-8", "backslashreplace"))
        return _unreadable(catalog, report, shown, "file name is not valid UTF-8; rename it")
    try:
        stat = path.stat()
    except OSError as exc:
        return _unreadable(catalog, report, path, f"cannot read: {exc.strerror or exc}")
    known = catalog.clips.by_path(path)
    if known and (known.size, known.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
        report.unchanged.append(known)
        return known
    if stat.st_size == 0:
        return _unreadable(catalog, report, path, "empty file (0 bytes)", stat)
    try:
        digest = fingerprint(path)
    except OSError as exc:
        return _unreadable(catalog, report, path, f"cannot read: {exc.strerror or exc}", stat)

    same = catalog.clips.by_fingerprint(digest)
    if same is not None:
        if same.path == path:
            catalog.clips.touch(same, stat.st_size, stat.st_mtime_ns)
            report.unchanged.append(same)
            return same
        if same.path.exists():
            report.duplicates.append((path, same))
            return None
        if known is not None:  # the moved file lands where another clip used to be
            catalog.clips.remove(known)
        moved = catalog.clips.move(same, path, stat.st_size, stat.st_mtime_ns)
        report.moved.append((same.path, moved))
        return moved
    try:
        described = probe(path)
    except NotMedia as exc:
        return _unreadable(catalog, report, path, str(exc), stat)
    if known is not None:  # same path, new content: the old clip is gone
        catalog.clips.remove(known)
    clip = catalog.clips.insert(digest, path, stat.st_size, stat.st_mtime_ns, described)
    report.added.append(clip)
    return clip


def _unreadable(catalog: Catalog, report: AddReport, path: Path, reason: str, stat=None) -> None:
    item = Unreadable(
        path, reason, stat.st_size if stat else None, stat.st_mtime_ns if stat else None
    )
    catalog.clips.mark_unreadable(item)
    report.unreadable.append(item)
    return None
