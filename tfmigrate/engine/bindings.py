"""Which names in a file are TensorFlow: imports and aliases followed through Python's scoping rules.

A small scope analysis of our own (libcst's QualifiedNameProvider is several times slower than the
rest of a conversion). It answers one question for every name read in the code: does it denote an
imported module or symbol, and which fully qualified name? `import tensorflow as tfx`, `from tensorflow
import nn` and `from tensorflow.nn import rnn_cell` all resolve; a parameter or local variable that
shadows `tf` does not; a name bound both to an import and to something else in one scope is ambiguous.

Python's rules as implemented: a name bound anywhere in a function body (parameter, assignment target,
`for`, `with ... as`, `except ... as`, walrus, import, def, class) is local to that function unless
declared `global`/`nonlocal`; class bodies are not enclosing scopes for the functions inside them;
comprehensions have their own scope, except that their first iterable is evaluated outside it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import libcst as cst


class ScopeKind(Enum):
    MODULE = "module"
    FUNCTION = "function"
    CLASS = "class"
    COMPREHENSION = "comprehension"


@dataclass(frozen=True)
class ImportBinding:
    """`name` is bound by an import to the module or symbol `qualified` (e.g. `tensorflow.nn`)."""

    qualified: str


@dataclass(frozen=True)
class OtherBinding:
    """`name` is bound to something that is not an import (an assignment, a parameter, a def...)."""

    none_fallback: bool = False
    """The value is the literal None: the `except ImportError: tf = None` idiom, which does not compete."""


Binding = ImportBinding | OtherBinding


@dataclass
class Scope:
    kind: ScopeKind
    parent: Scope | None
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    global_names: set[str] = field(default_factory=set)
    nonlocal_names: set[str] = field(default_factory=set)
    star_imports: list[str] = field(default_factory=list)

    def bind(self, name: str, binding: Binding) -> None:
        if name in self.global_names:
            _module_of(self).bindings.setdefault(name, []).append(binding)
        elif name not in self.nonlocal_names:
            self.bindings.setdefault(name, []).append(binding)


class ResolutionKind(Enum):
    IMPORT = "import"
    """Bound only by imports of one qualified name."""
    OTHER = "other"
    """A local variable, parameter, function, class... or a builtin/undefined name."""
    AMBIGUOUS = "ambiguous"
    """Bound to an import and to something else (or to two different imports) in the same scope."""


@dataclass(frozen=True)
class Resolution:
    kind: ResolutionKind
    qualified: str = ""
    """For IMPORT, the fully qualified name; for AMBIGUOUS, the imported names joined by ' or '."""
    scope: Scope | None = None
    """The scope whose bindings decided (the module scope for star imports)."""
    via_star_import: bool = False
    """Not bound by name anywhere: found through `from M import *`."""


OTHER = Resolution(ResolutionKind.OTHER)


def resolve_in(scope: Scope, name: str) -> Resolution:
    """What `name`, read in `scope`, refers to."""
    owner = _owning_scope(scope, name)
    if owner is None:
        module = _module_of(scope)
        if module.star_imports:
            # The last star import wins, as at run time; only the rule tables give it meaning.
            return Resolution(ResolutionKind.IMPORT, f"{module.star_imports[-1]}.{name}", module, True)
        return OTHER
    bindings = [b for b in owner.bindings[name] if not (isinstance(b, OtherBinding) and b.none_fallback)]
    imports = {b.qualified for b in bindings if isinstance(b, ImportBinding)}
    if not imports:
        return Resolution(ResolutionKind.OTHER, scope=owner)
    if len(imports) == 1 and all(isinstance(b, ImportBinding) for b in bindings):
        return Resolution(ResolutionKind.IMPORT, next(iter(imports)), owner)
    return Resolution(ResolutionKind.AMBIGUOUS, " or ".join(sorted(imports)), owner)


def _module_of(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def _owning_scope(scope: Scope, name: str) -> Scope | None:
    """The scope whose binding of `name` is visible from `scope`, following Python's rules."""
    current: Scope | None = scope
    while current is not None:
        if name in current.global_names:
            module = _module_of(current)
            return module if name in module.bindings else None
        # Class bodies are visible only to code directly in them, not to the scopes nested inside.
        visible = current is scope or current.kind is not ScopeKind.CLASS
        if visible and name not in current.nonlocal_names and name in current.bindings:
            return current
        current = current.parent
    return None


