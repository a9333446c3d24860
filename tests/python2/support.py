"""Shared by the Python 2 tests: fixture locations, running a fixture, finding a Python 2.7 interpreter.

Fixtures (tests/fixtures/python2/):
  <RULE_ID>.py + .expected.py   one pair per row of tfmigrate.python2.RULES (Python 2 in, Python 3 out);
  cases/<name>.py + .expected.py  encodings, line endings, tabs, __future__ imports, division scopes;
  book/five_layers_relu.py       the book's chapter 2 listing as printed (+ .expected.py after this pass);
  oracle/program.py              a Python 2 program whose output must survive conversion.
Each input's first `# expect:` line lists every finding as `RULE_ID severity`. A `# siblings: a, b`
line makes the test put the fixture in a package next to modules `a` and `b` (implicit relative imports).
Files are compared as bytes, decoded and encoded as tfmigrate does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from tests.rewriter.fixtures import FIXTURES
from tfmigrate.files import decode, encode
from tfmigrate.python2 import Python2Upgrade, upgrade_python2

PYTHON2_FIXTURES = FIXTURES / "python2"
CASE_FIXTURES = PYTHON2_FIXTURES / "cases"
BOOK_LISTING = PYTHON2_FIXTURES / "book" / "five_layers_relu.py"
ORACLE_PROGRAM = PYTHON2_FIXTURES / "oracle" / "program.py"
_SIBLINGS = re.compile(r"^# siblings: (.*)$", re.MULTILINE)


def upgrade_fixture(
    path: Path, directory: Path, data: bytes | None = None
) -> tuple[Python2Upgrade | None, bytes]:
    """Run `upgrade_python2` on a fixture's bytes; the result and the bytes tfmigrate would write.

    `directory` is a scratch directory: a fixture with a `# siblings:` line is placed in a package there.
    """
    data = path.read_bytes() if data is None else data
    source = decode(data)
    file_path: Path | None = None
    siblings = _SIBLINGS.search(source.text)
    if siblings is not None:
        package = directory / "package"
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text("")
        for name in siblings.group(1).split(","):
            (package / f"{name.strip()}.py").write_text("")
        file_path = package / path.name
        file_path.write_bytes(data)
    result = upgrade_python2(source.text, file_path)
    if result is None or not result.converted:
        return result, data
    return result, encode(result.text, source)


@cache
def python2() -> str | None:
    """A Python 2.7 interpreter to check semantics against, if this machine has one."""
    candidates = [os.environ.get("TFMIGRATE_PYTHON2", "")]
    candidates += [str(path) for path in sorted(Path.home().glob(".pyenv/versions/2.7*/bin/python"))]
    candidates += [shutil.which("python2.7") or "", shutil.which("python2") or ""]
    for candidate in filter(None, candidates):
        try:
            completed = subprocess.run(
                [candidate, "-c", "import sys; print(sys.version_info[0])"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if completed.returncode == 0 and completed.stdout.strip() == "2":
            return candidate
    return None
