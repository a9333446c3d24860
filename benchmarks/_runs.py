"""One measurement in a fresh child process, for the rewrite benchmarks: its time and its peak memory.

The parent calls `measure(kind, tree, *options)`; the child (this file run as a script) imports what
the measurement needs, times only the work itself (imports and one-time set-up are timed apart, as
`setup`) and prints one JSON line. A fresh process per run keeps each peak RSS its own and leaves no
warm cache from one measurement to the next. Kinds:

    floor TREE                              libcst parse_module + .code of every .py file
    tfmigrate TREE --target T --jobs N      a tree run as the CLI does it, output to a scratch dir
    tf_upgrade_v2 TREE                      TensorFlow's upgrader in-process, file by file
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    """Wall time of the work."""
    cpu: float
    """CPU time of the work, the child's workers included."""
    setup: float
    """Wall time of the one-time set-up (rule set, upgrader spec), not in `seconds`."""
    peak_mb: float
    """Peak RSS of the child process, or of its largest worker if that was larger."""
    failed: int
    """Files the tool could not parse (the floor) or reported as failed."""


def measure(kind: str, tree: Path, *options: str) -> Run:
    command = [sys.executable, str(Path(__file__).resolve()), kind, str(tree), *options]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    fields = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(**fields)


def median_runs(runs: Sequence[Run]) -> Run:
    """Medians of the times; the largest peak (the memory a user must have)."""
    return Run(
        statistics.median(run.seconds for run in runs),
        statistics.median(run.cpu for run in runs),
        statistics.median(run.setup for run in runs),
        max(run.peak_mb for run in runs),
        max(run.failed for run in runs),
    )


def python_files(tree: Path) -> list[Path]:
    return sorted(path for path in tree.rglob("*.py") if path.is_file())


def count_lines(files: Sequence[Path]) -> int:
    return sum(path.read_bytes().count(b"\n") for path in files)


# -- the child --------------------------------------------------------------------------------------


def _floor(tree: Path, _: argparse.Namespace) -> tuple[float, Callable[[], int]]:
    import libcst

    sources = [path.read_text(encoding="utf-8", errors="surrogateescape") for path in python_files(tree)]

    def work() -> int:
        failed, printed = 0, 0
        for source in sources:
            try:
                printed += len(libcst.parse_module(source).code)
            except libcst.ParserSyntaxError:
                failed += 1  # Python 2: libcst reads only Python 3
        return failed

    return 0.0, work


def _tfmigrate(tree: Path, args: argparse.Namespace) -> tuple[float, Callable[[], int]]:
    from tfmigrate import rules, runner
    from tfmigrate.files import FileStatus

    start = time.perf_counter()
    rule_set = rules.select(args.target)
    setup = time.perf_counter() - start
    scratch = _scratch("tfmigrate-bench-")

    def work() -> int:
        options = runner.Options(rule_set, jobs=args.jobs, copy_other_files=False)
        results = runner.run_tree(tree, scratch / "out", options)
        return sum(1 for result in results if result.status is FileStatus.FAILED)

    return setup, work


def _tf_upgrade_v2(tree: Path, _: argparse.Namespace) -> tuple[float, Callable[[], int]]:
    start = time.perf_counter()
    # Imported here only: this imports TensorFlow (seconds), which the rewrite path never does.
    from tensorflow.tools.compatibility import ast_edits, tf_upgrade_v2

    upgrader = ast_edits.ASTCodeUpgrader(tf_upgrade_v2.TFAPIChangeSpec())
    setup = time.perf_counter() - start
    scratch = _scratch("tf-upgrade-bench-")
    files = python_files(tree)

    def work() -> int:
        failed = 0
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            for index, path in enumerate(files):
                _, _, errors = upgrader.process_file(str(path), str(scratch / f"{index}.py"))
                failed += bool(errors)
        return failed

    return setup, work


def _scratch(prefix: str) -> Path:
    """A directory for the outputs, removed when the child exits (after the timing)."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, scratch, True)
    return scratch


_KINDS = {"floor": _floor, "tfmigrate": _tfmigrate, "tf_upgrade_v2": _tf_upgrade_v2}


def _child(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=sorted(_KINDS))
    parser.add_argument("tree", type=Path)
    parser.add_argument("--target", default="1")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    setup, work = _KINDS[args.kind](args.tree, args)
    cpu_start = _cpu()
    start = time.perf_counter()
    failed = work()
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu_start
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    fields = {"seconds": seconds, "cpu": cpu, "setup": setup, "peak_mb": peak_kb / 1024, "failed": failed}
    print(json.dumps(fields))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    _child(sys.argv[1:])
