"""ITU-R BS.1770-4 integrated loudness and true peak, streamed block by block, so an hour
of sound is measured without holding it: pyloudnorm's K-weighting filters run with state
across chunks, energies are kept per 100 ms, and the gating of BS.1770 runs at the end on
400 ms blocks overlapping by 75 %. True peak is the sample peak of a 4x oversampled signal.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import lfilter, lfilter_zi, resample_poly


class LoudnessMeter:
    def __init__(self, rate: int, channels: int):
        import pyloudnorm

        meter = pyloudnorm.Meter(rate)
        self.filters = [(f.b, f.a) for f in meter._filters.values()]  # K-weighting stages
        self.states = [[lfilter_zi(b, a) * 0 for b, a in self.filters] for _ in range(channels)]
        self.step = rate // 10
        self.carry = np.zeros((channels, 0))
        self.energies: list[float] = []  # summed channel mean squares per 100 ms
        self.peak = 0.0

    def add(self, samples: np.ndarray) -> None:
        """``samples``: channels x n float."""
        weighted = np.empty_like(samples, dtype=np.float64)
        for c, channel in enumerate(samples):
            x = channel.astype(np.float64)
            for k, (b, a) in enumerate(self.filters):
                x, self.states[c][k] = lfilter(b, a, x, zi=self.states[c][k])
            weighted[c] = x
        if samples.shape[1] >= 8:
            self.peak = max(self.peak, float(np.abs(resample_poly(samples, 4, 1, axis=1)).max()))
        data = np.concatenate([self.carry, weighted], axis=1)
        whole = data.shape[1] // self.step * self.step
        if whole:
            blocks = data[:, :whole].reshape(data.shape[0], -1, self.step)
            self.energies += (blocks**2).mean(axis=2).sum(axis=0).tolist()
        self.carry = data[:, whole:]

    def integrated(self) -> float | None:
        """LUFS, or None for less than 400 ms or only silence."""
        e = np.array(self.energies)
        if len(e) < 4:
            return None
        blocks = np.convolve(e, np.ones(4) / 4, mode="valid")  # 400 ms, 75 % overlap
        loud = blocks[-0.691 + 10 * np.log10(blocks + 1e-12) > -70]
        if not len(loud):
            return None
        relative = -0.691 + 10 * np.log10(loud.mean()) - 10
        gated = loud[-0.691 + 10 * np.log10(loud + 1e-12) > relative]
        return float(-0.691 + 10 * np.log10(gated.mean())) if len(gated) else None

    def true_peak_db(self) -> float:
        return float(20 * np.log10(self.peak + 1e-12))
