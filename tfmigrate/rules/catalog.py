"""Every rule described for people: `tfmigrate rules`, `tfmigrate explain RULE` and docs/rules.md.

The descriptions are derived from the table rows themselves, so the documentation cannot drift from
what the engine does (a test regenerates docs/rules.md and compares).
Run `python -m tfmigrate.rules.catalog --write docs/rules.md` after changing a table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tfmigrate.findings import Severity
from tfmigrate.python2.rules import Python2Rule
from tfmigrate.rules.model import (
    ApiNotice,
    ArgumentReorder,
    BareReferenceToCall,
    CallTransform,
    EngineRule,
    ExternalModule,
    FixSafety,
    KeywordRename,
    MethodRenameWarning,
    Preamble,
    ReverseBoolMask,
    RuleSet,
    SameMeaningInTF2,
    SymbolRename,
    TableRow,
)

NAMES_FILE = "target2-names.md"

ENGINE_RULES: tuple[EngineRule, ...] = (
    EngineRule(
        "TFM0001",
        "parse-error",
        Severity.ERROR,
        "The file could not be parsed; it was copied unchanged.",
        "tfmigrate parses with a lossless Python 3 parser, and a file that only Python 2 accepts with the "
        "Python 2 pass (TFM30xx) first. A file that parses as neither (a syntax error) is written to the "
        "output byte for byte and reported with Python's own message, never emptied.",
    ),
    EngineRule(
        "TFM0002",
        "ambiguous-binding",
        Severity.WARNING,
        "A name is bound both to TensorFlow and to something else in one scope; it was not converted.",
        "For example `try: import tensorflow as tf` / `except ImportError: tf = make_stub()`. tfmigrate "
        "converts a reference only when every binding of its name in that scope is the same import "
        "(`tf = None` fallbacks do not count).",
    ),
    EngineRule(
        "TFM0003",
        "unrenderable-name",
        Severity.ERROR,
        "The new name cannot be spelled with the file's imports; change the reference by hand.",
        "For example `from tensorflow import nn` followed by `nn.seq2seq.f`, which moved out of `tf.nn`, "
        "in a file that imports nothing else from TensorFlow.",
    ),
    EngineRule(
        "TFM0004",
        "internal-error",
        Severity.ERROR,
        "tfmigrate failed on this file; it was copied unchanged.",
        "A bug in tfmigrate. The file is written unchanged and the error reported; please file it.",
    ),
    EngineRule(
        "TFM0006",
        "missing-in-target",
        Severity.ERROR,
        "Target 2: a reference to a name TensorFlow 2.21 does not have, after every rule was applied.",
        "Every dotted TensorFlow reference of the output is checked against the API snapshot of "
        "TensorFlow 2.21 (tfmigrate/api); a name it lacks is reported here unless a removed-API rule "
        "explains it (TFM22xx).",
    ),
    EngineRule(
        "TFM0005",
        "undecodable",
        Severity.ERROR,
        "The file could not be decoded (or a notebook is not UTF-8 JSON); it was copied unchanged.",
        "tfmigrate decodes a Python file as Python does (UTF-8 BOM, PEP 263 coding cookie, else UTF-8), "
        "and a notebook as nbformat requires (UTF-8 JSON).",
    ),
    EngineRule(
        "TFM0007",
        "io-error",
        Severity.ERROR,
        "A file could not be read, written or copied; the run went on with the others.",
        "The operating system's message is in the finding (permissions, a full disk, a file that vanished). "
        "Output files are written atomically, so a failed write leaves the old file whole.",
    ),
    EngineRule(
        "TFM0008",
        "python3-kernel",
        Severity.INFO,
        "A notebook whose Python 2 cells were converted now names Jupyter's python3 kernel.",
        'Its kernelspec named `python2` ("Python 2"), which would start a Python 2 kernel on cells that '
        "are Python 3 now. Only `name` and `display_name` change; Jupyter rewrites `language_info` itself "
        "on the next run.",
    ),
)


@dataclass(frozen=True)
class RuleDoc:
    rule_id: str
    kind: str
    old: str
    new: str
    safety: FixSafety
    summary: str
    note: str
    before: str
    after: str
    rule_set: str


def spell(qualified: str) -> str:
    """`tensorflow.nn.rnn` as a user writes it: `tf.nn.rnn`."""
    return "tf" + qualified[len("tensorflow") :] if qualified.startswith("tensorflow") else qualified


def _describe(row: TableRow, rules: RuleSet) -> RuleDoc:
    if isinstance(row, SymbolRename):
        if row.prefix:
            parent, _, leaf = row.old.rpartition(".")
            new_parent, _, new_leaf = row.new.rpartition(".")
            alias = "" if new_leaf == leaf else f" as {leaf}"
            return RuleDoc(
                row.rule_id,
                "rename-module",
                row.old,
                row.new,
                FixSafety.SAFE,
                f"The module '{row.old}' is now '{row.new}' (everything under it moves with it).",
                row.note,
                f"from {parent} import {leaf}",
                f"from {new_parent} import {new_leaf}{alias}",
                rules.name,
            )
        return RuleDoc(
            row.rule_id,
            "rename",
            spell(row.old),
            spell(row.new),
            FixSafety.SAFE,
            f"'{spell(row.old)}' is now '{spell(row.new)}'.",
            row.note,
            f"y = {spell(row.old)}(x)",
            f"y = {spell(row.new)}(x)",
            rules.name,
        )
    if isinstance(row, KeywordRename):
        return RuleDoc(
            row.rule_id,
            "rename-keyword",
            f"{spell(row.function)}({row.old}=)",
            f"{spell(row.function)}({row.new}=)",
            FixSafety.SAFE,
            f"The keyword argument '{row.old}' of '{spell(row.function)}' is now '{row.new}'.",
            row.note,
            f"y = {spell(row.function)}(x, {row.old}=1)",
            f"y = {spell(row.function)}(x, {row.new}=1)",
            rules.name,
        )
    if isinstance(row, ArgumentReorder):
        names = [param.name for param in row.old_params]
        shown = names[: max(2, row.shared_prefix + 2)][: len(names)]
        values = [f"a{index}" for index in range(len(shown))]
        renamed = rules.rename(row.function)
        new_function = spell(renamed[0]) if renamed else spell(row.function)
        after_args = [
            value if index < row.shared_prefix else f"{name}={value}"
            for index, (name, value) in enumerate(zip(shown, values, strict=True))
        ]
        certain = row.new_params is None or renamed is not None
        new_order = ", ".join(p.name for p in row.new_params) if row.new_params else "keywords only"
        return RuleDoc(
            row.rule_id,
            "reorder-arguments",
            f"{spell(row.function)}({', '.join(names)})",
            f"{new_function}({new_order})",
            FixSafety.SAFE if certain else FixSafety.REVIEW,
            f"The argument order of '{spell(row.function)}' changed: positional arguments become keywords.",
            row.note,
            f"y = {spell(row.function)}({', '.join(values)})",
            f"y = {new_function}({', '.join(after_args)})",
            rules.name,
        )
    if isinstance(row, BareReferenceToCall):
        name = spell(row.function)
        return RuleDoc(
            row.rule_id,
            "call-initializer",
            name,
            f"{name}()",
            FixSafety.SAFE,
            f"'{name}' is now a factory of initializers: a bare reference becomes '{name}()'.",
            row.note,
            f"w = tf.get_variable('w', [3], initializer={name})",
            f"w = tf.get_variable('w', [3], initializer={name}())",
            rules.name,
        )
    if isinstance(row, ReverseBoolMask):
        name = spell(row.function)
        return RuleDoc(
            row.rule_id,
            "reverse-mask",
            f"{name}({row.tensor_param}, {row.old_param}=bool mask)",
            f"{name}({row.tensor_param}, {row.new_param}=axis indices)",
            FixSafety.MANUAL,
            f"'{name}' takes axis indices instead of a bool mask: literal masks are converted, "
            "others reported.",
            row.note,
            f"y = {name}(x, [False, True, True])",
            f"y = {name}(x, [1, 2])",
            rules.name,
        )
    if isinstance(row, MethodRenameWarning):
        return RuleDoc(
            row.rule_id,
            "method-warning",
            f"{row.owner}.{row.method}",
            f"{row.owner}.{row.new_method}",
            FixSafety.MANUAL,
            f"'{row.owner}.{row.method}' is now '{row.new_method}'; the type of an object cannot be "
            "known by name, so each call is reported.",
            row.note,
            f"values = array.{row.method}()",
            f"values = array.{row.new_method}()  # by hand, if `array` is a {row.owner}",
            rules.name,
        )
    if isinstance(row, SameMeaningInTF2):
        name = spell(row.function)
        aliases = ", ".join(f"{old}→{new or '(dropped)'}" for old, new in row.aliases)
        return RuleDoc(
            row.rule_id,
            "same-meaning-tf2",
            name,
            f"{name} (TF 2.x){f'; {aliases}' if aliases else ''}",
            FixSafety.SAFE,
            f"Calls of '{name}' that TF 2.x's function accepts with the same meaning keep it"
            + (f" ({aliases})" if aliases else "")
            + "; other calls and bare references use tf.compat.v1.",
            row.note,
            f"y = {name}(x, {row.aliases[0][0]}=1)" if row.aliases else f"y = {name}(x)",
            f"y = {name}(x, {row.aliases[0][1]}=1)"
            if row.aliases and row.aliases[0][1]
            else f"y = {name}(x)",
            rules.name,
        )
    if isinstance(row, CallTransform):
        return RuleDoc(
            row.rule_id,
            "call-rewrite",
            spell(row.function),
            row.after.split("=", 1)[-1].strip().split("(")[0],
            row.safety,
            row.summary,
            row.note,
            row.before,
            row.after,
            rules.name,
        )
    if isinstance(row, ApiNotice):
        scope = f"{spell(row.qualified)}{'.*' if row.prefix else ''}"
        return RuleDoc(
            row.rule_id,
            f"notice-{row.severity.value}",
            scope,
            "(reported)",
            FixSafety.MANUAL if row.severity is Severity.ERROR else FixSafety.SAFE,
            row.message,
            "",
            f"x = {scope.rstrip('.*')}",
            f"x = {scope.rstrip('.*')}  # reported: {row.message[:60]}...",
            rules.name,
        )
    if isinstance(row, ExternalModule):
        parent, _, leaf = row.module.rpartition(".")
        return RuleDoc(
            row.rule_id,
            "external-module",
            f"{spell(row.prefix)}.*",
            f"{row.module}.* (from {parent} import {leaf})",
            FixSafety.SAFE,
            f"'{spell(row.prefix)}' is '{row.module}': references use it and the import is added.",
            row.note,
            f"{spell(row.prefix)}.DEFINE_string('name', 'x', 'help')",
            f"{row.local_name}.DEFINE_string('name', 'x', 'help')",
            rules.name,
        )
    if isinstance(row, Preamble):
        statement = row.statement.format(v1="tf.compat.v1")
        return RuleDoc(
            row.rule_id,
            "add-statement",
            "(graph-mode code)",
            statement,
            FixSafety.SAFE,
            row.message,
            "",
            "import tensorflow as tf",
            f"import tensorflow as tf\n{statement}",
            rules.name,
        )
    raise TypeError(f"no description for {type(row).__name__}")


GENERATED_FAMILIES = {
    "TFM2001": (
        "rename-identical",
        FixSafety.SAFE,
        "A TF 1.x name whose very function has another TF 2.x name.",
    ),
    "TFM2002": ("to-compat-v1", FixSafety.SAFE, "A TF 1.x name TF 2.x lacks: its tf.compat.v1 name."),
    "TFM2003": (
        "to-compat-v1",
        FixSafety.SAFE,
        "A TF 1.x name TF 2.x reuses for a different function: its tf.compat.v1 name.",
    ),
}


def describe_generated(rules: RuleSet) -> list[RuleDoc]:
    """One entry per family of rows derived from the API snapshot (docs/target2-names.md lists them all)."""
    docs = []
    for rule_id, (kind, safety, summary) in GENERATED_FAMILIES.items():
        rows = [row for row in rules.generated_renames if row.rule_id == rule_id]
        if not rows:
            continue
        example = rows[0]
        docs.append(
            RuleDoc(
                rule_id,
                kind,
                f"{len(rows)} names",
                "see docs/target2-names.md",
                safety,
                summary,
                f"Derived from the TensorFlow 2.21 API snapshot ({len(rows)} rows).",
                f"y = {spell(example.old)}(x)",
                f"y = {spell(example.new)}(x)",
                rules.name,
            )
        )
    if rules.api is not None:
        docs.append(
            RuleDoc(
                "TFM2301",
                "notice-warning",
                "tf.compat.v1.layers.*, tf.compat.v1.nn.rnn_cell.*, ...",
                "(reported once per file)",
                FixSafety.SAFE,
                "A name that exists in TensorFlow 2.21 only with the legacy Keras 2 (tf-keras installed and "
                "TF_USE_LEGACY_KERAS=1 set before TensorFlow is imported); under Keras 3 it raises.",
                "Derived from the API snapshot, which records the names each Keras setting provides.",
                "h = tf.layers.dense(x, 64)",
                "h = tf.compat.v1.layers.dense(x, 64)  # reported: needs tf-keras",
                rules.name,
            )
        )
    return docs


def describe(rules: RuleSet, exclude: set[str] | None = None) -> list[RuleDoc]:
    """Every rule of a rule set not already described (by id) in `exclude`."""
    docs = [_describe(row, rules) for row in rules.rows()] + describe_generated(rules)
    seen = set(exclude or ())
    unique = []
    for doc in sorted(docs, key=lambda doc: doc.rule_id):
        if doc.rule_id not in seen:
            seen.add(doc.rule_id)
            unique.append(doc)
    return unique


def all_rule_sets() -> list[RuleSet]:
    from tfmigrate.rules import select

    return [select("1"), select("2", "symbols"), select("2", "import")]


def docs_by_rule_set() -> list[tuple[RuleSet, list[RuleDoc]]]:
    """Each rule set with the rules it adds to the ones listed before it."""
    seen: set[str] = set()
    result = []
    for rules in all_rule_sets():
        docs = describe(rules, seen)
        seen |= {doc.rule_id for doc in docs}
        result.append((rules, docs))
    return result


def all_docs() -> list[RuleDoc]:
    return [doc for _, docs in docs_by_rule_set() for doc in docs]


def render_names_markdown() -> str:
    """Every generated target-2 rename, for docs/target2-names.md."""
    from tfmigrate.rules import select

    rules = select("2", "symbols")
    out = [
        "<!-- GENERATED by `python -m tfmigrate.rules.catalog --write docs/rules.md`: do not edit -->",
        "# Target 2: every TF 1.x name that changes",
        "",
        "Derived from the API snapshot of TensorFlow 2.21 (tfmigrate/api/tensorflow_2_21.json.gz): a TF 1.x "
        "name is renamed to the TF 2.x name of the same function when there is one (TFM2001), else to its "
        "tf.compat.v1 name (TFM2002: TF 2.x lacks the name; TFM2003: TF 2.x has a different function under "
        "it). Names that a hand-written rule handles (docs/rules.md) are not listed.",
        "",
        "| id | TF 1.x | TensorFlow 2.21 |",
        "|---|---|---|",
    ]
    for row in sorted(rules.generated_renames, key=lambda row: row.old):
        suffix = ".*" if row.prefix else ""
        out.append(f"| {row.rule_id} | `{spell(row.old)}{suffix}` | `{spell(row.new)}{suffix}` |")
    return "\n".join(out) + "\n"


def render_markdown() -> str:
    out = [
        "<!-- GENERATED by `python -m tfmigrate.rules.catalog --write docs/rules.md`: do not edit -->",
        "# tfmigrate rules",
        "",
        "Every rule, with its stable id. `safe`: the meaning is kept by construction; `review`: converted, "
        "but a person should check (an assumption was reported); `manual`: reported, converted only in "
        "the cases that are certain.",
        "",
        "## Engine findings",
        "",
        "| id | name | severity | what it means |",
        "|---|---|---|---|",
    ]
    out += [f"| {r.rule_id} | {r.name} | {r.severity.value} | {r.summary} |" for r in ENGINE_RULES]
    out += [
        "",
        "## Python 2 to Python 3 (applied first, to files that only Python 2 can parse)",
        "",
        "| id | name | severity | what it does |",
        "|---|---|---|---|",
    ]
    out += [f"| {r.rule_id} | {r.name} | {r.severity.value} | {r.summary} |" for r in _python2_rules()]
    for rules, docs in docs_by_rule_set():
        out += ["", f"## {rules.name}: {rules.description}", ""]
        out += ["| id | kind | old | new | fix | note |", "|---|---|---|---|---|---|"]
        for doc in docs:
            note = doc.note.replace("|", "\\|")
            out.append(
                f"| {doc.rule_id} | {doc.kind} | `{doc.old}` | `{doc.new}` | {doc.safety.value} | {note} |"
            )
    return "\n".join(out) + "\n"


def _python2_rules() -> tuple[Python2Rule, ...]:
    from tfmigrate.python2 import RULES

    return RULES


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="tfmigrate rules", description="List every rule.")
    parser.parse_args(list(argv))
    for engine in ENGINE_RULES:
        print(f"{engine.rule_id}  {'engine':<18} {engine.name:<40} {engine.severity.value}")
    for python2 in _python2_rules():
        print(f"{python2.rule_id}  {'python2':<18} {python2.name:<40} {python2.severity.value}")
    for doc in all_docs():
        print(f"{doc.rule_id}  {doc.kind:<18} {doc.old} -> {doc.new}  [{doc.safety.value}]")
    return 0


def explain_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="tfmigrate explain", description="Show one rule.")
    parser.add_argument("rule_id", metavar="RULE")
    args = parser.parse_args(list(argv))
    wanted = args.rule_id.upper()
    for engine in ENGINE_RULES:
        if engine.rule_id == wanted:
            print(f"{engine.rule_id} {engine.name} ({engine.severity.value})")
            print(f"\n{engine.summary}\n\n{engine.doc}")
            return 0
    for python2 in _python2_rules():
        if python2.rule_id == wanted:
            print(f"{python2.rule_id} {python2.name} (python 2 → 3; {python2.severity.value})")
            print(
                f"\n{python2.summary}\n\n{python2.doc}\n\nExample:\n  - {python2.before}\n  + {python2.after}"
            )
            return 0
    for doc in all_docs():
        if doc.rule_id == wanted:
            print(f"{doc.rule_id} {doc.kind} ({doc.rule_set}; fix: {doc.safety.value})")
            print()
            print(doc.summary)
            if doc.note:
                print()
                print(doc.note)
            print()
            print("Example:")
            print(f"  - {doc.before}")
            print(f"  + {doc.after}")
            return 0
    print(f"tfmigrate explain: no rule {args.rule_id!r}; see `tfmigrate rules`", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/rules.md (and docs/target2-names.md beside it).")
    parser.add_argument("--write", type=Path, required=True)
    args = parser.parse_args(argv)
    args.write.write_text(render_markdown(), encoding="utf-8")
    (args.write.parent / NAMES_FILE).write_text(render_names_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
