"""Must-show 2 of issue 4: legacy tf.test.TestCase files pass under TensorFlow 2.21 after --target 2.

tests/fixtures/target2/legacy_tests/ holds tests in the TF 0.12 dialect (graph mode, cached_session,
.eval()). Each is converted in both styles and run with pytest in a fresh process (the symbols style
disables eager execution process-wide, as TF 1.x code expects). As a control, the unconverted file
fails there.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tfmigrate.cli import main

LEGACY_TESTS = Path(__file__).resolve().parents[1] / "fixtures" / "target2" / "legacy_tests"
EXPECTED_PASSES = 12


def run_pytest(path: Path) -> tuple[int, str]:
    environment = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", str(path), "-q", "-rA", "-p", "no:cacheprovider", "-o", "addopts="],
        capture_output=True,
        text=True,
        cwd=path.parent,
        env=environment,
        check=False,
        timeout=600,
    )
    return completed.returncode, completed.stdout + completed.stderr


@pytest.mark.tf
@pytest.mark.parametrize("style", ["symbols", "import"])
def test_converted_legacy_tests_pass_on_tf_2_21(
    style: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = LEGACY_TESTS / "legacy_ops_test.py"
    converted = tmp_path / "legacy_ops_test.py"
    code = main(
        [
            "--target",
            "2",
            "--compat-style",
            style,
            "--infile",
            str(source),
            "--outfile",
            str(converted),
            "--reportfile",
            str(tmp_path / "report.txt"),
        ]
    )
    capsys.readouterr()
    assert code == 0
    returncode, output = run_pytest(converted)
    assert returncode == 0, output
    assert re.search(rf"\b{EXPECTED_PASSES} passed\b", output), output
    skipped = re.findall(r"^SKIPPED \[\d+\] .*$", output, flags=re.MULTILINE)
    assert all("Not a test" in line for line in skipped), skipped  # tf.test.TestCase's own test_session


@pytest.mark.tf
def test_the_unconverted_legacy_tests_fail_on_tf_2_21(tmp_path: Path) -> None:
    copy = tmp_path / "legacy_ops_test.py"
    copy.write_bytes((LEGACY_TESTS / "legacy_ops_test.py").read_bytes())
    returncode, output = run_pytest(copy)
    assert returncode != 0
    assert "passed" not in output or not re.search(rf"\b{EXPECTED_PASSES} passed\b", output)
