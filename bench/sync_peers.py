"""Run syncstart and audalign on the bench's pairs (in their own environment: audalign pins
an older NumPy). Reads pairs as JSON on stdin, prints one JSON line per pair and tool:
the offset each found (seconds into the recorder at the camera's first sample) and time."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def syncstart(recorder: str, camera: str, take: float) -> float | None:
    out = subprocess.run(
        [str(Path(sys.executable).parent / "syncstart"), "-q", "-s", "-t", str(take),
         recorder, camera], capture_output=True, text=True, timeout=600,
    ).stdout.strip().splitlines()  # fmt: skip
    if not out:
        return None
    name, seconds = out[-1].rsplit(",", 1)
    seconds = float(seconds)
    return seconds if Path(name).name == Path(recorder).name else -seconds


def audalign_offset(recorder: str, camera: str) -> float | None:
    import contextlib

    import audalign

    with contextlib.redirect_stdout(sys.stderr):  # it prints its progress
        result = audalign.align_files(recorder, camera,
                                      recognizer=audalign.CorrelationRecognizer())  # fmt: skip
    if not result:
        return None
    return result[Path(camera).name] - result[Path(recorder).name]


def main() -> None:
    pairs = json.load(sys.stdin)
    for pair in pairs:
        for tool in ("syncstart", "audalign"):
            started = time.perf_counter()
            try:
                if tool == "syncstart":
                    found = syncstart(pair["recorder"], pair["camera"], pair["take"])
                else:
                    found = audalign_offset(pair["recorder"], pair["camera"])
            except Exception as exc:  # noqa: BLE001 - a peer failing is a result too
                found = None
                print(f"{tool}: {exc}", file=sys.stderr)
            print(json.dumps({"id": pair["id"], "tool": tool, "offset": found,
                              "seconds": time.perf_counter() - started}), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
