"""Positional arguments of a call whose argument order changed: which order is it in, which keywords to add.

tf_upgrade.py assumed every call was in the 0.x order, so running it on code that was already (partly)
updated mis-mapped the arguments (tensorflow/models#1063). Here a call is judged against both orders:
literal arguments often show which one it is (`tf.concat(1, [a, b])` is 0.x, `tf.concat([a, b], 1)` is
1.x), and a keyword that the call already passes rules out an order that would pass it twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

import libcst as cst

from tfmigrate.rules.model import ArgKind, ArgumentReorder, Param


class Literal(Enum):
    INT = "int"
    FLOAT = "float"
    SEQUENCE = "sequence"
    STRING = "string"
    BOOL = "bool"
    NONE = "none"
    UNKNOWN = "unknown"


_FITS: dict[ArgKind, frozenset[Literal]] = {
    ArgKind.AXIS: frozenset({Literal.INT}),
    ArgKind.SIZES: frozenset({Literal.INT, Literal.SEQUENCE}),
    ArgKind.TENSOR: frozenset({Literal.SEQUENCE, Literal.FLOAT}),
    ArgKind.TENSORS: frozenset({Literal.SEQUENCE}),
    ArgKind.FLAG: frozenset({Literal.BOOL}),
    ArgKind.NAME: frozenset({Literal.STRING, Literal.NONE}),
    ArgKind.ANY: frozenset(Literal),
}


def literal_kind(node: cst.BaseExpression) -> Literal:
    """What kind of literal `node` is; UNKNOWN for anything that is not a literal."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus | cst.Plus):
        return literal_kind(node.expression)
    if isinstance(node, cst.Integer):
        return Literal.INT
    if isinstance(node, cst.Float):
        return Literal.FLOAT
    if isinstance(node, cst.List | cst.Tuple):
        return Literal.SEQUENCE
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString | cst.FormattedString):
        return Literal.STRING
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return Literal.BOOL
    if isinstance(node, cst.Name) and node.value == "None":
        return Literal.NONE
    return Literal.UNKNOWN


def fits(param: Param, node: cst.BaseExpression) -> bool:
    kind = literal_kind(node)
    return kind is Literal.UNKNOWN or kind in _FITS[param.kind]


class Order(Enum):
    OLD = "old"
    """Certainly the 0.x order: convert."""
    AMBIGUOUS = "ambiguous"
    """Could be either: convert, assuming 0.x, and ask for a review."""
    NEW = "new"
    """Already written for the new API: leave alone."""
    NEITHER = "neither"
    """Fits neither signature (too many arguments, a keyword given twice...): report, leave alone."""


@dataclass(frozen=True)
class Positional:
    """The positional arguments of a call and the keywords it already passes."""

    values: tuple[cst.BaseExpression, ...]
    keywords: frozenset[str]
    starred: bool
    """Some positional argument is `*args`: positions are unknown."""


def split_arguments(args: Sequence[cst.Arg], keyword_renames: Mapping[str, str]) -> Positional:
    """Positional values and passed keywords (under their new names, as the converted call will have them)."""
    values: list[cst.BaseExpression] = []
    keywords: set[str] = set()
    starred = False
    for arg in args:
        if arg.keyword is not None:
            keywords.add(keyword_renames.get(arg.keyword.value, arg.keyword.value))
        elif arg.star == "*":
            starred = True
        elif arg.star == "":
            values.append(arg.value)
    return Positional(tuple(values), frozenset(keywords), starred)


def _fits_order(params: Sequence[Param] | None, call: Positional, skip: int) -> bool:
    if params is None:
        return len(call.values) <= skip
    if len(call.values) > len(params):
        return False
    converted = {params[index].name for index in range(skip, len(call.values))}
    if converted & call.keywords:
        return False
    return all(fits(param, value) for param, value in zip(params, call.values, strict=False))


def judge(row: ArgumentReorder, call: Positional, *, function_renamed: bool) -> Order:
    """Which argument order the call is written in."""
    skip = row.shared_prefix
    old = _fits_order(row.old_params, call, skip)
    if function_renamed:
        # The old name does not exist in the new API, so the call cannot be in the new order.
        return Order.OLD if old else Order.NEITHER
    new = _fits_order(row.new_params, call, skip)
    if old and new:
        return Order.AMBIGUOUS
    if old:
        return Order.OLD
    return Order.NEW if new else Order.NEITHER


def keywords_to_insert(row: ArgumentReorder, call: Positional) -> list[str]:
    """The keyword for each positional argument past the shared prefix, in order."""
    return [row.old_params[index].name for index in range(row.shared_prefix, len(call.values))]
