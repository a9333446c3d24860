"""How fast tfmigrate rewrites a tree (issue 9): `python benchmarks/rewrite_throughput.py TREE`.

On the `.py` files of TREE (default: the corpus of real legacy TensorFlow code in
benchmarks/corpus/legacy_tf), in one run, the median of --repeat runs of:

1. the floor: libcst `parse_module` + `.code` of every file (what any libcst rewriter pays at least);
2. tfmigrate `--target 1` and `--target 2`, with one worker and with the default workers (one per
   core), a tree run as the CLI does it (reading, converting, writing, the report's results);
3. TensorFlow's own tf_upgrade_v2, driven in-process file by file (`ast_edits.ASTCodeUpgrader` with
   `TFAPIChangeSpec`), when TensorFlow is installed;

then the cold-process wall time of `tfmigrate --infile SMALL --outfile OUT` (and of the
`tf_upgrade_v2` command on the same file, for comparison). Each run is a fresh process; times leave out
imports and one-time set-up (the rule set, the upgrader's spec), which the set-up column shows. The
runs of the measurements are interleaved, so that load from other processes spreads over all of them.
Peak memory is the largest RSS of a run's process (or of its largest worker). The errors column counts
the files the floor could not parse (Python 2), that tfmigrate failed on, and that tf_upgrade_v2
reported errors for.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _runs import Run, count_lines, measure, median_runs, python_files

CORPUS = Path(__file__).resolve().parent / "corpus" / "legacy_tf"
FLOOR = "libcst parse + print (floor)"
UPGRADER = "tf_upgrade_v2, in-process"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, nargs="?", default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-repeat", type=int, default=7)
    parser.add_argument("--small", type=Path, help="the file of the cold run (default: a small file of TREE)")
    parser.add_argument("--no-tf-upgrade-v2", action="store_true", help="skip TensorFlow's upgrader")
    args = parser.parse_args(argv)

    files = python_files(args.tree)
    lines = count_lines(files)
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    plans: dict[str, tuple[str, ...]] = {FLOOR: ("floor",)}
    for target in ("1", "2"):
        plans[f"tfmigrate --target {target}, 1 worker"] = ("tfmigrate", "--target", target, "--jobs", "1")
        plans[f"tfmigrate --target {target}, {jobs} workers"] = (
            "tfmigrate",
            "--target",
            target,
            "--jobs",
            str(jobs),
        )
    with_upgrader = not args.no_tf_upgrade_v2 and importlib.util.find_spec("tensorflow") is not None
    if with_upgrader:
        plans[UPGRADER] = ("tf_upgrade_v2",)

    machine = _machine()
    runs: dict[str, list[Run]] = {label: [] for label in plans}
    for round_number in range(args.repeat):
        labels = list(plans)
        # Rotate the order each round, so that no measurement always runs first or last.
        labels = labels[round_number % len(labels) :] + labels[: round_number % len(labels)]
        for label in labels:
            kind, *options = plans[label]
            runs[label].append(measure(kind, args.tree, *options))
    results = {label: median_runs(measured) for label, measured in runs.items()}

    print(f"{len(files)} files, {lines} lines under {args.tree}")
    print(f"median of {args.repeat} interleaved runs, each a fresh process; {machine}")
    print(f"load average at the end: {_load():.2f}")
    print()
    _table(results, lines)
    print()
    _ratios(results, jobs)

    small = args.small or _small_file(files)
    if small is not None:
        print()
        _cold(small, args.cold_repeat, with_upgrader)
    return 0


def _table(results: dict[str, Run], lines: int) -> None:
    print(
        f"| {'measurement':<34} | {'wall s':>7} | {'lines/s':>8} | {'CPU s':>6} | {'set-up s':>8} "
        f"| {'peak RSS MB':>11} | {'errors':>6} |"
    )
    print(f"|{'-' * 36}|{'-' * 9}|{'-' * 10}|{'-' * 8}|{'-' * 10}|{'-' * 13}|{'-' * 8}|")
    for label, run in results.items():
        print(
            f"| {label:<34} | {run.seconds:7.2f} | {lines / run.seconds:8.0f} | {run.cpu:6.2f} "
            f"| {run.setup:8.2f} | {run.peak_mb:11.0f} | {run.failed:6d} |"
        )


def _ratios(results: dict[str, Run], jobs: int) -> None:
    """Speed ratios (higher: tfmigrate faster), on median wall times, and on CPU times for one worker."""
    floor = results[FLOOR]
    upgrader = results.get(UPGRADER)
    print(f"| {'tfmigrate':<34} | {'/ floor (wall)':>14} | {'/ floor (CPU)':>13} | {'/ tf_upgrade_v2':>15} |")
    print(f"|{'-' * 36}|{'-' * 16}|{'-' * 15}|{'-' * 17}|")
    for label, run in results.items():
        if not label.startswith("tfmigrate"):
            continue
        cpu = f"{floor.cpu / run.cpu:13.2f}" if label.endswith("1 worker") else f"{'':>13}"
        versus = f"{upgrader.seconds / run.seconds:15.2f}" if upgrader is not None else f"{'n/a':>15}"
        print(f"| {label:<34} | {floor.seconds / run.seconds:14.2f} | {cpu} | {versus} |")


def _small_file(files: list[Path]) -> Path | None:
    """The smallest file of the tree that imports TensorFlow and has some substance (20 lines or more)."""
    contents = {path: path.read_bytes() for path in files}
    candidates = [
        path for path, data in contents.items() if b"import tensorflow" in data and data.count(b"\n") >= 20
    ]
    return min(candidates, key=lambda path: path.stat().st_size, default=None)


def _cold(small: Path, repeat: int, with_upgrader: bool) -> None:
    scripts = Path(sys.executable).parent
    commands = {
        "tfmigrate --infile F --outfile G": [str(scripts / "tfmigrate"), "-q"],
        "tfmigrate --target 2 --infile F --outfile G": [str(scripts / "tfmigrate"), "-q", "--target", "2"],
    }
    if with_upgrader and (scripts / "tf_upgrade_v2").exists():
        commands["tf_upgrade_v2 --infile F --outfile G"] = [str(scripts / "tf_upgrade_v2")]
    lines = small.read_bytes().count(b"\n")
    print(f"cold process, one file ({small.name}, {lines} lines): median wall time of {repeat} runs")
    print()
    print(f"| {'command':<46} | {'wall s':>7} |")
    print(f"|{'-' * 48}|{'-' * 9}|")
    scratch = Path(tempfile.mkdtemp(prefix="tfmigrate-cold-"))
    try:
        for label, command in commands.items():
            times = []
            for _ in range(repeat if label.startswith("tfmigrate") else max(1, repeat // 3)):
                output = scratch / "out.py"
                start = time.perf_counter()
                subprocess.run(
                    [*command, "--infile", str(small), "--outfile", str(output)],
                    cwd=scratch,
                    capture_output=True,
                    check=False,
                )
                times.append(time.perf_counter() - start)
                output.unlink(missing_ok=True)
            print(f"| {label:<46} | {statistics.median(times):7.2f} |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), load average {_load():.2f} at the start"


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


if __name__ == "__main__":
    sys.exit(main())
