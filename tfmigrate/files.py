"""Reading, converting and writing files so that no byte is ever lost.

A file is decoded with the encoding Python itself would use (UTF-8 BOM, PEP 263 cookie, else UTF-8)
and, when converted, written back in that same encoding. A file that cannot be decoded, parsed or
converted is written to the output byte for byte and reported. Unchanged files are copied, not
re-encoded. In-place writes go through a temporary file in the same directory and an atomic rename.
"""

from __future__ import annotations

import codecs
import io
import os
import shutil
import tempfile
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tfmigrate.engine.convert import LineChange, convert_source, split_lines
from tfmigrate.findings import Finding, Severity
from tfmigrate.rules.model import RuleSet

UNDECODABLE = "TFM0005"
INTERNAL_ERROR = "TFM0004"

PYTHON_SUFFIXES = (".py",)


class FileStatus(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    """Could not be decoded, parsed or converted: written unchanged, with an error finding."""
    COPIED = "copied"
    """Not a Python file: copied as it is."""


@dataclass(frozen=True)
class FileResult:
    input_path: Path
    output_path: Path | None
    status: FileStatus
    findings: tuple[Finding, ...] = ()
    changes: tuple[LineChange, ...] = ()
    lines: int = 0

    @property
    def needs_attention(self) -> bool:
        return self.status is FileStatus.FAILED or any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class DecodedSource:
    text: str
    encoding: str
    bom: bool


def decode(data: bytes) -> DecodedSource:
    """Decode Python source bytes as the interpreter would; raises UnicodeDecodeError or SyntaxError."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return DecodedSource(body.decode(codec), codec, bom)


def encode(text: str, source: DecodedSource) -> bytes:
    data = text.encode(source.encoding)
    return codecs.BOM_UTF8 + data if source.bom else data


def _failed(path: Path, output: Path | None, rule_id: str, message: str, data: bytes) -> FileResult:
    finding = Finding(rule_id, Severity.ERROR, message, 1, 1)
    return FileResult(path, output, FileStatus.FAILED, (finding,), lines=data.count(b"\n"))


def convert_bytes(path: Path, data: bytes, rules: RuleSet) -> tuple[FileResult, bytes]:
    """The result for one file's bytes and the bytes to write (the input itself unless converted)."""
    try:
        source = decode(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        message = f"Could not decode this file ({error}); it was copied unchanged"
        return _failed(path, None, UNDECODABLE, message, data), data
    try:
        conversion = convert_source(source.text, rules, str(path))
    except Exception as error:  # a bug in tfmigrate must never cost the user a file
        message = f"tfmigrate failed on this file ({type(error).__name__}: {error}); it was copied unchanged"
        return _failed(path, None, INTERNAL_ERROR, message, data), data
    lines = len(split_lines(source.text))
    if not conversion.parsed:
        return FileResult(path, None, FileStatus.FAILED, conversion.findings, lines=lines), data
    if not conversion.changed:
        return FileResult(path, None, FileStatus.UNCHANGED, conversion.findings, lines=lines), data
    result = FileResult(path, None, FileStatus.CHANGED, conversion.findings, conversion.changes, lines)
    return result, encode(conversion.text, source)


def write_atomically(path: Path, data: bytes, mode_from: Path | None = None) -> None:
    """Write `data` to `path` via a temporary file and a rename, so `path` is never partly written."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tfmigrate")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if mode_from is not None:
            shutil.copymode(mode_from, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def convert_file(input_path: Path, output_path: Path, rules: RuleSet) -> FileResult:
    """Convert one Python file to `output_path` (which may be `input_path` itself, for in-place)."""
    data = input_path.read_bytes()
    result, output = convert_bytes(input_path, data, rules)
    if output_path != input_path or output != data:
        output_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(output_path, output, mode_from=input_path)
    return FileResult(
        result.input_path, output_path, result.status, result.findings, result.changes, result.lines
    )


@dataclass
class TreePlan:
    """What a tree run will do with each entry of the input tree, in a stable order."""

    python_files: list[tuple[Path, Path]] = field(default_factory=list)
    other_files: list[tuple[Path, Path]] = field(default_factory=list)
    links: list[tuple[Path, Path]] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)


def plan_tree(input_root: Path, output_root: Path) -> TreePlan:
    plan = TreePlan()
    for directory, subdirectories, files in _walk(input_root):
        relative = directory.relative_to(input_root)
        plan.directories.append(output_root / relative)
        for name in subdirectories:
            source = directory / name
            if source.is_symlink():
                plan.links.append((source, output_root / relative / name))
        for name in files:
            source = directory / name
            target = output_root / relative / name
            if source.is_symlink():
                plan.links.append((source, target))
            elif name.endswith(PYTHON_SUFFIXES):
                plan.python_files.append((source, target))
            else:
                plan.other_files.append((source, target))
    return plan


def _walk(root: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        yield Path(directory), list(subdirectories), sorted(files)


def copy_link(source: Path, target: Path) -> None:
    """Recreate a symbolic link as a link (never following it out of the tree)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(os.readlink(source), target)


def copy_file(source: Path, target: Path) -> FileResult:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return FileResult(source, target, FileStatus.COPIED)
