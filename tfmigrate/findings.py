"""Diagnostics as records: what a rule did or could not do, where. Rendered later, never printed mid-walk."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much attention a finding needs.

    info: a change that keeps the meaning (a rename, keywords added).
    warning: a change or a spot a person should review (an assumption was made, or meaning may differ).
    error: something tfmigrate could not convert; the code is left as it was there and needs a hand edit.
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Finding:
    """One diagnostic in one file.

    `line` and `column` are 1-based and refer to the input file. `old_line`/`new_line` hold the text of
    that line before and after conversion (equal when nothing was changed there). In a notebook, `cell`
    is the 1-based index of the cell (every cell counts, markdown too) and `line` is within that cell.
    """

    rule_id: str
    severity: Severity
    message: str
    line: int
    column: int
    old_line: str = ""
    new_line: str = ""
    cell: int | None = None
    related: tuple[str, ...] = ()
    """Every rule that contributed when renames chain (`tf.inv` → `tf.reciprocal` → `tf.math.reciprocal`);
    `rule_id` is the last of them."""
