"""Indentation that mixes tabs and spaces: what Python 2 read, and the same blocks without tabs.

Python 2 advanced a tab to the next multiple of 8 columns and ran such files (it warned only with -t);
Python 3 raises TabError when the indentation is ambiguous, i.e. when comparing two lines' indentation
with a tab of 8 columns and with a tab of 1 column disagree. Only the indentation of *logical* lines is
checked by either interpreter (not continuation lines, not the inside of strings, not comment lines),
so only that is rewritten.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from fissix.pgen2 import token, tokenize

_TAB_SIZE = 8
_SKIPPED = frozenset({tokenize.NL, tokenize.COMMENT, token.INDENT, token.DEDENT})


@dataclass(frozen=True)
class Normalised:
    text: str
    lines: tuple[int, ...]
    """1-based numbers of the lines whose indentation changed."""
    shifts: dict[int, tuple[int, int]]
    """line → (old indentation length, new indentation length), to map columns back to the input."""


def logical_line_starts(text: str) -> list[int]:
    """1-based numbers of the lines where a logical line starts, as Python 2's tokenizer reads them.

    Raises tokenize.TokenError or IndentationError when the text does not tokenize as Python 2.
    """
    starts: list[int] = []
    at_start = True
    for kind, _, (row, _), _, _ in tokenize.generate_tokens(io.StringIO(text).readline):
        if kind == token.NEWLINE:
            at_start = True
        elif at_start and kind not in _SKIPPED and kind != token.ENDMARKER:
            starts.append(row)
            at_start = False
    return starts


def _columns(indent: str) -> tuple[int, int]:
    """(column with 8-column tabs, column with 1-column tabs), as CPython's tokenizer computes them."""
    column = alternative = 0
    for char in indent:
        if char == " ":
            column, alternative = column + 1, alternative + 1
        elif char == "\t":
            column = (column // _TAB_SIZE + 1) * _TAB_SIZE
            alternative += 1
        elif char == "\f":
            column = alternative = 0
    return column, alternative


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t\f"))]


def tab_error_line(lines: list[str], starts: list[int]) -> int | None:
    """The first line where Python 3 raises TabError (CPython's rule), or None."""
    stack = [(0, 0)]
    for row in starts:
        column, alternative = _columns(_indentation(lines[row - 1]))
        top_column, top_alternative = stack[-1]
        if column == top_column:
            if alternative != top_alternative:
                return row
        elif column > top_column:
            if alternative <= top_alternative:
                return row
            stack.append((column, alternative))
        else:
            while len(stack) > 1 and column < stack[-1][0]:
                stack.pop()
            if column == stack[-1][0] and alternative != stack[-1][1]:
                return row
    return None


def _expanded(indent: str) -> str:
    """The indentation with each tab replaced by the spaces up to Python 2's next 8-column stop.

    Whatever precedes the last form feed is kept: both interpreters restart counting after it.
    """
    cut = indent.rfind("\f") + 1
    kept, rest = indent[:cut], indent[cut:]
    column = 0
    out: list[str] = []
    for char in rest:
        if char == "\t":
            next_stop = (column // _TAB_SIZE + 1) * _TAB_SIZE
            out.append(" " * (next_stop - column))
            column = next_stop
        else:
            out.append(char)
            column += 1
    return kept + "".join(out)


def _block_profile(text: str) -> list[tuple[int, int]]:
    """(line, depth) of every INDENT and DEDENT, as Python 2 reads `text`."""
    profile: list[tuple[int, int]] = []
    depth = 0
    for kind, _, (row, _), _, _ in tokenize.generate_tokens(io.StringIO(text).readline):
        if kind == token.INDENT:
            depth += 1
            profile.append((row, depth))
        elif kind == token.DEDENT:
            depth -= 1
            profile.append((row, depth))
    return profile


def normalise(text: str, lines_with_ends: list[str], starts: list[int]) -> Normalised | None:
    """`text` with tabs expanded in the indentation of logical lines; None if the blocks would differ."""
    new_lines = list(lines_with_ends)
    changed: list[int] = []
    shifts: dict[int, tuple[int, int]] = {}
    for row in starts:
        line = lines_with_ends[row - 1]
        indent = _indentation(line)
        if "\t" not in indent:
            continue
        new_indent = _expanded(indent)
        new_lines[row - 1] = new_indent + line[len(indent) :]
        changed.append(row)
        shifts[row] = (len(indent), len(new_indent))
    new_text = "".join(new_lines)
    try:
        same_blocks = _block_profile(new_text) == _block_profile(text)
        plain = [line.rstrip("\r\n") for line in new_lines]
        consistent = tab_error_line(plain, logical_line_starts(new_text)) is None
    except (tokenize.TokenError, IndentationError):
        return None
    if not (same_blocks and consistent):
        return None
    return Normalised(new_text, tuple(changed), shifts)


def input_column(shifts: dict[int, tuple[int, int]], line: int, column: int) -> int:
    """A 0-based column of the normalised text as a column of the input line."""
    shift = shifts.get(line)
    if shift is None:
        return column
    old_length, new_length = shift
    return column - (new_length - old_length) if column >= new_length else min(column, old_length)
