"""Focus across framings: the share of fine detail in a picture stays about the same when
the camera frames closer (a crop of the same real footage), and falls far when the lens
is out of focus, where sharpness in pixels cannot tell a close-up from a soft take."""

from __future__ import annotations

from fractions import Fraction

import cv2
import numpy as np

from rushes.analysis.detail import fine_detail
from rushes.samples import sample_footage

from judgementgen import _setup_frames, _source_frames, _write

SIZE = (320, 180)
RATE = Fraction(25)


def _clip(path, frames, blur: float = 0.0):
    def picture(k):
        image = frames[k % len(frames)]
        return cv2.GaussianBlur(image, (0, 0), blur) if blur else image

    _write(path, picture, 50, RATE, SIZE, np.zeros(2 * 16000, np.float32), "01:00:00:00",
           True)  # fmt: skip


def test_a_closer_framing_keeps_its_fine_detail_and_a_soft_one_loses_it(tmp_path):
    source = _source_frames(str(next(iter(sample_footage().values()))), SIZE[0] * 2,
                            SIZE[1] * 2)[:25]  # fmt: skip
    wide = _setup_frames(source, None, SIZE)
    close = _setup_frames(source, (2.0, 0.5, 0.5), SIZE)
    _clip(tmp_path / "wide.mov", wide)
    _clip(tmp_path / "close.mov", close)
    _clip(tmp_path / "soft.mov", close, blur=3.0)
    detail = {name: fine_detail(tmp_path / f"{name}.mov", RATE, 0.0, 2.0)
              for name in ("wide", "close", "soft")}  # fmt: skip
    assert detail["close"] >= 0.2 * detail["wide"], detail
    assert detail["soft"] < 0.1 * min(detail["wide"], detail["close"]), detail
    assert fine_detail(tmp_path / "offline.mov", RATE, 0.0, 2.0) is None
