"""A still of a take for the cut report: the filmstrip frame nearest the middle of its
performance (the thumbnails analyzer's), small, as a data URI so the page stays one file.

>>> still = take_still(catalog, project.cache_dir, take)   # "data:image/jpeg;base64,..."
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from rushes.analysis import result_folder
from rushes.catalog import Catalog

WIDTH = 192


def take_still(catalog: Catalog, cache: Path, take) -> str | None:
    found = [r for r in catalog.analyses.for_clip(take.clip.fingerprint)
             if r.analyzer == "thumbnails"]  # fmt: skip
    if not found:
        return None
    summary = found[-1].summary
    strip = result_folder(cache, take.clip.fingerprint, "thumbnails", found[-1].version)
    strip = strip / summary.get("filmstrip", "filmstrip.jpg")
    indices = summary.get("filmstrip_frames") or []
    if not strip.is_file() or not indices:
        return None
    rate = float(take.clip.probe.frame_rate or 25)
    middle = (take.start + take.end) / 2 * rate
    k = min(range(len(indices)), key=lambda n: abs(indices[n] - middle))
    with Image.open(strip) as image:
        width = image.width // len(indices)
        frame = image.crop((k * width, 0, (k + 1) * width, image.height))
        frame.thumbnail((WIDTH, WIDTH))
        out = io.BytesIO()
        frame.convert("RGB").save(out, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()
