"""Carrying out one run: which files are converted, where each goes, what else is copied. Prints nothing.

Three kinds of input: one file (--infile), a tree (--intree), or the files and directories named on the
command line (what pre-commit passes). Three ways to write: to a new place (--outfile, --outtree), in
place (--inplace), or not at all (--check, --diff: `output` None). Results come in a stable order: the
converted files in input order, then the copied files, then what was skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tfmigrate import files, parallel
from tfmigrate.files import FileResult
from tfmigrate.progress import Progress
from tfmigrate.rules.model import RuleSet


@dataclass(frozen=True)
class Options:
    rules: RuleSet
    jobs: int = 0
    """Files converted at a time; 0 for one per core."""
    diff: bool = False
    """Keep the unified diff of each changed file in its result."""
    copy_other_files: bool = True
    """With an output tree: copy the files that are not converted."""
    progress: Callable[[int], Progress] = field(default=lambda total: Progress())
    """Makes the progress display for a run of that many files."""


def run_file(source: Path, output: Path | None, options: Options) -> list[FileResult]:
    return _convert([(source, output)], options)


def run_tree(
    root: Path, output_root: Path | None, options: Options, *, inplace: bool = False
) -> list[FileResult]:
    """Convert the tree at `root` into `output_root` (a new tree), or in place, or (neither) write nothing."""
    plan = files.plan_tree(root, output_root or root)
    if output_root is not None:
        for directory in plan.directories:
            directory.mkdir(parents=True, exist_ok=True)
    pairs: list[tuple[Path, Path | None]] = [
        (source, target if output_root is not None else source if inplace else None)
        for source, target in plan.python_files
    ]
    results = _convert(pairs, options)
    if output_root is not None:
        for source, target in plan.links:
            files.copy_link(source, target)
        if options.copy_other_files:
            results += [files.copy_file(source, target) for source, target in plan.other_files]
    return results + _left_alone(plan, remove_temporaries=inplace)


def run_paths(paths: Sequence[Path], options: Options, *, inplace: bool = False) -> list[FileResult]:
    """Convert the files named (whatever their suffix) and the Python files and notebooks under the
    directories named, in place or (not `inplace`) writing nothing."""
    pairs: list[tuple[Path, Path | None]] = []
    left_alone: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            plan = files.plan_tree(path, path)
            pairs += [(source, source if inplace else None) for source, _ in plan.python_files]
            left_alone += _left_alone(plan, remove_temporaries=inplace)
        else:
            pairs.append((path, path if inplace else None))
    return _convert(pairs, options) + left_alone


def _convert(pairs: Sequence[tuple[Path, Path | None]], options: Options) -> list[FileResult]:
    progress = options.progress(len(pairs))
    progress.start(len(pairs))
    try:
        jobs = options.jobs or parallel.default_jobs()
        return parallel.convert_files(
            pairs, options.rules, jobs, diff=options.diff, progress=progress.advance
        )
    finally:
        progress.close()


def _left_alone(plan: files.TreePlan, *, remove_temporaries: bool) -> list[FileResult]:
    """Results for the special files and for the temporary files an interrupted run left.

    Such a temporary file is a partial copy of a file whose original is intact beside it (the rename
    never happened), so an in-place run removes it; other runs only leave it out.
    """
    results = [files.skipped(path, files.SPECIAL_FILE_NOTE) for path in plan.special_files]
    for path in plan.temporaries:
        if remove_temporaries:
            path.unlink(missing_ok=True)
            results.append(files.skipped(path, files.TEMPORARY_REMOVED_NOTE))
        else:
            results.append(files.skipped(path, files.TEMPORARY_KEPT_NOTE))
    return results
