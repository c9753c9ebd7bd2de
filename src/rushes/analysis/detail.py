"""Fine detail of a stretch of picture: a measure of focus that the framing does not change.

Sharpness in pixels (``analysis.picture``) says how soft a frame is against frames of the
same framing; a close-up has less of it than a wide of the same scene however well it is
focused. Natural pictures spread their contrast over spatial scales about evenly (power
falls as 1/f^2, so each octave of frequency holds about as much), so the power of an
octave of fine detail against an octave of coarse detail stays about the same when the
camera frames closer or wider. A lens out of focus takes the fine octave away (a blur of
sigma pixels scales its power by exp(-4 pi^2 sigma^2 f^2)): on the tuning shoots, takes
out of focus kept 0.1-3 % of the fine detail of their scene's sharp takes in another
framing, sharp takes of two framings at least 20 % of each other's.

>>> fine_detail(Path("A001C003.mov"), Fraction(25), 12.0, 19.5)
0.412
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np

from rushes.media.decoder import VideoRequest
from rushes.media.ffmpeg import av
from rushes.media.keyframes import decode_span

WIDTH = 160  # the picture analyzer's scale: fine detail in pixels of this picture
FINE = (0.2, 0.4)  # cycles a pixel: the octave of fine detail
COARSE = (0.05, 0.1)  # ...and of coarse detail, two octaves below
FRAMES = 8  # frames looked at, spread over the stretch


def fine_detail(path: Path, rate: Fraction, start: float, end: float,
                count: int = FRAMES) -> float | None:  # fmt: skip
    """Fine against coarse detail over ``start``..``end`` seconds: the 90th percentile of
    ``count`` frames spread over it (a moment of motion blur does not decide). None when
    the media cannot be read (offline, damaged)."""
    request = VideoRequest(WIDTH, 0, "gray")
    first, last = int(start * rate), max(int(start * rate), int(end * rate) - 1)
    ratios = []
    try:
        for index in sorted({round(first + k * (last - first) / max(1, count - 1))
                             for k in range(count)}):  # fmt: skip
            frames = decode_span(path, request, rate, index, index + 1)
            if len(frames):
                ratios.append(_fine_to_coarse(frames[0].astype(np.float32)))
    except (OSError, ValueError, RuntimeError, av.FFmpegError):
        return None
    return round(float(np.percentile(ratios, 90)), 5) if ratios else None


def _fine_to_coarse(grey: np.ndarray) -> float:
    grey = grey.reshape(grey.shape[0], grey.shape[1])
    window = np.outer(np.hanning(grey.shape[0]), np.hanning(grey.shape[1]))
    power = np.abs(np.fft.rfft2((grey - grey.mean()) * window)) ** 2
    radius = np.hypot(np.fft.fftfreq(grey.shape[0])[:, None],
                      np.fft.rfftfreq(grey.shape[1])[None, :])  # fmt: skip
    fine = power[(radius >= FINE[0]) & (radius < FINE[1])].sum()
    coarse = power[(radius >= COARSE[0]) & (radius < COARSE[1])].sum()
    return float(fine / coarse) if coarse > 0 else 0.0
