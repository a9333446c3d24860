"""The typed vocabulary of rules: every rule is a row of one of these tables, keyed by a fully qualified name.

A table row says *what* changes (old name, new name, argument order...); the engine in
`tfmigrate.engine` is the one place that knows *how* to apply each kind of row to a syntax tree.
Names are fully qualified Python paths (`tensorflow.nn.softmax`), never the spelling of one file
(`tf.nn.softmax`): the engine resolves each file's imports and aliases before it looks a name up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import libcst as cst

from tfmigrate.findings import Severity

if TYPE_CHECKING:
    from tfmigrate.api import ApiSnapshot

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
    """`old` is now called `new`. With `prefix=True` it also renames everything under `old` (a module),
    except the names under `excluded`. `reason`, when given, ends the finding's message."""

    rule_id: str
    old: str
    new: str
    prefix: bool = False
    note: str = ""
    excluded: tuple[str, ...] = ()
    reason: str = ""


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
class SameMeaningInTF2:
    """`function` (a 1.x name) has a TF 2.x function of the same name that computes the same thing for
    the arguments both accept. A call that fits the TF 2.x signature (after renaming the deprecated
    keyword `aliases`, old → new, or dropping those mapped to None) keeps the name; any other call,
    and any reference that is not a call, is pointed at `tf.compat.v1`."""

    rule_id: str
    function: str
    aliases: tuple[tuple[str, str | None], ...] = ()
    note: str = ""
    tf2_name: str = ""
    """The TF 2.x function when it lives elsewhere (`tf.count_nonzero` → `tf.math.count_nonzero`)."""

    @property
    def target(self) -> str:
        return self.tf2_name or self.function


@dataclass(frozen=True)
class CallSite:
    """What a call transform gets: the call as converted so far, and how to spell names in this file."""

    call: cst.Call
    spelled: str
    """The function as the source spells it (`tf.nn.dropout`)."""
    render: Callable[[str], cst.BaseExpression | None]
    """A fully qualified name spelled as this file would (`tensorflow.float32` → `tf.float32`)."""


@dataclass(frozen=True)
class TransformOutcome:
    node: cst.BaseExpression
    severity: Severity
    message: str
    target: str
    """The fully qualified function the new call uses (checked against the target API)."""


CallTransformFunction = Callable[[CallSite], TransformOutcome | None]


@dataclass(frozen=True)
class CallTransform:
    """A bespoke rewrite of calls of `function` (a small typed function; None from it means: not applicable).

    A reference to `function` that is not a call is pointed at `tf.compat.v1`, like SameMeaningInTF2."""

    rule_id: str
    function: str
    transform: CallTransformFunction
    summary: str
    safety: FixSafety
    before: str
    after: str
    note: str = ""


@dataclass(frozen=True)
class ApiNotice:
    """A report entry for every reference to `qualified` (and to names under it, with `prefix=True`),
    or only for the first one in a file (`once_per_file=True`). Used for APIs that are gone (error),
    semantics worth knowing (warning) and defaults that differ in TF 2.x (info)."""

    rule_id: str
    qualified: str
    severity: Severity
    message: str
    prefix: bool = False
    once_per_file: bool = False


@dataclass(frozen=True)
class ExternalModule:
    """Everything under `prefix` now lives in another package: `tf.app.flags.X` → `flags.X` with
    `from absl import flags` added to the file."""

    rule_id: str
    prefix: str
    module: str
    """The replacement module, fully qualified (`absl.flags`)."""
    local_name: str
    note: str = ""


