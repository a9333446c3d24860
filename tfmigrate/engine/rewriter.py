"""The one transformer that applies a rule set's tables to a syntax tree.

Every reference is looked up by its fully qualified name (see `bindings`) and written back in the
file's own spelling: `tfx.mul` becomes `tfx.multiply`, `from tensorflow import mul` becomes
`from tensorflow import multiply as mul` and leaves the uses of `mul` alone. Each edit records a
`PendingFinding` anchored on the original node; positions are worked out afterwards, only for the
statements that have findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import libcst as cst

from tfmigrate.engine import arguments
from tfmigrate.engine.bindings import Bindings, ResolutionKind, dotted_name, import_from_module
from tfmigrate.findings import Severity
from tfmigrate.rules.model import (
    ArgumentReorder,
    CallSite,
    KeywordRename,
    Preamble,
    ReverseBoolMask,
    RuleSet,
    SameMeaningInTF2,
)

RowT = TypeVar("RowT")
CSTNodeT = TypeVar("CSTNodeT", bound=cst.CSTNode)

AMBIGUOUS_BINDING = "TFM0002"
UNRENDERABLE_NAME = "TFM0003"
MISSING_IN_TARGET = "TFM0006"
LEGACY_KERAS = "TFM2301"
TENSORFLOW_PREFIX = "tensorflow."
COMPAT_V1_PREFIX = "tensorflow.compat.v1."
PRIVATE_PACKAGE = "tensorflow.python"


@dataclass(frozen=True)
class PendingFinding:
    """A finding whose position is not known yet: `anchor` is a node of the original tree."""

    rule_id: str
    severity: Severity
    message: str
    anchor: cst.CSTNode
    related: tuple[str, ...] = ()


def dotted_expression(qualified: str) -> cst.Attribute | cst.Name:
    """`a.b.c` as an expression."""
    head, *rest = qualified.split(".")
    node: cst.Attribute | cst.Name = cst.Name(head)
    for part in rest:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


_TIGHT_EQUAL = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def _with_keyword(arg: cst.Arg, keyword: str) -> cst.Arg:
    return arg.with_changes(keyword=cst.Name(keyword), equal=_TIGHT_EQUAL)


class Rewriter(cst.CSTTransformer):
    """Applies `rules` to statements analysed by `bindings`; collects findings in `self.findings`."""

    def __init__(self, rules: RuleSet, bindings: Bindings, hot: set[int] | None = None) -> None:
        super().__init__()
        self.rules = rules
        self.bindings = bindings
        self._hot = hot
        """The nodes worth entering (by id: the ones that are or contain a reference the rules may act
        on, see `convert`); None enters everything."""
        self.findings: list[PendingFinding] = []
        self.edits: list[
            tuple[cst.CSTNode, cst.CSTNode | cst.RemovalSentinel | cst.FlattenSentinel[cst.CSTNode]]
        ] = []
        """Each node a rule replaced, with what replaced it (which may hold further edits, made inside it)."""
        self._chain_parts: set[int] = set()
        self._called: set[int] = set()
        self._qualified_cache: dict[int, str | None] = {}
        self._once: set[str] = set()
        self.preambles: dict[str, tuple[Preamble, cst.CSTNode]] = {}
        """Statements this file needs (target 2), by rule id, with the reference that asked for them."""
        self.added_imports: dict[str, tuple[str, cst.CSTNode]] = {}
        """`from absl import flags`-style imports to add, with the rule id and the reference needing them."""

    # -- names ----------------------------------------------------------------------------------------

    def _qualified(self, node: cst.BaseExpression) -> str | None:
        """The fully qualified name of a dotted expression whose head is an import, else None."""
        key = id(node)
        if key not in self._qualified_cache:
            self._qualified_cache[key] = self._resolve_dotted(node)
        return self._qualified_cache[key]

    def _resolve_dotted(self, node: cst.BaseExpression) -> str | None:
        parts: list[str] = []
        while isinstance(node, cst.Attribute):
            parts.append(node.attr.value)
            node = node.value
        if not isinstance(node, cst.Name):
            return None
        resolution = self.bindings.resolve(node)
        suffix = "".join(f".{part}" for part in reversed(parts))
        if resolution.kind is ResolutionKind.AMBIGUOUS:
            candidates = [q + suffix for q in resolution.qualified.split(" or ")]
            if any(self.rules.touches(candidate) for candidate in candidates):
                spelled = node.value + suffix
                self._report(
                    AMBIGUOUS_BINDING,
                    Severity.WARNING,
                    f"'{node.value}' is bound to {resolution.qualified} and to other values in this scope; "
                    f"'{spelled}' was not converted",
                    node,
                )
            return None
        if resolution.kind is not ResolutionKind.IMPORT:
            return None
        return resolution.qualified + suffix

    def _head(self, node: cst.BaseExpression) -> cst.Name | None:
        while isinstance(node, cst.Attribute):
            node = node.value
        return node if isinstance(node, cst.Name) else None

    def _current_binding(self, qualified: str) -> str:
        """What an import of `qualified` denotes once the import statement itself is converted."""
        renamed = self.rules.rename(qualified)
        return qualified if renamed is None else renamed[0]

    def _render(self, original: cst.BaseExpression, new_qualified: str) -> cst.BaseExpression | None:
        """`new_qualified` spelled with the imports visible where `original` is, preferring its own head."""
        head = self._head(original)
        if head is None:
            return None
        resolution = self.bindings.resolve(head)
        if resolution.via_star_import:
            module, _, leaf = new_qualified.rpartition(".")
            star_module = resolution.qualified.rpartition(".")[0]
            if module == star_module:
                return cst.Name(leaf)
        candidates = [(head.value, self._current_binding(resolution.qualified))]
        others = [(local, self._current_binding(q)) for local, q in self.bindings.visible_imports(head)]
        candidates += sorted(others, key=lambda pair: -len(pair[1]))
        for local, bound in candidates:
            if new_qualified == bound:
                return cst.Name(local)
            if new_qualified.startswith(bound + "."):
                return dotted_expression(local + new_qualified[len(bound) :])
        for external in self.rules.external_modules:
            # A module outside TensorFlow (absl.flags): import it into the file and spell through it.
            if new_qualified == external.module or new_qualified.startswith(external.module + "."):
                parent, _, leaf = external.module.rpartition(".")
                statement = (
                    f"from {parent} import {leaf}"
                    if leaf == external.local_name
                    else (f"from {parent} import {leaf} as {external.local_name}")
                )
                self.added_imports.setdefault(statement, (external.rule_id, original))
                return dotted_expression(external.local_name + new_qualified[len(external.module) :])
        return None

    def _report(
        self,
        rule_id: str,
        severity: Severity,
        message: str,
        anchor: cst.CSTNode,
        related: tuple[str, ...] = (),
    ) -> None:
        self.findings.append(PendingFinding(rule_id, severity, message, anchor, related))

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Rebuilding a subtree costs as much as parsing it: subtrees with nothing to do are skipped.
        if self._hot is not None and id(node) not in self._hot:
            return False
        return super().on_visit(node)

    def on_leave(
        self, original_node: CSTNodeT, updated_node: CSTNodeT
    ) -> CSTNodeT | cst.RemovalSentinel | cst.FlattenSentinel[CSTNodeT]:
        if self._hot is not None and id(original_node) not in self._hot:
            return updated_node  # skipped by on_visit: nothing in it to act on
        result = super().on_leave(original_node, updated_node)
        if result is not updated_node:
            self.edits.append((original_node, result))
        return result

    # -- references (names and attribute chains) ------------------------------------------------------

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if id(node) not in self._chain_parts:
            inner: cst.BaseExpression = node.value
            while isinstance(inner, cst.Attribute):
                self._chain_parts.add(id(inner))
                inner = inner.value
            self._chain_parts.add(id(inner))
        return True

    def visit_Call(self, node: cst.Call) -> bool:
        self._called.add(id(node.func))
        return True

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if id(original_node) in self._chain_parts:
            return updated_node
        return self._reference(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if id(original_node) in self._chain_parts or id(original_node) not in self.bindings.scope_of_name:
            return updated_node
        return self._reference(original_node, updated_node)

    def _reference(
        self, original: cst.Attribute | cst.Name, updated: cst.Attribute | cst.Name
    ) -> cst.BaseExpression:
        qualified = self._qualified(original)
        if qualified is None:
            return updated
        spelled = dotted_name(original) or ""
        called = id(original) in self._called
        names = self.rules.names_along(qualified)
        renamed = self.rules.rename(qualified)
        rows: list[tuple[str, str]] = [(row.rule_id, row.reason) for row in renamed[1]] if renamed else []
        curated = self._curated(names)
        if curated is not None:
            # Calls of a curated function are decided per call (leave_Call); other references keep the
            # TF 1.x function, which always means the same.
            rows = rows[: names.index(curated)]
            names = names[: names.index(curated) + 1]
            compat = self._compat_name(curated)
            if not called and compat is not None:
                names.append(compat)
                rows.append(
                    (self._curated_rule_id(curated), "referenced without a call: the TF 1.x function")
                )
        target = names[-1]
        result: cst.BaseExpression = updated
        if target != qualified:
            rendered = self._render(original, target)
            if rendered is None:
                self._report(
                    UNRENDERABLE_NAME,
                    Severity.ERROR,
                    f"'{spelled}' is now '{target}', which this file's imports cannot spell; "
                    "import it and change the reference by hand",
                    original,
                )
            else:
                new_spelled = dotted_name(rendered) or ""
                if new_spelled != spelled:
                    result = rendered.with_changes(lpar=updated.lpar, rpar=updated.rpar)
                    rule_id, reason = rows[-1]
                    suffix = f" ({reason})" if reason else ""
                    chain = tuple(dict.fromkeys(row_id for row_id, _ in rows)) if len(rows) > 1 else ()
                    self._report(
                        rule_id,
                        Severity.INFO,
                        f"Renamed '{spelled}' to '{new_spelled}'{suffix}",
                        original,
                        chain,
                    )
        bare = self.rules.bare_to_call_by_function.get(qualified)
        if bare is not None and not called:
            call_target = result.with_changes(lpar=(), rpar=())
            result = cst.Call(func=call_target, lpar=updated.lpar, rpar=updated.rpar)
            shown = dotted_name(call_target) or spelled
            self._report(bare.rule_id, Severity.INFO, f"Changed '{shown}' to '{shown}()'", original)
        if not (called and curated is not None):
            self._check_target(original, spelled, names)
        return result

    def _curated(self, names: Sequence[str]) -> str | None:
        """The first name along a rename chain whose calls target 2 converts call by call."""
        for name in names:
            if name in self.rules.same_meaning_by_function or name in self.rules.transform_by_function:
                return name
        return None

    def _curated_rule_id(self, name: str) -> str:
        row = self.rules.same_meaning_by_function.get(name) or self.rules.transform_by_function[name]
        return row.rule_id

    def _compat_name(self, qualified: str) -> str | None:
        """`tensorflow.compat.v1.X` for `tensorflow.X`, when TensorFlow 2.21 has it."""
        api = self.rules.api
        if api is None or not qualified.startswith(TENSORFLOW_PREFIX):
            return None
        compat = COMPAT_V1_PREFIX + qualified[len(TENSORFLOW_PREFIX) :]
        return compat if api.get(compat) is not None else None

    def _check_target(self, anchor: cst.CSTNode, spelled: str, names: Sequence[str]) -> None:
        """Target 2: report a name TensorFlow 2.21 lacks, and what is worth knowing about the one it has."""
        target = names[-1]
        notices = [notice for name in names for notice in self.rules.notices_for(name)]
        api = self.rules.api
        # tensorflow.python is private: it exists at run time but is no API; TFM2501 warns about it instead.
        checked = (
            api is not None and target.startswith(TENSORFLOW_PREFIX) and not _under(target, PRIVATE_PACKAGE)
        )
        missing = api.missing_part(target) if api is not None and checked else None
        if missing is not None:
            explanation = next((n for n in notices if n.severity is Severity.ERROR), None)
            if explanation is not None:
                self._report(
                    explanation.rule_id, Severity.ERROR, f"'{spelled}': {explanation.message}", anchor
                )
            else:
                self._report(
                    MISSING_IN_TARGET,
                    Severity.ERROR,
                    f"'{spelled}' has no counterpart in TensorFlow {api.tensorflow_version if api else ''}: "
                    f"'{missing}' does not exist; change it by hand",
                    anchor,
                )
        for notice in notices:
            if notice.severity is Severity.ERROR or (notice.once_per_file and notice.rule_id in self._once):
                continue
            if notice.prefix and not _under(target, notice.qualified):
                continue  # a module-wide concern (private tensorflow.python) the conversion left behind
            self._once.add(notice.rule_id)
            self._report(notice.rule_id, notice.severity, f"'{spelled}': {notice.message}", anchor)
        entry = api.get(target) if api is not None else None
        if (
            api is not None
            and entry is not None
            and entry.only == "legacy_keras"
            and LEGACY_KERAS not in self._once
        ):
            self._once.add(LEGACY_KERAS)
            version = api.tf_keras_version
            self._report(
                LEGACY_KERAS,
                Severity.WARNING,
                f"'{spelled}' needs the legacy Keras 2: `pip install tf-keras~={version}` "
                "and set TF_USE_LEGACY_KERAS=1 before TensorFlow is imported; under Keras 3 "
                "(TensorFlow 2.16+ default) it raises AttributeError",
                anchor,
            )
        preamble = self.rules.preamble_by_trigger.get(target)
        if preamble is not None and preamble.rule_id not in self.preambles:
            self.preambles[preamble.rule_id] = (preamble, anchor)

    # -- imports --------------------------------------------------------------------------------------

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        names = []
        changed = False
        for alias in updated_node.names:
            full = dotted_name(alias.name)
            if full is not None:
                self._check_import(original_node, full)
            renamed = self.rules.rename(full) if full is not None else None
            if full is None or renamed is None:
                names.append(alias)
                continue
            new_full, rows = renamed
            if alias.asname is not None:
                names.append(alias.with_changes(name=dotted_expression(new_full)))
                message = f"Renamed import '{full}' to '{new_full}'"
            elif "." not in full:
                # `import tensorflow` under the compat.v1 style: keep the name, change what it is.
                names.append(
                    alias.with_changes(name=dotted_expression(new_full), asname=cst.AsName(cst.Name(full)))
                )
                message = f"Renamed import '{full}' to '{new_full} as {full}'"
            else:
                # `import a.b.c` binds only `a`; the code reaches the moved module through `a`.
                head = full.split(".", 1)[0]
                names.append(alias.with_changes(name=cst.Name(head)))
                message = f"Renamed import '{full}' to '{head}' (the module is now '{new_full}')"
            self._report(rows[-1].rule_id, Severity.INFO, message, original_node)
            changed = True
        return updated_node.with_changes(names=names) if changed else updated_node

    def _check_import(self, statement: cst.CSTNode, qualified: str) -> None:
        """Target 2: an imported TensorFlow name must exist after conversion, like any reference."""
        if self.rules.api is not None and (
            qualified == "tensorflow" or qualified.startswith(TENSORFLOW_PREFIX)
        ):
            self._check_target(statement, qualified, self.rules.names_along(qualified))

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.FlattenSentinel[cst.BaseSmallStatement]:
        module = import_from_module(original_node)
        if module is None:
            return updated_node
        if isinstance(updated_node.names, cst.ImportStar):
            renamed_module = self.rules.rename(module)
            if renamed_module is None:
                return updated_node
            new_module, rows = renamed_module
            self._report(
                rows[-1].rule_id, Severity.INFO, f"Renamed module '{module}' to '{new_module}'", original_node
            )
            return updated_node.with_changes(module=dotted_expression(new_module))
        groups: dict[str, list[cst.ImportAlias]] = {}
        changed = False
        for alias in updated_node.names:
            imported = dotted_name(alias.name) or ""
            qualified = f"{module}.{imported}"
            self._check_import(original_node, qualified)
            renamed = self.rules.rename(qualified)
            if renamed is None:
                groups.setdefault(module, []).append(alias)
                continue
            new_qualified, rows = renamed
            new_module, _, leaf = new_qualified.rpartition(".")
            local = imported
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            asname = None if leaf == local else cst.AsName(name=cst.Name(local))
            groups.setdefault(new_module, []).append(alias.with_changes(name=cst.Name(leaf), asname=asname))
            changed = True
            self._report(
                rows[-1].rule_id,
                Severity.INFO,
                f"Renamed import '{qualified}' to '{new_qualified}'" + (f" (as '{local}')" if asname else ""),
                original_node,
            )
        if not changed:
            return updated_node
        statements = []
        for new_module, aliases in groups.items():
            aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            statement = updated_node.with_changes(names=aliases)
            if new_module != module:
                statement = statement.with_changes(module=dotted_expression(new_module), relative=())
            if len(groups) > 1:
                statement = statement.with_changes(lpar=None, rpar=None)
            statements.append(statement)
        return statements[0] if len(statements) == 1 else cst.FlattenSentinel(statements)

    # -- calls ----------------------------------------------------------------------------------------

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        qualified = self._qualified(original_node.func)
        if qualified is None:
            self._warn_unrecognisable_method(original_node)
            return updated_node
        spelled = dotted_name(original_node.func) or qualified
        names = self.rules.names_along(qualified)
        curated = self._curated(names)
        if curated is not None:
            names = names[: names.index(curated) + 1]
        result: cst.Call = updated_node
        reverse = self._first(self.rules.reverse_by_function, names)
        if reverse is not None:
            result = self._reverse_mask(reverse, original_node, result, spelled)
        reorder = self._first(self.rules.reorder_by_function, names)
        if reorder is not None:
            result = self._reorder(reorder, original_node, result, spelled, reorder.function)
        keyword_rows: dict[str, KeywordRename] = {}
        for name in names:  # rows keyed on the name the source used win over later names in the chain
            for old, row in self.rules.keywords_by_function.get(name, {}).items():
                keyword_rows.setdefault(old, row)
        if keyword_rows:
            result = self._rename_keywords(keyword_rows, original_node, result, spelled)
        bare = self.rules.bare_to_call_by_function.get(qualified)
        if bare is not None and result.args:
            factory = cst.Call(func=result.func)
            self._report(
                bare.rule_id,
                Severity.INFO,
                f"'{spelled}(shape, ...)' computed the values in 0.x; it is now a factory: "
                f"called as '{dotted_name(result.func) or spelled}()(shape, ...)'",
                original_node,
            )
            return result.with_changes(func=factory)
        if curated is not None:
            result = self._curated_call(curated, original_node, result, spelled, names)
        return result

    @staticmethod
    def _first(index: Mapping[str, RowT], names: Sequence[str]) -> RowT | None:
        for name in names:
            row = index.get(name)
            if row is not None:
                return row
        return None

    def _curated_call(
        self, curated: str, original: cst.Call, call: cst.Call, spelled: str, names: Sequence[str]
    ) -> cst.Call:
        """Target 2: keep the TF 2.x function when the call means the same there, else tf.compat.v1."""
        same = self.rules.same_meaning_by_function.get(curated)
        if same is not None:
            reason = self._same_meaning_mismatch(same, call)
            if reason is None:
                call = self._apply_aliases(same, original, call, spelled)
                if same.tf2_name:
                    moved = self._render(original.func, same.tf2_name)
                    if moved is not None:
                        self._report(
                            same.rule_id,
                            Severity.INFO,
                            f"Renamed '{spelled}' to '{dotted_name(moved)}' (its TF 2.x name)",
                            original,
                        )
                        return call.with_changes(
                            func=moved.with_changes(lpar=call.func.lpar, rpar=call.func.rpar)
                        )
                return call
        else:
            row = self.rules.transform_by_function[curated]
            site = CallSite(call, spelled, lambda qualified: self._render(original.func, qualified))
            outcome = row.transform(site)
            if outcome is not None and isinstance(outcome.node, cst.Call):
                if outcome.message:  # an empty message: the call was already in its TF 2.x form
                    self._report(row.rule_id, outcome.severity, outcome.message, original)
                self._check_target(original.func, spelled, [*names, outcome.target])
                return outcome.node
            reason = "this form of the call is not converted"
        rule_id = self._curated_rule_id(curated)
        compat = self._compat_name(curated)
        rendered = self._render(original.func, compat) if compat is not None else None
        if rendered is None:
            self._report(
                rule_id,
                Severity.ERROR,
                f"'{spelled}' has no TensorFlow 2.21 counterpart for this call ({reason}); "
                "convert it by hand",
                original,
            )
            return call
        self._report(
            rule_id,
            Severity.INFO,
            f"Renamed '{spelled}' to '{dotted_name(rendered)}' "
            f"({reason}: the TF 1.x function keeps its meaning)",
            original,
        )
        self._check_target(original.func, spelled, [*names, compat or curated])
        return call.with_changes(func=rendered.with_changes(lpar=call.func.lpar, rpar=call.func.rpar))

    def _same_meaning_mismatch(self, row: SameMeaningInTF2, call: cst.Call) -> str | None:
        """Why this call would not mean the same with the TF 2.x function, or None when it does."""
        api = self.rules.api
        v2 = api.get(row.target) if api is not None else None
        compat = self._compat_name(row.function)
        v1 = api.get(compat) if api is not None and compat is not None else None
        if v1 is None or v2 is None:
            return "TensorFlow 2.21 lacks one of the two functions"
        aliases = dict(row.aliases)
        if any(arg.star for arg in call.args):
            return "it passes *args or **kwargs"
        positional = sum(1 for arg in call.args if arg.keyword is None)
        old_order = [aliases.get(name) or name for name in v1.positional_names()]
        new_order = v2.positional_names()
        if old_order[:positional] != new_order[:positional]:
            return (
                f"its positional arguments mean {old_order[:positional]} in TF 1.x "
                f"and {new_order[:positional]} in TF 2.x"
            )
        for arg in call.args:
            if arg.keyword is None:
                continue
            keyword = arg.keyword.value
            new = aliases.get(keyword, keyword)
            if new is not None and not v2.accepts_keyword(new):
                return f"TF 2.x's function has no argument '{keyword}'"
        return None

    def _apply_aliases(
        self, row: SameMeaningInTF2, original: cst.Call, call: cst.Call, spelled: str
    ) -> cst.Call:
        aliases = dict(row.aliases)
        new_args: list[cst.Arg] = []
        for original_arg, arg in zip(original.args, call.args, strict=True):
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword is None or keyword not in aliases:
                new_args.append(arg)
                continue
            new = aliases[keyword]
            if new is None:
                self._report(
                    row.rule_id,
                    Severity.INFO,
                    f"Removed argument '{keyword}' of '{spelled}' ({row.note})",
                    original_arg,
                )
                continue
            new_args.append(arg.with_changes(keyword=cst.Name(new)))
            self._report(
                row.rule_id,
                Severity.INFO,
                f"Renamed keyword argument '{keyword}' to '{new}' in '{spelled}' (TF 2.x name)",
                original_arg,
            )
        if new_args and len(new_args) < len(call.args):
            new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return _with_args(call, new_args)

    def _warn_unrecognisable_method(self, call: cst.Call) -> None:
        func = call.func
        if not isinstance(func, cst.Attribute):
            return
        row = self.rules.method_warning_by_name.get(func.attr.value)
        if row is None:
            return
        head = self._head(func.value)
        if head is not None and self.bindings.resolve(head).kind is not ResolutionKind.OTHER:
            return
        self._report(
            row.rule_id,
            Severity.WARNING,
            f"If '{dotted_name(func) or func.attr.value}' is a {row.owner}, its '{row.method}' method is now "
            f"'{row.new_method}'; change it by hand (tfmigrate cannot tell the type)",
            call,
        )

    def _reorder(
        self,
        row: ArgumentReorder,
        original: cst.Call,
        call: cst.Call,
        spelled: str,
        qualified: str,
    ) -> cst.Call:
        keyword_rows = self.rules.keywords_by_function.get(qualified, {})
        positional = arguments.split_arguments(call.args, {old: kw.new for old, kw in keyword_rows.items()})
        skip = row.shared_prefix
        if len(positional.values) <= skip and not positional.starred:
            return call
        if positional.starred:
            self._report(
                row.rule_id,
                Severity.ERROR,
                f"Cannot add keywords to reordered function '{spelled}': it is called with *args; "
                "check the argument order by hand",
                original,
            )
            return call
        order = arguments.judge(row, positional, function_renamed=self.rules.rename(qualified) is not None)
        if order is arguments.Order.NEW:
            return call
        if order is arguments.Order.NEITHER:
            self._report(
                row.rule_id,
                Severity.ERROR,
                f"The arguments of '{spelled}' fit neither its 0.x nor its new order; fix by hand",
                original,
            )
            return call
        keywords = arguments.keywords_to_insert(row, positional)
        new_args = list(call.args)
        position = 0
        for index, arg in enumerate(call.args):
            if arg.keyword is None and arg.star == "":
                if position >= skip:
                    new_args[index] = _with_keyword(arg, keywords[position - skip])
                position += 1
        quoted = ", ".join(f"'{keyword}'" for keyword in keywords)
        noun = "keyword" if len(keywords) == 1 else "keywords"
        if order is arguments.Order.AMBIGUOUS:
            self._report(
                row.rule_id,
                Severity.WARNING,
                f"Added {noun} {quoted} to reordered function '{spelled}', assuming the 0.x argument order "
                "(the arguments fit both orders); review",
                original,
            )
        else:
            self._report(
                row.rule_id,
                Severity.INFO,
                f"Added {noun} {quoted} to reordered function '{spelled}'",
                original,
            )
        return call.with_changes(args=new_args)

    def _rename_keywords(
        self, rows: dict[str, KeywordRename], original: cst.Call, call: cst.Call, spelled: str
    ) -> cst.Call:
        present = {arg.keyword.value for arg in call.args if arg.keyword is not None}
        new_args = []
        # Earlier steps only rewrite arguments in place, so the original arguments line up with these.
        for original_arg, arg in zip(original.args, call.args, strict=True):
            row = rows.get(arg.keyword.value) if arg.keyword is not None else None
            if row is None or arg.keyword is None:
                new_args.append(arg)
                continue
            new_name, rule_id = row.new, row.rule_id
            if new_name in present:
                self._report(
                    rule_id,
                    Severity.ERROR,
                    f"Cannot rename keyword '{arg.keyword.value}' of '{spelled}' to '{new_name}': "
                    f"'{new_name}' is given too; fix by hand",
                    original_arg,
                )
                new_args.append(arg)
                continue
            new_args.append(arg.with_changes(keyword=cst.Name(new_name)))
            self._report(
                rule_id,
                Severity.INFO,
                f"Renamed keyword argument '{arg.keyword.value}' to '{new_name}' in '{spelled}'",
                original_arg,
            )
        return _with_args(call, new_args)

    def _reverse_mask(
        self, row: ReverseBoolMask, original: cst.Call, call: cst.Call, spelled: str
    ) -> cst.Call:
        positional_index = 0
        for index, arg in enumerate(call.args):
            is_mask = (arg.keyword is None and arg.star == "" and positional_index == 1) or (
                arg.keyword is not None and arg.keyword.value == row.old_param
            )
            if arg.keyword is None and arg.star == "":
                positional_index += 1
            if not is_mask:
                continue
            indices = _bool_mask_indices(arg.value)
            if indices is None:
                if arguments.literal_kind(arg.value) is arguments.Literal.SEQUENCE and _all_ints(arg.value):
                    return call  # already axis indices, as the 1.x API wants
                self._report(
                    row.rule_id,
                    Severity.ERROR,
                    f"'{spelled}' takes axis indices since 1.0, not a bool mask per dimension; "
                    "this argument is not a literal mask, so convert it by hand",
                    original,
                )
                return call
            new_value = cst.List([cst.Element(cst.Integer(str(i))) for i in indices])
            new_arg = arg.with_changes(value=new_value)
            if arg.keyword is not None:
                new_arg = new_arg.with_changes(keyword=cst.Name(row.new_param))
            args = list(call.args)
            args[index] = new_arg
            shown = "[" + ", ".join(str(i) for i in indices) + "]"
            self._report(
                row.rule_id,
                Severity.INFO,
                f"Converted the bool mask of '{spelled}' to axis indices {shown}",
                original,
            )
            return call.with_changes(args=args)
        return call


def _with_args(call: cst.Call, args: Sequence[cst.Arg]) -> cst.Call:
    """`call` with `args`, or `call` itself when they are its own: a node left as it was is no edit (and
    costs no printing)."""
    if len(args) == len(call.args) and all(new is old for new, old in zip(args, call.args, strict=True)):
        return call
    return call.with_changes(args=args)


def _bool_mask_indices(node: cst.BaseExpression) -> list[int] | None:
    if not isinstance(node, cst.List | cst.Tuple) or not node.elements:
        return None
    indices = []
    for position, element in enumerate(node.elements):
        value = element.value
        if not isinstance(value, cst.Name) or value.value not in ("True", "False"):
            return None
        if value.value == "True":
            indices.append(position)
    return indices


def _all_ints(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.List | cst.Tuple) and all(
        arguments.literal_kind(element.value) is arguments.Literal.INT for element in node.elements
    )


def _under(qualified: str, prefix: str) -> bool:
    return qualified == prefix or qualified.startswith(prefix + ".")
