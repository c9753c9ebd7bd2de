"""Burnt-in text for previews: source timecode and clip name on a dark band at the bottom,
so a viewer of the preview can call out an edit by its source."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=8)
def _font(size: int):
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
