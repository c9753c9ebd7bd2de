from fractions import Fraction

import pytest

from rushes.media.timecode import from_frames, timecode_at, to_frames

NTSC = Fraction(30000, 1001)


@pytest.mark.parametrize(
    "timecode, rate, frames",
    [
        ("01:00:00:00", Fraction(25), 90000),
        ("01:00:00:00", Fraction(24000, 1001), 86400),
        ("01:00:00;00", NTSC, 107892),
        ("00:01:00;02", NTSC, 1800),
    ],
)
def test_timecode_round_trips_through_frames(timecode, rate, frames):
    assert to_frames(timecode, rate) == frames
    assert from_frames(frames, rate, drop_frame=";" in timecode) == timecode


def test_drop_frame_skips_frame_numbers_at_the_minute():
    assert timecode_at("00:00:59;29", NTSC, Fraction(1001, 30000)) == "00:01:00;02"
    assert timecode_at(None, NTSC, Fraction(1)) is None
