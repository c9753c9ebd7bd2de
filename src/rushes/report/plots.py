"""The report's plots: a clip's picture and sound signals over time with its findings
marked, drawn with matplotlib (no screen needed) and embedded as PNG."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

COLOURS = {"info": "#8fb3d9", "warning": "#f2b04c", "error": "#e0523f"}
TICKS = 200


SOUND_KINDS = {"audio_clipping", "dropout", "silence", "hum", "noise", "loudness"}


def _panels(picture: Path | None, sound: Path | None) -> list[tuple]:
    """(label, times, values, is sound) for each plot row."""
    panels = []
    if picture and picture.is_file():
        data = np.load(picture)
        rows = data["rows"]
        times = rows[:, 0]
        panels.append(("level (0-255)", times, rows[:, 1], False))
        panels.append(("sharpness", times, rows[:, 5], False))
        motion = data["motion"]
        panels.append(("motion (px)", times, np.hypot(motion[:, 0], motion[:, 1]), False))
    if sound and sound.is_file():
        level = np.load(sound)["level"]
        # one point per 50 ms is plenty on a page
        step = 10
        usable = len(level) // step * step
        peaks = level[:usable].reshape(-1, step).max(axis=1) if usable else level
        panels.append(("sound (dBFS)", np.arange(len(peaks)) * step / TICKS,
                       np.maximum(peaks, -90), True))  # fmt: skip
    return panels


def signals_png(picture: Path | None, sound: Path | None, findings: list[dict],
                duration: float) -> str | None:  # fmt: skip
    """A data: URL of the plot, or None when there is nothing to plot."""
    panels = _panels(picture, sound)
    if not panels:
        return None
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 1.3 * len(panels) + 0.4), sharex=True,
                             squeeze=False)  # fmt: skip
    for ax, (label, x, y, is_sound) in zip(axes[:, 0], panels, strict=True):
        ax.plot(x, y, linewidth=0.8, color="#333333")
        ax.set_ylabel(label, fontsize=8)
        ax.tick_params(labelsize=7)
        for f in findings:  # picture findings on picture rows, sound findings on sound
            if (f["kind"] in SOUND_KINDS) != is_sound:
                continue
            ax.axvspan(f["start"], max(f["end"], f["start"] + duration / 400),
                       color=COLOURS[f["severity"]], alpha=0.45, linewidth=0)  # fmt: skip
        ax.set_xlim(0, max(duration, 1e-3))
    axes[-1, 0].set_xlabel("seconds", fontsize=8)
    fig.tight_layout(pad=0.4)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
