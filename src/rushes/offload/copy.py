"""Verified offload: read each source file once, write it to every destination, hash it
while reading, then read every copy back and compare.

Safety, in order: the source is only ever opened for reading; a copy is written under a
hidden ``.NAME.rushes-partial`` name, fsynced, given the source's modification time, and
only then linked to its real name (never over an existing file); the copy is read back
from the medium and hashed; only a matching copy is journalled as verified. A source file
whose size, modification or change time moves while it is read is reported, not copied. A
copy already at the destination is hashed again before it is called verified. A
destination that fails (full, gone, read-only, another offload writing to it) is stopped
with its reason while the others go on. Names that are not UTF-8 and broken or looping
links are refused one by one, each in a line.

>>> report = offload(Path("/Volumes/A001"), [Path("/Backup1"), Path("/Backup2")])
>>> [d.error for d in report.destinations]
[None, None]
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rushes.errors import BadInput
from rushes.ingest.scan import is_os_litter
from rushes.offload import mhl
from rushes.offload.durable import fsync_path
from rushes.offload.hashing import CHUNK, DEFAULT, drop_cache, hash_file, new_hasher
from rushes.offload.journal import Journal
from rushes.offload.mhl import Record

PARTIAL = ".rushes-partial"


@dataclass(eq=False)
class Destination:
    """One copy of the source: ``target`` is ``DEST/<source folder name>``."""

    target: Path
    error: str | None = None
    copied: int = 0
    already: int = 0
    bytes_written: int = 0
    manifest: Path | None = None
    journal: Journal = field(init=False)
    known: dict[str, Record] = field(default_factory=dict)
    verified: dict[str, Record] = field(default_factory=dict)
    problems: int = 0  # files this destination does not hold verified
    lock: threading.Lock = field(default_factory=threading.Lock)
    claim: int | None = None  # a descriptor holding the lock on ``target``

    @property
    def ok(self) -> bool:
        return self.error is None and self.problems == 0

    def __post_init__(self):
        self.journal = Journal(self.target)


@dataclass
class FileOutcome:
    path: str
    size: int
    hash_format: str
    hash: str | None = None
    results: dict[str, str] = field(default_factory=dict)  # target -> what happened
    error: str | None = None


@dataclass
class OffloadReport:
    source: Path
    hash_format: str
    destinations: list[Destination]
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    bytes_read: int = 0

    @property
    def ok(self) -> bool:
        return all(d.ok for d in self.destinations) and not any(f.error for f in self.files)


def source_files(source: Path) -> list[tuple[str, Path]]:
    """``(relative path, path)`` of every file to copy, in a stable order; OS litter, partial
    copies and existing ASC MHL folders are left out of copy and manifest alike."""
    found = []
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d not in (mhl.FOLDER, ".rushes-offload"))
        for name in sorted(files):
            if is_os_litter(name) or name.endswith(PARTIAL):
                continue
            path = Path(folder) / name
            found.append((path.relative_to(source).as_posix(), path))
    return found


def offload(
    source: Path,
    destinations: list[Path],
    hash_format: str = DEFAULT,
    rename: bool = False,
    on_bytes: Callable[[int], None] | None = None,
) -> OffloadReport:
    """Copy ``source`` into each destination as ``DEST/<source name>``, verified, with MHL."""
    source = source.resolve()
    new_hasher(hash_format)  # an unknown format is bad input before anything is written
    _check_paths(source, destinations)
    dests = [Destination(Path(d).resolve() / source.name) for d in destinations]
    try:
        for dest in dests:
            _open(dest, hash_format)
        return _offload_all(source, dests, hash_format, rename, on_bytes)
    finally:
        for dest in dests:
            if dest.claim is not None:
                os.close(dest.claim)  # releases the lock


def _open(dest: Destination, hash_format: str) -> None:
    """Claim the destination, clear what a killed run left, and load what it holds."""
    try:
        dest.target.mkdir(parents=True, exist_ok=True)
        dest.claim = os.open(dest.target, os.O_RDONLY)
        try:
            fcntl.flock(dest.claim, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            dest.error = f"{dest.target}: another rushes offload is writing here; try again later"
            return
        for stale in dest.target.rglob(f"*{PARTIAL}"):
            stale.unlink()  # left by a killed run: never mistaken for a copy
        mhl.repair(dest.target)
        dest.known = {**mhl.recorded(dest.target, hash_format), **dest.journal.load()}
    except OSError as exc:
        dest.error = f"{dest.target}: {exc.strerror or exc}"
    except Exception as exc:  # the ascmhl package's own errors: a history it cannot read
        dest.error = f"{dest.target}: its ASC MHL history cannot be read ({exc}); not written"


def _offload_all(source, dests, hash_format, rename, on_bytes) -> OffloadReport:
    report = OffloadReport(source, hash_format, dests)
    started = time.perf_counter()
    tick = on_bytes or (lambda n: None)
    pending: list[Future] = []
    with ThreadPoolExecutor(max_workers=2 * len(dests)) as landing:
        for relative, path in source_files(source):
            outcome = _offload_file(
                relative, path, dests, hash_format, rename, tick, report, landing, pending
            )
            report.files.append(outcome)
    for future in pending:
        future.result()  # a bug in a landing thread must surface, never vanish
    for dest in dests:
        if dest.error is None:
            _seal(dest, hash_format)
    report.seconds = time.perf_counter() - started
    return report


def _check_paths(source: Path, destinations: list[Path]) -> None:
    if not source.is_dir():
        raise BadInput(f"{source}: not a folder (give the card or folder to offload)")
    if not destinations:
        raise BadInput("no destination given")
    seen = set()
    for dest in destinations:
        resolved = Path(dest).resolve()
        if resolved in seen:
            raise BadInput(f"{dest}: destination given twice")
        seen.add(resolved)
        if resolved == source or source in resolved.parents:
            raise BadInput(f"{dest}: destination inside the source {source}")
        if resolved.exists() and not resolved.is_dir():
            raise BadInput(f"{dest}: destination is not a folder")


def _recorded_for(dest: Destination, relative: str, stat: os.stat_result) -> Record | None:
    """The history's record of this source file, if its copy at ``dest`` claims to be it."""
    record = dest.known.get(relative)
    if record is None or record.size != stat.st_size:
        return None
    if abs(record.mtime_ns - stat.st_mtime_ns) >= 1_000_000_000:  # manifests keep seconds
        return None
    copy = dest.target / relative
    return record if copy.is_file() and copy.stat().st_size == stat.st_size else None


