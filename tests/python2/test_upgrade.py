"""upgrade_python2 as a whole: detection, the book's listing, a mixed tree, Python 2's own semantics."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from tests.python2.support import BOOK_LISTING, ORACLE_PROGRAM, python2, upgrade_fixture
from tests.rewriter.fixtures import FIXTURES, expected_output
from tfmigrate.engine.convert import convert_source
from tfmigrate.files import decode
from tfmigrate.findings import Finding
from tfmigrate.python2 import RULES, markdown_table, upgrade_python2
from tfmigrate.python2.fixers import ur_literal
from tfmigrate.python2.rules import FIXER_NAMES, RULE_BY_ID
from tfmigrate.rules.target1 import RULES as TARGET1

REPOSITORY = Path(__file__).resolve().parents[2]
PYTHON3_SOURCES = sorted(
    [
        *(REPOSITORY / "examples" / "legacy_tf0").glob("*.py"),
        *(FIXTURES / "target1").rglob("*.py"),
        *(FIXTURES / "noop").glob("*.py"),
    ]
)


@pytest.mark.parametrize("path", PYTHON3_SOURCES, ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_python3_sources_are_not_python2(path: Path) -> None:
    assert upgrade_python2(decode(path.read_bytes()).text, path) is None


@pytest.mark.parametrize(
    "source",
    [
        "def f(:\n    pass\n",  # a syntax error in any Python
        "x = = 1\n",
        'print "unterminated\n',
        "x = 1 +\n",
        "def f():\nreturn 1\n",  # an indentation error
        "1 = x\nprint 'x'\n",  # the first error is no Python 2 construct
        'print f"{x}"\n',  # Python 3 only syntax that fails as Python 3 too
        "def f(a, *, b):\n    print a\n",
        "async def f():\n    print 1\n",
        "x = 1\ry = 2\rprint x\r",  # old Mac line ends: not read by fissix as Python reads them
    ],
)
def test_neither_python_is_none(source: str) -> None:
    assert upgrade_python2(source) is None


def test_python3_that_fixers_would_touch_is_still_none() -> None:
    """A valid Python 3 file is never converted, even if 2to3's fixers would change it."""
    assert upgrade_python2("for k, v in d.items():\n    print(k, v)\nz = zip(a, b)\n") is None


def _pipeline(source: str) -> tuple[str, list[Finding]]:
    """What the lead's pipeline does: Python 3 first, the Python 2 pass only when that fails."""
    try:
        cst.parse_module(source)
    except cst.ParserSyntaxError:
        upgrade = upgrade_python2(source)
        assert upgrade is not None and upgrade.converted
        conversion = convert_source(upgrade.text, TARGET1)
        moved = [
            Finding(
                f.rule_id, f.severity, f.message, upgrade.input_line(f.line), f.column, f.old_line, f.new_line
            )
            for f in conversion.findings
        ]
        return conversion.text, [*upgrade.findings, *moved]
    conversion = convert_source(source, TARGET1)
    return conversion.text, list(conversion.findings)


def test_book_listing_converts_in_one_pass() -> None:
    """Issue 5, must show 1: the chapter 2 listing as printed, Python 2 prints and all."""
    source = decode(BOOK_LISTING.read_bytes()).text
    upgrade = upgrade_python2(source, BOOK_LISTING)
    assert upgrade is not None and upgrade.converted
    ast.parse(upgrade.text)
    assert upgrade.text.encode() == expected_output(BOOK_LISTING).read_bytes()
    prints = [f for f in upgrade.findings if f.rule_id == "TFM3001"]
    assert [f.old_line.strip() for f in prints] == [
        'print "Accuracy: ", accuracy.eval(feed_dict={X: mnist.test.images, Y_:',
        'print "done"',
    ]
    (decay,) = [f for f in upgrade.findings if f.rule_id == "TFM3101"]
    assert decay.old_line.strip() == "* math.exp(-i/decay_speed)"
    assert decay.new_line.strip() == "* math.exp(-i//decay_speed)"
    # The only other `/` that may be between ints: `int(mnist.train.num_examples/batch_size)`.
    (warned,) = [f for f in upgrade.findings if f.rule_id == "TFM3102"]
    assert "num_examples/batch_size" in warned.old_line
    # The comments that quote a Python 2 print are comments: untouched.
    assert '        #    print "Epoch: ", epoch\n' in upgrade.text

    text, findings = _pipeline(source)
    ast.parse(text)
    tensorflow = sorted((f.rule_id, f.line) for f in findings if f.rule_id.startswith("TFM1"))
    assert tensorflow == [
        ("TFM1003", 51),
        ("TFM1004", 43),
        ("TFM1004", 44),
        ("TFM1009", 45),
        ("TFM1012", 46),
        ("TFM1012", 50),
        ("TFM1206", 37),
    ]
    assert "tf.summary.FileWriter(logs_path" in text and 'print("done")' in text


