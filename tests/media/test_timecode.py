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


@pytest.mark.parametrize(
    "rate, drop",
    [(Fraction(24000, 1001), False), (Fraction(24), False), (Fraction(25), False),
     (NTSC, False), (NTSC, True), (Fraction(50), False), (Fraction(60000, 1001), True)],
)  # fmt: skip
def test_timecode_arithmetic_agrees_with_opentimelineio(rate, drop):
    """Our own arithmetic (commands start without importing OTIO) against OTIO's."""
    import opentimelineio as otio

    nominal = round(float(rate))
    day = 23 * 3600 * nominal  # OTIO wraps NTSC non-drop early, before a day of timecode
    frames = [0, 1, nominal - 1, nominal, 1799, 1800, 1801, 17981, 17982, 17983, 107891,
              107892, day - 1]  # fmt: skip
    frames += list(range(0, day, 4999))
    for n in frames:
        theirs = otio.opentime.RationalTime(n, float(rate)).to_timecode(float(rate), drop)
        assert from_frames(n, rate, drop) == theirs, n
        back = otio.opentime.from_timecode(theirs, float(rate)).value
        assert to_frames(theirs, rate) == round(back), theirs


def test_timecode_wraps_at_a_day_and_refuses_what_is_not_one():
    assert from_frames(24 * 3600 * 25 + 7, Fraction(25)) == "00:00:00:07"
    with pytest.raises(ValueError, match="not a timecode"):
        to_frames("01:00:00", Fraction(25))
