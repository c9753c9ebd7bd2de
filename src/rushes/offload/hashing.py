"""The checksums an offload can record, named as ASC MHL names them.

xxh128 (the ASC MHL default; XXH3 128-bit), xxh64 and md5. xxh128 hashes at several GB/s,
so it is never what limits a copy; md5 is for facilities whose tools ask for it.

>>> h = new_hasher("xxh128"); h.update(b"data"); h.hexdigest()
"""

from __future__ import annotations

import hashlib
import os

import xxhash

from rushes.errors import BadInput

FORMATS = {"xxh128": xxhash.xxh3_128, "xxh64": xxhash.xxh64, "md5": hashlib.md5}
DEFAULT = "xxh128"
CHUNK = 8 * 1024 * 1024


def new_hasher(name: str):
    try:
        return FORMATS[name]()
    except KeyError:
        raise BadInput(f"unknown hash {name!r} (choose from {', '.join(FORMATS)})") from None


def hash_file(path, name: str, on_bytes=None) -> str:
    """Hash a whole file, reading it from the disk (not the page cache where we can help it)."""
    hasher = new_hasher(name)
    with open(path, "rb") as f:
        drop_cache(f.fileno())
        while chunk := f.read(CHUNK):
            hasher.update(chunk)
            if on_bytes:
                on_bytes(len(chunk))
    return hasher.hexdigest()


def drop_cache(fd: int) -> None:
    """Ask the kernel to forget cached pages, so a read-back really reads the medium."""
    if hasattr(os, "posix_fadvise"):
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
