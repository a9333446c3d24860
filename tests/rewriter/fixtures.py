"""Where the before/after fixtures live and how their expectations are written.

tests/fixtures/target1/rules/<RULE_ID>.py and .expected.py: one pair per table row.
tests/fixtures/target1/cases/<name>.py and .expected.py: aliases, shadowing, formatting, encodings...;
    the first line that starts with `# expect:` lists every finding as `RULE_ID severity`, comma-separated.
tests/fixtures/noop/<name>.py: must come back byte for byte, with no finding.
Fixture files are compared as bytes (.gitattributes keeps git from touching their line endings).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED_SUFFIX = ".expected.py"
_EXPECT = re.compile(rb"^\W*# expect:(.*)$", re.MULTILINE)


def inputs(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.py") if not p.name.endswith(EXPECTED_SUFFIX))


def expected_output(path: Path) -> Path:
    return path.with_name(path.name[: -len(".py")] + EXPECTED_SUFFIX)


def expected_findings(data: bytes) -> Counter[tuple[str, str]]:
    match = _EXPECT.search(data)
    if match is None:
        raise AssertionError("case fixture without an `# expect:` line")
    items = [item.strip() for item in match.group(1).decode().split(",") if item.strip()]
    return Counter((rule_id, severity) for rule_id, severity in (item.split() for item in items))
