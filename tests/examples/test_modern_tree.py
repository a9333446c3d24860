"""modern_tf2 mirrors reference_tf1 id for id, runs every example with --smoke, and never uses tf.compat.v1."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import modern_tf2
import reference_tf1
from tfmigrate.book.runtime import RunConfig, discover, run_example

MODERN = discover("modern_tf2")
REFERENCE = discover("reference_tf1")
TREE = Path(modern_tf2.__file__).resolve().parent


def _legacy_uses(path: Path) -> list[str]:
    """Code (not prose) in `path` that reaches TF1: `.compat.v1`, tensorflow.compat / tf_keras imports,
    the TF_USE_LEGACY_KERAS switch. Docstrings may name the reference's constructs; code may not use them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "v1":
            inner = node.value
            if isinstance(inner, ast.Attribute) and inner.attr == "compat":
                found.append(f"{path.name}:{node.lineno}: .compat.v1")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            )
            found += [
                f"{path.name}:{node.lineno}: import {module}"
                for module in modules
                if module.startswith(("tensorflow.compat", "tf_keras")) or module == "tf_keras"
            ]
        elif isinstance(node, ast.Constant) and node.value == "TF_USE_LEGACY_KERAS":
            found.append(f"{path.name}:{node.lineno}: TF_USE_LEGACY_KERAS")
    return found


def test_no_tf_compat_v1_in_the_modern_tree() -> None:
    offenders = [
        use for path in sorted(TREE.glob("*.py")) if path.name != "__init__.py" for use in _legacy_uses(path)
    ]
    assert offenders == []


def test_the_check_finds_compat_v1_code(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""Mentions tf.compat.v1 in prose only."""\nimport tf_keras\nx = tf.compat.v1.placeholder\n'
    )
    assert _legacy_uses(sample) == ["sample.py:2: import tf_keras", "sample.py:3: .compat.v1"]


def test_same_file_names_as_the_reference() -> None:
    modern = {p.name for p in TREE.glob("ch*.py")} | {p.name for p in TREE.glob("s004_*.py")}
    reference_dir = Path(reference_tf1.__file__).resolve().parent
    reference = {p.name for p in reference_dir.glob("ch*.py")} | {
        p.name for p in reference_dir.glob("s004_*.py")
    }
    assert modern == reference


def test_the_same_example_ids_as_the_reference() -> None:
    """Issue 6's must-show 1: `python -m modern_tf2 list` matches `python -m reference_tf1 list` id for id."""
    assert sorted(MODERN) == sorted(REFERENCE)


@pytest.mark.tf
@pytest.mark.parametrize("example_id", sorted(MODERN))
def test_modern_smoke_run_prints_json_result(example_id: str, tmp_path: Path, capsys) -> None:
    assert example_id in REFERENCE
    assert MODERN[example_id].migration is not None, "every modern example documents its migration"
    config = RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")
    metrics = run_example(MODERN, example_id, config, "tf2")
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result == {"example": example_id, "impl": "tf2", "metrics": json.loads(json.dumps(metrics))}
    assert metrics


@pytest.mark.tf
@pytest.mark.parametrize("example_id", sorted(REFERENCE))
def test_trainable_examples_have_parity_hooks_in_both_trees(example_id: str) -> None:
    assert (REFERENCE[example_id].parity_model is None) == (MODERN[example_id].parity_model is None)
