"""Technical QC overhead: the ``picture`` and ``sound`` analyzers together against
decode-only time of the same 1080p clip, in one run (target: under 30 % above it).

Uses bench/decode.py's generated 1080p25 H.264 clip (GOP 50, ~20 Mbit/s, stereo AAC) and
prints, best of ``--repeat``: decode only (picture and sound), ``rushes analyze`` with
picture + sound, and with thumbnails + waveform + shots + picture + sound (what a default
pass decodes once), each with its ratio to decode only.

    .venv/bin/python bench/qc.py [--seconds 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from decode import analyze_with, decode_only, make_clip  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    clip = make_clip(HERE / ".cache" / f"1080p25_h264_{args.seconds}s.mp4", args.seconds)
    print(f"clip: {clip.name}, {args.seconds} s of 1080p25 H.264 with stereo AAC")
    rows = {
        "decode only (picture+sound)": lambda: decode_only(clip, with_audio=True),
        "rushes analyze picture+sound": lambda: analyze_with(clip, ["picture", "sound"]),
        "... + thumbnails, waveform, shots": lambda: analyze_with(
            clip, ["thumbnails", "waveform", "shots", "picture", "sound"]
        ),
    }
    best = {name: min(run() for _ in range(args.repeat)) for name, run in rows.items()}
    floor = best["decode only (picture+sound)"]
    print(f"{'':38} {'seconds':>8} {'x real time':>12} {'vs decode':>10}")
    for name, seconds in best.items():
        print(f"{name:38} {seconds:8.2f} {args.seconds / seconds:12.1f} {seconds / floor:9.2f}x")
    overhead = best["rushes analyze picture+sound"] / floor - 1
    print(f"QC overhead above decode-only: {100 * overhead:.0f} % (target: under 30 %)")


if __name__ == "__main__":
    main()
