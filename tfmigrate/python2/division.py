"""Python 2's `/` between two ints floors; Python 3's does not. Find every such `/` on the fissix tree.

Each expression gets an abstract *kind*: the set of value types it may have, among "int", "float" and
"other" (strings, lists, tensors, anything). A `/` whose operands are both exactly {"int"} is changed to
`//` (same result as Python 2); one whose operands may both be int is reported; one with an operand that
cannot be an int (a float literal, `float(...)`, a name bound only to floats) is left alone.

Names get their kind from *every* binding of the name in its scope, resolved with Python 2's rules
(function locals, `global`, free variables of enclosing functions, class bodies, list comprehensions
leaking their variable). Bindings that refer to names (`n = m * 2`, `i = i + 1`) are solved as a least
fixed point: each name starts with no value and gains the kinds its bindings can produce until nothing
changes. That is sound because every value a name ever holds was produced by one of its bindings from
values that existed before. Anything that can bind names invisibly (`from m import *`, `exec` without a
namespace, `globals()`, `vars()`, `execfile`, module-level `locals()`) makes names unknown, and builtins
such as `range` or `len` are trusted only when the file never rebinds them. Assignments made from other
modules (`config.BATCH = 0.5`) cannot be seen; a module constant is judged by this file alone.

TensorFlow knowledge is limited to one fact the book relies on everywhere: `tf.ones(shape)` and the
other float-default factories make float32 tensors, so `tf.ones([L])/10` is a float division.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

Kind = frozenset[str]
INT: Kind = frozenset({"int"})
FLOAT: Kind = frozenset({"float"})
OTHER: Kind = frozenset({"other"})
ANY: Kind = frozenset({"int", "float", "other"})
NOTHING: Kind = frozenset()

# Builtins whose result kind is known (when the file does not rebind their names).
_INT_CALLS = frozenset({"len", "int", "long", "ord", "hash", "id", "bool"})
_FLOAT_CALLS = frozenset({"float", "round"})  # round() returned a float in Python 2
_RANGE_CALLS = frozenset({"range", "xrange"})
# TensorFlow functions whose result is a float32 tensor unless a dtype is given, with the position of
# their dtype parameter (0.x and 1.x signatures agree on these).
_FLOAT_DEFAULT_DTYPE_POSITION = {
    "ones": 1,
    "zeros": 1,
    "truncated_normal": 3,
    "random_normal": 3,
    "random_uniform": 3,
}
# TensorFlow functions whose result has the dtype given at this position (float when it is tf.float*).
_DTYPE_POSITION = {"placeholder": 0, "cast": 1, "constant": 1, "ones_like": 1, "zeros_like": 1}
_DYNAMIC_NAMES = frozenset({"globals", "vars", "execfile", "__builtin__", "__builtins__"})
_PYTHON2_ONLY_BUILTINS = frozenset(
    {"xrange", "long", "unicode", "basestring", "raw_input", "reduce", "file", "execfile", "unichr"}
    | {"apply", "buffer", "cmp", "coerce", "intern", "reload", "StandardError"}
)
_BUILTIN_NAMES = frozenset(dir(builtins)) | _PYTHON2_ONLY_BUILTINS

Node = Any
"""A fissix node or leaf (fissix has no type hints)."""


@dataclass(frozen=True)
class DivisionSite:
    """One `/` (or `/=`) operator leaf and what to do with it."""

    leaf: Node
    changed: bool
    """True: both operands are provably int and the leaf became `//` (or `//=`). False: a warning."""
    in_int_call: bool
    """The division is the whole argument of int(...): only negative quotients differ."""


@dataclass
class _Scope:
    kind: str  # "module", "function" or "class"
    parent: _Scope | None
    bindings: dict[str, list[_Binding]] = field(default_factory=dict)
    globals: set[str] = field(default_factory=set)
    dynamic: bool = False


@dataclass(frozen=True)
class _Binding:
    """How a name gets a value in `scope`.

    `how` is "value" (the name = `node`), "augmented" (name `op`= `node`), "loop" (an element of the
    iterable `node`), "enumerate-index" (the index of `enumerate(...)`), "tensorflow" (`import
    tensorflow [as name]`) or "opaque" (anything: a parameter, an import, a def, a with/except target).
    """

    how: str
    scope: _Scope
    node: Node = None
    op: str = ""


_OPAQUE_KIND = "opaque"


def _is_leaf(node: Node, value: str) -> bool:
    return bool(node.type < 256 and node.value == value)


def _elements(node: Node) -> list[Node]:
    """The comma-separated elements of a tuple/list body node (children without the commas)."""
    return [child for child in node.children if not _is_leaf(child, ",")]


def _display_elements(node: Node) -> list[Node] | None:
    """The elements of a tuple or list display (`1, 2`, `(1, 2)`, `[1, 2]`), or None."""
    if node.type == syms.atom and len(node.children) == 3 and node.children[0].value in "([":
        inner = node.children[1]
        if inner.type in (syms.testlist_gexp, syms.listmaker):
            if any(child.type == syms.comp_for for child in inner.children):
                return None
            return _elements(inner)
        return [inner] if node.children[0].value == "[" else None
    if node.type in (syms.testlist_star_expr, syms.testlist, syms.exprlist, syms.testlist_safe):
        return _elements(node)
    return None


def _names_in_target(node: Node) -> Iterator[Node]:
    """NAME leaves a target binds (not those inside subscripts or attribute accesses)."""
    if node.type == token.NAME:
        yield node
    elif node.type in _TARGET_CONTAINERS:
        for child in node.children[:1] if node.type == syms.tname else node.children:
            yield from _names_in_target(child)


_TARGET_CONTAINERS = frozenset(
    {syms.atom, syms.testlist_star_expr, syms.exprlist, syms.testlist_gexp, syms.listmaker}
    | {syms.testlist, syms.star_expr, syms.tfpdef, syms.vfpdef, syms.tfplist, syms.vfplist, syms.tname}
)


class _Collector:
    """Walks the tree once: scopes, every binding, every division site with its scope."""

    def __init__(self) -> None:
        self.module = _Scope("module", None)
        self.scopes: list[_Scope] = [self.module]
        self.sites: list[tuple[Node, _Scope]] = []
        self.bound_anywhere: set[str] = set()
        self.dynamic_file = False

    def bind(self, scope: _Scope, name: Node, binding: _Binding) -> None:
        scope.bindings.setdefault(name.value, []).append(binding)
        self.bound_anywhere.add(name.value)

    def finish(self) -> None:
        """Move the bindings of names declared `global` (anywhere in their scope) to the module."""
        for scope in self.scopes:
            for name in scope.globals & scope.bindings.keys():
                self.module.bindings.setdefault(name, []).extend(scope.bindings.pop(name))

    def bind_target(self, target: Node, value: Node | None, scope: _Scope) -> None:
        if target.type == token.NAME:
            how = "value" if value is not None else _OPAQUE_KIND
            self.bind(scope, target, _Binding(how, scope, value))
            return
        if (
            target.type == syms.atom
            and _is_leaf(target.children[0], "(")
            and len(target.children) == 3
            and target.children[1].type != syms.testlist_gexp
        ):
            self.bind_target(target.children[1], value, scope)  # `(a) = 1`
            return
        targets = _display_elements(target)
        if targets is not None:
            values = _display_elements(value) if value is not None else None
            if values is not None and len(values) == len(targets):
                for sub_target, sub_value in zip(targets, values, strict=True):
                    self.bind_target(sub_target, sub_value, scope)
                return
            for sub_target in targets:
                self.bind_target(sub_target, None, scope)
            return
        if target.type == syms.star_expr:
            for name in _names_in_target(target):
                self.bind(scope, name, _Binding(_OPAQUE_KIND, scope))
        # Attribute and subscript targets bind no name.

    def bind_loop(self, target: Node, iterable: Node, scope: _Scope, value_scope: _Scope) -> None:
        if target.type == token.NAME:
            self.bind(scope, target, _Binding("loop", value_scope, iterable))
            return
        targets = _display_elements(target)
        if targets is not None and len(targets) == 2 and targets[0].type == token.NAME:
            call = _builtin_call(iterable)
            if call is not None and call[0] == "enumerate":
                self.bind(scope, targets[0], _Binding("enumerate-index", value_scope, iterable))
                for name in _names_in_target(targets[1]):
                    self.bind(scope, name, _Binding(_OPAQUE_KIND, scope))
                return
        for name in _names_in_target(target):
            self.bind(scope, name, _Binding(_OPAQUE_KIND, scope))

    def bind_opaque_names(self, target: Node, scope: _Scope) -> None:
        for name in _names_in_target(target):
            self.bind(scope, name, _Binding(_OPAQUE_KIND, scope))

    def new_scope(self, kind: str, parent: _Scope) -> _Scope:
        scope = _Scope(kind, parent)
        self.scopes.append(scope)
        return scope

    # The walk. Each visit handles the node kinds that bind names or open scopes; the rest recurse.

    def visit(self, node: Node, scope: _Scope) -> None:
        if node.type < 256:
            if node.type == token.NAME and (
                node.value in _DYNAMIC_NAMES or (node.value == "locals" and scope.kind == "module")
            ):
                previous = node.prev_sibling
                if previous is None or not _is_leaf(previous, "."):
                    self.dynamic_file = True
            return
        handler = _HANDLERS.get(node.type)
        if handler is not None:
            handler(self, node, scope)
        else:
            self.visit_children(node, scope)

    def visit_children(self, node: Node, scope: _Scope) -> None:
        for child in node.children:
            self.visit(child, scope)

    def visit_term(self, node: Node, scope: _Scope) -> None:
        if any(_is_leaf(child, "/") for child in node.children[1::2]):
            self.sites.append((node, scope))
        self.visit_children(node, scope)

    def visit_expr_stmt(self, node: Node, scope: _Scope) -> None:
        children = node.children
        if (
            len(children) == 3
            and children[1].type < 256
            and children[1].value.endswith("=")
            and (children[1].value != "=")
        ):
            target, op, value = children
            if target.type == token.NAME:
                self.bind(scope, target, _Binding("augmented", scope, value, op.value[:-1]))
            if op.value == "/=":
                self.sites.append((node, scope))
            self.visit_children(node, scope)
            return
        if len(children) >= 3 and _is_leaf(children[1], "="):
            value = children[-1]
            for target in children[:-1:2]:
                self.bind_target(target, value, scope)
        self.visit_children(node, scope)

    def visit_for_stmt(self, node: Node, scope: _Scope) -> None:
        target, iterable = node.children[1], node.children[3]
        self.bind_loop(target, iterable, scope, scope)
        self.visit_children(node, scope)

    def visit_funcdef(self, node: Node, scope: _Scope) -> None:
        name, parameters = node.children[1], node.children[2]
        self.bind(scope, name, _Binding(_OPAQUE_KIND, scope))
        function = self.new_scope("function", scope)
        self.visit_parameters(parameters, function, scope)
        for child in node.children[3:]:
            # A return annotation is Python 3 only (rejected before); the body runs in the function.
            self.visit(child, function)

    def visit_parameters(self, node: Node, function: _Scope, outer: _Scope) -> None:
        """Parameter names bind in the function; default values are evaluated in the outer scope."""
        items = node.children
        if node.type == syms.parameters:
            inner = items[1:-1]
            if len(inner) == 1 and inner[0].type in (syms.typedargslist, syms.varargslist):
                items = inner[0].children
            else:
                items = inner
        elif node.type not in (syms.typedargslist, syms.varargslist):
            items = [node]
        default_next = False
        for item in items:
            if default_next:
                self.visit(item, outer)
                default_next = False
            elif _is_leaf(item, "="):
                default_next = True
            elif item.type < 256 and item.type != token.NAME:
                continue  # ',', '*', '**'
            else:
                self.bind_opaque_names(item, function)

    def visit_lambdef(self, node: Node, scope: _Scope) -> None:
        function = self.new_scope("function", scope)
        colon = next(i for i, child in enumerate(node.children) if _is_leaf(child, ":"))
        if colon > 1:
            self.visit_parameters(node.children[1], function, scope)
        self.visit(node.children[-1], function)

    def visit_classdef(self, node: Node, scope: _Scope) -> None:
        self.bind(scope, node.children[1], _Binding(_OPAQUE_KIND, scope))
        body = self.new_scope("class", scope)
        colon = next(i for i, child in enumerate(node.children) if _is_leaf(child, ":"))
        for child in node.children[2:colon]:
            self.visit(child, scope)  # base classes
        for child in node.children[colon + 1 :]:
            self.visit(child, body)

    def visit_import(self, node: Node, scope: _Scope) -> None:
        if node.type == syms.import_from:
            if any(_is_leaf(child, "*") for child in node.children):
                scope.dynamic = True
                return
            keyword = next(i for i, child in enumerate(node.children) if _is_leaf(child, "import"))
            names = node.children[keyword + 1 :]
        else:
            names = node.children[1:]
            tensorflow = _tensorflow_aliases(names)
            for bound in _imported_names(names):
                how = "tensorflow" if any(bound is alias for alias in tensorflow) else _OPAQUE_KIND
                self.bind(scope, bound, _Binding(how, scope))
            return
        for bound in _imported_names(names):
            self.bind(scope, bound, _Binding(_OPAQUE_KIND, scope))

    def visit_global(self, node: Node, scope: _Scope) -> None:
        if scope.kind != "module":
            scope.globals.update(child.value for child in node.children[1::2])

    def visit_exec(self, node: Node, scope: _Scope) -> None:
        # `exec code` without `in namespace` can bind any name of the scope it runs in.
        code = node.children[1]
        if len(node.children) == 2 and _display_elements(code) is None:
            scope.dynamic = True
        self.visit_children(node, scope)

    def visit_with_item(self, node: Node, scope: _Scope) -> None:
        for index, child in enumerate(node.children):
            if index > 0 and _is_leaf(node.children[index - 1], "as"):
                self.bind_opaque_names(child, scope)
            self.visit(child, scope)

    def visit_except_clause(self, node: Node, scope: _Scope) -> None:
        if len(node.children) == 4:
            self.bind_opaque_names(node.children[3], scope)
        self.visit_children(node, scope)

    def visit_comprehension_holder(self, node: Node, scope: _Scope) -> None:
        """atom `[...]`/`(...)`/`{...}` and call arguments that may hold a comprehension."""
        inner = node
        if node.type == syms.atom and len(node.children) == 3:
            inner = node.children[1]
        if inner.type < 256 or not any(child.type == syms.comp_for for child in inner.children):
            self.visit_children(node, scope)
            return
        # Python 2 list comprehensions bind in the enclosing scope; generator expressions and set/dict
        # comprehensions have their own, but their first iterable is evaluated outside.
        leaks = node.type == syms.atom and node.children[0].value == "["
        own = scope if leaks else self.new_scope("function", scope)
        for child in inner.children:
            if child.type == syms.comp_for:
                self.visit_comp_for(child, own, scope)
            else:
                self.visit(child, own)

    def visit_comp_for(self, node: Node, own: _Scope, outer: _Scope) -> None:
        children = node.children
        start = 1 if _is_leaf(children[0], "async") else 0
        target, iterable = children[start + 1], children[start + 3]
        self.bind_loop(target, iterable, own, outer)
        self.visit(target, own)
        self.visit(iterable, outer)
        for child in children[start + 4 :]:
            self.visit_comp_iter(child, own)

    def visit_comp_iter(self, node: Node, own: _Scope) -> None:
        if node.type == syms.comp_for:
            self.visit_comp_for(node, own, own)
        elif node.type == syms.comp_if:
            for child in node.children:
                self.visit_comp_iter(child, own)
        else:
            self.visit(node, own)


def _tensorflow_aliases(nodes: list[Node]) -> list[Node]:
    """The NAME leaves that `import tensorflow` / `import tensorflow as tf` bind to the module itself."""
    found: list[Node] = []
    for node in nodes:
        if node.type == token.NAME and node.value == "tensorflow":
            found.append(node)
        elif node.type == syms.dotted_as_name and _is_leaf(node.children[0], "tensorflow"):
            found.append(node.children[-1])
        elif node.type == syms.dotted_as_names:
            found.extend(_tensorflow_aliases(node.children[::2]))
    return found


def _imported_names(nodes: list[Node]) -> Iterator[Node]:
    """The NAME leaves an import statement binds (`import a.b` binds `a`, `as x` binds `x`)."""
    for node in nodes:
        if node.type == token.NAME:
            yield node
        elif node.type == syms.dotted_name:
            yield node.children[0]
        elif node.type in (syms.dotted_as_name, syms.import_as_name):
            yield node.children[-1] if len(node.children) == 3 else node.children[0]
        elif node.type in (syms.dotted_as_names, syms.import_as_names):
            yield from _imported_names(node.children[::2])


_HANDLERS = {
    syms.term: _Collector.visit_term,
    syms.expr_stmt: _Collector.visit_expr_stmt,
    syms.for_stmt: _Collector.visit_for_stmt,
    syms.funcdef: _Collector.visit_funcdef,
    syms.lambdef: _Collector.visit_lambdef,
    syms.old_lambdef: _Collector.visit_lambdef,
    syms.classdef: _Collector.visit_classdef,
    syms.import_name: _Collector.visit_import,
    syms.import_from: _Collector.visit_import,
    syms.global_stmt: _Collector.visit_global,
    syms.exec_stmt: _Collector.visit_exec,
    syms.with_item: _Collector.visit_with_item,
    syms.except_clause: _Collector.visit_except_clause,
    syms.atom: _Collector.visit_comprehension_holder,
    syms.argument: _Collector.visit_comprehension_holder,
}


def _builtin_call(node: Node) -> tuple[str, list[Node | None]] | None:
    """(`name`, positional arguments) when `node` is a call `name(args)` of a plain name.

    The argument list ends with None when the call has keywords, `*args` or a generator argument.
    """
    if node.type != syms.power:
        return None
    return _call_parts(node.children)


def _call_parts(children: list[Node]) -> tuple[str, list[Node | None]] | None:
    if len(children) != 2:
        return None
    name, trailer = children
    if name.type != token.NAME or trailer.type != syms.trailer or not _is_leaf(trailer.children[0], "("):
        return None
    if len(trailer.children) == 2:
        return name.value, []
    arguments = trailer.children[1]
    items: list[Node | None] = _elements(arguments) if arguments.type == syms.arglist else [arguments]
    if any(item is not None and item.type == syms.argument for item in items):
        items.append(None)
    return name.value, items


def _number_kind(value: str) -> Kind:
    text = value.lower()
    if text.endswith("j"):
        return OTHER
    if text.startswith(("0x", "0o", "0b")) or text.endswith("l"):
        return INT
    return FLOAT if ("." in text or "e" in text) else INT


def _arithmetic(op: str, left: Kind, right: Kind) -> Kind:
    if not left or not right:
        return NOTHING  # an operand has no value yet (fixed point in progress)
    if "other" in left or "other" in right:
        return ANY  # strings, tensors, arrays: anything may come out
    result: set[str] = set()
    for a in left:
        for b in right:
            if op in ("+", "-", "*", "/", "%", "//"):
                result.add("int" if a == b == "int" else "float")
            elif op in ("<<", ">>", "&", "|", "^") and a == b == "int":
                result.add("int")
            else:
                return ANY
    return frozenset(result)


class _Solver:
    def __init__(self, collector: _Collector) -> None:
        self.collector = collector
        self.kinds: dict[tuple[int, str], Kind] = {}
        self.module = collector.module

    def trusted_builtin(self, name: str) -> bool:
        return (
            not self.collector.dynamic_file
            and name not in self.collector.bound_anywhere
            and not any(scope.dynamic for scope in self.collector.scopes)
        )

    def solve(self) -> None:
        changed = True
        while changed:
            changed = False
            for scope in self.collector.scopes:
                for name, bindings in scope.bindings.items():
                    key = (id(scope), name)
                    old = self.kinds.get(key, NOTHING)
                    new = old.union(*(self.binding_kind(binding, name) for binding in bindings))
                    if new != old:
                        self.kinds[key] = new
                        changed = True

    def binding_kind(self, binding: _Binding, name: str) -> Kind:
        if binding.how == "value":
            return self.kind(binding.node, binding.scope)
        if binding.how == "augmented":
            current = self.name_kind(name, binding.scope)
            return _arithmetic(binding.op, current, self.kind(binding.node, binding.scope))
        if binding.how == "loop":
            return self.element_kind(binding.node, binding.scope)
        if binding.how == "enumerate-index":
            return INT if self.trusted_builtin("enumerate") else ANY
        return ANY

    def element_kind(self, iterable: Node, scope: _Scope) -> Kind:
        call = _builtin_call(iterable)
        if call is not None and call[0] in _RANGE_CALLS and self.trusted_builtin(call[0]):
            return INT
        elements = _display_elements(iterable)
        if elements is not None and elements:
            return frozenset().union(*(self.kind(element, scope) for element in elements))
        return ANY

    def name_kind(self, name: str, scope: _Scope) -> Kind:
        if self.collector.dynamic_file:
            return ANY
        scopes = self.resolve(name, scope)
        if scopes is None:
            if name in ("True", "False") and self.trusted_builtin(name):
                return INT  # bools divide like ints
            return ANY
        return frozenset().union(*(self.kinds.get((id(s), name), NOTHING) for s in scopes))

    def resolve(self, name: str, scope: _Scope) -> list[_Scope] | None:
        """The scopes whose bindings a reference to `name` in `scope` may read; None if unknown."""
        if scope.dynamic:
            return None
        if scope.kind == "module":
            return [scope] if name in scope.bindings else None
        if name in scope.globals:
            return self.resolve(name, self.module)
        if scope.kind == "function" and name in scope.bindings:
            return [scope]
        outer = self.resolve_free(name, scope.parent)
        if scope.kind == "class" and name in scope.bindings:
            # A class body reads its own binding once made, the outer one before that.
            if outer is None and name in _BUILTIN_NAMES:
                return None
            return [scope, *(outer or [])]
        return outer

    def resolve_free(self, name: str, scope: _Scope | None) -> list[_Scope] | None:
        """A free variable: the nearest enclosing function that binds it (class bodies are skipped)."""
        while scope is not None and scope.kind != "module":
            if scope.dynamic:
                return None
            if scope.kind == "function" and name in scope.bindings and name not in scope.globals:
                return [scope]
            scope = scope.parent
        return self.resolve(name, self.module)

    def kind(self, node: Node, scope: _Scope) -> Kind:
        kind_type = node.type
        if kind_type < 256:
            if kind_type == token.NUMBER:
                return _number_kind(node.value)
            if kind_type == token.STRING:
                return OTHER
            if kind_type == token.NAME:
                return OTHER if node.value == "None" else self.name_kind(node.value, scope)
            return ANY
        children = node.children
        if kind_type == syms.atom:
            opening = children[0].value if children[0].type < 256 else ""
            if opening == "(" and len(children) == 3:
                inner = children[1]
                if inner.type in (syms.testlist_gexp, syms.yield_expr):
                    return OTHER if inner.type == syms.testlist_gexp else ANY
                return self.kind(inner, scope)
            return OTHER  # (), [...], {...}, `...`, implicit string concatenation, ...
        if kind_type == syms.factor:
            operand = self.kind(children[1], scope)
            op = children[0].value
            if op == "~":
                return operand if operand <= INT else ANY
            return operand if operand <= (INT | FLOAT) else ANY
        if kind_type == syms.power:
            return self.power_kind(node, scope)
        if kind_type in (syms.term, syms.arith_expr, syms.shift_expr, syms.and_expr, syms.xor_expr):
            return self.fold(children, len(children), scope)
        if kind_type == syms.expr:
            return self.fold(children, len(children), scope)
        if kind_type == syms.test and len(children) == 5:
            return self.kind(children[0], scope) | self.kind(children[4], scope)
        if kind_type in (syms.or_test, syms.and_test):
            return frozenset().union(*(self.kind(child, scope) for child in children[::2]))
        if kind_type == syms.not_test:
            return INT  # a bool
        if kind_type in (syms.lambdef, syms.old_lambdef, syms.testlist, syms.testlist_star_expr):
            return OTHER
        return ANY

    def fold(self, children: list[Node], end: int, scope: _Scope) -> Kind:
        """Kind of `children[0] op children[2] ... children[end - 1]` (left-associative)."""
        result = self.kind(children[0], scope)
        for index in range(1, end - 1, 2):
            result = _arithmetic(children[index].value, result, self.kind(children[index + 1], scope))
        return result

    def power_kind(self, node: Node, scope: _Scope) -> Kind:
        children = node.children
        if _is_leaf(children[0], "await"):
            return ANY
        exponent = children[-1] if len(children) >= 3 and _is_leaf(children[-2], "**") else None
        base_children = children[:-2] if exponent is not None else children
        if len(base_children) == 1:
            base = self.kind(base_children[0], scope)
        elif len(base_children) == 3:
            base = self.tensorflow_call_kind(base_children, scope)
        else:
            call = _call_parts(base_children)
            base = self.call_kind(call, scope) if call is not None else ANY
        if exponent is None:
            return base
        power = self.kind(exponent, scope)
        if not base or not power:
            return NOTHING
        if "other" in base or "other" in power:
            return ANY
        non_negative_literal = exponent.type == token.NUMBER and _number_kind(exponent.value) == INT
        result: set[str] = set()
        for a in base:
            for b in power:
                if a == b == "int":
                    result.update({"int"} if non_negative_literal else {"int", "float"})
                else:
                    result.add("float")
        return frozenset(result)

    def is_tensorflow(self, name: str, scope: _Scope) -> bool:
        """True when every binding `name` can have here is `import tensorflow [as name]`."""
        if self.collector.dynamic_file:
            return False
        scopes = self.resolve(name, scope)
        return scopes is not None and all(
            binding.how == "tensorflow" for s in scopes for binding in s.bindings.get(name, [])
        )

    def tensorflow_call_kind(self, children: list[Node], scope: _Scope) -> Kind:
        """`tf.ones(shape)` and friends make float32 tensors unless given an integer dtype.

        The book divides such tensors by int literals everywhere (`tf.ones([L])/10`); they are float
        divisions in Python 2 too, so no warning is due. Only float-default factories called without a
        dtype, or with an explicit `tf.float16/32/64` dtype, count; anything else stays unknown.
        """
        module, attribute, trailer = children
        if not (
            module.type == token.NAME
            and attribute.type == syms.trailer
            and _is_leaf(attribute.children[0], ".")
            and trailer.type == syms.trailer
            and _is_leaf(trailer.children[0], "(")
            and self.is_tensorflow(module.value, scope)
        ):
            return ANY
        function = attribute.children[1].value
        dtype_position = _FLOAT_DEFAULT_DTYPE_POSITION.get(function)
        explicit_position = _DTYPE_POSITION.get(function)
        if dtype_position is None and explicit_position is None:
            return ANY
        arguments = trailer.children[1:-1]
        items = _elements(arguments[0]) if arguments and arguments[0].type == syms.arglist else arguments
        positional: list[Node] = []
        dtype: Node | None = None
        for item in items:
            if item.type != syms.argument:
                positional.append(item)
            elif (
                len(item.children) == 3
                and _is_leaf(item.children[1], "=")
                and item.children[0].value == "dtype"
            ):
                dtype = item.children[2]
            elif not (len(item.children) == 3 and _is_leaf(item.children[1], "=")):
                return ANY  # *args, **kwargs or a generator: the dtype cannot be seen
        position = dtype_position if dtype_position is not None else explicit_position
        if dtype is None and position is not None and len(positional) > position:
            dtype = positional[position]
        if dtype is None:
            return FLOAT if dtype_position is not None else ANY
        return FLOAT if self.is_float_dtype(dtype, scope) else ANY

    def is_float_dtype(self, node: Node, scope: _Scope) -> bool:
        """`tf.float16`, `tf.float32` or `tf.float64` (tf being the tensorflow module)."""
        return bool(
            node.type == syms.power
            and len(node.children) == 2
            and node.children[0].type == token.NAME
            and node.children[1].type == syms.trailer
            and _is_leaf(node.children[1].children[0], ".")
            and node.children[1].children[1].value in ("float16", "float32", "float64")
            and self.is_tensorflow(node.children[0].value, scope)
        )

    def call_kind(self, call: tuple[str, list[Node | None]], scope: _Scope) -> Kind:
        name, arguments = call
        if not self.trusted_builtin(name):
            return ANY
        if name in _INT_CALLS:
            return INT
        if name in _FLOAT_CALLS:
            return FLOAT
        plain = [argument for argument in arguments if argument is not None]
        if len(plain) != len(arguments):
            return ANY
        if name == "abs" and len(plain) == 1:
            inner = self.kind(plain[0], scope)
            return inner if inner <= (INT | FLOAT) else ANY
        if name in ("min", "max") and len(plain) >= 2:
            kinds = frozenset().union(*(self.kind(argument, scope) for argument in plain))
            return kinds if kinds <= (INT | FLOAT) else ANY
        return ANY


def _is_int_call_argument(term: Node) -> bool:
    """True when `term` is the only argument of a call of `int(...)`."""
    trailer = term.parent
    if trailer is None or trailer.type != syms.trailer or len(trailer.children) != 3:
        return False
    power = trailer.parent
    return bool(
        power is not None
        and power.type == syms.power
        and len(power.children) == 2
        and power.children[0].type == token.NAME
        and power.children[0].value == "int"
    )


def convert_divisions(tree: Node) -> list[DivisionSite]:
    """Change every provably-int `/` of `tree` to `//` in place; return every site, changed or warned."""
    collector = _Collector()
    collector.visit(tree, collector.module)
    collector.finish()
    solver = _Solver(collector)
    solver.solve()
    sites: list[DivisionSite] = []
    for node, scope in collector.sites:
        if node.type == syms.expr_stmt:
            target, op, value = node.children
            pairs = [(op, solver.kind(target, scope), solver.kind(value, scope))]
        else:
            pairs = []
            for index in range(1, len(node.children) - 1, 2):
                op = node.children[index]
                if op.value == "/":
                    left = solver.fold(node.children, index, scope)
                    pairs.append((op, left, solver.kind(node.children[index + 1], scope)))
        for op, left, right in pairs:
            left, right = left or ANY, right or ANY
            if left == INT and right == INT:
                op.value = op.value.replace("/", "//")
                op.changed()
                sites.append(DivisionSite(op, True, False))
            elif "int" in left and "int" in right:
                in_int = node.type == syms.term and _is_int_call_argument(node) and len(node.children) == 3
                sites.append(DivisionSite(op, False, in_int))
    return sites
