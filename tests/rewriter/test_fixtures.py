"""Every rule's before/after fixture, the hand-written cases, and the no-op files, compared byte for byte."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from tests.rewriter.fixtures import FIXTURES, expected_findings, expected_output, inputs
from tfmigrate.files import FileResult, FileStatus, convert_bytes
from tfmigrate.rules.target1 import RULES

RULE_FIXTURES = FIXTURES / "target1" / "rules"
CASE_FIXTURES = FIXTURES / "target1" / "cases"
NOOP_FIXTURES = FIXTURES / "noop"
RULE_IDS = sorted(row.rule_id for row in RULES.rows())


def convert(path: Path, data: bytes | None = None) -> tuple[FileResult, bytes]:
    return convert_bytes(path, path.read_bytes() if data is None else data, RULES)


def assert_compiles(data: bytes) -> None:
    ast.parse(data)


def test_every_table_row_has_exactly_one_fixture_pair() -> None:
    stems = {path.stem for path in inputs(RULE_FIXTURES)}
    assert stems == set(RULE_IDS)
    assert all(expected_output(RULE_FIXTURES / f"{rule_id}.py").is_file() for rule_id in RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fixture(rule_id: str) -> None:
    path = RULE_FIXTURES / f"{rule_id}.py"
    result, output = convert(path)
    assert output == expected_output(path).read_bytes()
    assert rule_id in {finding.rule_id for finding in result.findings}, (
        "the fixture does not exercise its row"
    )
    assert_compiles(output)
    again, second = convert(path, output)
    assert second == output, "a second run changed the output"
    assert again.status is FileStatus.UNCHANGED


@pytest.mark.parametrize("path", inputs(CASE_FIXTURES), ids=lambda p: p.stem)
def test_case_fixture(path: Path) -> None:
    data = path.read_bytes()
    result, output = convert(path, data)
    assert output == expected_output(path).read_bytes()
    found = Counter((finding.rule_id, finding.severity.value) for finding in result.findings)
    assert found == expected_findings(data)
    assert_compiles(output)
    _, second = convert(path, output)
    assert second == output, "a second run changed the output"


@pytest.mark.parametrize("path", inputs(NOOP_FIXTURES), ids=lambda p: p.stem)
def test_noop_fixture_comes_back_byte_identical(path: Path) -> None:
    data = path.read_bytes()
    result, output = convert(path, data)
    assert output == data
    assert result.findings == ()
    assert result.status is FileStatus.UNCHANGED
