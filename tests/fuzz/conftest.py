"""Counters for the fuzz run, printed at the end of the session (`-s` not needed)."""

from __future__ import annotations

from collections import Counter

import pytest

COUNTS: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if COUNTS:
        terminalreporter.write_sep("-", "fuzz counts")
        for key, value in sorted(COUNTS.items()):
            terminalreporter.write_line(f"{key}: {value}")
