"""One printing of a parsed chunk that gives its text, where given nodes start, and its converted text.

libcst's PositionProvider tracks the line and column of every node of a module while printing it, which
costs several times the printing itself. Findings need the start of a handful of nodes: this printing
state notes, for those nodes only, how many tokens were printed before each, and works out lines and
columns from the printed text afterwards (PositionProvider's starts: parentheses and leading whitespace
excluded).

The same pass notes the span of each node a rule replaced, with the indentation in force there, so the
converted text is the chunk's source text with the replacements printed into those spans (printing the
converted module again, all of it, would cost as much as this pass). The pass stops once the last of
these nodes is printed: what follows is taken from the source as it is, so libcst prints no byte of
the output outside the replacements, and what it printed before is checked against the source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Edit = tuple[cst.CSTNode, cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]]


class _Enough(Exception):
    """Every node of interest is printed: the rest of the printing is not needed."""


@dataclass(frozen=False)
class _Recorder(CodegenState):
    wanted: set[int] = field(default_factory=set)
    starts: dict[int, int] = field(default_factory=dict)
    """Token index at which each wanted node starts, by id()."""
    hoisted: dict[int, int] = field(default_factory=dict)
    """Wanted node → the child its start is taken from (libcst's `start_node`)."""
    edited: set[int] = field(default_factory=set)
    spans: dict[int, tuple[int, int, list[str]]] = field(default_factory=dict)
    """Edited node → first token, last token + 1, indentation tokens in force."""
    _opened: dict[int, tuple[int, list[str]]] = field(default_factory=dict)
    stop_early: bool = False
    _finished: set[int] = field(default_factory=set)

    def before_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.wanted and key not in self.starts:
            self.starts[key] = len(self.tokens)  # whitespace included; the syntactic start overrides it
        if key in self.edited:
            self._opened[key] = (len(self.tokens), list(self.indent_tokens))

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self._opened:
            start, indent = self._opened.pop(key)
            self.spans[key] = (start, len(self.tokens), indent)
        if key in self.wanted:
            self._finished.add(key)
        if (
            self.stop_early
            and len(self._finished) == len(self.wanted)
            and len(self.spans) == len(self.edited)
        ):
            raise _Enough

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        key = id(node)
        if key in self.wanted:
            if start_node is None:
                self.starts[key] = len(self.tokens)
            else:
                self.wanted.add(id(start_node))
                self.hoisted[key] = id(start_node)
        yield


@dataclass(frozen=True)
class Printed:
    starts: dict[int, tuple[int, int]]
    """Where each wanted node starts, by id(): 1-based line, 0-based column (PositionProvider's)."""
    converted: str | None
    """The text with the edits printed in; None when some edit is not an expression replaced by an
    expression (a statement's): print the converted module instead."""


def print_chunk(
    module: cst.Module, text: str, anchors: Iterable[cst.CSTNode], edits: Sequence[Edit]
) -> Printed | None:
    """Print `module` (parsed from `text`), noting where `anchors` start, and apply `edits` (made inside
    it) to `text`; None when libcst does not print `text` back as it was, up to where it stopped."""
    spliceable = all(
        isinstance(old, cst.BaseExpression) and isinstance(new, cst.BaseExpression) for old, new in edits
    )
    state = _Recorder(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        wanted={id(node) for node in anchors},
        edited={id(old) for old, _ in edits} if spliceable else set(),
        # The converted module is printed whole when the edits cannot be spliced: check all of it then.
        stop_early=spliceable,
    )
    try:
        module._codegen(state)
    except _Enough:
        if not module.has_trailing_newline and "".join(state.tokens) == text + module.default_newline:
            state.pop_trailing_newline()  # what the module's printing does last, had it got there
    printed = "".join(state.tokens)
    if not (text.startswith(printed) if spliceable else text == printed):
        return None
    for key, child in state.hoisted.items():
        if child in state.starts:
            state.starts[key] = state.starts[child]
    converted = _splice(state, text, edits) if spliceable else None
    return Printed(_lines_and_columns(state.tokens, state.starts), converted)


def _splice(state: _Recorder, text: str, edits: Sequence[Edit]) -> str | None:
    """`text` with each outermost edited node's span replaced by its replacement's printed text."""
    replacements = {id(old): new for old, new in edits}
    if len(state.spans) != len(replacements):
        return None  # an edited node was not printed where expected: print the converted module instead
    offsets = [0, *itertools.accumulate(len(token) for token in state.tokens)]
    pieces: list[str] = []
    done = 0
    for key, (start, end, indent) in sorted(state.spans.items(), key=lambda item: (item[1][0], -item[1][1])):
        if offsets[start] < done:
            continue  # inside an edit already printed: the outer replacement holds this one's result
        new = replacements[key]
        assert isinstance(new, cst.CSTNode)
        replacement = CodegenState(state.default_indent, state.default_newline, indent_tokens=indent)
        new._codegen(replacement)
        pieces += [text[done : offsets[start]], *replacement.tokens]
        done = offsets[end]
    return "".join([*pieces, text[done:]])


def _lines_and_columns(tokens: Sequence[str], starts: dict[int, int]) -> dict[int, tuple[int, int]]:
    positions: dict[int, tuple[int, int]] = {}
    line, column, printed = 1, 0, 0
    for key, index in sorted(starts.items(), key=lambda item: item[1]):
        text = "".join(tokens[printed:index])
        breaks = _LINE_BREAK.split(text)
        if len(breaks) > 1:
            line += len(breaks) - 1
            column = len(breaks[-1])
        else:
            column += len(text)
        printed = index
        positions[key] = (line, column)
    return positions
