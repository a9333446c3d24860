"""docs/migration-notes.md is generated from modern_tf2's examples and covers every inventory id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tfmigrate.book import migration_notes
from tfmigrate.book.inventory import INVENTORY_IDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "migration-notes.md"


@pytest.mark.tf
def test_migration_notes_are_fresh_and_complete() -> None:
    rendered = migration_notes.render()
    assert DOC.read_text(encoding="utf-8") == rendered, (
        "stale: run `python -m tfmigrate.book.migration_notes --write docs/migration-notes.md`"
    )
    assert "(not in modern_tf2)" not in rendered
    rows = [line for line in rendered.splitlines() if line.startswith("| ch") or line.startswith("| s004")]
    assert [row.split("|")[1].strip() for row in rows] == list(INVENTORY_IDS)
