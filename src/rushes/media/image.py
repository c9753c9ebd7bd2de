"""Still images out of decoded pixels: JPEG through FFmpeg's mjpeg encoder.

Keeps thumbnails inside the media stack we already ship, with no imaging library.

>>> Path("poster.jpg").write_bytes(encode_jpeg(rgb))
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from rushes.media.ffmpeg import av


def encode_jpeg(rgb: np.ndarray, quality: int = 4) -> bytes:
    """JPEG bytes of an ``(h, w, 3)`` uint8 RGB array; ``quality`` is mjpeg's qscale (2-31)."""
    height, width = rgb.shape[:2]
    codec = av.CodecContext.create("mjpeg", "w")
    codec.width, codec.height = width - width % 2, height - height % 2
    codec.pix_fmt = "yuvj420p"
    codec.time_base = Fraction(1, 25)
    codec.options = {"qmin": str(quality), "qmax": str(quality)}
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
    frame = frame.reformat(codec.width, codec.height, "yuvj420p")
    packets = codec.encode(frame) + codec.encode(None)
    return b"".join(bytes(p) for p in packets)
