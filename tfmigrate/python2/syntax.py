"""Is a fissix tree Python 2? fissix's grammar is the union of Python 2 and 3, so look for Python 3 only.

A file that fails to parse as Python 3 but contains Python 3 only syntax (an f-string, `nonlocal`,
keyword-only parameters, annotations, `async`, `yield from`, `raise ... from`, `:=`, `*` unpacking in
displays...) is a broken Python 3 file, not a Python 2 one: it is reported as a parse error as before.
"""

from __future__ import annotations

from typing import Any

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

Node = Any


def _string_prefix(value: str) -> str:
    index = 0
    while index < len(value) and value[index] not in "'\"":
        index += 1
    return value[:index].lower()


def python3_only(tree: Node) -> tuple[int, str] | None:
    """(line, what) of the first Python 3 only construct in `tree`, or None if it is all Python 2."""
    for node in tree.pre_order():
        what = _python3_construct(node)
        if what is not None:
            leaf = next(node.leaves(), None) if node.type >= 256 else node
            return (leaf.lineno if leaf is not None else 1), what
    return None


def _python3_construct(node: Node) -> str | None:
    kind = node.type
    if kind < 256:
        value = node.value
        if kind == token.STRING:
            prefix = _string_prefix(value)
            if "f" in prefix or prefix.startswith("rb"):
                return f"a {prefix}'' string literal"
        elif kind == token.NUMBER:
            return "a number with underscores" if "_" in value else None
        elif kind == token.NAME:
            return None if value.isascii() else "a non-ASCII name"
        elif kind in (token.ASYNC, token.AWAIT) or value in ("@=", "->", ":="):
            return str(value)
        elif value == "@" and node.parent is not None and node.parent.type != syms.decorator:
            return "the @ operator"
        return None
    if kind in (syms.async_funcdef, syms.async_stmt, syms.star_expr, syms.annassign, syms.namedexpr_test):
        return "async" if kind in (syms.async_funcdef, syms.async_stmt) else type_name(kind)
    if kind == syms.global_stmt and node.children[0].value == "nonlocal":
        return "nonlocal"
    if kind == syms.yield_arg and node.children[0].type < 256 and node.children[0].value == "from":
        return "yield from"
    if kind == syms.raise_stmt and any(
        child.type < 256 and child.value == "from" for child in node.children[1:]
    ):
        return "raise ... from"
    if kind == syms.tname and len(node.children) == 3:
        return "a parameter annotation"
    if kind in (syms.typedargslist, syms.varargslist) and _keyword_only(node.children):
        return "keyword-only parameters"
    if kind == syms.dictsetmaker and any(child.type < 256 and child.value == "**" for child in node.children):
        return "** unpacking in a dict display"
    if kind == syms.classdef and _class_keywords(node):
        return "keywords in a class definition"
    return None


def type_name(kind: int) -> str:
    return {
        syms.star_expr: "* unpacking",
        syms.annassign: "a variable annotation",
        syms.namedexpr_test: ":=",
    }.get(kind, "Python 3 syntax")


def _keyword_only(children: list[Node]) -> bool:
    """Parameters after `*` or `*args` (other than `**kwargs`) are keyword-only: Python 3 only."""
    seen_star = False
    after_star = 0
    for child in children:
        if child.type < 256 and child.value == "*":
            seen_star = True
            continue
        if not seen_star:
            continue
        if child.type < 256 and child.value == "**":
            return False
        if child.type < 256 and child.value in (",", "="):
            continue
        after_star += 1
        if after_star > 1 or (after_star == 1 and child.prev_sibling.value == ","):
            return True
    return False


def _class_keywords(node: Node) -> bool:
    for child in node.children:
        if child.type == syms.arglist:
            arguments = child.children
        elif child.type == syms.argument:
            arguments = [child]
        else:
            continue
        if any(
            argument.type == syms.argument
            and len(argument.children) == 3
            and argument.children[1].value == "="
            for argument in arguments
        ):
            return True
    return False
