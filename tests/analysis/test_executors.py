"""Executors: the same clips give byte-identical results on the local pool (one job, two)
and on Ray; a worker that dies takes only its own clip down; a node lost mid-run on a
two-node Ray cluster costs nothing; media is read through the cluster's path map."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from scipy.signal import resample_poly

from rushes.analysis import analyze
from rushes.analysis.executors.local import LocalPool
from rushes.catalog import Catalog
from rushes.ingest import add_paths
from rushes.project import Project

from mediagen import make_video
from speechgen import dialogue

LINES = [
    "Where did you put the oxygen tank",
    "Get the wrench from the blue locker",
    "Then we have a serious problem",
]


@pytest.fixture(scope="module")
def media(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("card")
    for n, line in enumerate(LINES):
        sound, _ = dialogue([(0.5, line)], 4.0, noise=0.002)
        stereo = np.repeat(resample_poly(sound[0], 3, 1).astype(np.float32)[None, :], 2, 0)
        make_video(folder / f"A001C00{n + 1}.mov", seconds=4, rate=Fraction(25),
                   sound=stereo, audio_codec="pcm_s16le", timecode=f"0{n}:00:00:00")  # fmt: skip
    return folder


def _results(root: Path, media: Path, executor, analyzers=None) -> dict:
    """Every result of every clip: its summary and the bytes of its files."""
    project = Project.create(root)
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [media])
        report = analyze(project, catalog, catalog.clips.all(),
                         analyzers or ["thumbnails", "waveform", "shots", "picture", "sound",
                                       "speech"], executor=executor)  # fmt: skip
        assert not report.failed, [o.error for o in report.failed]
        out = {}
        for clip in catalog.clips.all():
            for result in catalog.analyses.for_clip(clip.fingerprint):
                folder = (project.cache_dir / clip.fingerprint[:2] / clip.fingerprint
                          / f"{result.analyzer}-v{result.version}")  # fmt: skip
                files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
                out[(clip.name, result.analyzer)] = (json.dumps(result.summary), files)
            words = catalog.transcripts.get(clip.fingerprint, catalog.transcripts.models(
                clip.fingerprint)[0])  # fmt: skip
            out[(clip.name, "words")] = [(w.start, w.end, w.text) for w in words.words]
    return out


ray = pytest.importorskip("ray", reason="the ray extra (make setup installs it) is missing")


def test_results_do_not_depend_on_the_executor(tmp_path, media):
    from rushes.analysis.executors.ray import RayCluster

    one = _results(tmp_path / "one", media, LocalPool(1))
    two = _results(tmp_path / "two", media, LocalPool(2))
    assert one == two
    on_ray = _results(tmp_path / "ray", media, RayCluster(None))
    assert on_ray == one
    assert any(words for key, words in one.items() if key[1] == "words")


CRASHY = """
import os
from rushes.analysis.base import Analyzer, ClipAnalysis


class _Nothing(ClipAnalysis):
    def take(self, request, item):
        pass

    def finish(self, folder):
        return {"fine": True}


class Crashy(Analyzer):
    name, version = "crashy", 1

    def start(self, clip):
        if "CRASH" in clip.name:
            os._exit(3)  # what a segfault in a decoder looks like from outside
        return _Nothing()
