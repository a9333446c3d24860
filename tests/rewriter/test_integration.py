"""Integration (issue 10's must-show 4): the libcst codemod entry and the pre-commit hook, each run once."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from libcst.codemod import CodemodContext, CodemodTest

from tfmigrate.codemod import TfMigrateCommand

REPO = Path(__file__).resolve().parents[2]
LEGACY = "import tensorflow as tf\ny = tf.mul(a, b)\nz = tf.concat(1, [a, b])\n"
CONVERTED = "import tensorflow as tf\ny = tf.multiply(a, b)\nz = tf.concat(axis=1, values=[a, b])\n"


def test_codemod_through_libcst_tool(tmp_path: Path) -> None:
    (tmp_path / ".libcst.codemod.yaml").write_text(
        "generated_code_marker: '@generated'\nformatter: []\nmodules: []\n"
    )
    source = tmp_path / "src"
    source.mkdir()
    (source / "model.py").write_text(LEGACY)
    (source / "plain.py").write_text("x = 1\n")
    (source / "graph.py").write_text("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n")
    command = [
        sys.executable,
        "-m",
        "libcst.tool",
        "codemod",
        "-x",
        "tfmigrate.codemod.TfMigrateCommand",
        "--no-format",
        "--hide-progress",
        "-j",
        "1",
        "src",
    ]
    completed = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert (source / "model.py").read_text() == CONVERTED
    assert (source / "plain.py").read_text() == "x = 1\n"
    assert "Transformed 1 files successfully" in completed.stderr and "Skipped 2 files" in completed.stderr

    completed = subprocess.run(
        [*command[:-1], "--target", "2", "src/graph.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "tf.compat.v1.placeholder(tf.float32)" in (source / "graph.py").read_text()


class TestTfMigrateCommand(CodemodTest):
    TRANSFORM = TfMigrateCommand

    def test_converts_and_warns(self) -> None:
        self.assertCodemod(LEGACY, CONVERTED)
        # A reordered call that fits both orders is converted and reported: the codemod warns.
        self.assertCodemod(
            "import tensorflow as tf\ny = tf.concat(d, v)\n",
            "import tensorflow as tf\ny = tf.concat(axis=d, values=v)\n",
            expected_warnings=[
                "2:5: TFM1201 warning: " + self._message("import tensorflow as tf\ny = tf.concat(d, v)\n")
            ],
        )

    def test_skips_what_has_nothing_to_convert(self) -> None:
        self.assertCodemod("x = 1\n", "x = 1\n", expected_skip=True)

    def _message(self, code: str) -> str:
        from tfmigrate import rules
        from tfmigrate.engine.convert import convert_source

        (finding,) = [
            f for f in convert_source(code, rules.select("1")).findings if f.severity.value == "warning"
        ]
        return finding.message


def test_codemod_options_are_checked_as_the_cli_checks_them() -> None:
    assert TfMigrateCommand(CodemodContext(), target="2", compat_style="import").rules.name.startswith(
        "target2"
    )
    with pytest.raises(ValueError, match="--compat-style goes with --target 2"):
        TfMigrateCommand(CodemodContext(), target="1", compat_style="import")


def test_pre_commit_hook_runs_tfmigrate_check_on_the_files(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "tfmigrate-check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"python", "jupyter"} and hook["pass_filenames"] is True
    (tmp_path / "legacy.py").write_text(LEGACY)
    (tmp_path / "clean.py").write_text(CONVERTED)
    # As pre-commit runs a hook: its entry, then the staged file names, from the repository root.
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def hook_run(*names: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*shlex.split(hook["entry"]), *names],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    failing = hook_run("legacy.py", "clean.py")
    assert failing.returncode == 1
    assert (
        "would change: legacy.py" in failing.stdout
        and "clean.py" not in failing.stdout.split("would change")[-1]
    )
    assert hook_run("clean.py").returncode == 0
    assert (tmp_path / "legacy.py").read_text() == LEGACY  # the hook writes nothing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.py", "legacy.py"]
