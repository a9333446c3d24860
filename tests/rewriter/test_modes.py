"""--check, --diff, PATH arguments, `--report-json -`, --quiet, the summary line and the progress bar (issue 10)."""

from __future__ import annotations

import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rewriter.cli_runs import run_main, write_tree
from tfmigrate import progress
from tfmigrate.cli import EXIT_ATTENTION, EXIT_CLEAN, EXIT_USAGE

NEEDS_CHANGES = {
    "a.py": b"import tensorflow as tf\ny = tf.mul(a, b)\n",
    "pkg/b.py": b"import tensorflow as tf\r\nz = tf.neg(x)",  # CRLF, no final line break
    "pkg/c.py": b"x = 1\n",
    "notes.txt": b"not python\n",
}
CLEAN = {"a.py": b"import tensorflow as tf\ny = tf.multiply(a, b)\n", "notes.txt": b"text\n"}
TFMIGRATE = Path(sys.executable).with_name("tfmigrate")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    result = run_main(args, cwd, capsys)
    return result.code, result.out, result.err


def test_check_and_diff_on_a_tree_that_needs_changes_and_one_that_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10's must-show 2: --check exits 1 then 0, --diff prints a diff that patch applies, nothing is
    written by either."""
    write_tree(tmp_path / "legacy", NEEDS_CHANGES)
    write_tree(tmp_path / "clean", CLEAN)
    before = snapshot(tmp_path)

    code, out, _ = run(["--check", "--intree", "legacy"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert "would change: legacy/a.py" in out and "would change: legacy/pkg/b.py" in out
    assert "pkg/c.py" not in out
    assert out.splitlines()[-1].startswith("3 Python files: 2 would change, 1 unchanged, 0 failed;")
    assert out.splitlines()[-1].endswith("Nothing written.")

    code, out, err = run(["--diff", "--intree", "legacy"], tmp_path, capsys)
    assert code == EXIT_CLEAN  # --diff reports; only --check fails on changes
    assert out.startswith("--- legacy/a.py\n+++ legacy/a.py\n@@ -1,2 +1,2 @@\n")
    assert "-y = tf.mul(a, b)\n+y = tf.multiply(a, b)\n" in out
    assert (
        "-z = tf.neg(x)\n\\ No newline at end of file\n+z = tf.negative(x)\n\\ No newline at end of file\n"
        in out
    )
    assert "2 would change" in err  # the summary goes to stderr when stdout carries the diff
    diff = out

    for mode in ("--check", "--diff"):
        code, out, _ = run([mode, "--intree", "clean"], tmp_path, capsys)
        assert code == EXIT_CLEAN, mode
    assert out == ""  # --diff on a clean tree prints no diff
    assert snapshot(tmp_path) == before  # nothing written: no output, no report.txt

    # The diff applies with patch -p0 and gives what a converting run writes.
    run(["--intree", "legacy", "--outtree", "converted", "--reportfile", "r.txt"], tmp_path, capsys)
    if shutil.which("patch"):
        subprocess.run(["patch", "-p0", "--quiet"], input=diff.encode(), cwd=tmp_path, check=True)
        assert snapshot(tmp_path / "legacy") == snapshot(tmp_path / "converted")


def test_check_and_diff_together_and_on_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {"a.py": NEEDS_CHANGES["a.py"]})
    code, out, err = run(["--check", "--diff", "--infile", "a.py"], tmp_path, capsys)
    assert code == EXIT_ATTENTION and "+y = tf.multiply(a, b)" in out and "would change: a.py" in err
    assert (tmp_path / "a.py").read_bytes() == NEEDS_CHANGES["a.py"]


def test_paths_as_pre_commit_passes_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {**NEEDS_CHANGES, "ok.py": b"import tensorflow as tf\n"})
    code, out, _ = run(["--check", "ok.py", "pkg/c.py"], tmp_path, capsys)
    assert code == EXIT_CLEAN and "2 Python files: 0 would change, 2 unchanged" in out
    code, out, _ = run(["--check", "ok.py", "--target", "1", "a.py", "pkg"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert [line for line in out.splitlines() if line.startswith("would")] == [
        "would change: a.py",
        "would change: pkg/b.py",
    ]
    code, out, _ = run(["--inplace", "a.py", "pkg", "--reportfile", "r.txt"], tmp_path, capsys)
    assert code == EXIT_CLEAN and "Converted in place." in out
    assert (tmp_path / "a.py").read_bytes() == b"import tensorflow as tf\ny = tf.multiply(a, b)\n"
    assert (tmp_path / "pkg/b.py").read_bytes() == b"import tensorflow as tf\r\nz = tf.negative(x)"
    assert run(["--check", "a.py", "pkg"], tmp_path, capsys)[0] == EXIT_CLEAN


def test_report_json_on_stdout_and_report_file_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "legacy", NEEDS_CHANGES)
    code, out, err = run(["--check", "--intree", "legacy", "--report-json", "-"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    document = json.loads(out)  # stdout is the JSON alone
    assert document["dry_run"] is True and document["summary"]["files"]["changed"] == 2
    assert "would change: legacy/a.py" in err and "JSON on stdout" in err
    assert not (tmp_path / "report.txt").exists()
    code, out, _ = run(["--check", "--intree", "legacy", "--reportfile", "check.txt"], tmp_path, capsys)
    report = (tmp_path / "check.txt").read_text()
    assert "Checked 3 Python files: 2 would change, 1 unchanged, 0 failed" in report
    assert "outputting to '(not written)'" in report and "Report: check.txt." in out


def test_quiet_prints_only_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "legacy", NEEDS_CHANGES)
    code, out, err = run(["--check", "--intree", "legacy", "--quiet"], tmp_path, capsys)
    assert code == EXIT_ATTENTION and out == "" and err == ""
    write_tree(
        tmp_path / "broken", {"bad.py": b"import tensorflow as tf\ndef f(:\n", "a.py": NEEDS_CHANGES["a.py"]}
    )
    code, out, _ = run(["--intree", "broken", "--outtree", "new", "-q"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert out.splitlines() == [
        "broken/bad.py:2:7: TFM0001 error: Could not parse this file (invalid syntax); it was copied unchanged"
    ]


def test_summary_is_one_line_at_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "legacy", NEEDS_CHANGES)
    code, out, _ = run(
        ["--intree", "legacy", "--outtree", "new", "--report-json", "r.json"], tmp_path, capsys
    )
    assert code == EXIT_CLEAN
    assert out.splitlines()[-1] == (
        "3 Python files: 2 changed, 1 unchanged, 0 failed; 1 other file copied; 2 info, 0 warnings, 0 errors. "
        "Converted tree: new. Report: report.txt, r.json (JSON)."
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--check", "--intree", "t", "--outtree", "new"],
        ["--diff", "--infile", "t/a.py", "--outfile", "b.py"],
        ["--check", "--intree", "t", "--inplace"],
        ["--diff", "t/a.py", "--report-json", "-"],
        ["t/a.py"],
        ["t/a.py", "--outfile", "b.py"],
        ["t/a.py", "--inplace", "--outtree", "new"],
        ["--check", "missing.py"],
        ["--check", "t/a.py", "--infile", "t/a.py"],
        ["--check", "--intree", "missing"],
    ],
)
def test_mode_usage_errors(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "t", {"a.py": NEEDS_CHANGES["a.py"]})
    before = snapshot(tmp_path)
    assert run(args, tmp_path, capsys)[0] == EXIT_USAGE
    assert snapshot(tmp_path) == before


def test_progress_bar_is_off_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path / "big", {f"m{i:03d}.py": b"import tensorflow as tf\ny = tf.neg(x)\n" for i in range(40)}
    )
    code, out, err = run(["--check", "--intree", "big", "--jobs", "1"], tmp_path, capsys)
    assert code == EXIT_ATTENTION and err == "" and "\r" not in out
    assert isinstance(progress.for_run(io.StringIO(), 1000), progress.ProgressBar) is False


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "big", {f"m{i:03d}.py": b"import tensorflow as tf\ny = tf.neg(x)\n" for i in range(40)}
    )
    write_tree(tmp_path / "small", {f"m{i:03d}.py": b"x = 1\n" for i in range(5)})
    outputs = {}
    for tree in ("big", "small"):
        leader, follower = pty.openpty()
        completed = subprocess.run(
            [str(TFMIGRATE), "--check", "--intree", tree, "--jobs", "1"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=follower,
            check=False,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        outputs[tree] = (completed.stdout.decode(), b"".join(chunks).decode())
    stdout, terminal = outputs["big"]
    assert "Checking [" in terminal and "40/40 files 100%" in terminal
    assert terminal.endswith("\r")  # the bar is erased before the summary
    assert "would change: big/m000.py" in stdout and "Checking" not in stdout
    assert outputs["small"][1] == ""  # small trees get no bar


def test_progress_bar_rendering() -> None:
    now = [100.0]
    stream = io.StringIO()
    bar = progress.ProgressBar(stream, clock=lambda: now[0])
    bar.start(4)
    for _ in range(4):
        now[0] += 30
        bar.advance()
    assert bar.render() == "Converting [" + "#" * 30 + "] 4/4 files 100% 2:00"
    bar.close()
    assert stream.getvalue().endswith("\r" + " " * len(bar.render()) + "\r")
