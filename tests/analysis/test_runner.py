"""The runner: one decode per clip for all analyzers, results once, resumable after SIGKILL."""

import os
import signal
import time
from pathlib import Path

import av
import numpy as np
import pytest

from rushes.analysis import Analyzer, ClipAnalysis, analyze, register, result_folder
from rushes.catalog import Catalog
from rushes.ingest import add_paths
from rushes.media import AudioRequest, VideoRequest
from rushes.processes import alive

from conftest import rushes_process
from mediagen import make_audio, make_video


def _add(project, *paths):
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, list(paths))
        return catalog.clips.all()


def _run(project, analyzers=("thumbnails", "waveform"), jobs=1):
    with Catalog.open(project.catalog_path) as catalog:
        return analyze(project, catalog, catalog.clips.all(), analyzers, jobs)


def test_thumbnails_give_a_poster_a_filmstrip_and_the_luma_of_every_frame(project, tmp_path):
    levels = [16 * (i % 16) for i in range(48)]
    (clip,) = _add(project, make_video(tmp_path / "steps.mov", levels=levels, size=(320, 240)))
    report = _run(project, ["thumbnails"])
    assert not report.failed
    folder = result_folder(project.cache_dir, clip.fingerprint, "thumbnails", 1)
    luma = np.load(folder / "luma.npy")
    assert len(luma) == 48
    # Flat grey frames: mean luma follows the generated levels (the burnt-in number aside).
    assert np.corrcoef(luma, levels)[0, 1] > 0.99
    with av.open(str(folder / "poster.jpg")) as jpeg:
        poster = next(jpeg.decode(video=0))
        assert (poster.width, poster.height) == (320, 240)
    with av.open(str(folder / "filmstrip.jpg")) as jpeg:
        assert next(jpeg.decode(video=0)).width == 3200
    with Catalog.open(project.catalog_path) as catalog:
        summary = catalog.analyses.get(clip.fingerprint, "thumbnails", 1).summary
    assert summary["poster_frame"] == 16 and summary["frames"] == 48


def test_waveform_levels_of_a_known_tone(project, tmp_path):
    (clip,) = _add(project, make_audio(tmp_path / "tone.wav", seconds=2, channels=2))
    report = _run(project, ["thumbnails", "waveform"])
    assert [sorted(o.summaries) for o in report.analyzed] == [["waveform"]]  # no picture
    levels = np.load(
        result_folder(project.cache_dir, clip.fingerprint, "waveform", 1) / "levels.npy"
    )
    assert levels.shape == (200, 2)
    assert np.allclose(levels[5:-5, 0], 0.25, atol=0.01)  # peak of the 0.25 sine
    assert np.allclose(levels[5:-5, 1], 0.25 / np.sqrt(2), atol=0.01)  # its RMS


def test_a_rerun_does_nothing_new(project, tmp_path):
    _add(project, make_video(tmp_path / "a.mov"), make_video(tmp_path / "b.mov"))
    first = _run(project)
    second = _run(project)
    assert len(first.analyzed) == 2
    assert second.analyzed == [] and len(second.skipped) == 2


class _Counting(ClipAnalysis):
    def __init__(self, requests):
        self.requests = requests
        self.items = 0

    def take(self, request, item):
        self.items += 1

    def finish(self, folder):
        return {"items": self.items}


@register
class _EdgesProbe(Analyzer):
    """A second and third analyzer asking for other streams, for the decode-once test."""

    name, version = "test-edges", 1

    def start(self, clip):
        return _Counting((VideoRequest(48, 27, "rgb24"),))


@register
class _SpeechProbe(Analyzer):
    name, version = "test-speech", 1

    def start(self, clip):
        return _Counting((AudioRequest(16000),))


def test_several_analyzers_decode_each_clip_exactly_once(project, tmp_path, monkeypatch):
    clips = _add(
        project,
        make_video(tmp_path / "a.mov", audio_channels=2),
        make_video(tmp_path / "b.mp4", seconds=1, audio_channels=1),
    )
    opened = []
    real_open = av.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(av, "open", spy)
    report = _run(project, ["thumbnails", "waveform", "test-edges", "test-speech"])
    assert not report.failed
    assert sorted(opened) == sorted(str(c.path) for c in clips)
    for outcome in report.analyzed:
        assert outcome.summaries["test-edges"][1]["items"] == outcome.clip.probe.frame_count


