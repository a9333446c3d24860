"""Running `tfmigrate.cli.main` in a directory, and writing the trees it runs on, for the CLI tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tfmigrate.cli import main


@dataclass(frozen=True)
class CliRun:
    code: int
    out: str
    err: str


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def run_main(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> CliRun:
    """main(args) with `cwd` as the working directory (relative paths and report.txt land there)."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(args)
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    return CliRun(code, captured.out, captured.err)
