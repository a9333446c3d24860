"""The typed vocabulary of rules: every rule is a row of one of these tables, keyed by a fully qualified name.

A table row says *what* changes (old name, new name, argument order...); the engine in
`tfmigrate.engine` is the one place that knows *how* to apply each kind of row to a syntax tree.
Names are fully qualified Python paths (`tensorflow.nn.softmax`), never the spelling of one file
(`tf.nn.softmax`): the engine resolves each file's imports and aliases before it looks a name up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from tfmigrate.findings import Severity

_MAX_RENAME_CHAIN = 8


class FixSafety(StrEnum):
    """Whether applying a rule can change what the program computes."""

    SAFE = "safe"
    """Same meaning by construction (a rename, a keyword that was positional)."""
    REVIEW = "review"
    """Converted, but a person should look (an assumption about argument order or types was made)."""
    MANUAL = "manual"
    """Not converted; reported so that a person fixes it."""


class ArgKind(StrEnum):
    """What a positional argument of a TensorFlow function holds, used to tell 0.x calls from 1.x calls.

    Only literals are judged: `1` cannot be a list of tensors, `[a, b]` cannot be an axis. Any other
    expression (a name, a call) fits every kind.
    """

    AXIS = "axis"
    """A scalar integer (an axis or a count): fits an int literal, not a list/tuple display or string."""
    SIZES = "sizes"
    """An integer or a list of integers: fits an int literal or a list/tuple display."""
    TENSOR = "tensor"
    """A tensor value: fits a list/tuple display, not an int literal or a string."""
    TENSORS = "tensors"
    """A list of tensors: fits a list/tuple display, not an int literal or a string."""
    FLAG = "flag"
    """A boolean: fits True/False, not an int literal (other than 0/1), list or string."""
    NAME = "name"
    """An op name: fits a string literal or None."""
    ANY = "any"


@dataclass(frozen=True)
class Param:
    name: str
    kind: ArgKind = ArgKind.ANY


@dataclass(frozen=True)
class SymbolRename:
    """`old` is now called `new`. With `prefix=True` it also renames everything under `old` (a module)."""

    rule_id: str
    old: str
    new: str
    prefix: bool = False
    note: str = ""


@dataclass(frozen=True)
class KeywordRename:
    """In calls of `function` (its old name), the keyword argument `old` is now called `new`."""

    rule_id: str
    function: str
    old: str
    new: str
    note: str = ""


@dataclass(frozen=True)
class ArgumentReorder:
    """The positional order of `function` changed: positional arguments become keywords.

    `old_params` is the 0.x positional order. `new_params` is the positional order of the function in the
    new API (after any rename of the function itself), or None when it accepts no positional arguments
    there (the cross-entropy functions' sentinel). Parameter names are the keywords to insert, i.e. the
    *new* names (after the function's keyword renames). Leading positional arguments whose name is the
    same in both orders stay positional.

    When the function's old name is itself renamed, a call of it is certainly in the old order. Otherwise
    the engine compares the literal arguments against both orders (see `ArgKind`) to tell 0.x calls from
    calls already written for the new API.
    """

    rule_id: str
    function: str
    old_params: tuple[Param, ...]
    new_params: tuple[Param, ...] | None
    note: str = ""

    @property
    def shared_prefix(self) -> int:
        """How many leading positional arguments mean the same in the old and the new order."""
        if self.new_params is None:
            return 0
        count = 0
        for old, new in zip(self.old_params, self.new_params, strict=False):
            if old.name != new.name:
                break
            count += 1
        return count


@dataclass(frozen=True)
class BareReferenceToCall:
    """`function` was the initializer itself and is now a factory: `f` → `f()`, `f(shape)` → `f()(shape)`."""

    rule_id: str
    function: str
    note: str = ""


@dataclass(frozen=True)
class ReverseBoolMask:
    """`tf.reverse(x, dims)` took a bool mask per dimension and now takes axis indices.

    A literal mask (`[False, True]`) is converted to indices (`[1]`); anything else is reported as an error.
    """

    rule_id: str
    function: str
    tensor_param: str
    old_param: str
    new_param: str
    note: str = ""


@dataclass(frozen=True)
class MethodRenameWarning:
    """A method renamed on a class that cannot be recognised by name (0.x `TensorArray.pack`)."""

    rule_id: str
    method: str
    new_method: str
    owner: str
    note: str = ""


@dataclass(frozen=True)
class EngineRule:
    """A finding the engine itself produces (a file it cannot parse, a name it cannot resolve...)."""

    rule_id: str
    name: str
    severity: Severity
    summary: str
    doc: str


TableRow = (
    SymbolRename
    | KeywordRename
    | ArgumentReorder
    | BareReferenceToCall
    | ReverseBoolMask
    | MethodRenameWarning
)


@dataclass(frozen=True)
class RuleSet:
    """The tables of one migration step, indexed for the engine."""

    name: str
    description: str
    renames: tuple[SymbolRename, ...] = ()
    keyword_renames: tuple[KeywordRename, ...] = ()
    reorders: tuple[ArgumentReorder, ...] = ()
    bare_to_call: tuple[BareReferenceToCall, ...] = ()
    reverse_masks: tuple[ReverseBoolMask, ...] = ()
    method_warnings: tuple[MethodRenameWarning, ...] = ()
    exact_renames: dict[str, SymbolRename] = field(init=False, repr=False, compare=False)
    prefix_renames: dict[str, SymbolRename] = field(init=False, repr=False, compare=False)
    keywords_by_function: dict[str, dict[str, KeywordRename]] = field(init=False, repr=False, compare=False)
    reorder_by_function: dict[str, ArgumentReorder] = field(init=False, repr=False, compare=False)
    bare_to_call_by_function: dict[str, BareReferenceToCall] = field(init=False, repr=False, compare=False)
    reverse_by_function: dict[str, ReverseBoolMask] = field(init=False, repr=False, compare=False)
    method_warning_by_name: dict[str, MethodRenameWarning] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keywords: dict[str, dict[str, KeywordRename]] = {}
        for row in self.keyword_renames:
            keywords.setdefault(row.function, {})[row.old] = row
        indexes = {
            "exact_renames": {r.old: r for r in self.renames if not r.prefix},
            "prefix_renames": {r.old: r for r in self.renames if r.prefix},
            "keywords_by_function": keywords,
            "reorder_by_function": {r.function: r for r in self.reorders},
            "bare_to_call_by_function": {r.function: r for r in self.bare_to_call},
            "reverse_by_function": {r.function: r for r in self.reverse_masks},
            "method_warning_by_name": {r.method: r for r in self.method_warnings},
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, index)
        ids = [row.rule_id for row in self.rows()]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise ValueError(f"rule set {self.name}: duplicate rule ids {duplicates}")

    def rows(self) -> Iterator[TableRow]:
        yield from self.renames
        yield from self.keyword_renames
        yield from self.reorders
        yield from self.bare_to_call
        yield from self.reverse_masks
        yield from self.method_warnings

    def rename(self, qualified: str) -> tuple[str, tuple[SymbolRename, ...]] | None:
        """The new name of `qualified` and the rows that renamed it, or None when no row applies.

        Exact rows win over prefix rows, and the longest prefix wins. Renames chain: a module moved by a
        prefix row can land on a name another row renames (`tensorflow.python.ops.rnn.rnn` →
        `tensorflow.nn.rnn` → `tensorflow.nn.static_rnn`).
        """
        applied: list[SymbolRename] = []
        current = qualified
        for _ in range(_MAX_RENAME_CHAIN):
            step = self._rename_once(current)
            if step is None:
                break
            current, row = step
            applied.append(row)
        else:
            raise ValueError(f"rule set {self.name}: renames of {qualified!r} do not settle")
        return (current, tuple(applied)) if applied else None

    def _rename_once(self, qualified: str) -> tuple[str, SymbolRename] | None:
        exact = self.exact_renames.get(qualified)
        if exact is not None:
            return exact.new, exact
        head = qualified
        while True:
            row = self.prefix_renames.get(head)
            if row is not None:
                return row.new + qualified[len(head) :], row
            if "." not in head:
                return None
            head = head.rpartition(".")[0]

    def touches(self, qualified: str) -> bool:
        """True when some row is keyed on `qualified` (or a module above it)."""
        return (
            self.rename(qualified) is not None
            or qualified in self.keywords_by_function
            or qualified in self.reorder_by_function
            or qualified in self.bare_to_call_by_function
            or qualified in self.reverse_by_function
        )