def test_parallel_workers_give_the_same_results(project, tmp_path):
    for i in range(3):
        make_video(tmp_path / f"c{i}.mov", seconds=1 + i * 0.5, audio_channels=2)
    clips = _add(project, tmp_path)
    report = _run(project, jobs=2)
    assert len(report.analyzed) == 3 and not report.failed
    parallel = {c.fingerprint: _luma(project, c) for c in clips}
    for c in clips:
        folder = result_folder(project.cache_dir, c.fingerprint, "thumbnails", 1)
        (folder / "luma.npy").unlink()
    with Catalog.open(project.catalog_path) as catalog:
        catalog.db.execute("DELETE FROM analyses")
    _run(project, jobs=1)
    assert all(np.array_equal(parallel[c.fingerprint], _luma(project, c)) for c in clips)


def _luma(project, clip):
    return np.load(result_folder(project.cache_dir, clip.fingerprint, "thumbnails", 1) / "luma.npy")


def _results(project):
    with Catalog.open(project.catalog_path) as catalog:
        rows = catalog.db.execute(
            "SELECT fingerprint, analyzer, summary FROM analyses ORDER BY 1, 2"
        ).fetchall()
    return [tuple(r) for r in rows]


def test_a_killed_analysis_resumes_to_the_same_results(project, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    for i in range(8):
        make_video(media / f"take{i}.mov", seconds=4, size=(640, 360), audio_channels=2)
    clips = _add(project, media)
    only = ("--analyzer", "thumbnails", "--analyzer", "waveform")
    worker = rushes_process("analyze", "--jobs", "1", *only, "--project", project.root)
    deadline = time.time() + 60
    while not _results(project) and time.time() < deadline and worker.poll() is None:
        time.sleep(0.02)
    time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    partial = _results(project)
    assert 0 < len(partial) < 2 * len(clips), "the kill should land mid-run"
    for fingerprint, analyzer, _ in partial:  # every recorded result has its files
        assert result_folder(project.cache_dir, fingerprint, analyzer, 1).is_dir()

    resumed = rushes_process(
        "analyze", "--jobs", "1", *only, "--format", "json", "--project", project.root
    )
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert len(_results(project)) == 2 * len(clips)

    fresh = project.__class__.create(tmp_path / "fresh")
    _add(fresh, media)
    _run(fresh)
    assert _results(project) == _results(fresh)
    for clip in clips:
        assert np.array_equal(_luma(project, clip), _luma(fresh, clip))
    assert list(project.cache_dir.rglob(".tmp-*")) == []  # nothing half-written is left


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(stat[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def test_a_killed_analysis_leaves_no_worker_behind(project, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    for i in range(6):
        make_video(media / f"take{i}.mov", seconds=6, size=(1280, 720), audio_channels=2)
    _add(project, media)
    worker = rushes_process("analyze", "--jobs", "2", "--analyzer", "thumbnails",
                            "--project", project.root)  # fmt: skip
    deadline = time.time() + 60
    family: set[int] = set()
    while time.time() < deadline and worker.poll() is None:
        family |= _descendants(worker.pid)
        if len(family) >= 3 and _results(project) == []:  # forkserver and two workers
            time.sleep(0.3)
            family |= _descendants(worker.pid)
            break
        time.sleep(0.05)
    assert worker.poll() is None and len(family) >= 3, "the kill should land mid-run"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    deadline = time.time() + 15
    while time.time() < deadline and any(alive(pid) for pid in family):
        time.sleep(0.1)
    assert not [pid for pid in family if alive(pid)], "workers outlived a killed analysis"


def test_a_second_analysis_of_one_project_is_refused_in_one_line(project, tmp_path, rushes):
    _add(project, make_video(tmp_path / "a.mov"))
    with project.writing("a test"):
        result = rushes("analyze", "--project", project.root)
    assert result.code == 1
    assert result.err == (
        f"rushes: error: {project.root}: another rushes command is analysing this project; "
        "run `rushes analyze` again when it has finished\n"
    )
    assert rushes("analyze", "--analyzer", "thumbnails", "--project", project.root).code == 0


def test_a_clip_that_vanished_since_add_fails_alone(project, tmp_path):
    keep = make_video(tmp_path / "keep.mov")
    lost = make_video(tmp_path / "lost.mov")
    _add(project, keep, lost)
    os.remove(lost)
    report = _run(project, ["thumbnails"])
    assert [o.clip.name for o in report.analyzed] == ["keep.mov"]
    (failure,) = report.failed
    assert failure.error.startswith(f"{lost}: missing since it was added")


def test_cli_reports_a_failed_clip_in_one_line_and_exit_1(project, rushes, tmp_path):
    clip = make_video(tmp_path / "a.mov")
    rushes("add", clip, "--project", project.root)
    clip.write_bytes(clip.read_bytes() + b"x")  # changed under us after add
    result = rushes("analyze", "--project", project.root)
    assert result.code == 1
    assert result.err == f"rushes: {clip}: changed since it was added; run `rushes add` again\n"


@pytest.fixture(autouse=True)
def _no_stray_env(monkeypatch):
    monkeypatch.delenv("RUSHES_PROJECT", raising=False)
