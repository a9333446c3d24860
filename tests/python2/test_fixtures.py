"""Every Python 2 rule's fixture pair and the hand-written cases, compared byte for byte."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from tests.python2.support import CASE_FIXTURES, PYTHON2_FIXTURES, upgrade_fixture
from tests.rewriter.fixtures import expected_findings, expected_output, inputs
from tfmigrate.files import decode
from tfmigrate.findings import Severity
from tfmigrate.python2 import RULES, Python2Upgrade, upgrade_python2

RULE_IDS = [rule.rule_id for rule in RULES]


def check_fixture(path: Path, tmp_path: Path) -> Python2Upgrade:
    """The common checks: exact bytes, exact findings, valid Python 3, lines as the input has them."""
    data = path.read_bytes()
    result, output = upgrade_fixture(path, tmp_path)
    assert result is not None, "a Python 2 fixture was not recognised as Python 2"
    assert output == expected_output(path).read_bytes()
    found = Counter((finding.rule_id, finding.severity.value) for finding in result.findings)
    assert found == expected_findings(data)
    input_lines = [line.rstrip("\r") for line in decode(data).text.split("\n")]
    for finding in result.findings:
        assert finding.old_line == input_lines[finding.line - 1]
        assert 1 <= finding.column <= max(len(finding.old_line), 1)
    if result.converted:
        ast.parse(output)
        again = upgrade_python2(decode(output).text)
        assert again is None, "the converted file still looks like Python 2"
        assert result.fixers
    else:
        assert output == data
        assert result.text == decode(data).text
        assert [finding.severity for finding in result.findings] == [Severity.ERROR]
    return result


def test_every_rule_has_exactly_one_fixture_pair() -> None:
    stems = {path.stem for path in inputs(PYTHON2_FIXTURES)}
    assert stems == set(RULE_IDS)
    assert all(expected_output(PYTHON2_FIXTURES / f"{rule_id}.py").is_file() for rule_id in RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_fixture(rule_id: str, tmp_path: Path) -> None:
    result = check_fixture(PYTHON2_FIXTURES / f"{rule_id}.py", tmp_path)
    assert rule_id in {finding.rule_id for finding in result.findings}, (
        "the fixture does not exercise its rule"
    )


@pytest.mark.parametrize("path", inputs(CASE_FIXTURES), ids=lambda p: p.stem)
def test_case_fixture(path: Path, tmp_path: Path) -> None:
    check_fixture(path, tmp_path)


def test_relative_imports_need_the_file_path(tmp_path: Path) -> None:
    """Without a path, no sibling can be looked for: `import input_data` stays an absolute import."""
    source = decode((PYTHON2_FIXTURES / "TFM3011.py").read_bytes()).text
    result = upgrade_python2(source)
    assert result is not None
    assert "import input_data\n" in result.text
    assert "TFM3011" not in {finding.rule_id for finding in result.findings}


def test_relative_imports_outside_a_package_stay_absolute(tmp_path: Path) -> None:
    """A script next to its helper (no __init__.py) imports it through sys.path: nothing to change."""
    (tmp_path / "input_data.py").write_text("")
    script = tmp_path / "train.py"
    script.write_text('import input_data\nprint "x"\n')
    result = upgrade_python2(script.read_text(), script)
    assert result is not None
    assert result.text == 'import input_data\nprint("x")\n'
