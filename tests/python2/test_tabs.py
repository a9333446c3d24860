"""Mixed tabs and spaces: detected exactly as CPython does, expanded exactly as Python 2 read them."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.python2.support import python2
from tfmigrate.python2 import upgrade_python2
from tfmigrate.python2.tabs import logical_line_starts, tab_error_line

INDENTS = ["", " ", "    ", "        ", "\t", "\t ", " \t", "    \t", "\t\t", "        \t", "\t    "]


def _programs(count: int) -> list[str]:
    """Small nested Python 2 programs whose lines are indented with random mixes of tabs and spaces.

    Each level is deeper than the last as Python 2 measures it (tabs to 8 columns); the lines that
    return to a level spell its indentation in any way of the same width, which is where Python 3
    may see a TabError.
    """
    spellings = [" " * n for n in range(1, 17)] + [
        "\t",
        "\t ",
        " \t",
        "    \t",
        "\t\t",
        "        \t",
        "\t    ",
        "\t        ",
        "  \t  ",
        "\t\t ",
    ]
    by_width: dict[int, list[str]] = {}
    for spelling in spellings:
        by_width.setdefault(len(spelling.expandtabs(8)), []).append(spelling)
    widths = sorted(by_width)
    generator = random.Random(5)
    programs = []
    for _ in range(count):
        chosen = sorted(generator.sample(widths, 3))
        lines = ["if x:"]
        for depth, width in enumerate(chosen, 1):
            indent = generator.choice(by_width[width])
            lines.append(f"{indent}if x:" if depth < 3 else f"{indent}y = 1")
        for width in reversed([0, *chosen]):
            lines.append(generator.choice(by_width.get(width, [""])) + "z = 1")
            lines.append(generator.choice(by_width.get(width, [""])) + "w = 2")
        programs.append("\n".join(lines) + "\n")
    return programs


def _cpython_tab_error(text: str) -> int | str | None:
    """CPython 3's verdict: the TabError line, None when it compiles, "other" for other errors."""
    try:
        compile(text, "<test>", "exec")
    except TabError as error:
        return error.lineno
    except SyntaxError:
        return "other"
    return None


@pytest.mark.parametrize("text", _programs(300))
def test_tab_error_line_is_cpythons(text: str) -> None:
    verdict = _cpython_tab_error(text)
    try:
        starts = logical_line_starts(text)
    except IndentationError:
        pytest.skip("not Python 2 either (Python 2 reads an unindent that matches no block)")
    if verdict == "other":
        pytest.skip("not a TabError case")
    assert tab_error_line(text.splitlines(), starts) == verdict


def test_python2_file_with_mixed_tabs_is_normalised_only_in_indentation() -> None:
    source = 'def f(x):\n        if x:\n\t\ty = """a\n\tb"""  \t# kept\n\t\treturn (1,\n\t\t\t2)\n\treturn 0\nprint f(1)\n'
    upgrade = upgrade_python2(source)
    assert upgrade is not None and upgrade.converted
    assert upgrade.text == (
        'def f(x):\n        if x:\n                y = """a\n\tb"""  \t# kept\n'
        "                return (1,\n\t\t\t2)\n        return 0\nprint(f(1))\n"
    )
    (tabs,) = [f for f in upgrade.findings if f.rule_id == "TFM3199"]
    assert (tabs.line, tabs.severity.value) == (3, "info")
    assert "(3 lines)" in tabs.message


def test_consistent_tabs_are_left_alone() -> None:
    source = "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 0\nprint f(1)\n"
    upgrade = upgrade_python2(source)
    assert upgrade is not None
    assert upgrade.text == source.replace("print f(1)", "print(f(1))")
    assert "TFM3199" not in {f.rule_id for f in upgrade.findings}


def test_columns_are_those_of_the_input_line() -> None:
    source = "def f(x):\n        if x:\n\t\treturn 7 / 2\nprint f(1)\n"
    upgrade = upgrade_python2(source)
    assert upgrade is not None
    (division,) = [f for f in upgrade.findings if f.rule_id == "TFM3101"]
    assert division.old_line[division.column - 1] == "/"


@pytest.mark.skipif(python2() is None, reason="no Python 2.7 interpreter on this machine")
def test_normalised_blocks_are_the_blocks_python2_ran(tmp_path: Path) -> None:
    interpreter = python2()
    assert interpreter is not None
    bodies = [
        f"def f{index}(x):\n{first}if x:\n{second}return {index}\n{first}return -1\n"
        for index, (first, second) in enumerate(itertools.product(INDENTS[1:], INDENTS[1:]))
        if len(first.expandtabs(8)) < len(second.expandtabs(8))  # Python 2 reads a nested block
    ]
    calls = [f"print f{body[5 : body.index('(')]}(0), f{body[5 : body.index('(')]}(1)\n" for body in bodies]
    program = "".join(bodies) + "".join(calls)
    assert _cpython_tab_error(program) not in (None, "other")
    source = tmp_path / "tabs.py"
    source.write_text(program)
    before = subprocess.run([interpreter, str(source)], capture_output=True, text=True, check=True)
    upgrade = upgrade_python2(program)
    assert upgrade is not None and upgrade.converted
    converted = tmp_path / "tabs3.py"
    converted.write_text(upgrade.text)
    after = subprocess.run(
        [sys.executable, str(converted)], capture_output=True, text=True, check=True, env=dict(os.environ)
    )
    assert after.stdout == before.stdout