def refusal(path: Path) -> str | None:
    """Why a file on a card cannot be copied as it is, in one line; None when it can."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        return f"{shown}: file name is not valid UTF-8 (ASC MHL cannot list it); not copied"
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return f"{path}: symbolic link loop; not copied"
            return f"{path}: broken symbolic link (to {os.readlink(path)}); not copied"
    return None


def _offload_file(relative, path, dests, hash_format, rename, tick, report, landing, pending):
    reason = refusal(path)
    if reason:
        shown = os.fsencode(relative).decode("utf-8", "backslashreplace")
        return FileOutcome(shown, 0, hash_format, error=reason)
    try:
        before = path.stat()
    except OSError as exc:
        return FileOutcome(relative, 0, hash_format, error=f"{path}: cannot read: {exc.strerror}")
    outcome = FileOutcome(relative, before.st_size, hash_format)
    live = [d for d in dests if d.error is None]
    writers: dict[Destination, tuple[Path, object]] = {}
    existing: list[Destination] = []
    for dest in live:
        final = dest.target / relative
        record = _recorded_for(dest, relative, before)
        if record is not None:
            _recheck(dest, final, record, outcome, tick)
            continue
        if final.exists():
            existing.append(dest)
            if not rename:
                continue  # compared with the source's hash below, never overwritten
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            partial = final.with_name(f".{final.name}{PARTIAL}")
            writers[dest] = (partial, open(partial, "wb"))
        except OSError as exc:
            _fail(dest, exc)
    if not writers and not existing:
        return outcome

    hasher = new_hasher(hash_format)
    try:
        with open(path, "rb") as src:
            while chunk := src.read(CHUNK):
                hasher.update(chunk)
                report.bytes_read += len(chunk)
                for dest, (_, f) in list(writers.items()):
                    try:
                        f.write(chunk)
                        dest.bytes_written += len(chunk)
                    except OSError as exc:
                        _drop(writers, dest)
                        _fail(dest, exc)
                tick(len(chunk))
        after = path.stat()
    except OSError as exc:
        for dest in list(writers):
            _drop(writers, dest)
        outcome.error = f"{path}: cannot read: {exc.strerror or exc}"
        return outcome
    if _changed(before, after):
        for dest in list(writers):
            _drop(writers, dest)
        outcome.error = f"{path}: changed while it was being copied; not copied, offload it again"
        return outcome
    outcome.hash = hasher.hexdigest()

    for dest in existing:
        final = dest.target / relative
        same = hash_file(final, hash_format) == outcome.hash
        if same:
            _drop(writers, dest)
            with dest.lock:
                _verified(dest, relative, final, outcome, "existing copy verified")
        elif dest not in writers:
            outcome.error = (
                f"{final}: exists with different content; not overwritten (use --rename)"
            )
            _problem(dest, outcome, "conflict")
    # Copies are synced and read back in the background while the next file is read: the
    # source and every destination disk stay busy at once.
    for dest, entry in list(writers.items()):
        pending.append(
            landing.submit(_land, dest, entry, relative, dest in existing, after, outcome, tick)
        )
    writers.clear()
    return outcome


def _land(dest, entry, relative, exists, source_stat, outcome: FileOutcome, tick) -> None:
    """Put one destination's finished partial copy in place, read it back, record it."""
    partial, f = entry
    if dest.error is not None:  # the destination failed while this file was being read
        _drop({dest: entry}, dest)
        return
    final = dest.target / relative
    if exists:
        final = _free_name(final)
    try:
        _finish(f, partial, final, source_stat)
    except OSError as exc:
        _drop({dest: entry}, dest)
        _fail(dest, exc)
        return
    name = final.relative_to(dest.target).as_posix()
    try:
        read_back = hash_file(final, outcome.hash_format, tick)
    except OSError as exc:
        _fail(dest, exc)
        outcome.results[str(dest.target)] = "could not be read back"
        return
    if read_back != outcome.hash:
        final.unlink()
        outcome.error = f"{final}: the copy read back differs from the source; removed"
        _problem(dest, outcome, "verification failed")
        return
    try:
        with dest.lock:
            _verified(
                dest, name, final, outcome, "copied" if name == relative else f"copied as {name}"
            )
            dest.copied += 1
    except OSError as exc:  # the journal could not be written: the destination is unusable
        _fail(dest, exc)
        outcome.results[str(dest.target)] = "could not be recorded"


