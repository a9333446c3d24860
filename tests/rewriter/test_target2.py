"""--target 2: a fixture pair per rule, both styles; every output reference resolves in TensorFlow 2.21."""

from __future__ import annotations

import ast
import os
from collections import Counter
from pathlib import Path
from typing import Any

import libcst as cst
import pytest

from tests.rewriter.fixtures import FIXTURES, expected_findings, expected_output, inputs
from tfmigrate.engine.bindings import ResolutionKind, collect_bindings
from tfmigrate.files import FileResult, FileStatus, convert_bytes
from tfmigrate.rules import catalog, select
from tfmigrate.rules.model import RuleSet

SYMBOLS = select("2", "symbols")
IMPORT = select("2", "import")
RULE_FIXTURES = FIXTURES / "target2" / "rules"
IMPORT_FIXTURES = FIXTURES / "target2" / "import"
CASE_FIXTURES = FIXTURES / "target2" / "cases"


def target2_rule_ids() -> dict[str, RuleSet]:
    """Every rule id documented for target 2 (beyond target 1), with the style that exercises it."""
    owner = {}
    for rules, docs in catalog.docs_by_rule_set():
        if rules.name.startswith("target2"):
            for doc in docs:
                owner[doc.rule_id] = IMPORT if rules.name == "target2-import" else SYMBOLS
    return owner


OWNERS = target2_rule_ids()


def fixture_for(rule_id: str) -> Path:
    directory = IMPORT_FIXTURES if OWNERS[rule_id] is IMPORT else RULE_FIXTURES
    return directory / f"{rule_id}.py"


def convert(path: Path, rules: RuleSet, data: bytes | None = None) -> tuple[FileResult, bytes]:
    return convert_bytes(path, path.read_bytes() if data is None else data, rules)


def test_every_target2_rule_has_a_fixture_pair() -> None:
    assert len(OWNERS) > 60
    missing = [rule_id for rule_id in OWNERS if not fixture_for(rule_id).is_file()]
    assert missing == []
    stems = {p.stem for p in inputs(RULE_FIXTURES)} | {p.stem for p in inputs(IMPORT_FIXTURES)}
    assert stems == set(OWNERS)


@pytest.mark.parametrize("rule_id", sorted(OWNERS))
def test_target2_rule_fixture(rule_id: str) -> None:
    path, rules = fixture_for(rule_id), OWNERS[rule_id]
    result, output = convert(path, rules)
    assert output == expected_output(path).read_bytes()
    assert rule_id in {finding.rule_id for finding in result.findings}, (
        "the fixture does not exercise its row"
    )
    ast.parse(output)
    again, second = convert(path, rules, output)
    assert second == output, "a second run changed the output"
    assert again.status is FileStatus.UNCHANGED


@pytest.mark.parametrize("path", inputs(CASE_FIXTURES), ids=lambda p: p.stem)
def test_target2_case_fixture(path: Path) -> None:
    data = path.read_bytes()
    rules = IMPORT if path.stem.startswith("import_") else SYMBOLS
    result, output = convert(path, rules, data)
    assert output == expected_output(path).read_bytes()
    found = Counter((finding.rule_id, finding.severity.value) for finding in result.findings)
    assert found == expected_findings(data)
    ast.parse(output)
    _, second = convert(path, rules, output)
    assert second == output


def _all_target2_outputs() -> list[tuple[Path, RuleSet]]:
    pairs = [(fixture_for(rule_id), rules) for rule_id, rules in OWNERS.items()]
    pairs += [(p, IMPORT if p.stem.startswith("import_") else SYMBOLS) for p in inputs(CASE_FIXTURES)]
    return sorted(pairs, key=lambda pair: str(pair[0]))


def _references(source: str) -> list[tuple[int, str]]:
    """(line, fully qualified name) of every dotted reference whose head is an import, in the output."""
    module = cst.parse_module(source)
    wrapper = cst.metadata.MetadataWrapper(module)
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    bindings = collect_bindings(wrapper.module.body)
    found: list[tuple[int, str]] = []

    class Collect(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            parts: list[str] = []
            current: cst.BaseExpression = node
            while isinstance(current, cst.Attribute):
                parts.append(current.attr.value)
                current = current.value
            if isinstance(current, cst.Name):
                resolution = bindings.resolve(current)
                if resolution.kind is ResolutionKind.IMPORT:
                    found.append(
                        (positions[node].start.line, ".".join([resolution.qualified, *reversed(parts)]))
                    )
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            if node.module is not None and not node.relative and not isinstance(node.names, cst.ImportStar):
                module_name = cst.helpers.get_full_name_for_node(node.module)
                for alias in node.names:
                    found.append((positions[node].start.line, f"{module_name}.{alias.name.value}"))
            return False

    wrapper.visit(Collect())
    return found


def _exists(qualified: str) -> bool:
    """Does this reference resolve at run time? Stops at the first non-module (attributes of objects)."""
    import importlib
    import types

    head, *rest = qualified.split(".")
    if head not in ("tensorflow", "tfmigrate", "absl"):
        return True
    node: Any = importlib.import_module(head)
    for index, part in enumerate(rest):
        if not isinstance(node, types.ModuleType):
            return True
        if not hasattr(node, part):
            try:
                node = importlib.import_module(".".join([head, *rest[: index + 1]]))
                continue
            except ImportError:
                return False
        node = getattr(node, part)
    return True


@pytest.mark.tf
@pytest.mark.parametrize(
    "path,rules", _all_target2_outputs(), ids=lambda v: getattr(v, "stem", getattr(v, "name", ""))
)
def test_every_reference_resolves_in_tf_2_21_or_is_reported(path: Path, rules: RuleSet) -> None:
    """Must-show 1 of issue 4, checked against the real TensorFlow 2.21 (with tf-keras, legacy Keras on)."""
    assert os.environ.get("TF_USE_LEGACY_KERAS") == "1"
    pytest.importorskip("tensorflow")
    result, output = convert(path, rules)
    reported_lines = {f.line for f in result.findings if f.severity.value in ("warning", "error")}
    unresolved = [(line, name) for line, name in _references(output.decode()) if not _exists(name)]
    unreported = [(line, name) for line, name in unresolved if line not in reported_lines]
    assert unreported == []


@pytest.mark.parametrize("rules", [SYMBOLS, IMPORT], ids=["symbols", "import"])
def test_every_rename_target_is_final(rules: RuleSet) -> None:
    """A second run must not move a converted name again (idempotence by construction)."""
    finals = [rules.rename(row.old) for row in (*rules.renames, *rules.generated_renames) if not row.prefix]
    assert [final[0] for final in finals if final is not None and rules.rename(final[0]) is not None] == []
    for row in rules.same_meaning:
        assert rules.rename(row.target) is None
        assert row.target in rules.same_meaning_by_function or row.target == row.function