def test_mixed_tree_converts_in_one_run(tmp_path: Path) -> None:
    """Issue 5, must show 3: Python 2 and Python 3 files side by side; Python 3 files get no Python 2 fix."""
    tree = {
        "python2_book.py": BOOK_LISTING.read_text(),
        "python3_book.py": (REPOSITORY / "examples" / "legacy_tf0" / "five_layers_relu.py").read_text(),
        "python3_modern.py": "import tensorflow as tf\nd = {}\nfor k, v in d.items():\n    print(k, 7 / 2)\n",
    }
    results = {name: _pipeline(source) for name, source in tree.items()}
    python2_rules = {f.rule_id for f in results["python2_book.py"][1]}
    assert {"TFM3001", "TFM3101"} <= python2_rules
    for name in ("python3_book.py", "python3_modern.py"):
        text, findings = results[name]
        assert not [f for f in findings if f.rule_id.startswith("TFM3")]
        assert "//" not in text  # Python 3 division is left as the author wrote it
        ast.parse(text)
    assert results["python3_modern.py"][0] == tree["python3_modern.py"]


@pytest.mark.skipif(python2() is None, reason="no Python 2.7 interpreter on this machine")
def test_converted_program_prints_what_python2_printed(tmp_path: Path) -> None:
    """The semantics oracle: a real Python 2.7 runs the input, Python 3 runs the conversion."""
    interpreter = python2()
    assert interpreter is not None
    upgrade, output = upgrade_fixture(ORACLE_PROGRAM, tmp_path)
    assert upgrade is not None and upgrade.converted
    converted = tmp_path / "program3.py"
    converted.write_bytes(output)
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    before = subprocess.run(
        [interpreter, str(ORACLE_PROGRAM)], capture_output=True, text=True, env=environment, check=True
    )
    after = subprocess.run(
        [sys.executable, str(converted)], capture_output=True, text=True, env=environment, check=True
    )
    assert after.stdout == before.stdout
    assert len(before.stdout.splitlines()) >= 15


UR_BODIES = [
    r"\u00e9",
    r"\d+\.\d*",
    r"\\u0041",
    r"\\\u0041",
    r"\U0001F600 and \u0041",
    r"it\'s \u00e9",
    r"\N{DASH} \u2014",
    r"trailing \\",
    r"\x41 \u0041 \101",
]


@pytest.mark.parametrize("body", UR_BODIES)
def test_ur_literal_keeps_python2_characters(body: str) -> None:
    literal = "ur'" + body + "'"
    converted = ur_literal(literal)
    assert converted is not None
    value = ast.literal_eval(converted)
    expected = _python2_raw_unicode(body)
    assert value == expected


def _python2_raw_unicode(body: str) -> str:
    """Python 2's value of ur'body': backslashes kept, except \\uXXXX/\\UXXXXXXXX after an odd run."""
    out: list[str] = []
    index = 0
    while index < len(body):
        if body[index] != "\\":
            out.append(body[index])
            index += 1
            continue
        end = index
        while end < len(body) and body[end] == "\\":
            end += 1
        run = end - index
        digits = {"u": 4, "U": 8}.get(body[end : end + 1], 0)
        code = body[end + 1 : end + 1 + digits]
        if run % 2 and digits and len(code) == digits and all(c in "0123456789abcdefABCDEF" for c in code):
            out.append("\\" * (run - 1) + chr(int(code, 16)))
            index = end + 1 + digits
        else:
            out.append("\\" * run)
            index = end
    return "".join(out)


@pytest.mark.skipif(python2() is None, reason="no Python 2.7 interpreter on this machine")
def test_ur_literal_model_matches_python2() -> None:
    interpreter = python2()
    assert interpreter is not None
    literals = ", ".join("ur'" + body + "'" for body in UR_BODIES)
    program = f"for s in [{literals}]: print [ord(c) for c in s]\n"
    completed = subprocess.run([interpreter, "-c", program], capture_output=True, text=True, check=True)
    expected = [str([ord(c) for c in _python2_raw_unicode(body)]) for body in UR_BODIES]
    assert completed.stdout.splitlines() == expected


def test_findings_locate_input_lines_when_lines_are_added() -> None:
    source = 'total = reduce(lambda a, b: a + b, [1])\nprint "total", total\n'
    upgrade = upgrade_python2(source)
    assert upgrade is not None
    assert upgrade.text.splitlines()[0] == "from functools import reduce"
    by_rule = {f.rule_id: f for f in upgrade.findings}
    assert (by_rule["TFM3001"].line, by_rule["TFM3001"].new_line) == (2, 'print("total", total)')
    assert upgrade.input_line(3) == 2 and upgrade.input_line(2) == 1


def test_rule_table_is_consistent() -> None:
    ids = [rule.rule_id for rule in RULES]
    assert len(ids) == len(set(ids)) == len(RULE_BY_ID)
    assert all(rule_id.startswith(("TFM30", "TFM31")) and len(rule_id) == 7 for rule_id in ids)
    for rule in RULES:
        assert rule.name and rule.summary and rule.doc and rule.before and rule.after
        assert "\n" not in rule.summary
    for name in FIXER_NAMES:
        __import__(f"fissix.fixes.{name}")
    table = markdown_table()
    assert all(f"| {rule_id} |" in table for rule_id in ids)