def dotted_name(node: cst.BaseExpression) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted_name(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def import_from_module(node: cst.ImportFrom) -> str | None:
    """The absolute module of `from M import ...`, or None for a relative import."""
    if node.relative:
        return None
    return dotted_name(node.module) if node.module is not None else None


@dataclass
class Bindings:
    """The result of the analysis: the scope each name read belongs to, and the module scope."""

    module_scope: Scope
    scope_of_name: dict[int, Scope]
    """Scope in which each Name node in read position is evaluated, by id() of the node."""
    scope_of_import: dict[int, Scope]
    """Scope in which each Import/ImportFrom node binds, by id() of the node."""
    _visible_imports: dict[int, list[tuple[str, str]]] = field(default_factory=dict)

    def resolve(self, name: cst.Name) -> Resolution:
        scope = self.scope_of_name.get(id(name))
        return OTHER if scope is None else resolve_in(scope, name.value)

    def visible_imports(self, at: cst.Name) -> list[tuple[str, str]]:
        """(local name, qualified) of every name visible where `at` is read that denotes an import."""
        origin = self.scope_of_name.get(id(at))
        if origin is None:
            return []
        # The same for every read in a scope, and asked for at every rename: worked out once per scope.
        found = self._visible_imports.get(id(origin))
        if found is None:
            found = self._visible_imports[id(origin)] = []
            scope: Scope | None = origin
            while scope is not None:
                for local in scope.bindings:
                    resolution = resolve_in(origin, local)
                    if (
                        resolution.kind is ResolutionKind.IMPORT
                        and (local, resolution.qualified) not in found
                    ):
                        found.append((local, resolution.qualified))
                scope = scope.parent
        return found


@dataclass(frozen=True)
class Read:
    """A name read, as the head of a dotted chain (`tf` in `tf.nn.relu`: rest ("nn", "relu")), with the
    statements that contain it (outermost first), so that only statements that matter are rewritten."""

    head: cst.Name
    scope: Scope
    rest: tuple[str, ...]
    statements: tuple[int, ...]


class BindingCollector:
    """Walks statements once, building scopes and noting the scope of every name read.

    It also records every read with its enclosing statements, and marks as watched the statements that
    use an attribute in `watched_attributes` (method names some rule looks at, whatever the object).

    The walk is its own, not libcst's visitor protocol: libcst rebuilds every node it visits (even for a
    read-only visitor), which made this analysis cost half a parse. Here a node type's `visit_<Type>`
    method, when there is one, handles the node (returning False when it walked the children it
    cares about itself); otherwise the walk goes on into the node's fields, skipping the ones that
    only hold whitespace and punctuation.
    """

    def __init__(self, watched_attributes: frozenset[str] = frozenset()) -> None:
        self.module_scope = Scope(ScopeKind.MODULE, None)
        self._scope = self.module_scope
        self.scope_of_name: dict[int, Scope] = {}
        self.scope_of_import: dict[int, Scope] = {}
        self.reads: list[Read] = []
        self.watched_statements: set[int] = set()
        self.watched_nodes: set[int] = set()
        """The attributes (by id) whose name is in `watched_attributes`."""
        self.import_statements: set[int] = set()
        self._watched_attributes = watched_attributes
        self._statements: list[int] = []
        self._chain_heads: set[int] = set()

    def result(self) -> Bindings:
        return Bindings(self.module_scope, self.scope_of_name, self.scope_of_import)

    def visit(self, node: cst.CSTNode) -> None:
        handler, fields, statement = _plan(type(node))
        if statement:
            self._statements.append(id(node))
        if handler is None or handler(self, node) is not False:
            for name in fields:
                value = getattr(node, name)
                if isinstance(value, cst.CSTNode):
                    self.visit(value)
                elif isinstance(value, tuple | list):
                    for item in value:
                        if isinstance(item, cst.CSTNode):
                            self.visit(item)
        if statement:
            self._statements.pop()

    # -- helpers ------------------------------------------------------------------------------------

    def _bind_target(self, target: cst.BaseExpression, *, none_fallback: bool = False) -> None:
        """Bind the names of an assignment target; attributes and subscripts are reads."""
        if isinstance(target, cst.Name):
            self._scope.bind(target.value, OtherBinding(none_fallback))
        elif isinstance(target, cst.Tuple | cst.List):
            for element in target.elements:
                self._bind_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value)
        else:
            self.visit(target)

    def _walk(self, nodes: Iterable[cst.CSTNode | None]) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node)

    def _in_scope(self, kind: ScopeKind, body: Sequence[cst.CSTNode], params: cst.Parameters | None) -> None:
        outer = self._scope
        self._scope = Scope(kind, outer)
        if params is not None:
            for param in _all_params(params):
                self._scope.bind(param.name.value, OtherBinding())
        self._walk(body)
        self._scope = outer

    # -- reads --------------------------------------------------------------------------------------

    def visit_Name(self, node: cst.Name) -> bool:
        self.scope_of_name[id(node)] = self._scope
        if id(node) not in self._chain_heads:
            self.reads.append(Read(node, self._scope, (), tuple(self._statements)))
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        parts: list[str] = []
        inner: cst.BaseExpression = node
        while isinstance(inner, cst.Attribute):
            parts.append(inner.attr.value)
            if inner.attr.value in self._watched_attributes:
                self.watched_statements.update(self._statements)
                self.watched_nodes.add(id(inner))
            inner = inner.value
        if isinstance(inner, cst.Name):
            self._chain_heads.add(id(inner))
            self.reads.append(Read(inner, self._scope, tuple(reversed(parts)), tuple(self._statements)))
        self.visit(inner)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        self.visit(node.value)
        return False

    # -- bindings -----------------------------------------------------------------------------------

    def visit_Import(self, node: cst.Import) -> bool:
        self.scope_of_import[id(node)] = self._scope
        self.import_statements.update(self._statements)
        for alias in node.names:
            full = dotted_name(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._scope.bind(alias.asname.name.value, ImportBinding(full))
            else:
                head = full.split(".", 1)[0]
                self._scope.bind(head, ImportBinding(head))
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.scope_of_import[id(node)] = self._scope
        self.import_statements.update(self._statements)
        module = import_from_module(node)
        if isinstance(node.names, cst.ImportStar):
            if module is not None:
                _module_of(self._scope).star_imports.append(module)
            return False
        for alias in node.names:
            imported = dotted_name(alias.name)
            if imported is None:
                continue
            local = imported
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            binding: Binding = OtherBinding() if module is None else ImportBinding(f"{module}.{imported}")
            self._scope.bind(local, binding)
        return False

    def visit_Assign(self, node: cst.Assign) -> bool:
        is_none = isinstance(node.value, cst.Name) and node.value.value == "None"
        for target in node.targets:
            self._bind_target(target.target, none_fallback=is_none)
        self.visit(node.value)
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        self._bind_target(node.target)
        self._walk([node.annotation, node.value])
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> bool:
        self._bind_target(node.target)
        self.visit(node.target)
        self.visit(node.value)
        return False

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        scope = self._scope
        while scope.kind is ScopeKind.COMPREHENSION and scope.parent is not None:
            scope = scope.parent
        if isinstance(node.target, cst.Name):
            scope.bind(node.target.value, OtherBinding())
        self.visit(node.value)
        return False

    def visit_For(self, node: cst.For) -> bool:
        self._bind_target(node.target)
        self._walk([node.iter, node.body, node.orelse])
        return False

    def visit_WithItem(self, node: cst.WithItem) -> bool:
        self.visit(node.item)
        if node.asname is not None:
            self._bind_target(node.asname.name)
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        self._walk([node.type])
        if node.name is not None and isinstance(node.name.name, cst.Name):
            self._scope.bind(node.name.name.value, OtherBinding())
        self.visit(node.body)
        return False

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> bool:
        self._walk([node.type])
        if node.name is not None and isinstance(node.name.name, cst.Name):
            self._scope.bind(node.name.name.value, OtherBinding())
        self.visit(node.body)
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        for item in node.names:
            self._scope.global_names.add(item.name.value)
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        for item in node.names:
            self._scope.nonlocal_names.add(item.name.value)
        return False

    def visit_MatchAs(self, node: cst.MatchAs) -> bool:
        if node.name is not None:
            self._scope.bind(node.name.value, OtherBinding())
        self._walk([node.pattern])
        return False

    def visit_MatchStar(self, node: cst.MatchStar) -> bool:
        if node.name is not None:
            self._scope.bind(node.name.value, OtherBinding())
        return False

    def visit_MatchMapping(self, node: cst.MatchMapping) -> bool:
        if node.rest is not None:
            self._scope.bind(node.rest.value, OtherBinding())
        self._walk(node.elements)
        return False

    def visit_MatchClass(self, node: cst.MatchClass) -> bool:
        self.visit(node.cls)
        self._walk(node.patterns)
        for keyword in node.kwds:
            self.visit(keyword.pattern)
        return False

    # -- new scopes ---------------------------------------------------------------------------------

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._scope.bind(node.name.value, OtherBinding())
        self._walk(decorator.decorator for decorator in node.decorators)
        for param in _all_params(node.params):
            self._walk([param.default, param.annotation.annotation if param.annotation else None])
        self._walk([node.returns.annotation if node.returns else None])
        self._in_scope(ScopeKind.FUNCTION, [node.body], node.params)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        for param in _all_params(node.params):
            self._walk([param.default])
        self._in_scope(ScopeKind.FUNCTION, [node.body], node.params)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._scope.bind(node.name.value, OtherBinding())
        self._walk(decorator.decorator for decorator in node.decorators)
        self._walk(arg.value for arg in node.bases)
        self._walk(arg.value for arg in node.keywords)
        self._in_scope(ScopeKind.CLASS, [node.body], None)
        return False

    def _comprehension(self, parts: Sequence[cst.BaseExpression], for_in: cst.CompFor) -> bool:
        # The first iterable is evaluated in the enclosing scope; the rest in the comprehension's.
        self.visit(for_in.iter)
        outer = self._scope
        self._scope = Scope(ScopeKind.COMPREHENSION, outer)
        clause: cst.CompFor | None = for_in
        first = True
        while clause is not None:
            if not first:
                self.visit(clause.iter)
            self._bind_target(clause.target)
            self._walk(condition.test for condition in clause.ifs)
            clause = clause.inner_for_in
            first = False
        self._walk(parts)
        self._scope = outer
        return False

    def visit_ListComp(self, node: cst.ListComp) -> bool:
        return self._comprehension([node.elt], node.for_in)

    def visit_SetComp(self, node: cst.SetComp) -> bool:
        return self._comprehension([node.elt], node.for_in)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> bool:
        return self._comprehension([node.elt], node.for_in)

    def visit_DictComp(self, node: cst.DictComp) -> bool:
        return self._comprehension([node.key, node.value], node.for_in)


# Fields that hold only whitespace, comments and punctuation: no name is ever read or bound in them.
_LAYOUT_FIELDS = frozenset(
    {
        "lpar",
        "rpar",
        "comma",
        "semicolon",
        "leading_lines",
        "lines_after_decorators",
        "header",
        "footer",
        "trailing_whitespace",
        "newline",
        "equal",
        "colon",
        "operator",
        "dot",
        "lbrace",
        "rbrace",
        "lbracket",
        "rbracket",
        "asynchronous",
        "first_colon",
        "second_colon",
        "separator",
        "trailing_comma",
        "star",
        "posonly_ind",
        "comment",
        "indent",
        "relative",
        "conversion",
        "start",
        "end",
        "empty_lines",
        "first_line",
        "last_line",
        "encoding",
        "default_indent",
        "default_newline",
        "has_trailing_newline",
    }
)

_Handler = Callable[[BindingCollector, Any], "bool | None"]
_PLANS: dict[type, tuple[_Handler | None, tuple[str, ...], bool]] = {}


def _plan(kind: type) -> tuple[_Handler | None, tuple[str, ...], bool]:
    """How the walks treat a node type: its handler, the fields to walk into, and whether it is a
    statement (tracked so that a read knows the statements around it). Worked out once per type."""
    plan = _PLANS.get(kind)
    if plan is None:
        handler = getattr(BindingCollector, f"visit_{kind.__name__}", None)
        fields = tuple(
            item.name
            for item in dataclasses.fields(kind)
            if item.name not in _LAYOUT_FIELDS and not item.name.startswith("whitespace")
        )
        statement = issubclass(kind, cst.SimpleStatementLine | cst.BaseCompoundStatement)
        plan = _PLANS[kind] = (handler, fields, statement)
    return plan


def nodes_containing(statements: Iterable[cst.CSTNode], leaves: set[int], within: set[int]) -> set[int]:
    """The nodes (by id) that are one of `leaves` or contain one, in `statements`.

    Only statements in `within` (the ones known to hold a leaf) are searched. A transformer that enters
    just these nodes reaches every leaf and rebuilds nothing else.
    """
    found: set[int] = set()

    def search(node: cst.CSTNode) -> bool:
        _, fields, statement = _plan(type(node))
        if statement and id(node) not in within:
            return False
        inside = id(node) in leaves
        for name in fields:
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                inside = search(value) or inside
            elif isinstance(value, tuple | list):
                for item in value:
                    if isinstance(item, cst.CSTNode):
                        inside = search(item) or inside
        if inside:
            found.add(id(node))
        return inside

    for statement in statements:
        search(statement)
    return found


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    result = [*params.posonly_params, *params.params, *params.kwonly_params]
    if isinstance(params.star_arg, cst.Param):
        result.append(params.star_arg)
    if params.star_kwarg is not None:
        result.append(params.star_kwarg)
    return result


def collect_bindings(statements: Iterable[cst.CSTNode]) -> Bindings:
    """Scope analysis over module-level statements (all of a module's, or the ones that matter)."""
    return collect(statements).result()


def collect(
    statements: Iterable[cst.CSTNode], watched_attributes: frozenset[str] = frozenset()
) -> BindingCollector:
    """Scope analysis and reads over module-level statements."""
    collector = BindingCollector(watched_attributes)
    for statement in statements:
        collector.visit(statement)
    return collector
