"""The one-pass decoder: every frame once, in order, scaled by the decoder; audio resampled."""

import subprocess
import sys
from fractions import Fraction

import numpy as np

from rushes.media import AudioRequest, DecodeStats, VideoRequest, decode

from mediagen import make_video, read_frame_number


def test_every_frame_in_presentation_order_with_exact_times(tmp_path):
    rate = Fraction(30000, 1001)
    path = make_video(tmp_path / "a.mov", seconds=60 / rate, rate=rate, gop=12)
    request = VideoRequest(320, 180, "rgb24")
    items = [item for _, item in decode(path, [request])]
    assert [read_frame_number(i.image) for i in items] == list(range(60))
    assert [i.index for i in items] == list(range(60))
    assert items[7].time == 7 / rate


def test_scaling_and_sampling_happen_per_request(tmp_path):
    path = make_video(tmp_path / "a.mp4", seconds=2, size=(640, 360), audio_channels=2)
    small = VideoRequest(48, 27, "rgb24")
    grey = VideoRequest(160, 90, "gray")
    stills = VideoRequest(320, 0, "rgb24", frozenset({0, 25}))
    sound = AudioRequest(16000, "mono", "flt")
    got: dict = {}
    stats = DecodeStats()
    for request, item in decode(path, [small, grey, stills, grey, sound], stats=stats):
        got.setdefault(request, []).append(item)
    assert got[small][0].image.shape == (27, 48, 3)
    assert got[grey][0].image.shape == (90, 160)
    assert [i.index for i in got[stills]] == [0, 25]
    assert got[stills][0].image.shape == (180, 320, 3)  # height from the display aspect
    assert len(got[grey]) == 50 == stats.video_frames
    samples = np.concatenate([c.samples.reshape(-1) for c in got[sound]])
    assert abs(len(samples) - 32000) <= 1024
    assert 0.2 < np.abs(samples).max() < 0.3  # the 0.25 tone, resampled not rescaled


def test_anamorphic_pixels_widen_the_picture(tmp_path):
    path = make_video(tmp_path / "ana.mov", size=(320, 240), sar=Fraction(4, 3), seconds=0.2)
    request = VideoRequest(320, 0, "gray")
    first = next(item for _, item in decode(path, [request]))
    assert first.image.shape == (180, 320)


def test_stopping_early_releases_the_decoder(tmp_path):
    """Closing a frame-threaded decoder mid-clip once deadlocked on the GIL (FFmpeg's log
    callback); a deadlock no timeout can interrupt, so the loop runs in a child process."""
    path = make_video(tmp_path / "a.mov", seconds=1, size=(320, 240), gop=5)
    loop = (
        "import sys\n"
        "from pathlib import Path\n"
        "from rushes.media import VideoRequest, decode\n"
        "for _ in range(100):\n"
        "    items = decode(Path(sys.argv[1]), [VideoRequest(64, 0, 'gray')])\n"
        "    next(items)\n"
        "    items.close()\n"
    )
    subprocess.run([sys.executable, "-c", loop, str(path)], check=True, timeout=60)


def _nvdec_opens(path) -> bool:
    from av.codec.hwaccel import HWAccel

    from rushes.media.ffmpeg import av

    try:
        av.open(str(path), hwaccel=HWAccel("cuda")).close()
    except (av.error.FFmpegError, ValueError):
        return False
    return True


def _items(path, hwaccel):
    requests = [VideoRequest(48, 27, "rgb24"), VideoRequest(160, 0, "gray")]
    return [(requests.index(r), i.index, i.time, i.image.tobytes())
            for r, i in decode(path, requests, hwaccel=hwaccel)]  # fmt: skip


def test_a_picture_decoder_device_that_cannot_open_leaves_the_cpu_to_it(tmp_path):
    """``[analyze] decoder = "auto"`` asks for NVDEC; with no CUDA device (or one that
    cannot decode the codec) the CPU decodes the same frames, and the file stays one that
    can be read."""
    path = make_video(tmp_path / "a.mp4", seconds=1, size=(320, 180))
    assert _items(path, "cuda") == _items(path, None)


def test_on_a_gpu_nvdec_hands_the_analyzers_the_same_pixels(tmp_path):
    """Where NVDEC opens (``bench/decode_devices.py`` runs the same check on 1080p H.264
    and UHD HEVC), every item is byte-identical to the CPU's."""
    import pytest

    path = make_video(tmp_path / "a.mp4", seconds=1, size=(640, 360))
    if not _nvdec_opens(path):
        pytest.skip("needs NVDEC (a CUDA GPU; this machine has none)")
    assert _items(path, "cuda") == _items(path, None)
