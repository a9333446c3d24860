"""Notebooks (issue 10): code cells converted as one program, IPython lines kept, the JSON kept byte for byte."""

from __future__ import annotations

import difflib
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tfmigrate import jsonspans, rules
from tfmigrate.cli import EXIT_ATTENTION, EXIT_CLEAN, main
from tfmigrate.files import FileStatus, convert_bytes
from tfmigrate.notebooks import CellLineChange, UnreadableNotebook, convert_notebook

RULES = rules.select("1")


def cell(source: str | list[str], kind: str = "code", outputs: list[Any] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        entry["execution_count"] = 1
        entry["outputs"] = outputs or []
    return entry


def notebook(*cells: dict[str, Any], metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    kernel = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    return {
        "cells": list(cells),
        "metadata": kernel if metadata is None else metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def jupyter_bytes(document: dict[str, Any]) -> bytes:
    """As Jupyter writes a notebook: indent 1, sorted keys, non-ASCII as it is, a final newline."""
    return (json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode()


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


OUTPUT = {"output_type": "stream", "name": "stdout", "text": ["1.0e5 ✓\n", "done\n"]}
IMAGE = {
    "output_type": "display_data",
    "metadata": {},
    "data": {"image/png": "iVBORw0KGgo" * 50, "text/plain": ["<Figure>"]},
}

LEGACY = notebook(
    cell(["# A TensorFlow 0.x notebook\n", "It uses `tf.mul`, in markdown: never touched."], "markdown"),
    cell(
        [
            "%matplotlib inline\n",
            "import tensorflow as tf\n",
            "!pip install tensorflow==0.12\n",
            "import numpy as np",
        ]
    ),
    cell(
        [
            "x = tf.mul(a, b)\n",
            "files = !ls\n",
            "tf.nn?\n",
            "y = (tf.sub(a, b)\n",
            "     % 3)  # modulo, not a magic\n",
            "s = tf.neg(x)  # ünïcode",
        ],
        outputs=[OUTPUT],
    ),
    cell(["%%bash\n", "echo tf.mul\n"]),
    cell(["%%time\n", "z = tf.pack([x, y])\n"]),
    cell("w = tf.concat(1, [a, b])\nfor i in range(3):\n    !echo $i\n", outputs=[IMAGE]),
)
EXPECTED_SOURCES = {
    3: [
        "x = tf.multiply(a, b)\n",
        "files = !ls\n",
        "tf.nn?\n",
        "y = (tf.subtract(a, b)\n",
        "     % 3)  # modulo, not a magic\n",
        "s = tf.negative(x)  # ünïcode",
    ],
    4: ["%%bash\n", "echo tf.mul\n"],
    5: ["%%time\n", "z = tf.stack([x, y])\n"],
    6: "w = tf.concat(axis=1, values=[a, b])\nfor i in range(3):\n    !echo $i\n",
}


def only_source_lines_differ(
    old: bytes, new: bytes, old_doc: dict[str, Any], new_doc: dict[str, Any]
) -> list[str]:
    """The changed lines of the JSON text, each checked to be one line of a code cell's source."""
    sources: dict[str, set[str]] = {"-": set(), "+": set()}
    for sign, document in (("-", old_doc), ("+", new_doc)):
        for entry in document["cells"]:
            if entry["cell_type"] == "code":
                source = entry["source"]
                sources[sign].update([source] if isinstance(source, str) else source)
    changed = []
    for line in difflib.unified_diff(lines(old.decode()), lines(new.decode()), n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        token = line[1:].strip().removesuffix(",")
        if token.startswith('"source": '):
            token = token.removeprefix('"source": ')
        assert json.loads(token) in sources[line[0]], f"a line other than a source line changed: {line!r}"
        changed.append(line.rstrip("\n"))
    return changed


def test_notebook_cells_converted_and_only_source_lines_change() -> None:
    data = jupyter_bytes(LEGACY)
    conversion = convert_notebook(data, RULES, "legacy.ipynb")
    new = json.loads(conversion.data)
    for number, expected in EXPECTED_SOURCES.items():
        assert new["cells"][number - 1]["source"] == expected, number
    assert new["cells"][1]["source"] == LEGACY["cells"][1]["source"]  # imports and magics only
    assert new["cells"][0] == LEGACY["cells"][0] and new["metadata"] == LEGACY["metadata"]
    assert [c.get("outputs") for c in new["cells"]] == [c.get("outputs") for c in LEGACY["cells"]]
    changed = only_source_lines_differ(data, conversion.data, LEGACY, new)
    assert len(changed) == 2 * 5  # x, y, s, z and w: one line out, one line in each
    # Re-serialising as Jupyter does gives the very same bytes: the layout was kept.
    assert jupyter_bytes(new) == conversion.data


def test_findings_name_the_cell_and_the_line_within_it() -> None:
    conversion = convert_notebook(jupyter_bytes(LEGACY), RULES, "legacy.ipynb")
    located = {(f.cell, f.line, f.rule_id) for f in conversion.findings}
    assert {
        (3, 1, "TFM1018"),
        (3, 4, "TFM1020"),
        (3, 6, "TFM1019"),
        (5, 2, "TFM1045"),
        (6, 1, "TFM1201"),
    } <= located
    assert all(isinstance(change, CellLineChange) for change in conversion.changes)
    change = next(c for c in conversion.changes if c.cell == 3 and c.old_start == 6)
    assert change.old_lines == ("s = tf.neg(x)  # ünïcode",) and change.new_lines == (
        "s = tf.negative(x)  # ünïcode",
    )


def test_unchanged_notebooks_come_back_byte_identical() -> None:
    plain = notebook(cell(["import numpy as np\n", "%time np.zeros(3)"]), cell("# nothing\n", "markdown"))
    # Another writer's layout: indent 4, \\u escapes, unsorted keys, an odd number spelling, NaN.
    odd = (
        b'{\n    "nbformat": 4, "nbformat_minor": 2,\n    "metadata": {"value": 1.0E5, "bad": NaN, "name": "caf\\u00e9"},\n'
        b'    "cells": [ {"cell_type": "code", "source": ["import tensorflow as tf\\n", "y = tf.multiply(a, b)"],\n'
        b'               "metadata": {}, "outputs": [], "execution_count": null} ]\n}'
    )
    for data in (jupyter_bytes(plain), odd, jupyter_bytes(notebook())):
        conversion = convert_notebook(data, RULES)
        assert not conversion.changed and conversion.data == data


def test_another_writers_layout_is_kept_where_the_cells_change() -> None:
    data = (
        b'{\n    "nbformat": 4, "nbformat_minor": 2,\n    "metadata": {"value": 1.0E5, "bad": NaN, "name": "caf\\u00e9"},\n'
        b'    "cells": [ {"cell_type": "code", "source": [ "import tensorflow as tf\\n",  "y = tf.mul(a, b)  # \\u00e9t\\u00e9" ],\n'
        b'               "metadata": {}, "outputs": [], "execution_count": null} ]\n}'
    )
    conversion = convert_notebook(data, RULES)
    assert conversion.data == data.replace(b"tf.mul(", b"tf.multiply(")  # \\u escapes kept as escapes


def test_lines_added_to_a_cell_follow_the_list_layout() -> None:
    document = notebook(
        cell(["import tensorflow as tf\n", "x = tf.placeholder(tf.float32)"]),
        cell(["with tf.Session() as sess:\n", "    print(sess.run(x))\n"]),
    )
    data = (json.dumps(document, indent=2) + "\n").encode()
    conversion = convert_notebook(data, rules.select("2"))
    new = json.loads(conversion.data)
    assert new["cells"][0]["source"] == [
        "import tensorflow as tf\n",
        "tf.compat.v1.disable_eager_execution()\n",
        "x = tf.compat.v1.placeholder(tf.float32)",
    ]
    assert (json.dumps(new, indent=2) + "\n").encode() == conversion.data
    added = next(c for c in conversion.changes if c.cell == 1)
    assert added.new_lines[0] == "tf.compat.v1.disable_eager_execution()"


def test_python2_and_broken_cells() -> None:
    document = notebook(
        cell(["import tensorflow as tf\n"]),
        cell(["print 'loss', tf.mul(a, b)\n"]),
        cell(["def broken(:\n", "    return tf.mul(1, 2)\n"]),
        cell(["y = tf.neg(x)\n"]),
    )
    conversion = convert_notebook(jupyter_bytes(document), RULES)
    new = json.loads(conversion.data)
    assert new["cells"][1]["source"] == ["print('loss', tf.multiply(a, b))\n"]
    assert new["cells"][2]["source"] == document["cells"][2]["source"]
    assert new["cells"][3]["source"] == ["y = tf.negative(x)\n"]
    errors = [f for f in conversion.findings if f.severity.value == "error"]
    assert [(f.cell, f.line, f.rule_id) for f in errors] == [(3, 1, "TFM0001")]
    assert "Could not parse this cell" in errors[0].message
    assert {(f.cell, f.rule_id) for f in conversion.findings} >= {
        (2, "TFM3001"),
        (2, "TFM1018"),
        (4, "TFM1019"),
    }


PYTHON2_KERNEL = {
    "kernelspec": {"display_name": "Python 2", "language": "python", "name": "python2"},
    "language_info": {"name": "python", "version": "2.7.12"},
}


def test_a_python2_kernel_becomes_python3_when_python2_cells_were_converted() -> None:
    document = notebook(
        cell(["import tensorflow as tf\n", "print 'loss', tf.mul(a, b)\n"]), metadata=PYTHON2_KERNEL
    )
    conversion = convert_notebook(jupyter_bytes(document), RULES)
    new = json.loads(conversion.data)
    assert new["metadata"]["kernelspec"] == {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    assert new["metadata"]["language_info"] == PYTHON2_KERNEL["language_info"]
    assert "TFM0008" in {finding.rule_id for finding in conversion.findings}
    diff = difflib.ndiff(lines(jupyter_bytes(document).decode()), lines(conversion.data.decode()))
    assert sum(line.startswith("+ ") for line in diff) == 3  # the print line, name and display_name


def test_a_python2_kernel_stays_when_no_cell_was_python2() -> None:
    document = notebook(
        cell(["import tensorflow as tf\n", "print('loss', tf.mul(a, b))\n"]), metadata=PYTHON2_KERNEL
    )
    conversion = convert_notebook(jupyter_bytes(document), RULES)
    assert json.loads(conversion.data)["metadata"] == PYTHON2_KERNEL
    assert "TFM0008" not in {finding.rule_id for finding in conversion.findings}


def test_magic_indented_outside_a_block_and_top_level_await() -> None:
    document = notebook(cell(["import tensorflow as tf\n", "  %time f()\n", "y = tf.neg(await x)\n"]))
    new = json.loads(convert_notebook(jupyter_bytes(document), RULES).data)
    assert new["cells"][0]["source"] == [
        "import tensorflow as tf\n",
        "  %time f()\n",
        "y = tf.negative(await x)\n",
    ]


def test_other_languages_nbformat3_and_unreadable_notebooks() -> None:
    r_kernel = notebook(
        cell(["library(tensorflow)\n", "x <- tf$mul(a, b)\n"]), metadata={"kernelspec": {"language": "R"}}
    )
    assert not convert_notebook(jupyter_bytes(r_kernel), RULES).changed
    version3 = {
        "metadata": {"name": "old"},
        "nbformat": 3,
        "worksheets": [
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "input": ["import tensorflow as tf\n", "y = tf.neg(x)"],
                        "language": "python",
                        "outputs": [],
                    }
                ]
            }
        ],
    }
    new = json.loads(convert_notebook(jupyter_bytes(version3), RULES).data)
    assert new["worksheets"][0]["cells"][0]["input"] == ["import tensorflow as tf\n", "y = tf.negative(x)"]
    assert not convert_notebook(b"", RULES).changed
    for bad in (b"{not json", b"[1, 2]", b"\xff\xfe{}"):
        with pytest.raises(UnreadableNotebook):
            convert_notebook(bad, RULES)
    result, output = convert_bytes(Path("bad.ipynb"), b"{not json", RULES)
    assert result.status is FileStatus.FAILED and output == b"{not json"
    assert result.findings[0].rule_id == "TFM0005" and "not valid JSON" in result.findings[0].message


def test_converting_twice_changes_nothing_more() -> None:
    once = convert_notebook(jupyter_bytes(LEGACY), RULES).data
    twice = convert_notebook(once, RULES)
    assert not twice.changed and twice.data == once


def test_utf8_bom_is_kept() -> None:
    data = b"\xef\xbb\xbf" + jupyter_bytes(notebook(cell(["import tensorflow as tf\n", "y = tf.neg(x)"])))
    output = convert_notebook(data, RULES).data
    assert output == data.replace(b"tf.neg", b"tf.negative")


def test_notebook_tree_converted_diff_shows_only_source_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10's must-show 1: a notebook tree converted; the .ipynb diff is only changed source lines."""
    old = tmp_path / "old"
    (old / "notebooks").mkdir(parents=True)
    legacy = jupyter_bytes(LEGACY)
    (old / "notebooks" / "legacy.ipynb").write_bytes(legacy)
    (old / "notebooks" / "clean.ipynb").write_bytes(jupyter_bytes(notebook(cell("import numpy as np\n"))))
    (old / "train.py").write_text("import tensorflow as tf\ny = tf.neg(x)\n")
    monkeypatch.chdir(tmp_path)
    code = main(["--intree", "old", "--outtree", "new", "--report-json", "r.json", "--reportfile", "r.txt"])
    out = capsys.readouterr().out
    assert code == EXIT_CLEAN
    converted = (tmp_path / "new" / "notebooks" / "legacy.ipynb").read_bytes()
    changed = only_source_lines_differ(legacy, converted, LEGACY, json.loads(converted))
    print("\n".join(changed))
    assert changed[:2] == ['-    "x = tf.mul(a, b)\\n",', '+    "x = tf.multiply(a, b)\\n",']
    assert (tmp_path / "new" / "notebooks" / "clean.ipynb").read_bytes() == (
        old / "notebooks" / "clean.ipynb"
    ).read_bytes()
    assert "1 Python file and 2 notebooks: 2 changed, 1 unchanged, 0 failed" in out
    report = (tmp_path / "r.txt").read_text()
    assert "'old/notebooks/legacy.ipynb' Cell 3 Line 1" in report
    findings = json.loads((tmp_path / "r.json").read_text())["findings"]
    by_file = {(Path(f["file"]).name, f.get("cell"), f["line"], f["rule_id"]) for f in findings}
    assert ("legacy.ipynb", 3, 1, "TFM1018") in by_file and ("train.py", None, 2, "TFM1019") in by_file
    assert all("cell" not in f for f in findings if f["file"].endswith(".py"))


def test_notebook_errors_are_located_by_cell_on_the_console(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_bytes(
        jupyter_bytes(notebook(cell("import tensorflow as tf\n"), cell(["x = 1\n", "def broken(:\n"])))
    )
    assert main(["--check", str(path)]) == EXIT_ATTENTION
    assert f"{path}:cell_2:2:12: TFM0001 error: Could not parse this cell" in capsys.readouterr().out


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(json_values, st.sampled_from([None, 0, 1, 2, "\t"]), st.booleans())
def test_jsonspans_reads_what_json_reads_and_locates_it(
    value: object, indent: int | str | None, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    located = jsonspans.parse(text)
    assert located.value == value
    for path, (start, end) in located.spans.items():
        item: Any = value
        for key in path:
            item = item[key]
        assert json.loads(text[start:end]) == item


def test_jsonspans_errors_and_constants() -> None:
    located = jsonspans.parse('{"a": [NaN, Infinity, -Infinity, 1e3, -0.5, true, false, null]}')
    values = located.value["a"]  # type: ignore[index]
    assert math.isnan(values[0]) and values[1:] == [math.inf, -math.inf, 1000.0, -0.5, True, False, None]
    for bad in ("", "[1,]", '{"a" 1}', "[1] x", '{"a": 1,}', "[01]", '"\\x"'):
        with pytest.raises(json.JSONDecodeError):
            jsonspans.parse(bad)
