"""Converting many files on several cores, with results in input order whatever finishes first.

Workers are forked after the rule set is built, so each starts with the tables (and, for target 2,
the API snapshot) already in memory. Small batches run in this process: a pool costs more than it
saves below a few files per worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tfmigrate.files import FileResult, convert_file
from tfmigrate.rules.model import RuleSet

MIN_FILES_PER_WORKER = 4

_WORKER_RULES: RuleSet | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _convert(pair: tuple[Path, Path]) -> FileResult:
    assert _WORKER_RULES is not None
    return convert_file(pair[0], pair[1], _WORKER_RULES)


def convert_files(pairs: Sequence[tuple[Path, Path]], rules: RuleSet, jobs: int) -> list[FileResult]:
    """Convert each (input, output) pair; the results are in the order of `pairs`."""
    global _WORKER_RULES
    workers = max(1, min(jobs, len(pairs) // MIN_FILES_PER_WORKER))
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [convert_file(source, target, rules) for source, target in pairs]
    _WORKER_RULES = rules
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(1, len(pairs) // (workers * 8))
            return list(pool.map(_convert, pairs, chunksize=chunk))
    finally:
        _WORKER_RULES = None
