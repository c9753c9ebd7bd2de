"""Everything that touches PyAV: probing, the one-pass decoder, timecode, still images.

Only this package imports ``av``. FFmpeg's own log is off: problems reach the user as
one-line errors raised from here, not as decoder chatter. Off means PyAV's level ``None``, not
``PANIC``: any level installs PyAV's Python log callback, which FFmpeg's frame threads call
with the GIL held elsewhere, and a container closed mid-decode then deadlocks in C.

>>> probe(Path("A001C003.mov")).frame_rate
Fraction(24000, 1001)
"""

import av.logging

from rushes.media.decoder import (
    AudioChunk,
    AudioRequest,
    DecodeError,
    DecodeStats,
    Request,
    VideoImage,
    VideoRequest,
    decode,
)
from rushes.media.fingerprint import fingerprint
from rushes.media.image import encode_jpeg
from rushes.media.probe import NotMedia, probe
from rushes.media.render import PreviewWriter
from rushes.media.spans import audio_span, sound_track, video_span

av.logging.set_level(None)

__all__ = [
    "AudioChunk", "AudioRequest", "DecodeError", "DecodeStats", "NotMedia", "PreviewWriter",
    "Request", "VideoImage", "VideoRequest", "audio_span", "decode", "encode_jpeg", "fingerprint",
    "probe", "sound_track", "video_span",
]  # fmt: skip
