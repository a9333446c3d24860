"""The command line: usage, exit codes, tree and file modes, reports, and never losing a byte."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rewriter.cli_runs import run_main, write_tree
from tfmigrate.cli import EXIT_ATTENTION, EXIT_CLEAN, EXIT_USAGE, main

PYTHON2 = b'import tensorflow as tf\nprint "loss", tf.mul(a, b)\n'
SYNTAX_ERROR = b"import tensorflow as tf\ndef broken(:\n    return tf.mul(a, b)\n"
CRLF = b"import tensorflow as tf\r\n\r\nx = tf.mul(a, b)\r\n"
TABS = b"import tensorflow as tf\n\n\nif True:\n\tx = tf.pack([a, b])\t# tab\n"
NON_ASCII = "# 한국어 주석\nimport tensorflow as tf\ns = tf.scalar_summary('비용', c)\n".encode()


def run(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    result = run_main(args, cwd, capsys)
    return result.code, result.out


def test_help_documents_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == EXIT_CLEAN
    out = capsys.readouterr().out
    assert "--intree" in out and "--copyotherfiles, --no-copyotherfiles" in out
    assert "exit status" in out and "usage error" in out


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--infile", "a.py"],
        ["--infile", "a.py", "--outfile", "b.py", "--inplace"],
        ["--intree", "old", "--outtree", "old/inside"],
        ["--intree", "old", "--outtree", "exists"],
        ["--intree", "old", "--infile", "a.py", "--outfile", "b.py"],
        ["--intree", "missing", "--outtree", "new"],
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"a.py": b"import tensorflow as tf\n", "old/a.py": b"x = 1\n", "exists/k": b""})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, _ = run(args, tmp_path, capsys)
    assert code == EXIT_USAGE
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_mixed_tree_keeps_every_byte_and_reports_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 2's must-show 6: Python 2, syntax error, CRLF, tabs and non-ASCII files in one --intree run.

    Since issue 5 the Python 2 file is converted (Python 2 pass, then the TensorFlow rules); the file
    with a syntax error is still written byte for byte and reported."""
    files = {
        "py2.py": PYTHON2,
        "broken.py": SYNTAX_ERROR,
        "crlf.py": CRLF,
        "tabs.py": TABS,
        "korean.py": NON_ASCII,
        "data/notes.txt": b"\x00\x01 not python",
    }
    write_tree(tmp_path / "old", files)
    code, out = run(["--intree", "old", "--outtree", "new", "--report-json", "report.json"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    new = tmp_path / "new"
    assert sorted(str(p.relative_to(new)) for p in new.rglob("*") if p.is_file()) == sorted(files)
    assert (new / "py2.py").read_bytes() == b'import tensorflow as tf\nprint("loss", tf.multiply(a, b))\n'
    assert (new / "broken.py").read_bytes() == SYNTAX_ERROR
    assert (new / "data/notes.txt").read_bytes() == files["data/notes.txt"]
    assert (new / "crlf.py").read_bytes() == b"import tensorflow as tf\r\n\r\nx = tf.multiply(a, b)\r\n"
    assert (new / "tabs.py").read_bytes() == TABS.replace(b"tf.pack", b"tf.stack")
    assert (new / "korean.py").read_bytes() == NON_ASCII.replace(b"tf.scalar_summary", b"tf.summary.scalar")
    assert "broken.py:2:" in out and "TFM0001 error" in out
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "1 failed (copied unchanged)" in report
    assert "Needs attention (1):" in report
    assert "TFM0001: ERROR: Could not parse this file" in report
    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    statuses = {Path(f["input"]).name: f["status"] for f in document["files"]}
    assert statuses == {
        "py2.py": "changed",
        "broken.py": "failed",
        "crlf.py": "changed",
        "tabs.py": "changed",
        "korean.py": "changed",
        "notes.txt": "copied",
    }
    errors = [f for f in document["findings"] if f["severity"] == "error"]
    assert {(Path(f["file"]).name, f["line"], f["rule_id"]) for f in errors} == {("broken.py", 2, "TFM0001")}
    py2 = {(f["line"], f["rule_id"]) for f in document["findings"] if Path(f["file"]).name == "py2.py"}
    assert py2 == {(2, "TFM3001"), (2, "TFM1018")}
    assert set(document["findings"][0]) == {
        "file",
        "line",
        "column",
        "rule_id",
        "severity",
        "message",
        "old",
        "new",
    }


def test_clean_tree_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "old", {"a.py": b"import tensorflow as tf\ny = tf.neg(x)\n", "b.py": b"x = 1\n"})
    code, out = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert "1 changed, 1 unchanged, 0 failed" in out
    assert (tmp_path / "new" / "a.py").read_text() == "import tensorflow as tf\ny = tf.negative(x)\n"


def test_no_copyotherfiles_skips_other_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "old", {"a.py": b"x = 1\n", "README.md": b"# hi\n"})
    code, _ = run(["--intree", "old", "--outtree", "new", "--no-copyotherfiles"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert (tmp_path / "new" / "a.py").exists()
    assert not (tmp_path / "new" / "README.md").exists()


def test_symlinks_are_copied_as_links(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "old", {"a.py": b"x = 1\n"})
    (tmp_path / "old" / "link.py").symlink_to("a.py")
    (tmp_path / "old" / "outside").symlink_to(tmp_path)
    code, _ = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert os.readlink(tmp_path / "new" / "link.py") == "a.py"
    assert os.readlink(tmp_path / "new" / "outside") == str(tmp_path)


def test_single_file_and_inplace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.py"
    source.write_bytes(b"import tensorflow as tf\ny = tf.sub(a, b)\n")
    source.chmod(0o755)
    code, out = run(["--infile", "a.py", "--outfile", "b.py"], tmp_path, capsys)
    assert code == EXIT_CLEAN and "Converted file: b.py" in out
    assert (tmp_path / "b.py").read_bytes() == b"import tensorflow as tf\ny = tf.subtract(a, b)\n"
    assert (tmp_path / "b.py").stat().st_mode & 0o777 == 0o755
    assert source.read_bytes() == b"import tensorflow as tf\ny = tf.sub(a, b)\n"
    code, _ = run(["--infile", "a.py", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert source.read_bytes() == b"import tensorflow as tf\ny = tf.subtract(a, b)\n"
    assert source.stat().st_mode & 0o777 == 0o755
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tfmigrate")] == []


def test_inplace_tree_never_empties_an_unparseable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path / "tree", {"bad.py": SYNTAX_ERROR, "ok.py": b"import tensorflow as tf\nx = tf.neg(y)\n"}
    )
    code, _ = run(["--intree", "tree", "--inplace"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert (tmp_path / "tree" / "bad.py").read_bytes() == SYNTAX_ERROR
    assert (tmp_path / "tree" / "ok.py").read_bytes() == b"import tensorflow as tf\nx = tf.negative(y)\n"


def test_undecodable_file_is_copied_and_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = b"import tensorflow as tf\nx = '\xff\xfe'\n"
    write_tree(tmp_path / "old", {"bad.py": data})
    code, out = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert "TFM0005 error" in out
    assert (tmp_path / "new" / "bad.py").read_bytes() == data


def test_console_script_runs_without_importing_tensorflow(tmp_path: Path) -> None:
    source = tmp_path / "a.py"
    source.write_text("import tensorflow as tf\ny = tf.mul(a, b)\n")
    probe = (
        "import sys; from tfmigrate.cli import main; "
        f"code = main(['--infile', {str(source)!r}, '--outfile', {str(tmp_path / 'b.py')!r}, "
        f"'--reportfile', {str(tmp_path / 'r.txt')!r}]); "
        "assert 'tensorflow' not in sys.modules, 'the rewriter imported tensorflow'; "
        "assert 'numpy' not in sys.modules; sys.exit(code)"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "b.py").read_text() == "import tensorflow as tf\ny = tf.multiply(a, b)\n"


def test_python2_and_python3_files_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 5's must-show 3: one run converts both; Python 3 files see no Python 2 fix."""
    py3 = b"import tensorflow as tf\nprint('x', tf.mul(a, b))\nratio = 7 / 2\nfor k in range(3):\n    pass\n"
    py2 = b"import tensorflow as tf\nfor i in xrange(3):\n    print i, tf.mul(a, b), i / 2\n"
    helper = b"def show(d):\n    for k, v in d.iteritems():\n        print k, v\n"
    write_tree(tmp_path / "old", {"py3.py": py3, "py2.py": py2, "helper.py": helper})
    code, _ = run(["--intree", "old", "--outtree", "new", "--report-json", "r.json"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    new = tmp_path / "new"
    assert (new / "py3.py").read_bytes() == py3.replace(b"tf.mul", b"tf.multiply")
    assert (new / "py2.py").read_bytes() == (
        b"import tensorflow as tf\nfor i in range(3):\n    print(i, tf.multiply(a, b), i // 2)\n"
    )
    assert (
        new / "helper.py"
    ).read_bytes() == b"def show(d):\n    for k, v in d.items():\n        print(k, v)\n"
    findings = json.loads((tmp_path / "r.json").read_text())["findings"]
    by_file: dict[str, set[str]] = {}
    for finding in findings:
        by_file.setdefault(Path(finding["file"]).name, set()).add(finding["rule_id"])
    assert by_file["py3.py"] == {"TFM1018"}
    assert {"TFM3001", "TFM3002", "TFM3101", "TFM1018"} <= by_file["py2.py"]
    assert by_file["helper.py"] == {"TFM3001", "TFM3003"}
