"""Content fingerprints that identify a clip wherever it moves.

Hashing 30 hours of camera originals in full would take longer than the offload did, so a
fingerprint is the xxh128 of the file size and 16 blocks of 64 KiB spread evenly over the
file, first and last included (small files are hashed whole). Compressed media never
repeats 1 MiB of sampled bytes at the same offsets and size; renames and moves keep it.

>>> fingerprint(Path("A001C003.mov"))
'7d3f0c2a9b1e4f5a8c6d2e0f1a3b5c7d'
"""

from __future__ import annotations

from pathlib import Path

import xxhash

BLOCK = 64 * 1024
BLOCKS = 16
WHOLE_FILE_BELOW = BLOCK * BLOCKS * 4


def fingerprint(path: Path) -> str:
    """xxh128 hex digest of the size and the sampled blocks of ``path``."""
    digest = xxhash.xxh128()
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        digest.update(size.to_bytes(8, "little"))
        f.seek(0)
        if size <= WHOLE_FILE_BELOW:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        else:
            step = (size - BLOCK) / (BLOCKS - 1)
            for i in range(BLOCKS):
                f.seek(round(i * step))
                digest.update(f.read(BLOCK))
    return digest.hexdigest()
