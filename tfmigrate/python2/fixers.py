"""Run fissix's Python 2 → 3 fixers on a parsed tree and record every fix with its input position.

One `RefactoringTool` is built per process (compiling the fixers' patterns costs far more than a file)
and every fixer's `transform` is wrapped: the position of the matched node is taken before the fixer
runs (nodes created by an earlier fixer carry no position; their first original leaf does), and a fix
counts when the node's text changed. Fixer warnings (`cannot_convert`, `warning`) become findings too.
"""

from __future__ import annotations

import difflib
import importlib
import operator
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

from fissix.fixes.fix_unicode import FixUnicode
from fissix.pgen2 import token
from fissix.refactor import RefactoringTool

from tfmigrate.findings import Severity
from tfmigrate.python2.rules import (
    FIXER_NAMES,
    LONG,
    OCTAL,
    PRINT,
    RULE_BY_ID,
    RULE_ID_BY_FIXER,
    UNICODE,
    UR_STRING,
)

Node = Any
"""A fissix node or leaf (fissix has no type hints)."""

_HEX = re.compile(r"[0-9a-fA-F]+")

# fix_isinstance only tidies what fix_long left (`isinstance(x, (int, int))`): not a fix of its own.
_FOLLOW_UP_FIXERS = frozenset({"fix_isinstance"})
# fix_reduce leaves the call as it is and adds `from functools import reduce` at the top: each call it
# matched is still the fix (and where a reader looks for it).
_IMPORT_ONLY_FIXERS = frozenset({"fix_reduce"})


@dataclass(frozen=True)
class FixEvent:
    """One fix (or fixer warning) at a 1-based line and 0-based column of the text fissix parsed."""

    rule_id: str
    fixer: str
    severity: Severity
    message: str
    line: int
    column: int


def ur_literal(value: str) -> str | None:
    """Python 3 spelling of a Python 2 `ur'...'` literal with the same characters; None if impossible.

    In Python 2 a raw unicode literal keeps every backslash except in `\\uXXXX`/`\\UXXXXXXXX` escapes
    (recognised after an odd number of backslashes). Without such an escape `r'...'` is identical;
    otherwise the literal becomes a plain one with all other backslashes doubled.
    """
    prefix_length = 2
    quote = value[prefix_length : prefix_length + 3]
    if quote not in ('"""', "'''"):
        quote = value[prefix_length]
    body = value[prefix_length + len(quote) : -len(quote)]
    pieces: list[str] = []
    escapes = 0
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            pieces.append("\\" + char if char == quote[0] else char)
            index += 1
            continue
        end = index
        while end < len(body) and body[end] == "\\":
            end += 1
        run = end - index
        follower = body[end] if end < len(body) else ""
        digits = {"u": 4, "U": 8}.get(follower, 0)
        hex_digits = body[end + 1 : end + 1 + digits]
        if run % 2 == 1 and digits and len(hex_digits) == digits and _HEX.fullmatch(hex_digits):
            pieces.append("\\\\" * (run - 1) + "\\" + follower + hex_digits)
            escapes += 1
            index = end + 1 + digits
        else:
            pieces.append("\\\\" * run)
            index = end
    raw_prefix = value[1]  # keep the case of the r the author wrote
    if escapes == 0:
        return raw_prefix + value[prefix_length:]
    if len(quote) == 1 and ("\n" in body or "\r" in body):
        return None  # a backslash-newline inside a one-line literal has no plain spelling
    return quote + "".join(pieces) + quote


class _FixUnicode(FixUnicode):  # type: ignore[misc]
    """fissix's fix_unicode, with `ur''` literals kept equal to what Python 2 made of them."""

    def transform(self, node: Node, results: dict[str, Any]) -> Node:
        if node.type == token.STRING and node.value[:2].lower() == "ur":
            new_value = ur_literal(node.value)
            if new_value is None:
                self.cannot_convert(node, "a ur'' literal with \\u escapes and a line continuation")
                return None
            new = node.clone()
            new.value = new_value
            return new
        return super().transform(node, results)


def _fixer_class(name: str) -> type[Any]:
    if name == "fix_unicode":
        return _FixUnicode
    module = importlib.import_module(f"fissix.fixes.{name}")
    class_name = "Fix" + "".join(part.title() for part in name[len("fix_") :].split("_"))
    fixer_class: type[Any] = getattr(module, class_name)
    return fixer_class


