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
from tfmigrate.rules.model import (
    ArgumentReorder,
    BareReferenceToCall,
    EngineRule,
    FixSafety,
    KeywordRename,
    MethodRenameWarning,
    ReverseBoolMask,
    RuleSet,
    SymbolRename,
    TableRow,
)

ENGINE_RULES: tuple[EngineRule, ...] = (
    EngineRule(
        "TFM0001",
        "parse-error",
        Severity.ERROR,
        "The file could not be parsed; it was copied unchanged.",
        "tfmigrate parses with a lossless Python 3 parser. A file that does not parse (a syntax error, "
        "Python 2 code) is written to the output byte for byte and reported, never emptied.",
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
        "TFM0005",
        "undecodable",
        Severity.ERROR,
        "The file could not be decoded with its declared encoding; it was copied unchanged.",
        "tfmigrate decodes as Python does (UTF-8 BOM, PEP 263 coding cookie, else UTF-8).",
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
    raise TypeError(f"no description for {type(row).__name__}")


def describe(rules: RuleSet) -> list[RuleDoc]:
    return sorted((_describe(row, rules) for row in rules.rows()), key=lambda doc: doc.rule_id)


def all_rule_sets() -> list[RuleSet]:
    from tfmigrate.rules.target1 import RULES as TARGET1

    return [TARGET1]


def all_docs() -> list[RuleDoc]:
    return [doc for rules in all_rule_sets() for doc in describe(rules)]


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
    for rules in all_rule_sets():
        out += ["", f"## {rules.name}: {rules.description}", ""]
        out += ["| id | kind | old | new | fix | note |", "|---|---|---|---|---|---|"]
        for doc in describe(rules):
            note = doc.note.replace("|", "\\|")
            out.append(
                f"| {doc.rule_id} | {doc.kind} | `{doc.old}` | `{doc.new}` | {doc.safety.value} | {note} |"
            )
    return "\n".join(out) + "\n"


def rules_command(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="tfmigrate rules", description="List every rule.")
    parser.parse_args(list(argv))
    for engine in ENGINE_RULES:
        print(f"{engine.rule_id}  {'engine':<18} {engine.name:<40} {engine.severity.value}")
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
    parser = argparse.ArgumentParser(description="Write docs/rules.md from the rule tables.")
    parser.add_argument("--write", type=Path, required=True)
    args = parser.parse_args(argv)
    args.write.write_text(render_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