def _changed(before: os.stat_result, after: os.stat_result) -> bool:
    """Size, modification time and change time: a file rewritten in place with its
    modification time put back still has a new change time (users cannot set it)."""
    return (before.st_size, before.st_mtime_ns, before.st_ctime_ns) != (
        after.st_size, after.st_mtime_ns, after.st_ctime_ns,
    )  # fmt: skip


def _recheck(dest: Destination, final: Path, record: Record, outcome: FileOutcome, tick) -> None:
    """A copy the history lists is hashed again: only a match is "already verified"."""
    try:
        same = hash_file(final, record.hash_format, tick) == record.hash
    except OSError as exc:
        outcome.error = f"{final}: cannot be read back: {exc.strerror or exc}"
        _problem(dest, outcome, "could not be read back")
        return
    if same:
        dest.already += 1
        outcome.hash = outcome.hash or record.hash
        outcome.results[str(dest.target)] = "already verified"
        return
    outcome.error = (
        f"{final}: differs from the hash its ASC MHL history recorded (a damaged copy); "
        "not overwritten: move it aside and offload again"
    )
    _problem(dest, outcome, "damaged")


def _problem(dest: Destination, outcome: FileOutcome, what: str) -> None:
    with dest.lock:
        dest.problems += 1
    outcome.results[str(dest.target)] = what


def _finish(f, partial: Path, final: Path, source_stat: os.stat_result) -> None:
    """fsync, stamp the source's times, and link into place without ever replacing a file."""
    f.flush()
    os.fsync(f.fileno())
    drop_cache(f.fileno())
    f.close()
    os.utime(partial, ns=(source_stat.st_atime_ns, source_stat.st_mtime_ns))
    try:
        os.link(partial, final)  # fails if final exists: no overwrite, ever
        os.unlink(partial)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if final.exists():  # exFAT and friends have no hard links: check, then rename
            raise FileExistsError(errno.EEXIST, "exists", str(final)) from None
        os.rename(partial, final)
    fsync_path(final.parent)


def _verified(dest: Destination, name: str, final: Path, outcome: FileOutcome, note: str) -> bool:
    """Journal a copy that was read back and matched; a journal that cannot be written (the
    disk filled, the drive went away) stops the destination."""
    try:
        stat = final.stat()
        record = Record(name, stat.st_size, stat.st_mtime_ns, outcome.hash, outcome.hash_format)
        dest.journal.append(record)
    except OSError as exc:
        _fail(dest, exc)
        outcome.results[str(dest.target)] = "could not be recorded"
        return False
    dest.verified[name] = record
    outcome.results[str(dest.target)] = note
    return True


def _free_name(final: Path) -> Path:
    for n in range(2, 10_000):
        candidate = final.with_name(f"{final.stem}-{n}{final.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(errno.EEXIST, "no free name", str(final))


def _drop(writers: dict, dest: Destination) -> None:
    """Close and delete a partial copy that will not be finished."""
    entry = writers.pop(dest, None)
    if entry is None:
        return
    partial, f = entry
    try:
        f.close()
    except OSError:
        pass
    try:
        partial.unlink()
    except OSError:
        pass


def _fail(dest: Destination, exc: OSError) -> None:
    if dest.error is None:  # the first reason stands; later ones follow from it
        reason = "destination is full" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        dest.error = f"{dest.target}: {reason}; this destination was stopped"


def _seal(dest: Destination, hash_format: str) -> None:
    """Write the verified files into a new MHL generation, then empty the journal."""
    records = {**dest.journal.load(), **dest.verified}
    try:
        dest.manifest = mhl.write_generation(dest.target, records, hash_format)
    except OSError as exc:
        _fail(dest, exc)
        return
    except Exception as exc:  # the ascmhl package's own errors
        dest.error = f"{dest.target}: the ASC MHL generation could not be written ({exc})"
        return
    dest.journal.clear()
