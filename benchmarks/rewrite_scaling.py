"""Time per line as the tree grows (issue 9): `python benchmarks/rewrite_scaling.py [TREE]`.

Copies TREE (default: the legacy TensorFlow corpus, benchmarks/corpus/legacy_tf) 1, 4 and 16 times
into a scratch tree, converts each size with one worker (--jobs 1) in a fresh process, and prints the
median time per line and the peak RSS at each size. Flat time per line and flat memory mean no
whole-run structure grows with the input: each file is read, converted, written and let go.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from _runs import count_lines, measure, median_runs, python_files

CORPUS = Path(__file__).resolve().parent / "corpus" / "legacy_tf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, nargs="?", default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--target", choices=("1", "2"), default="2")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="tfmigrate-scaling-"))
    try:
        rows = []
        for size in args.sizes:
            tree = scratch / f"x{size}"
            for copy in range(size):
                shutil.copytree(args.tree, tree / f"copy{copy}")
            lines = count_lines(python_files(tree))
            options = ("--target", args.target, "--jobs", str(args.jobs))
            run = median_runs([measure("tfmigrate", tree, *options) for _ in range(args.repeat)])
            rows.append((size, lines, run.seconds, run.peak_mb))
            shutil.rmtree(tree)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"tfmigrate --target {args.target} --jobs {args.jobs} on {args.tree} copied 1x..{args.sizes[-1]}x")
    print(f"median of {args.repeat} runs per size, each a fresh process")
    print()
    base = rows[0][2] / rows[0][1]
    header = f"| {'size':>4} | {'lines':>8} | {'wall s':>7} | {'µs/line':>8} | {'vs 1x':>6} "
    print(header + f"| {'peak RSS MB':>11} |")
    print(f"|{'-' * 6}|{'-' * 10}|{'-' * 9}|{'-' * 10}|{'-' * 8}|{'-' * 13}|")
    for size, lines, seconds, peak in rows:
        per_line = seconds / lines
        print(
            f"| {size:>3}x | {lines:8d} | {seconds:7.2f} | {per_line * 1e6:8.1f} | {per_line / base:6.2f} "
            f"| {peak:11.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