@dataclass(frozen=True)
class Preamble:
    """A statement that a file needs once when it uses any of `triggers` (fully qualified, after renames),
    inserted after the statement that imports TensorFlow. `{v1}` in `statement` is the file's spelling
    of `tensorflow.compat.v1` (`tf` under the import style, `tf.compat.v1` otherwise)."""

    rule_id: str
    triggers: frozenset[str]
    statement: str
    message: str
    in_entry_modules: bool = False
    """Also in every file with an `if __name__ == "__main__":` block (a program), triggers or not."""


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
    | SameMeaningInTF2
    | CallTransform
    | ApiNotice
    | ExternalModule
    | Preamble
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
    same_meaning: tuple[SameMeaningInTF2, ...] = ()
    call_transforms: tuple[CallTransform, ...] = ()
    notices: tuple[ApiNotice, ...] = ()
    external_modules: tuple[ExternalModule, ...] = ()
    preambles: tuple[Preamble, ...] = ()
    generated_renames: tuple[SymbolRename, ...] = ()
    """Rows derived from the API snapshot: applied like `renames`, documented as families."""
    api: ApiSnapshot | None = None
    """When set, every converted reference is checked against this API (target 2)."""
    exact_renames: dict[str, SymbolRename] = field(init=False, repr=False, compare=False)
    prefix_renames: dict[str, SymbolRename] = field(init=False, repr=False, compare=False)
    keywords_by_function: dict[str, dict[str, KeywordRename]] = field(init=False, repr=False, compare=False)
    reorder_by_function: dict[str, ArgumentReorder] = field(init=False, repr=False, compare=False)
    bare_to_call_by_function: dict[str, BareReferenceToCall] = field(init=False, repr=False, compare=False)
    reverse_by_function: dict[str, ReverseBoolMask] = field(init=False, repr=False, compare=False)
    method_warning_by_name: dict[str, MethodRenameWarning] = field(init=False, repr=False, compare=False)
    same_meaning_by_function: dict[str, SameMeaningInTF2] = field(init=False, repr=False, compare=False)
    transform_by_function: dict[str, CallTransform] = field(init=False, repr=False, compare=False)
    notices_by_name: dict[str, list[ApiNotice]] = field(init=False, repr=False, compare=False)
    preamble_by_trigger: dict[str, Preamble] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keywords: dict[str, dict[str, KeywordRename]] = {}
        for row in self.keyword_renames:
            keywords.setdefault(row.function, {})[row.old] = row
        notices: dict[str, list[ApiNotice]] = {}
        for notice in self.notices:
            notices.setdefault(notice.qualified, []).append(notice)
        # Hand-written rows win over generated ones keyed on the same name (they come later here).
        moved_out = tuple(
            SymbolRename(row.rule_id, row.prefix, row.module, prefix=True, reason=f"it is {row.module}")
            for row in self.external_modules
        )
        all_renames = (*self.generated_renames, *self.renames, *moved_out)
        indexes = {
            "exact_renames": {r.old: r for r in all_renames if not r.prefix},
            "prefix_renames": {r.old: r for r in all_renames if r.prefix},
            "keywords_by_function": keywords,
            "reorder_by_function": {r.function: r for r in self.reorders},
            "bare_to_call_by_function": {r.function: r for r in self.bare_to_call},
            "reverse_by_function": {r.function: r for r in self.reverse_masks},
            "method_warning_by_name": {r.method: r for r in self.method_warnings},
            "same_meaning_by_function": {r.function: r for r in self.same_meaning},
            "transform_by_function": {r.function: r for r in self.call_transforms},
            "notices_by_name": notices,
            "preamble_by_trigger": {trigger: p for p in self.preambles for trigger in p.triggers},
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, index)
        ids = [row.rule_id for row in self.rows()]
        duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
        if duplicates:
            raise ValueError(f"rule set {self.name}: duplicate rule ids {duplicates}")

    def rows(self) -> Iterator[TableRow]:
        """Every hand-written row (the generated renames are families documented by their ids)."""
        yield from self.renames
        yield from self.keyword_renames
        yield from self.reorders
        yield from self.bare_to_call
        yield from self.reverse_masks
        yield from self.method_warnings
        yield from self.same_meaning
        yield from self.call_transforms
        yield from self.notices
        yield from self.external_modules
        yield from self.preambles

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
        # An attribute of a renamed object follows it (`tf.Summary.FromString`): exact rows match
        # `qualified` and every name above it, the longest first.
        head = qualified
        while True:
            exact = self.exact_renames.get(head)
            if exact is not None:
                return exact.new + qualified[len(head) :], exact
            row = self.prefix_renames.get(head)
            if row is not None and not _under_any(qualified, row.excluded):
                return row.new + qualified[len(head) :], row
            if "." not in head:
                return None
            head = head.rpartition(".")[0]

    def names_along(self, qualified: str) -> list[str]:
        """`qualified` and every name its renames pass through, in order (rows keyed on any of them apply)."""
        names = [qualified]
        for _ in range(_MAX_RENAME_CHAIN):
            step = self._rename_once(names[-1])
            if step is None:
                break
            names.append(step[0])
        return names

    def notices_for(self, qualified: str) -> list[ApiNotice]:
        """Notices keyed on `qualified` itself, then prefix notices keyed on a module above it."""
        found = list(self.notices_by_name.get(qualified, ()))
        head = qualified
        while "." in head:
            head = head.rpartition(".")[0]
            found += [n for n in self.notices_by_name.get(head, ()) if n.prefix]
        return found

    def touches(self, qualified: str) -> bool:
        """True when some row is keyed on `qualified` (or a module above it)."""
        return (
            self.rename(qualified) is not None
            or qualified in self.keywords_by_function
            or qualified in self.reorder_by_function
            or qualified in self.bare_to_call_by_function
            or qualified in self.reverse_by_function
            or qualified in self.same_meaning_by_function
            or qualified in self.transform_by_function
            or bool(self.notices_for(qualified))
            or (self.api is not None and self._api_concern(qualified))
        )

    def _api_concern(self, qualified: str) -> bool:
        """Target 2: the name is missing from the API, or exists only with the legacy Keras."""
        assert self.api is not None
        entry = self.api.get(qualified)
        return self.api.missing_part(qualified) is not None or (
            entry is not None and entry.only == "legacy_keras"
        )


def _under_any(qualified: str, prefixes: tuple[str, ...]) -> bool:
    return any(qualified == prefix or qualified.startswith(prefix + ".") for prefix in prefixes)
