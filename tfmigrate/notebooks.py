"""Jupyter notebooks: the code cells are converted, everything else comes back byte for byte.

A notebook's code cells share one namespace (an import in the first cell serves the fifth), so they
are converted as one program: the cells are joined with a marker comment before each, converted once
and split again at the markers. A cell that does not parse on its own (a syntax error) is left out of
the program and reported; the others are still converted.

IPython syntax (`%matplotlib inline`, `!pip install`, `tf.nn?`) is masked while converting and put
back afterwards, line for line (`tfmigrate.ipython`); a `%%bash`-style cell is left alone. A Python 2
cell gets its 2 → 3 pass on its own, then joins the program.

The file is edited in place: only the `source` values of the cells that changed are replaced in the
JSON text, each in the form it had (a list of lines or one string) with the file's own separators and
string escapes, so indentation, key order, outputs, metadata and number spellings are untouched and a
diff of the .ipynb shows only the changed source lines.
"""

from __future__ import annotations

import ast
import bisect
import codecs
import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import libcst as cst

from tfmigrate import jsonspans
from tfmigrate.engine.convert import INTERNAL_ERROR, PARSE_ERROR, LineChange, convert_source
from tfmigrate.findings import Finding, Severity
from tfmigrate.ipython import Masked, mask, split_lines_keepends, unmask, unmask_line
from tfmigrate.jsonspans import JsonPath
from tfmigrate.rules.model import RuleSet

PYTHON3_KERNEL = "TFM0008"

if TYPE_CHECKING:
    from tfmigrate.python2 import Python2Upgrade

SUFFIX = ".ipynb"

