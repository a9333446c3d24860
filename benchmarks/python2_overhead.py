"""What the Python 2 → 3 pass costs (issue 5, must show 4): `python benchmarks/python2_overhead.py TREE`.

The pipeline tries Python 3 first and runs the Python 2 pass only for a file whose Python 3 parse
failed, so on an all-Python-3 tree the pass should cost nothing. This measures, on the `.py` files
of TREE (all Python 3):

1. the current pipeline (`tfmigrate.files.convert_bytes`, target 1 rules);
2. the same with the Python 2 path wired in as the lead will (try Python 3; on a parse error,
   `upgrade_python2`, then the TensorFlow rules on its output) — the issue's limit is +30 %;
3. `upgrade_python2` called on every Python 3 file anyway (its own detection cost);
4. Python 2 files against the same code as Python 3 (their conversion), through the pipeline: the
   Python 2 fixtures (--python2) and the tree's files that are valid Python 2 once a `print "..."`
   statement is added.

Times are CPU time of this process (`time.process_time`), the best of --repeat runs, the runs of the
four measurements interleaved: on a shared machine wall time mostly measures the neighbours. fissix's
one-time set-up (compiling its fixers' patterns) is timed separately.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tfmigrate.engine.convert import convert_source
from tfmigrate.files import FileResult, FileStatus, convert_bytes, decode
from tfmigrate.python2 import upgrade_python2
from tfmigrate.rules.target1 import RULES

PARSE_ERROR = "TFM0001"


def pipeline_with_python2(path: Path, data: bytes) -> tuple[FileResult, bytes]:
    """convert_bytes, then, for a file that did not parse as Python 3, the Python 2 pass and the rules."""
    result, output = convert_bytes(path, data, RULES)
    if result.status is FileStatus.FAILED and any(f.rule_id == PARSE_ERROR for f in result.findings):
        source = decode(data)
        upgrade = upgrade_python2(source.text, path)
        if upgrade is not None and upgrade.converted:
            conversion = convert_source(upgrade.text, RULES)
            output = conversion.text.encode(source.encoding)
            result = FileResult(path, None, FileStatus.CHANGED, (*upgrade.findings, *conversion.findings))
    return result, output


def best_of(repeat: int, works: list[Callable[[], object]]) -> list[float]:
    """The best CPU time of each of `works`, running them in turn `repeat` times."""
    best = [float("inf")] * len(works)
    for round_number in range(repeat):
        # Rotate the order each round, so that no measurement always runs first (cold) or last.
        for offset in range(len(works)):
            index = (round_number + offset) % len(works)
            start = time.process_time()
            works[index]()
            best[index] = min(best[index], time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path, help="a directory of Python 3 files")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--python2",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "python2",
        help="Python 2 files to compare with their own conversions (default: the Python 2 fixtures)",
    )
    args = parser.parse_args(argv)

    files = [(path, path.read_bytes()) for path in sorted(args.tree.rglob("*.py"))]
    python3 = [(path, data) for path, data in files if _is_python3(data)]
    if not python3:
        print(f"no Python 3 files under {args.tree}", file=sys.stderr)
        return 2
    size = sum(len(data) for _, data in python3)

    start = time.process_time()
    upgrade_python2('print "warm up"\n')
    setup = time.process_time() - start

    def current() -> None:
        for path, data in python3:
            convert_bytes(path, data, RULES)

    def wired() -> None:
        for path, data in python3:
            pipeline_with_python2(path, data)

    def detection_anyway() -> None:
        for path, data in python3:
            convert_bytes(path, data, RULES)
            upgrade_python2(decode(data).text, path)

    labels = [
        "current pipeline",
        "pipeline with the Python 2 path wired in",
        "current pipeline + upgrade_python2 on every file",
    ]
    times = best_of(args.repeat, [current, wired, detection_anyway])
    print(f"{len(python3)} Python 3 files ({size / 1024:.0f} KiB) under {args.tree}")
    print(f"CPU time, best of {args.repeat} interleaved runs")
    print(f"fissix one-time set-up (grammar, fixer patterns): {setup * 1000:.0f} ms")
    print()
    _table([(label, seconds, len(python3)) for label, seconds in zip(labels, times, strict=True)], times[0])

    pairs = _python2_pairs(python3, args.python2)
    if not pairs:
        return 0
    as_python2, as_python3 = best_of(
        args.repeat,
        [
            lambda: [pipeline_with_python2(path, data) for path, data, _ in pairs],
            lambda: [pipeline_with_python2(path, data) for path, _, data in pairs],
        ],
    )
    print()
    print(f"{len(pairs)} Python 2 files, each against the same code as Python 3 (its conversion)")
    print()
    _table(
        [("the Python 3 versions", as_python3, len(pairs)), ("the Python 2 files", as_python2, len(pairs))],
        as_python3,
    )
    return 0


def _python2_pairs(python3: list[tuple[Path, bytes]], corpus: Path) -> list[tuple[Path, bytes, bytes]]:
    """(path, Python 2 bytes, the same code as Python 3) for the corpus and for the tree's files that
    are also valid Python 2 once a print statement is added."""
    pairs = []
    candidates = [(path, data + b'\nprint "as Python 2"\n') for path, data in python3]
    inputs = [path for path in sorted(corpus.rglob("*.py")) if not path.name.endswith(".expected.py")]
    candidates += [(path, path.read_bytes()) for path in inputs]
    for path, data in candidates:
        source = decode(data)
        upgrade = upgrade_python2(source.text, path)
        if upgrade is not None and upgrade.converted:
            pairs.append((path, data, upgrade.text.encode(source.encoding)))
    return pairs


def _table(rows: list[tuple[str, float, int]], baseline: float) -> None:
    print(f"| {'run':<50} | {'total':>9} | {'per file':>9} | {'vs first':>9} |")
    print(f"|{'-' * 52}|{'-' * 11}|{'-' * 11}|{'-' * 11}|")
    for label, seconds, count in rows:
        per_file = seconds / count * 1000
        ratio = (seconds / baseline - 1) * 100
        print(f"| {label:<50} | {seconds * 1000:6.1f} ms | {per_file:6.2f} ms | {ratio:+8.1f}% |")


def _is_python3(data: bytes) -> bool:
    try:
        compile(decode(data).text, "<benchmark>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, UnicodeDecodeError):
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
