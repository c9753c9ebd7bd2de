"""Burnt-in text for previews: source timecode and clip name on a dark band at the bottom,
so a viewer of the preview can call out an edit by its source.

The font is DejaVu Sans as matplotlib (a dependency) ships it: Latin, Cyrillic, Greek and
more, so a clip named "сцена1_дубль2" is not drawn as boxes (Pillow's own default font is
Latin only)."""

from __future__ import annotations

from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=8)
def _font(size: int):
    spec = find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(list(spec.submodule_search_locations)[0])
        dejavu = folder / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"
        if dejavu.is_file():
            return ImageFont.truetype(str(dejavu), size)
    return ImageFont.load_default(size=size)


def burn_in(rgb: np.ndarray, text: str) -> np.ndarray:
    height, width = rgb.shape[:2]
    band = max(12, height // 14)
    image = Image.fromarray(rgb)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - band, width, height), fill=(0, 0, 0))
    draw.text((band // 3, height - band + band // 8), text, fill=(255, 255, 255),
              font=_font(int(band * 0.75)))  # fmt: skip
    return np.asarray(image)
