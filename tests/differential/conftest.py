"""The coverage listing of the differential suite: programs that exercised each rule, printed at the end."""

from __future__ import annotations

from collections import Counter

import pytest

COVERAGE: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not COVERAGE:
        return
    terminalreporter.write_sep("-", "differential coverage: rule id, programs that exercised it")
    for rule_id, count in sorted(COVERAGE.items()):
        terminalreporter.write_line(f"{rule_id}: {count}")