_CELL_MARK = "__tfmigrate_cell_"
_CELL_MARKER = re.compile(rf"^# {_CELL_MARK}(\d+)__(?:\r\n|\r|\n)", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NON_ASCII_ESCAPE = re.compile(r"\\u(?:00[89a-fA-F]|0[1-9a-fA-F]|[1-9a-fA-F])")


class UnreadableNotebook(ValueError):
    """The file is not a notebook tfmigrate can read (not UTF-8, not JSON, not a JSON object)."""


@dataclass(frozen=True)
class CellLineChange(LineChange):
    """A changed line range inside notebook cell `cell` (1-based); the line numbers are within the cell."""

    cell: int = 0


@dataclass(frozen=True)
class NotebookConversion:
    data: bytes
    """The bytes to write: the input itself when nothing changed."""
    findings: tuple[Finding, ...] = ()
    changes: tuple[CellLineChange, ...] = ()
    lines: int = 0
    """Lines of code in the code cells."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


# --- the cells ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    number: int
    """1-based, counting every cell."""
    path: JsonPath
    """Where its source value is in the notebook."""
    source: str | list[str]
    text: str
    masked: Masked


def _is_python(notebook: dict[str, object]) -> bool:
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return True
    languages = [metadata.get("language")]
    for key, field in (("kernelspec", "language"), ("language_info", "name")):
        entry = metadata.get(key)
        if isinstance(entry, dict):
            languages.append(entry.get(field))
    return all(not isinstance(name, str) or name.lower().startswith("python") for name in languages)


def _cell_lists(notebook: dict[str, object]) -> list[tuple[JsonPath, list[object]]]:
    """The cell lists with their paths: `cells` (nbformat 4), or each worksheet's (nbformat 3)."""
    cells = notebook.get("cells")
    if isinstance(cells, list):
        return [(("cells",), cells)]
    found: list[tuple[JsonPath, list[object]]] = []
    worksheets = notebook.get("worksheets")
    if isinstance(worksheets, list):
        for index, worksheet in enumerate(worksheets):
            if isinstance(worksheet, dict) and isinstance(worksheet.get("cells"), list):
                found.append((("worksheets", index, "cells"), worksheet["cells"]))
    return found


def _code_cells(notebook: dict[str, object]) -> list[_Cell]:
    result: list[_Cell] = []
    number = 0
    for path, cells in _cell_lists(notebook):
        for index, cell in enumerate(cells):
            number += 1
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            key = "source" if "source" in cell else "input"  # nbformat 3 calls it input
            source = cell.get(key)
            if isinstance(source, str):
                text = source
            elif isinstance(source, list) and all(isinstance(line, str) for line in source):
                text = "".join(source)
            else:
                continue
            masked = mask(text, as_comments=False)
            if masked is not None and text.strip():
                result.append(_Cell(number, (*path, index, key), source, text, masked))
    return result


# --- converting the cells as one program ------------------------------------------------------------------


@dataclass(frozen=True)
class _Outcome:
    """What became of one cell."""

    text: str
    findings: tuple[Finding, ...] = ()
    changes: tuple[CellLineChange, ...] = ()


@dataclass(frozen=True)
class _Prepared:
    """A cell made ready to join the program: masked, and taken to Python 3 if it was Python 2."""

    cell: _Cell
    masked: Masked
    text: str
    """The Python 3 text that joins the program."""
    upgrade: Python2Upgrade | None = None
    failure: tuple[Finding, ...] = ()
    """When the cell could not be read: why (it is then left out of the program, unchanged)."""


def _parses(text: str) -> bool:
    try:
        compile(text, "<cell>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except (SyntaxError, ValueError):
        try:
            cst.parse_module(text)  # newer syntax than this Python knows
        except cst.ParserSyntaxError:
            return False
    return True


def _prepare(cell: _Cell, rules: RuleSet, path: str | None) -> _Prepared:
    if _parses(cell.masked.text):
        return _Prepared(cell, cell.masked, cell.masked.text)
    # A magic indented where no block is open parses with comment placeholders.
    commented = mask(cell.text, as_comments=True)
    if commented is not None and _parses(commented.text):
        return _Prepared(cell, commented, commented.text)
    # A Python 2 cell gets its 2 → 3 pass alone, then joins the program like the others.
    from tfmigrate.python2 import upgrade_python2  # only notebooks that need it pay for fissix

    upgrade = upgrade_python2(cell.masked.text, path)
    if upgrade is not None and upgrade.converted and _parses(upgrade.text):
        return _Prepared(cell, cell.masked, upgrade.text, upgrade)
    findings = upgrade.findings if upgrade is not None else convert_source(cell.masked.text, rules).findings
    return _Prepared(
        cell, cell.masked, cell.masked.text, failure=tuple(_cell_finding(f, cell) for f in findings)
    )


def _cell_finding(finding: Finding, cell: _Cell, line: int | None = None) -> Finding:
    originals = cell.masked.originals
    message = finding.message
    if finding.rule_id == PARSE_ERROR:
        message = message.replace("this file", "this cell").replace("it was copied", "it was left")
    return replace(
        finding,
        message=message,
        line=finding.line if line is None else line,
        old_line=unmask_line(finding.old_line, originals),
        new_line=unmask_line(finding.new_line, originals),
        cell=cell.number,
    )


@dataclass(frozen=True)
class _Program:
    text: str
    starts: list[int]
    """The 1-based line of each cell's first line."""
    added_break: list[bool]
    """Whether a line break was added after the cell (its last line had none)."""


def _join(texts: Sequence[str], newline: str) -> _Program:
    parts: list[str] = []
    starts: list[int] = []
    added: list[bool] = []
    line = 1
    for index, text in enumerate(texts):
        parts.append(f"# {_CELL_MARK}{index}__{newline}")
        starts.append(line + 1)
        needs_break = not text.endswith(("\n", "\r"))
        parts.append(text + newline if needs_break else text)
        added.append(needs_break)
        line += 1 + len(_LINE_BREAK.findall(text)) + (1 if needs_break else 0)
    return _Program("".join(parts), starts, added)


def _split(program: _Program, text: str) -> list[str] | None:
    """The converted text cut back into cells; None when the markers did not come through in order."""
    pieces = _CELL_MARKER.split(text)
    if pieces[0] or [int(index) for index in pieces[1::2]] != list(range(len(program.starts))):
        return None
    cells = pieces[2::2]
    for index, added in enumerate(program.added_break):
        if added:
            if not cells[index].endswith(("\n", "\r")):
                return None
            cells[index] = cells[index].removesuffix("\n").removesuffix("\r")
    return cells


def _convert_program(
    prepared: Sequence[_Prepared], rules: RuleSet, path: str | None
) -> list[_Outcome] | None:
    """Convert the cells as one program; None when the program does not parse."""
    texts = [item.text for item in prepared]
    newline = next((match.group() for text in texts if (match := _LINE_BREAK.search(text))), "\n")
    program = _join(texts, newline)
    conversion = convert_source(program.text, rules, path)
    if not conversion.parsed:
        return None
    new_texts = _split(program, conversion.text) if conversion.changed else texts
    if new_texts is None:
        reason = "the cells could not be told apart after converting"
        return [_internal_error(item.cell, reason) for item in prepared]
    findings: list[list[Finding]] = [
        [_cell_finding(finding, item.cell) for finding in item.upgrade.findings] if item.upgrade else []
        for item in prepared
    ]
    for finding in conversion.findings:
        index = max(0, bisect.bisect_right(program.starts, finding.line) - 1)
        item = prepared[index]
        line = max(1, finding.line - program.starts[index] + 1)
        findings[index].append(
            _cell_finding(finding, item.cell, item.upgrade.input_line(line) if item.upgrade else line)
        )
    return [_outcome(item, new_texts[index], findings[index]) for index, item in enumerate(prepared)]


def _outcome(item: _Prepared, new_text: str, findings: Sequence[Finding]) -> _Outcome:
    findings = sorted(findings, key=lambda finding: (finding.line, finding.column))
    text = unmask(new_text, item.masked.originals)
    if text is None:
        return _internal_error(item.cell, "an IPython line could not be put back after converting")
    return _Outcome(text, tuple(findings), _line_changes(item.cell, text))


def _line_changes(cell: _Cell, new_text: str) -> tuple[CellLineChange, ...]:
    """The changed lines of a cell (line for line where the counts agree, as the engine reports them)."""
    before = [line.rstrip("\r\n") for line in split_lines_keepends(cell.text)]
    after = [line.rstrip("\r\n") for line in split_lines_keepends(new_text)]
    changes: list[CellLineChange] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:
            changes += [
                CellLineChange(i1 + k + 1, (before[i1 + k],), j1 + k + 1, (after[j1 + k],), cell.number)
                for k in range(i2 - i1)
            ]
        else:
            changes.append(
                CellLineChange(i1 + 1, tuple(before[i1:i2]), j1 + 1, tuple(after[j1:j2]), cell.number)
            )
    return tuple(changes)


def _internal_error(cell: _Cell, reason: str) -> _Outcome:
    message = f"tfmigrate failed on this cell ({reason}); it was left unchanged"
    return _Outcome(cell.text, (Finding(INTERNAL_ERROR, Severity.ERROR, message, 1, 1, cell=cell.number),))


def _convert_cells(cells: Sequence[_Cell], rules: RuleSet, path: str | None) -> tuple[list[_Outcome], bool]:
    """The outcome of each cell, and whether any cell was Python 2."""
    prepared = [_prepare(cell, rules, path) for cell in cells]
    readable = [item for item in prepared if not item.failure]
    converted = _convert_program(readable, rules, path) if readable else []
    if converted is None:  # each cell parses, so this is not expected; convert them one by one then
        converted = [
            (_convert_program([item], rules, path) or [_Outcome(item.cell.text)])[0] for item in readable
        ]
    remaining = iter(converted)
    outcomes = [
        _Outcome(item.cell.text, item.failure) if item.failure else next(remaining) for item in prepared
    ]
    return outcomes, any(item.upgrade is not None for item in readable)


# --- writing the notebook back -------------------------------------------------------------------------


def _source_lines(text: str, original: Sequence[str]) -> list[str]:
    """`text` as a list of lines, cut the way the original list was (Jupyter cuts with splitlines)."""
    joined = "".join(original)
    if joined.splitlines(keepends=True) == list(original):
        return text.splitlines(keepends=True)
    return split_lines_keepends(text)


def _render_list(
    text: str, spans: dict[JsonPath, tuple[int, int]], path: JsonPath, old: Sequence[str], new: Sequence[str]
) -> str:
    """The JSON for list `new`, laid out as the list at `path` was, reusing its unchanged elements."""
    start, end = spans[path]
    if not old:
        return "[" + ", ".join(json.dumps(line, ensure_ascii=False) for line in new) + "]"
    elements = [spans[(*path, index)] for index in range(len(old))]
    lead = text[start + 1 : elements[0][0]]
    trail = text[elements[-1][1] : end - 1]
    separator = text[elements[0][1] : elements[1][0]] if len(elements) > 1 else "," + (lead or " ")
    escape = _escapes_non_ascii(text)
    tokens: list[str] = []
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            tokens += [text[slice(*elements[index])] for index in range(i1, i2)]
        else:
            tokens += [json.dumps(line, ensure_ascii=escape) for line in new[j1:j2]]
    return "[" + lead + separator.join(tokens) + trail + "]"


def _escapes_non_ascii(text: str) -> bool:
    """Whether the file spells non-ASCII characters as \\u escapes (json.dumps's default) or as they are."""
    return text.isascii() and _NON_ASCII_ESCAPE.search(text) is not None


def _render(text: str, spans: dict[JsonPath, tuple[int, int]], cell: _Cell, new_text: str) -> str:
    if isinstance(cell.source, str):
        return json.dumps(new_text, ensure_ascii=_escapes_non_ascii(text))
    return _render_list(text, spans, cell.path, cell.source, _source_lines(new_text, cell.source))


def _new_value(cell: _Cell, new_text: str) -> str | list[str]:
    return new_text if isinstance(cell.source, str) else _source_lines(new_text, cell.source)


_PYTHON3_KERNEL = {"name": ("python2", "python3"), "display_name": ("Python 2", "Python 3")}


def _python3_kernel(notebook: dict[str, object]) -> list[tuple[JsonPath, str]]:
    """New values for a kernelspec that names Jupyter's Python 2 kernel, which would not run the cells now."""
    metadata = notebook.get("metadata")
    kernelspec = metadata.get("kernelspec") if isinstance(metadata, dict) else None
    if not isinstance(kernelspec, dict):
        return []
    return [
        (("metadata", "kernelspec", key), new)
        for key, (old, new) in _PYTHON3_KERNEL.items()
        if kernelspec.get(key) == old
    ]


def _set(document: object, path: JsonPath, value: object) -> None:
    for key in path[:-1]:
        document = document[key]  # type: ignore[index]
    document[path[-1]] = value  # type: ignore[index]


def _splice(text: str, replacements: Sequence[tuple[tuple[int, int], str]]) -> str:
    out, position = [], 0
    for (start, end), replacement in sorted(replacements):
        out += [text[position:start], replacement]
        position = end
    out.append(text[position:])
    return "".join(out)


def convert_notebook(data: bytes, rules: RuleSet, path: str | None = None) -> NotebookConversion:
    """Convert the code cells of a notebook's bytes; raises UnreadableNotebook for a file it cannot read."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableNotebook(f"not UTF-8, as a notebook must be: {error}") from None
    if not text.strip():
        return NotebookConversion(data)  # an empty file: nothing to convert, nothing to break
    try:
        located = jsonspans.parse(text)
    except json.JSONDecodeError as error:
        raise UnreadableNotebook(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    notebook = located.value
    if not isinstance(notebook, dict):
        raise UnreadableNotebook("not a notebook: the JSON is not an object")
    if not _is_python(notebook):
        return NotebookConversion(data)
    cells = _code_cells(notebook)
    lines = sum(len(split_lines_keepends(cell.text)) for cell in cells)
    if not cells:
        return NotebookConversion(data, lines=lines)
    outcomes, had_python2 = _convert_cells(cells, rules, path)
    findings = tuple(finding for outcome in outcomes for finding in outcome.findings)
    changed = [
        (cell, outcome) for cell, outcome in zip(cells, outcomes, strict=True) if outcome.text != cell.text
    ]
    if not changed:
        return NotebookConversion(data, findings, lines=lines)
    kernel = _python3_kernel(notebook) if had_python2 else []
    if kernel:
        message = "The notebook's kernel was Jupyter's Python 2 kernel; its cells are Python 3 now: python3"
        findings += (Finding(PYTHON3_KERNEL, Severity.INFO, message, 1, 1),)
    replacements = [
        (located.spans[cell.path], _render(text, located.spans, cell, o.text)) for cell, o in changed
    ]
    replacements += [(located.spans[key], json.dumps(value)) for key, value in kernel]
    new_text = _splice(text, replacements)
    # The edit must be exactly the new values: read both back and compare (NaN kept as text to compare).
    expected = json.loads(text, parse_constant=str)
    for cell, outcome in changed:
        _set(expected, cell.path, _new_value(cell, outcome.text))
    for key, value in kernel:
        _set(expected, key, value)
    if json.loads(new_text, parse_constant=str) != expected:
        finding = Finding(INTERNAL_ERROR, Severity.ERROR, "the notebook could not be edited in place", 1, 1)
        return NotebookConversion(data, (*findings, finding), lines=lines)
    changes = tuple(change for outcome in outcomes for change in outcome.changes)
    output = new_text.encode("utf-8")
    return NotebookConversion(codecs.BOM_UTF8 + output if bom else output, findings, changes, lines)
