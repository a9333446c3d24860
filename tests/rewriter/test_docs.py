"""Generated documentation matches the rule tables, and every rule can be listed and explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfmigrate import python2
from tfmigrate.cli import main
from tfmigrate.rules import catalog

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_generated_from_the_tables() -> None:
    stale = "stale: run `python -m tfmigrate.rules.catalog --write docs/rules.md`"
    assert DOCS.read_text(encoding="utf-8") == catalog.render_markdown(), f"docs/rules.md is {stale}"
    names = DOCS.parent / catalog.NAMES_FILE
    assert names.read_text(encoding="utf-8") == catalog.render_names_markdown(), f"{names.name} is {stale}"


def test_every_rule_is_listed_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    expected = [rule.rule_id for rule in catalog.ENGINE_RULES] + [rule.rule_id for rule in python2.RULES]
    expected += [doc.rule_id for doc in catalog.all_docs()]
    assert listed == expected
    assert len(set(listed)) == len(listed)


@pytest.mark.parametrize("rule_id", ["TFM0001", "TFM1018", "TFM1206", "TFM1401", "TFM2101", "TFM3101"])
def test_explain_prints_the_rule(rule_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", rule_id.lower()]) == 0
    out = capsys.readouterr().out
    assert out.startswith(rule_id)


def test_explain_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "TFM9999"]) == 2
