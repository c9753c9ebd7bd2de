"""Proxies (frame for frame, timecode kept, only where the browser needs one), the user's
scene edits applied by the assembly, and ``rushes review``'s one-line refusals."""

from __future__ import annotations

import socket
from fractions import Fraction
from pathlib import Path

import pytest

from rushes.analysis import analyze
from rushes.catalog import Catalog, Clip, SceneEdit
from rushes.edit.assemble import assemble
from rushes.edit.takes import Take
from rushes.ingest import add_paths
from rushes.media import probe
from rushes.media.records import Probe

from conftest import rushes_process
from mediagen import make_video


def test_a_proxy_is_made_only_for_what_the_browser_cannot_play_frame_for_frame(project):
    media = project.root / "card"
    media.mkdir()
    make_video(media / "A.mp4", seconds=2, codec="libx265", size=(640, 360), audio_channels=1,
               timecode="01:02:03:04", rate=Fraction(24000, 1001))  # fmt: skip
    make_video(media / "B.mov", seconds=1, codec="prores_ks", pix_fmt="yuv422p10le")
    make_video(media / "C.mp4", seconds=1)  # H.264: played as it is
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [media])
        report = analyze(project, catalog, catalog.clips.all(), ["proxy"], jobs=1)
        assert not report.failed
        made = {o.clip.name: o.summaries["proxy"][1] for o in report.analyzed}
        assert sorted(made) == ["A.mp4", "B.mov"]
        for clip in catalog.clips.all():
            if clip.name not in made:
                continue
            folder = project.cache_dir / clip.fingerprint[:2] / clip.fingerprint / "proxy-v1"
            proxy = probe(folder / "proxy.mp4")
            source = clip.probe
            assert proxy.video_codec == "h264" and proxy.pix_fmt == "yuv420p"
            assert proxy.frame_count == source.frame_count
            assert proxy.frame_rate == source.frame_rate
            assert proxy.start_timecode == source.start_timecode
            assert proxy.height <= 540 and proxy.width % 2 == 0
            assert bool(proxy.audio) == bool(source.audio)
        again = analyze(project, catalog, catalog.clips.all(), ["proxy"], jobs=1)
        assert not again.analyzed  # finished proxies are not made again


def _take(name: str, scene: int, score: float, part: int = 1) -> Take:
    clip = Clip(id=1, fingerprint=name, path=Path("/shoot") / name, size=1, mtime_ns=1,
                added_at="", probe=Probe(container="mov", duration=Fraction(20),
                                         frame_rate=Fraction(25)))  # fmt: skip
    take = Take(clip, scene, 2.0, 8.0, completeness=score)
    take.part = part
    return take


def test_the_users_edits_choose_order_trim_and_leave_out_scenes():
    takes = [_take("a", 0, 1.0), _take("b", 0, 0.5), _take("c", 1, 1.0), _take("d", 2, 1.0)]
    takes[2].spoken = (1.0, 9.0)  # a misheard line at each edge: cut from where it is said
    plain = assemble(takes, handles=0.5)
    assert [c.chosen.clip.name for c in plain.choices] == ["a", "c", "d"]
    assert (plain.choices[1].start, plain.choices[1].end) == (0.5, 9.5)
    edits = {
        0: SceneEdit(0, "one", position=5.0, take="b", take_part=1),
        1: SceneEdit(1, "two", dropped=True),
        2: SceneEdit(2, "three", position=1.0, take="d", start=3.0, end=4.0),
    }
    cut = assemble(takes, handles=0.5, edits=edits)
    assert [c.chosen.clip.name for c in cut.choices] == ["d", "b"]
    assert (cut.choices[0].start, cut.choices[0].end) == (3.0, 4.0)
    assert (cut.choices[1].start, cut.choices[1].end) == (1.5, 8.5)  # the tool's handles
    assert [c.chosen.clip.name for c in cut.left_out] == ["c"]
    fitted = assemble(takes, handles=0.5, target=1.5, edits={2: edits[2]})
    assert [c.chosen.clip.name for c in fitted.choices] == ["d"]  # yours is never dropped


def test_a_busy_port_is_one_line_and_another_host_is_a_warning(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        busy = rushes_process("review", "--project", project.root, "--port", port, "--no-open")
        out, err = busy.communicate(timeout=60)
    assert busy.returncode == 2
    assert err.strip().splitlines() == [
        f"rushes: error: 127.0.0.1:{port}: cannot serve there (Address already in use); "
        "try another --port"
    ]
    wide = rushes_process("review", "--project", project.root, "--host", "0.0.0.0", "--port", 0,
                          "--no-open")  # fmt: skip
    try:
        line = wide.stdout.readline()
        assert line.startswith("rushes review: http://0.0.0.0:")
    finally:
        wide.terminate()
        _, err = wide.communicate(timeout=30)
    assert "serving on 0.0.0.0: anyone who can reach this machine can see the rushes" in err


@pytest.mark.parametrize("host", ["localhost:1", "127.0.0.1:1", "[::1]:1"])
def test_loopback_names_are_allowed_hosts(host):
    from rushes.review.guard import allowed_hosts

    assert host in allowed_hosts("127.0.0.1", 1)
    assert "evil.example:1" not in allowed_hosts("127.0.0.1", 1)
