"""modern_tf2 mirrors reference_tf1 id for id, runs every example with --smoke, and never uses tf.compat.v1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import modern_tf2
import reference_tf1
from tfmigrate.book.runtime import RunConfig, discover, run_example

MODERN = discover("modern_tf2")
REFERENCE = discover("reference_tf1")
TREE = Path(modern_tf2.__file__).resolve().parent


def test_no_tf_compat_v1_in_the_modern_tree() -> None:
    pattern = re.compile(r"compat\s*\.\s*v1|compat\.v1|tf_keras|TF_USE_LEGACY_KERAS")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(TREE.glob("*.py"))
        if path.name != "__init__.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_same_file_names_as_the_reference() -> None:
    modern = {p.name for p in TREE.glob("ch*.py")} | {p.name for p in TREE.glob("s004_*.py")}
    reference_dir = Path(reference_tf1.__file__).resolve().parent
    reference = {p.name for p in reference_dir.glob("ch*.py")} | {p.name for p in reference_dir.glob("s004_*.py")}
    assert modern <= reference


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
    if example_id not in MODERN:
        pytest.skip(f"{example_id}: not in modern_tf2 yet (issue 6)")
    assert (REFERENCE[example_id].parity_model is None) == (MODERN[example_id].parity_model is None)
