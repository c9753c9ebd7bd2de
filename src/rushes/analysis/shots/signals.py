"""Cheap per-frame signals on 48x27 RGB frames, vectorised: what the fast engine reads.

``step[i]``: mean absolute difference between frame i and i-1 (0-1). ``luma[i]``: mean
brightness. ``returns[i]``: how close the frames after i come back to frame i-1 (a flash
or a person crossing the lens returns; a cut does not). ``back[i]``: how close frame i is to
frames 2-4 before it (the frame after a flash is back where the picture was).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Signals:
    step: np.ndarray
    luma: np.ndarray
    returns: np.ndarray
    back: np.ndarray

    @classmethod
    def of(cls, frames: np.ndarray) -> Signals:
        f = frames.reshape(len(frames), -1).astype(np.float32) / 255.0
        step = np.zeros(len(f), np.float32)
        if len(f) > 1:
            step[1:] = np.abs(f[1:] - f[:-1]).mean(axis=1)
        returns = np.full(len(f), np.inf, np.float32)
        for k in (1, 2, 3):  # distance of frame i-1 to frames i+1..i+3
            if len(f) > k + 1:
                d = np.abs(f[k + 1 :] - f[: -k - 1]).mean(axis=1)
                returns[1 : len(f) - k] = np.minimum(returns[1 : len(f) - k], d)
        back = np.full(len(f), np.inf, np.float32)
        for k in (2, 3, 4):  # distance of frame i to frames i-2..i-4: the end of a flash
            if len(f) > k:
                back[k:] = np.minimum(back[k:], np.abs(f[k:] - f[:-k]).mean(axis=1))
        return cls(step, f.mean(axis=1), returns, back)

    def neighbour_peak(self, radius: int = 3) -> np.ndarray:
        """Largest step within ``radius`` frames of each frame, the frame itself excluded."""
        n = len(self.step)
        padded = np.concatenate([np.zeros(radius), self.step, np.zeros(radius)])
        windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * radius + 1).copy()
        windows[:, radius] = 0
        return windows.max(axis=1)[:n]


def runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """``(first, last)`` of every run of True in ``mask``, inclusive."""
    padded = np.concatenate([[False], mask.astype(bool), [False]])
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]
