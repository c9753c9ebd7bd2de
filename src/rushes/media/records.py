"""What probing a media file finds: plain data, no PyAV, so the catalog can store it and
every package can read it without loading FFmpeg. Times are exact (``Fraction``).

>>> AudioStream(index=1, codec="pcm_s24le", sample_rate=48000, channels=2, layout="stereo")
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class AudioStream:
    """One audio stream of a clip, as its container describes it."""

    index: int
    codec: str
    sample_rate: int
    channels: int
    layout: str | None


@dataclass(frozen=True)
class Probe:
    """What probing a media file tells us; ``video_codec`` is None for a sound file."""

    container: str
    duration: Fraction
    video_codec: str | None = None
    video_profile: str | None = None
    width: int | None = None
    height: int | None = None
    pixel_aspect: Fraction | None = None
    pix_fmt: str | None = None
    frame_rate: Fraction | None = None
    vfr: bool = False
    frame_count: int | None = None
    start_timecode: str | None = None
    timecode_source: str | None = None
    creation_time: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    audio: tuple[AudioStream, ...] = ()

    @property
    def kind(self) -> str:
        """'video' when there is picture, else 'audio' (a recorder's sound file)."""
        return "video" if self.video_codec else "audio"
