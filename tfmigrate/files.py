"""Reading, converting and writing files so that no byte is ever lost.

A file is decoded with the encoding Python itself would use (UTF-8 BOM, PEP 263 cookie, else UTF-8)
and, when converted, written back in that same encoding. A file that cannot be decoded, parsed or
converted is written to the output byte for byte and reported. Unchanged files are copied, not
re-encoded. Notebooks (.ipynb) are edited in place (`tfmigrate.notebooks`).

Every write goes through a temporary file in the target's directory and an atomic rename, so a file
is at any moment either its old or its new content, also when the process is interrupted or killed.
A killed process can leave its temporary file behind (`.NAME.XXXXXXXX.tfmigrate`, never a .py file);
tree runs recognise such leftovers, never convert or copy them, and `--inplace` runs remove them.
The mode bits of the input (the executable bit) are given to the output. An output path that is a
symbolic link is written through, so the link stays a link.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import shutil
import stat
import tempfile
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from tfmigrate import diffs, notebooks
from tfmigrate.engine.convert import LineChange, convert_source, split_lines
from tfmigrate.findings import Finding, Severity
from tfmigrate.rules.model import RuleSet

UNDECODABLE = "TFM0005"
INTERNAL_ERROR = "TFM0004"
IO_ERROR = "TFM0007"

PYTHON_SUFFIXES = (".py",)
NOTEBOOK_SUFFIX = notebooks.SUFFIX
TEMPORARY_SUFFIX = ".tfmigrate"
# What write_atomically's temporary files are called (mkstemp adds 8 characters of [a-z0-9_]).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMPORARY_SUFFIX))


class FileStatus(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"
    """Could not be decoded, parsed or converted: written unchanged, with an error finding."""
    COPIED = "copied"
    """Not a Python file: copied as it is."""
    SKIPPED = "skipped"
    """Neither read nor copied: a FIFO, socket or device, or a temporary file of an interrupted run."""


@dataclass(frozen=True)
class FileResult:
    input_path: Path
    output_path: Path | None
    status: FileStatus
    findings: tuple[Finding, ...] = ()
    changes: tuple[LineChange, ...] = ()
    """In a notebook, `notebooks.CellLineChange`s (line numbers within their cell)."""
    lines: int = 0
    diff: str = ""
    """The unified diff from the input to the output, when one was asked for and the file changed."""
    note: str = ""
    """Why a file was skipped."""

    @property
    def needs_attention(self) -> bool:
        return self.status is FileStatus.FAILED or any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def is_notebook(self) -> bool:
        return self.input_path.suffix == NOTEBOOK_SUFFIX


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


def _failed(path: Path, rule_id: str, message: str, data: bytes) -> FileResult:
    finding = Finding(rule_id, Severity.ERROR, message, 1, 1)
    return FileResult(path, None, FileStatus.FAILED, (finding,), lines=data.count(b"\n"))


def _internal_error(path: Path, error: Exception, data: bytes) -> FileResult:
    message = f"tfmigrate failed on this file ({type(error).__name__}: {error}); it was copied unchanged"
    return _failed(path, INTERNAL_ERROR, message, data)


def convert_bytes(path: Path, data: bytes, rules: RuleSet) -> tuple[FileResult, bytes]:
    """The result for one file's bytes and the bytes to write (the input itself unless converted)."""
    if path.suffix == NOTEBOOK_SUFFIX:
        return _convert_notebook(path, data, rules)
    try:
        source = decode(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        message = f"Could not decode this file ({error}); it was copied unchanged"
        return _failed(path, UNDECODABLE, message, data), data
    try:
        conversion = convert_source(source.text, rules, str(path))
        output = encode(conversion.text, source) if conversion.changed else data
    except Exception as error:  # a bug in tfmigrate must never cost the user a file
        return _internal_error(path, error, data), data
    lines = len(split_lines(source.text))
    if not conversion.parsed:
        return FileResult(path, None, FileStatus.FAILED, conversion.findings, lines=lines), data
    if not conversion.changed:
        return FileResult(path, None, FileStatus.UNCHANGED, conversion.findings, lines=lines), data
    result = FileResult(path, None, FileStatus.CHANGED, conversion.findings, conversion.changes, lines)
    return result, output


def _convert_notebook(path: Path, data: bytes, rules: RuleSet) -> tuple[FileResult, bytes]:
    try:
        conversion = notebooks.convert_notebook(data, rules, str(path))
    except notebooks.UnreadableNotebook as error:
        message = f"Could not read this notebook ({error}); it was copied unchanged"
        return _failed(path, UNDECODABLE, message, data), data
    except Exception as error:  # a bug in tfmigrate must never cost the user a file
        return _internal_error(path, error, data), data
    status = FileStatus.CHANGED if conversion.changed else FileStatus.UNCHANGED
    result = FileResult(path, None, status, conversion.findings, conversion.changes, conversion.lines)
    return result, conversion.data


def write_atomically(
    path: Path, data: bytes, mode_from: Path | None = None, *, keep_owner: bool = False
) -> None:
    """Write `data` to `path` via a temporary file and a rename, so `path` is never partly written.

    The new file gets the mode bits of `mode_from` and, with `keep_owner` (in-place writes), its owner
    and group where this process may set them: the rename makes a new file, which would otherwise
    belong to whoever ran tfmigrate. (Hard links to the old file keep the old content.)
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if mode_from is not None:
            if keep_owner:
                _copy_owner(mode_from, temporary)
            shutil.copymode(mode_from, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _copy_owner(source: Path, target: str) -> None:
    status = source.stat()
    # Not ours to give away unless root: the file then stays the runner's, as an editor's save would.
    with contextlib.suppress(OSError):
        os.chown(target, status.st_uid, status.st_gid)


def _text_for_diff(path: Path, data: bytes) -> str:
    if path.suffix == NOTEBOOK_SUFFIX:
        return data.decode("utf-8-sig")
    return decode(data).text


def convert_file(
    input_path: Path, output_path: Path | None, rules: RuleSet, *, diff: bool = False
) -> FileResult:
    """Convert one file to `output_path` (`input_path` itself for in-place; None to write nothing).

    With `diff`, the result carries the unified diff of a changed file.
    """
    try:
        data = input_path.read_bytes()
    except OSError as error:
        return _failed(
            input_path, IO_ERROR, f"Could not read this file ({error}); it was left as it was", b""
        )
    result, output = convert_bytes(input_path, data, rules)
    if output_path is not None and (output_path != input_path or output != data):
        # Writing through a link keeps it a link (and converts what it points at, as an editor would).
        target = Path(os.path.realpath(output_path)) if output_path.is_symlink() else output_path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, output, mode_from=input_path, keep_owner=output_path == input_path)
        except OSError as error:
            message = f"Could not write {target} ({error}); it was left as it was"
            finding = Finding(IO_ERROR, Severity.ERROR, message, 1, 1)
            return replace(result, status=FileStatus.FAILED, findings=(*result.findings, finding))
    text_diff = ""
    if diff and output != data:
        text_diff = diffs.unified_diff(
            str(input_path), _text_for_diff(input_path, data), _text_for_diff(input_path, output)
        )
    return replace(result, output_path=output_path, diff=text_diff)


def is_source(path: Path) -> bool:
    """Whether tfmigrate converts this file (a Python file or a notebook) rather than copying it."""
    return path.name.endswith(PYTHON_SUFFIXES) or path.suffix == NOTEBOOK_SUFFIX


def is_temporary(name: str) -> bool:
    """Whether a file name is one of write_atomically's temporary files."""
    return _TEMPORARY.fullmatch(name) is not None


@dataclass
class TreePlan:
    """What a tree run will do with each entry of the input tree, in a stable order."""

    python_files: list[tuple[Path, Path]] = field(default_factory=list)
    """Python files and notebooks: converted."""
    other_files: list[tuple[Path, Path]] = field(default_factory=list)
    links: list[tuple[Path, Path]] = field(default_factory=list)
    """Symbolic links (to files or directories, inside the tree or out of it): recreated, never followed."""
    directories: list[Path] = field(default_factory=list)
    special_files: list[Path] = field(default_factory=list)
    """FIFOs, sockets, devices: reading one could block forever, so they are left alone."""
    temporaries: list[Path] = field(default_factory=list)
    """Temporary files of an interrupted tfmigrate run."""


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
            mode = source.lstat().st_mode
            if stat.S_ISLNK(mode):
                plan.links.append((source, target))
            elif not stat.S_ISREG(mode):
                plan.special_files.append(source)
            elif is_temporary(name):
                plan.temporaries.append(source)
            elif is_source(source):
                plan.python_files.append((source, target))
            else:
                plan.other_files.append((source, target))
    return plan


def _walk(root: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    # followlinks=False (the default): a linked directory is listed, never entered.
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        yield Path(directory), list(subdirectories), sorted(files)


def copy_link(source: Path, target: Path) -> None:
    """Recreate a symbolic link as a link (never following it out of the tree)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(os.readlink(source), target)


def copy_file(source: Path, target: Path) -> FileResult:
    """Copy a file that is not converted, byte for byte, with its mode bits and times."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX
    )
    os.close(handle)
    try:
        shutil.copy2(source, temporary)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        message = f"Could not copy this file ({error})"
        return FileResult(
            source, None, FileStatus.FAILED, (Finding(IO_ERROR, Severity.ERROR, message, 1, 1),)
        )
    return FileResult(source, target, FileStatus.COPIED)


def skipped(path: Path, note: str) -> FileResult:
    return FileResult(path, None, FileStatus.SKIPPED, note=note)


SPECIAL_FILE_NOTE = "not a regular file (a FIFO, socket or device): left alone"
TEMPORARY_KEPT_NOTE = "a temporary file of an interrupted tfmigrate run: not copied"
TEMPORARY_REMOVED_NOTE = "a temporary file of an interrupted tfmigrate run: removed"
