"""IPython syntax in a notebook cell, masked so that the cell parses as Python and put back afterwards.

Line magics (`%matplotlib inline`), shell lines (`!pip install`), help (`tf.nn?`, `?tf.nn`) and
assignments from them (`files = !ls`) each become a placeholder line (`pass  # token`, at the line's
indentation so a magic can be a block's only line) while the cell is converted; the token finds the
line again afterwards. Only lines where a statement starts are masked: `% 3` continuing a bracket is
Python's modulo, and a `%` line inside a triple-quoted string is text. A cell that starts with a cell
magic (`%%bash`) is another language, unless the magic runs the rest of the cell as Python (`%%time`).
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})
"""Cell magics that run the rest of their cell as Python: those cells are converted."""

_MAGIC_MARK = "__tfmigrate_magic_"
_MAGIC_TOKEN = re.compile(rf"{_MAGIC_MARK}\d+__")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# A line IPython transforms: a line magic or shell escape, help (`?x`, `x?`, `x??`), or `x = !cmd`.
_IPYTHON_LINE = re.compile(r"[ \t]*(?:[%!?]|[\w.]+\?\??[ \t]*$|[\w.,()\[\] \t*]+=[ \t]*[%!])")


def split_lines_keepends(text: str) -> list[str]:
    """The lines of `text` with their breaks (only \\r\\n, \\r and \\n end a line, as for Python)."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class Masked:
    text: str
    originals: dict[str, str]
    """Placeholder token → the line it stands for (without its line break)."""


def mask(text: str, as_comments: bool) -> Masked | None:
    """`text` with each IPython line replaced by a placeholder; None for a cell of another language.

    A placeholder is `pass  # token` at the line's indentation (so a magic can be a block's only
    line), or with `as_comments` a comment at column 0 (for a magic indented where no block is open).
    Only lines that start a statement are looked at: `% b` continuing a bracket is Python's modulo.
    """
    lines = split_lines_keepends(text)
    originals: dict[str, str] = {}

    def placeholder(line: str) -> str:
        body = line.rstrip("\r\n")
        token = f"{_MAGIC_MARK}{len(originals)}__"
        originals[token] = body
        if as_comments:
            return f"# {token}{line[len(body) :]}"
        indent = body[: len(body) - len(body.lstrip(" \t"))]
        return f"{indent}pass  # {token}{line[len(body) :]}"

    masked = list(lines)
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    skip = -1
    if first is not None and lines[first].lstrip().startswith("%%"):
        words = lines[first].lstrip()[2:].split(maxsplit=1)
        if not words or words[0] not in PYTHON_CELL_MAGICS:
            return None
        masked[first] = placeholder(lines[first])
        skip = first

    for index, line in enumerate(lines):
        if index != skip and _IPYTHON_LINE.match(line) and _statement_starts_after("".join(masked[:index])):
            masked[index] = placeholder(line)
    return Masked("".join(masked), originals)


def _statement_starts_after(prefix: str) -> bool:
    """Whether a statement starts after `prefix`: it tokenizes to the end, with no bracket, string or
    backslash continuation left open (the tokenizer raises at the end of an unfinished one)."""
    try:
        for _ in tokenize.generate_tokens(io.StringIO(prefix).readline):
            pass
    except (tokenize.TokenError, SyntaxError):
        return False
    return True


def unmask_line(line: str, originals: dict[str, str]) -> str:
    token = _MAGIC_TOKEN.search(line)
    if token is None or token.group() not in originals:
        return line
    body = line.rstrip("\r\n")
    return originals[token.group()] + line[len(body) :]


def unmask(text: str, originals: dict[str, str]) -> str | None:
    """The text with every placeholder line put back; None when a placeholder went missing."""
    if not originals:
        return text
    found = _MAGIC_TOKEN.findall(text)
    if sorted(found) != sorted(originals):
        return None
    return "".join(unmask_line(line, originals) for line in split_lines_keepends(text))
