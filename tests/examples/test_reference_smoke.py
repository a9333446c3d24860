"""Every reference_tf1 example runs with --smoke, offline, on CPU, and prints its JSON result line."""

from __future__ import annotations

import json

import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from tfmigrate.book.runtime import RunConfig, discover, run_example

EXAMPLES = discover("reference_tf1")


@pytest.mark.tf
@pytest.mark.parametrize("example_id", sorted(EXAMPLES))
def test_smoke_run_prints_json_result(example_id: str, tmp_path, capsys) -> None:
    config = RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")
    metrics = run_example(EXAMPLES, example_id, config, "tf1")
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    result = json.loads(last_line)
    assert result == {"example": example_id, "impl": "tf1", "metrics": json.loads(json.dumps(metrics))}
    assert metrics, f"{example_id} reported no metrics"
