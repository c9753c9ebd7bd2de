"""Everything that touches PyAV: probing, the one-pass decoder, timecode, still images.

Only this package imports ``av`` (through ``media.ffmpeg``, which turns FFmpeg's log off).
The names below are imported when first used, so that a command that only reads the
catalog (``rushes ls``, ``search``, ``rate``) does not load FFmpeg and NumPy.

>>> probe(Path("A001C003.mov")).frame_rate
Fraction(24000, 1001)
"""

from rushes.lazy import exports

_WHERE = {
    "AudioChunk": "decoder", "AudioRequest": "decoder", "DecodeError": "decoder",
    "DecodeStats": "decoder", "Request": "decoder", "VideoImage": "decoder",
    "VideoRequest": "decoder", "decode": "decoder", "fingerprint": "fingerprint",
    "encode_jpeg": "image", "NotMedia": "probe", "probe": "probe",
    "AudioStream": "records", "Probe": "records",
    "PreviewWriter": "render", "audio_span": "spans", "sound_track": "spans",
    "video_span": "spans",
}  # fmt: skip

__all__ = sorted(_WHERE)
__getattr__ = exports(__name__, _WHERE)
