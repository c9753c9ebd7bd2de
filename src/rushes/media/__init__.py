"""Everything that touches PyAV: probing, the one-pass decoder, timecode, still images.

Only this package imports ``av`` (through ``media.ffmpeg``, which turns FFmpeg's log off).
The names below are imported when first used, so that a command that only reads the
catalog (``rushes ls``, ``search``, ``rate``) does not load FFmpeg and NumPy.

>>> probe(Path("A001C003.mov")).frame_rate
Fraction(24000, 1001)
"""

import importlib
import sys
import types

_WHERE = {
    "AudioChunk": "decoder", "AudioRequest": "decoder", "DecodeError": "decoder",
    "DecodeStats": "decoder", "Request": "decoder", "VideoImage": "decoder",
    "VideoRequest": "decoder", "decode": "decoder", "fingerprint": "fingerprint",
    "encode_jpeg": "image", "NotMedia": "probe", "probe": "probe",
    "PreviewWriter": "render", "audio_span": "spans", "sound_track": "spans",
    "video_span": "spans",
}  # fmt: skip

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'rushes.media' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"rushes.media.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """``probe`` and ``fingerprint`` name both a function and the module that holds it:
    importing the module must not put it where the function is."""

    def __setattr__(self, name: str, value) -> None:
        if name in _WHERE and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
