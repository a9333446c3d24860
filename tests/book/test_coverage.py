"""docs/coverage.md: every inventory id has exactly one reference_tf1 example, and the file is fresh."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tfmigrate.book import coverage
from tfmigrate.book.inventory import INVENTORY_IDS
from tfmigrate.book.runtime import Example, Metrics, RunConfig

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "coverage.md"

pytestmark = pytest.mark.tf


@pytest.fixture(scope="module")
def reference() -> list[coverage.Provided]:
    return coverage.provided_examples(coverage.REFERENCE)


@pytest.fixture(scope="module")
def modern() -> list[coverage.Provided] | None:
    if not coverage.package_available(coverage.MODERN):
        return None
    return coverage.provided_examples(coverage.MODERN)


def test_inventory_has_55_distinct_ids() -> None:
    assert len(INVENTORY_IDS) == 55
    assert len(set(INVENTORY_IDS)) == 55


def test_every_inventory_id_is_provided_by_exactly_one_reference_example(
    reference: list[coverage.Provided],
) -> None:
    counts = Counter(item.example.example_id for item in reference)
    wrong = {example_id: counts[example_id] for example_id in INVENTORY_IDS if counts[example_id] != 1}
    assert wrong == {}


def test_no_reference_example_outside_the_inventory(reference: list[coverage.Provided]) -> None:
    extra = sorted({item.example.example_id for item in reference} - set(INVENTORY_IDS))
    assert extra == []


def test_modern_examples_are_inventory_ids_provided_once(modern: list[coverage.Provided] | None) -> None:
    counts = Counter(item.example.example_id for item in modern or ())
    assert sorted(set(counts) - set(INVENTORY_IDS)) == []
    assert {example_id: n for example_id, n in counts.items() if n != 1} == {}


def test_module_files_exist(
    reference: list[coverage.Provided], modern: list[coverage.Provided] | None
) -> None:
    missing = [item.file for item in [*reference, *(modern or ())] if not (ROOT / item.file).is_file()]
    assert missing == []


def test_docs_coverage_md_is_up_to_date(
    reference: list[coverage.Provided], modern: list[coverage.Provided] | None
) -> None:
    expected = coverage.render(reference, modern)
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/coverage.md is stale: run python -m tfmigrate.book.coverage --write docs/coverage.md"
    )


def _fake_run(config: RunConfig) -> Metrics:
    return {}


def test_render_shows_absent_modules_and_missing_text() -> None:
    ref = [
        coverage.Provided(
            Example(example_id, "t", _fake_run, missing="no weights | none" if i == 0 else ""),
            f"reference_tf1.{example_id}",
        )
        for i, example_id in enumerate(INVENTORY_IDS)
    ]
    mod = [coverage.Provided(Example(INVENTORY_IDS[1], "t", _fake_run), f"modern_tf2.{INVENTORY_IDS[1]}")]
    rows = {
        line.split(" | ")[0].strip("| `"): line
        for line in coverage.render(ref, mod).splitlines()
        if line.startswith("| `")
    }
    assert len(rows) == 55
    first, second = rows[INVENTORY_IDS[0]], rows[INVENTORY_IDS[1]]
    assert f"`reference_tf1/{INVENTORY_IDS[0]}.py` | — | no |" in first
    assert first.endswith("| no weights \\| none |")
    assert f"`modern_tf2/{INVENTORY_IDS[1]}.py`" in second
    assert "0 (the tree does not exist yet)" in coverage.render(ref, None)


def test_an_id_provided_twice_is_an_error() -> None:
    example = Example(INVENTORY_IDS[0], "t", _fake_run)
    with pytest.raises(ValueError, match="provided by both"):
        coverage.by_id(
            [coverage.Provided(example, "reference_tf1.a"), coverage.Provided(example, "reference_tf1.b")]
        )
