"""`python -m bench [--only kernel browser series training classroom playground]`: run, print,
save JSON."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

PARTS = ["kernel", "browser", "series", "training", "classroom", "playground"]


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS, help="which to run")
    parser.add_argument("--repeats", type=int, default=20, help="updates per control (kernel)")
    parser.add_argument("--presses", type=int, default=25, help="key presses per slider (browser)")
    parser.add_argument(
        "--notebooks", nargs="+", help="browser: only the notebooks whose names contain these"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if "kernel" in args.only:
        importlib.import_module("bench.bench_kernel").main(args.repeats)
    if "browser" in args.only:
        importlib.import_module("bench.bench_browser").main(args.presses, args.notebooks)
    if "series" in args.only:
        importlib.import_module("bench.bench_series").main()
    if "training" in args.only and Path(__file__).with_name("bench_training.py").exists():
        # Written by the training panel's author; it prints and saves its own figures.
        importlib.import_module("bench.bench_training").main()
    if "classroom" in args.only:
        importlib.import_module("bench.bench_classroom").main()
    if "playground" in args.only:  # issue #14: 2-8-8-1 with heatmaps, kernel per tick and fps
        importlib.import_module("bench.bench_playground").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