"""


@pytest.fixture
def crashy(tmp_path, monkeypatch):
    """A plugin analyzer, installed the way any package adds one (an entry point), that
    kills its worker process on one clip."""
    site = tmp_path / "site"
    (site / "crashy-0.1.dist-info").mkdir(parents=True)
    (site / "crashy.py").write_text(textwrap.dedent(CRASHY))
    (site / "crashy-0.1.dist-info" / "METADATA").write_text("Name: crashy\nVersion: 0.1\n")
    (site / "crashy-0.1.dist-info" / "entry_points.txt").write_text(
        "[rushes.analyzers]\ncrashy = crashy:Crashy\n")  # fmt: skip
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    return site


def _with_a_crash(tmp_path: Path, media: Path) -> Path:
    folder = tmp_path / "media"
    shutil.copytree(media, folder)
    shutil.copy(folder / "A001C002.mov", folder / "A001C002_CRASH.mov")
    (folder / "A001C002_CRASH.mov").write_bytes((folder / "A001C002.mov").read_bytes() + b"x")
    return folder


@pytest.mark.parametrize("executor", ["local", "ray"])
def test_a_worker_that_dies_takes_only_its_own_clip_down(tmp_path, media, crashy, executor):
    from rushes.analysis.executors.ray import RayCluster

    folder = _with_a_crash(tmp_path, media)
    project = Project.create(tmp_path / "project")
    where = LocalPool(2) if executor == "local" else RayCluster(None)
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [folder])
        report = analyze(project, catalog, catalog.clips.all(), ["crashy", "thumbnails"],
                         executor=where)  # fmt: skip
        assert [o.error for o in report.failed] == [
            f"{folder / 'A001C002_CRASH.mov'}: the worker analysing it "
            + ("died, 3 times; left out" if executor == "local"
               else "was lost (WorkerCrashedError), 3 times; left out")
        ]  # fmt: skip
        assert sorted(o.clip.name for o in report.analyzed) == [
            "A001C001.mov",
            "A001C002.mov",
            "A001C003.mov",
        ]
        again = analyze(project, catalog, catalog.clips.all(), ["thumbnails"], executor=where)
        assert [o.clip.name for o in again.analyzed] == ["A001C002_CRASH.mov"]  # resumes


def test_a_node_lost_mid_run_costs_nothing_and_paths_are_mapped(tmp_path, media):
    """Two simulated nodes; one is taken away while clips run on it. The media are where
    the path map says on the workers, not where the catalog recorded them."""
    from ray.cluster_utils import Cluster

    from rushes.analysis.executors.ray import RayCluster

    recorded = tmp_path / "Volumes" / "RAID"
    shutil.copytree(media, recorded)
    project = Project.create(tmp_path / "project")
    with Catalog.open(project.catalog_path) as catalog:
        add_paths(catalog, [recorded])
    mounted = tmp_path / "mnt" / "raid"
    mounted.parent.mkdir()
    recorded.rename(mounted)  # the driver's path is gone; the workers read the mount
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 2})
    doomed = cluster.add_node(num_cpus=2)
    try:
        ray.init(address=cluster.address)
        where = RayCluster(cluster.address, {str(recorded): str(mounted)})
        with Catalog.open(project.catalog_path) as catalog:
            clips = catalog.clips.all()
            outcomes = where.run(_jobs(project, clips, where), _resources(), _Quiet())
            first = next(outcomes)  # one clip done: the others are in flight on both nodes
            cluster.remove_node(doomed)
            rest = list(outcomes)
        assert not [o.error for o in [first, *rest] if o.error]
        assert sorted(o.clip.name for o in [first, *rest]) == [c.name for c in clips]
        unmapped = RayCluster(cluster.address)
        failed = list(unmapped.run(_jobs(project, clips[:1], unmapped), _resources(), _Quiet()))
        assert failed[0].error.startswith(f"{clips[0].path}: missing since it was added")
    finally:
        ray.shutdown()
        cluster.shutdown()


def _jobs(project, clips, where):
    from rushes.analysis.runner import ClipJob

    return [ClipJob(c, ("thumbnails", "waveform", "picture"), {}, project.cache_dir,
                    where.ships, where.paths) for c in clips]  # fmt: skip


def _resources():
    from rushes.analysis import registry

    return {n: registry.get(n).resources for n in ("thumbnails", "waveform", "picture")}


class _Quiet:
    def begin(self, *args):
        pass

    def frames(self, count):
        pass

    def clip_done(self, outcome):
        pass


def test_a_clip_asks_for_the_most_its_analyzers_declare():
    from rushes.analysis import registry
    from rushes.analysis.executors import needs
    from rushes.analysis.runner import ClipJob

    resources = {n: registry.get(n).resources for n in ("thumbnails", "speech", "shots")}
    job = ClipJob(None, ("thumbnails", "speech", "shots"), {}, Path("."))
    need = needs(job, resources)
    assert (need.cpus, need.gpus, need.memory) == (2.0, 0.5, 1 << 30)
    assert needs(ClipJob(None, ("thumbnails",), {}, Path(".")), resources).gpus == 0


def _cuda_devices() -> int:
    import ctranslate2

    return ctranslate2.get_cuda_device_count()


def test_speech_on_a_gpu_whose_cublas_ctranslate2_cannot_load_is_refused_in_one_line():
    """CTranslate2's wheels name the cuBLAS they open when they first multiply; where it
    is not there (no CUDA here; CUDA 13 alone on the lent H200), ``device = "cuda"`` is one
    line at start, and ``auto`` transcribes on the CPU instead of failing every clip."""
    from rushes.analysis.speech import whisper
    from rushes.errors import BadInput

    named = whisper._cuda_libraries_named()
    assert named and all(n.startswith("libcublas.so.") for n in named)
    missing = whisper.cuda_library_missing()
    if missing is None:
        pytest.skip(f"{named[0]} loads here")
    with pytest.raises(BadInput, match=rf"^\[speech\] device 'cuda': CTranslate2 needs {missing},"):
        whisper.choose("tiny.en", "cuda")
    assert whisper.choose("tiny.en", "auto").device == "cpu"


def _cuda_for_speech() -> bool:
    from rushes.analysis.speech.whisper import cuda_usable

    return cuda_usable()


@pytest.mark.skipif(not _cuda_for_speech(), reason="needs a CUDA GPU that CTranslate2 can use")
def test_on_a_gpu_speech_runs_float16_and_is_keyed_apart(tmp_path, media):
    from rushes.analysis import registry

    speech = registry.create("speech", {"device": "auto"})
    assert speech.key == "speech:float16"
    results = _results(tmp_path / "gpu", media, LocalPool(1), ["speech"])
    assert any(words for key, words in results.items() if key[1] == "words")


@pytest.mark.skipif(_cuda_devices() == 0, reason="needs a CUDA GPU (this machine has none)")
def test_on_a_gpu_transnet_runs_there():
    from rushes.analysis.shots.transnet import model

    assert str(model().device).startswith("cuda")


def test_a_bad_executor_setting_is_one_line(tmp_path):
    from rushes.analysis.executors import from_settings
    from rushes.errors import BadInput
    from rushes.project import Settings

    path = tmp_path / "rushes.toml"
    path.write_text('[analyze]\nexecutor = "slurm"\n')
    with pytest.raises(BadInput, match="^executor 'slurm': local or ray$"):
        from_settings(Settings.load(path))
    path.write_text('[cluster]\npaths = {"/Volumes/RAID" = 3}\n')
    with pytest.raises(BadInput, match=r"\[cluster\] paths maps folders to folders"):
        from_settings(Settings.load(path))


def test_a_bad_decoder_setting_is_one_line_when_the_settings_load(tmp_path):
    from rushes.errors import BadInput
    from rushes.project import Settings

    path = tmp_path / "rushes.toml"
    path.write_text('[analyze]\ndecoder = "nvdec"\n')
    with pytest.raises(BadInput, match=r"\[analyze\] decoder should be one of 'auto', 'cpu', "
                                       r"not 'nvdec'$"):  # fmt: skip
        Settings.load(path)
    path.write_text('[analyze]\ndecoder = "cpu"\n')
    assert Settings.load(path).get("analyze", "decoder", "auto") == "cpu"