class _Tool(RefactoringTool):  # type: ignore[misc]
    """A RefactoringTool whose fixers are the table's and whose transforms report what they do."""

    def __init__(self) -> None:
        self.events: list[FixEvent] = []
        self.features: frozenset[str] = frozenset()
        self.with_path = False
        super().__init__([])
        for fixer in chain(self.pre_order, self.post_order):
            self._instrument(fixer)

    def get_fixers(self) -> tuple[list[Any], list[Any]]:
        pre_order: list[Any] = []
        post_order: list[Any] = []
        for name in FIXER_NAMES:
            fixer = _fixer_class(name)(self.options, self.fixer_log)
            fixer.tfmigrate_name = name
            (pre_order if fixer.order == "pre" else post_order).append(fixer)
        key = operator.attrgetter("run_order")
        return sorted(pre_order, key=key), sorted(post_order, key=key)

    def _instrument(self, fixer: Any) -> None:
        name: str = fixer.tfmigrate_name
        transform: Callable[[Node, Any], Node] = fixer.transform

        def recorded_transform(node: Node, results: Any) -> Node:
            if name == "fix_print" and "print_function" in self.features:
                return None  # print is already a function: a bare `print` is a name, not a statement
            if name == "fix_import" and not self.with_path:
                return None  # a sibling module can only be looked for next to a real file
            rule_id = _rule_id(name, node)
            start = _own_start(node)
            parent, index = node.parent, _index_in_parent(node)
            before = str(node)
            new = transform(node, results)
            if new is not None:
                after = str(new)
            elif node.parent is None and parent is not None:
                # Replaced in place (`node.replace(...)`, as fix_next does): read what stands there now.
                after = str(parent.children[index]) if index < len(parent.children) else ""
            else:
                after = str(node)
            if name in _FOLLOW_UP_FIXERS:
                return new
            if after != before or name in _IMPORT_ONLY_FIXERS:
                rule = RULE_BY_ID[rule_id]
                for line, column in _change_positions(name, node, start, before, after):
                    self.events.append(FixEvent(rule_id, name, rule.severity, rule.summary, line, column))
            return new

        def warning(node: Node, reason: str) -> None:
            self._warn(name, node, reason)

        def cannot_convert(node: Node, reason: str | None = None) -> None:
            text = str(node).strip().splitlines()[0] if str(node).strip() else ""
            message = f"Could not convert `{text}`" + (f": {reason}" if reason else "")
            self._warn(name, node, message)

        fixer.transform = recorded_transform
        fixer.warning = warning
        fixer.cannot_convert = cannot_convert

    def _warn(self, name: str, node: Node, message: str) -> None:
        line, column = position(node)
        self.events.append(FixEvent(_rule_id(name, node), name, Severity.WARNING, message, line, column))


def _rule_id(fixer: str, node: Node) -> str:
    """The rule a fix belongs to; two fixers serve two rules each and are split by what they match."""
    if fixer == "fix_numliterals":
        return LONG if node.value[-1] in "lL" else OCTAL
    if fixer == "fix_unicode":
        return UR_STRING if node.type == token.STRING and node.value[:2].lower() == "ur" else UNICODE
    return RULE_ID_BY_FIXER.get(fixer, PRINT)


def _own_start(node: Node) -> tuple[int, int, str] | None:
    """(line, column, prefix) of `node`'s first leaf if that leaf came from the parsed text."""
    first = next(node.leaves(), None) if node.type >= 256 else node
    if first is None or first.lineno <= 0:
        return None
    return int(first.lineno), int(first.column), str(first.prefix)


def _index_in_parent(node: Node) -> int:
    if node.parent is None:
        return 0
    return next(index for index, child in enumerate(node.parent.children) if child is node)


def _change_positions(
    fixer: str, node: Node, start: tuple[int, int, str] | None, before: str, after: str
) -> list[tuple[int, int]]:
    """Where a fix is reported: the start of the node, or of the line of its first changed character.

    A fixer may match a whole statement (fix_except matches the `try`): the line that changed is the one
    to report, and its column is then -1, "the first non-blank character of that line". fix_except
    converts every clause of a `try` at once; each clause is one fix.
    """
    if start is None:
        return [position(node)]
    line, column, prefix = start
    if fixer == "fix_except":
        old_lines, new_lines = before[len(prefix) :].split("\n"), after[len(prefix) :].split("\n")
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        changed = [
            line + index
            for tag, i1, i2, _, _ in matcher.get_opcodes()
            if tag != "equal"
            for index in range(i1, i2)
            if old_lines[index].lstrip().startswith("except")
        ]
        if changed:
            return [(changed_line, -1) for changed_line in changed]
    first_difference = next(
        (index for index, (old, new) in enumerate(zip(before, after, strict=False)) if old != new),
        min(len(before), len(after)),
    )
    lines_down = before[len(prefix) : max(first_difference, len(prefix))].count("\n")
    return [(line, column) if lines_down == 0 else (line + lines_down, -1)]


def position(node: Node) -> tuple[int, int]:
    """(line, column) of the first leaf of `node` that came from the parsed text (lineno > 0)."""
    current = node
    while current is not None:
        for leaf in current.leaves():
            if leaf.lineno > 0:
                return int(leaf.lineno), int(leaf.column)
        current = current.parent
    return 1, 0


_LOCK = threading.Lock()


@cache
def _tool() -> _Tool:
    return _Tool()


def run_fixers(tree: Node, features: frozenset[str], filename: str | None) -> list[FixEvent]:
    """Apply every fixer to `tree` in place; the fixes and warnings, in the order they happened.

    The one tool per process keeps per-file state while it runs, so calls are serialised (threads).
    """
    with _LOCK:
        tool = _tool()
        tool.events = []
        tool.features = features
        tool.with_path = filename is not None
        tool.fixer_log.clear()
        try:
            tool.refactor_tree(tree, filename or "<string>")
            return tool.events
        finally:
            tool.events = []
