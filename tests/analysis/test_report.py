"""``rushes report``: one self-contained page, read in headless Chromium."""

from __future__ import annotations

import re
import subprocess

import numpy as np
from PIL import Image

from qcgen import picture_clip, sound_clip

CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


def test_report_is_one_page_with_sheets_plots_findings_and_a_sortable_table(
    project, rushes, tmp_path
):
    picture_clip(project.root, "blur")
    sound_clip(project.root, "clipping")
    assert rushes("add", project.root, "--project", project.root).code == 0
    out = tmp_path / "report.html"
    result = rushes("report", "--out", out, "--project", project.root)
    assert result.code == 0, result.err
    page = out.read_text()
    assert not re.search(r'(src|href)="(?!data:|#)', page)  # everything embedded
    assert page.count('alt="contact sheet"') == 2 and page.count("data:image/png") == 2
    assert "soft_focus" in page and "audio_clipping" in page and "00:00:02:00" in page
    shot = tmp_path / "report.png"
    profile = tmp_path / "profile"
    subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", "--window-size=1280,1400",
                    f"--screenshot={shot}", out.as_uri()],
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=np.float32)
    assert pixels.shape == (1400, 1280) and pixels.std() > 20  # a page, not a blank
    dump = [*CHROMIUM, f"--user-data-dir={profile}", "--dump-dom", out.as_uri()]
    dom = subprocess.run(dump, check=True, capture_output=True, timeout=120, text=True).stdout
    assert dom.count("<tr>") >= 2 and "blur_1.mov" in dom
