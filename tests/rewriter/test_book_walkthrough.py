"""The book's chapter 2 walkthrough ("How to upgrade using the script"): tfmigrate makes the same seven
changes that tf_upgrade.py's report shows there (seed text lines 2204-2252), and the new lines read as
the book's. examples/legacy_tf0/five_layers_relu.py is the book's 0.x listing, laid out on the same line
numbers, with its Python 2 prints written as Python 3 calls.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tfmigrate.cli import EXIT_CLEAN, main

LISTING = Path(__file__).resolve().parents[2] / "examples" / "legacy_tf0" / "five_layers_relu.py"

# (line, old name, new name, the book's "New:" line), as the book's report.txt prints them.
BOOK_REPORT = [
    (
        64,
        "tf.initialize_all_variables",
        "tf.global_variables_initializer",
        "    sess.run(tf.global_variables_initializer())",
    ),
    (
        65,
        "tf.train.SummaryWriter",
        "tf.summary.FileWriter",
        "    writer = tf.summary.FileWriter(logs_path, \\",
    ),
    (
        45,
        "tf.nn.softmax_cross_entropy_with_logits",
        "keywords 'logits', 'labels'",
        "cross_entropy = tf.nn.softmax_cross_entropy_with_logits(logits=Ylogits, labels=Y_)",
    ),
    (55, "tf.scalar_summary", "tf.summary.scalar", 'tf.summary.scalar("cost", cross_entropy)'),
    (56, "tf.scalar_summary", "tf.summary.scalar", 'tf.summary.scalar("accuracy", accuracy)'),
    (57, "tf.merge_all_summaries", "tf.summary.merge_all", "summary_op = tf.summary.merge_all()"),
    (
        59,
        "tf.initialize_all_variables",
        "tf.global_variables_initializer",
        "init = tf.global_variables_initializer()",
    ),
]


def test_same_seven_changes_as_the_books_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output, report, report_json = tmp_path / "five_layers_relu_1.py", tmp_path / "r.txt", tmp_path / "r.json"
    code = main(
        [
            "--infile",
            str(LISTING),
            "--outfile",
            str(output),
            "--reportfile",
            str(report),
            "--report-json",
            str(report_json),
        ]
    )
    capsys.readouterr()
    assert code == EXIT_CLEAN
    findings = json.loads(report_json.read_text(encoding="utf-8"))["findings"]
    assert len(findings) == 7
    ours = sorted((f["line"], f["message"], f["new"]) for f in findings)
    for (line, message, new), (book_line, old_name, new_name, book_new) in zip(
        ours, sorted(BOOK_REPORT), strict=True
    ):
        assert line == book_line
        assert old_name in message and new_name in message
        assert new == book_new
    converted = output.read_text().splitlines()
    text = report.read_text(encoding="utf-8")
    for line, _, _, book_new in BOOK_REPORT:
        assert converted[line - 1] == book_new
        assert f"    New: {book_new}" in text
        assert f"Line {line}\n" in text


BOOK_AS_PRINTED = (
    Path(__file__).resolve().parents[1] / "fixtures" / "python2" / "book" / "five_layers_relu.py"
)


def test_the_listing_as_printed_python_2_converts_in_one_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 5's must-show 1: print statements fixed, the seven TensorFlow changes made, output parses."""
    output, report_json = tmp_path / "five_layers_relu_1.py", tmp_path / "r.json"
    code = main(
        [
            "--infile",
            str(BOOK_AS_PRINTED),
            "--outfile",
            str(output),
            "--reportfile",
            str(tmp_path / "r.txt"),
            "--report-json",
            str(report_json),
        ]
    )
    capsys.readouterr()
    assert code == EXIT_CLEAN
    compile(output.read_text(), str(output), "exec")
    findings = json.loads(report_json.read_text(encoding="utf-8"))["findings"]
    tensorflow = sorted(f["rule_id"] for f in findings if f["rule_id"].startswith("TFM1"))
    assert tensorflow == sorted(["TFM1206", "TFM1004", "TFM1004", "TFM1009", "TFM1012", "TFM1012", "TFM1003"])
    prints = [f for f in findings if f["rule_id"] == "TFM3001"]
    assert len(prints) == 2 and all("print(" in f["new"] for f in prints)
    divisions = {f["rule_id"]: f["new"] for f in findings if f["rule_id"].startswith("TFM31")}
    assert "-i//decay_speed" in divisions["TFM3101"]  # Python 2's floor division of two ints, kept
    assert "TFM3102" in divisions  # int(mnist.train.num_examples/batch_size): may be int / int, reported
