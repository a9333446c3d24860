"""Converting many files on several cores, with results in input order whatever finishes first.

Workers are forked after the rule set is built, so each starts with the tables (and, for target 2,
the API snapshot) already in memory. Small batches run in this process: a pool costs more than it
saves below a few files per worker.

Ctrl-C is the main process's to handle: workers ignore SIGINT and finish the file they are writing,
the files not started are cancelled, and KeyboardInterrupt goes on to the caller. Files go to the
workers one at a time (a file's conversion costs far more than sending it), so an interrupt stops
the run within a file or two per worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tfmigrate.files import FileResult, convert_file
from tfmigrate.rules.model import RuleSet

MIN_FILES_PER_WORKER = 4

_WORKER_RULES: RuleSet | None = None
_WORKER_DIFF = False


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _convert(pair: tuple[Path, Path | None]) -> FileResult:
    assert _WORKER_RULES is not None
    return convert_file(pair[0], pair[1], _WORKER_RULES, diff=_WORKER_DIFF)


def convert_files(
    pairs: Sequence[tuple[Path, Path | None]],
    rules: RuleSet,
    jobs: int,
    *,
    diff: bool = False,
    progress: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Convert each (input, output) pair (output None: write nothing); results in the order of `pairs`.

    `diff` asks for the unified diff of each changed file; `progress` is called with each result as it
    comes (in order).
    """
    global _WORKER_RULES, _WORKER_DIFF
    results: list[FileResult] = []
    workers = max(1, min(jobs, len(pairs) // MIN_FILES_PER_WORKER))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        for source, target in pairs:
            results.append(convert_file(source, target, rules, diff=diff))
            if progress is not None:
                progress(results[-1])
        return results
    _WORKER_RULES, _WORKER_DIFF = rules, diff
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        for result in pool.map(_convert, pairs):
            results.append(result)
            if progress is not None:
                progress(result)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # the files being written are finished, not cut
        raise
    finally:
        _WORKER_RULES, _WORKER_DIFF = None, False
    pool.shutdown(wait=True)
    return results
