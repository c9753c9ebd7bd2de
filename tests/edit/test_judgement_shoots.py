"""The judgement bench's generator and scorer in the suite, on a small shoot: another
voice, rate, size, footage and set of defects than ``test_cut.py``'s, cut by ``rushes cut``
as a user runs it. ``bench/judgement.py`` runs the same on many seeds."""

from __future__ import annotations

import opentimelineio as otio
from click.testing import CliRunner

from rushes.cli import cli

from judgementgen import make_shoot, score


def test_a_generated_shoot_is_cut_with_its_flawless_performances_whole(tmp_path):
    shoot = make_shoot(tmp_path / "shoot", seed=503, scenes=2, small=True)
    assert {p.scene for p in shoot.performances if p.defect is None} == {0, 1}
    out = tmp_path / "cut"
    result = CliRunner().invoke(cli, ["cut", str(shoot.folder), "--script", str(shoot.script),
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    judged = score(shoot, otio.adapters.read_from_file(str(out / "cut.otio")))
    assert (judged.right, judged.flawed, judged.order) == (2, 0, True), judged.details
