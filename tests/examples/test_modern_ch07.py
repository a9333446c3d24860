"""Chapter 7 in modern_tf2 on CPU: placement, soft placement, memory options and tf.distribute.

ch07_multi_gpu mirrors over two logical CPU devices, which `import modern_tf2` configures only if
TensorFlow has not initialised its devices yet. In this process that normally holds (nothing runs an op
while the tests are collected), but to check the two-replica path regardless, one test runs the example
in a fresh interpreter, where the split is certain.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from modern_tf2 import (
    _basics_common,
    _devices,
    ch07_gpu_matpow,
    ch07_gpu_memory_options,
    ch07_gpu_soft_placement,
    ch07_multi_gpu,
)
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

REPO = Path(__file__).resolve().parents[2]


def gpu_count() -> int:
    import tensorflow as tf

    return len(tf.config.list_physical_devices("GPU"))


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path)


def test_matpow_is_the_books_recursion_in_a_tf_function() -> None:
    import tensorflow as tf

    m = np.random.default_rng(0).uniform(size=(4, 4)).astype(np.float32) / 4
    for n in (0, 1, 10):
        value = tf.function(lambda t, n=n: _basics_common.matpow(t, n))(m).numpy()
        np.testing.assert_allclose(value, np.linalg.matrix_power(m.astype(np.float64), n + 1), rtol=1e-5)


def test_same_matrices_as_the_reference() -> None:
    from reference_tf1 import _basics_common as reference

    for ours, theirs in zip(
        _basics_common.random_matrices(8, 3), reference.random_matrices(8, 3), strict=True
    ):
        np.testing.assert_array_equal(ours, theirs)
    assert _basics_common.matrix_size(RunConfig(smoke=True)) == 256
    assert _basics_common.matrix_size(RunConfig(steps=64)) == 64


def test_gpu_matpow_finite_and_correct(tmp_path: Path) -> None:
    metrics = ch07_gpu_matpow.run(smoke(tmp_path))
    assert metrics["gpu_seen"] is (gpu_count() > 0)
    assert metrics["matrix_size"] == 256 and metrics["matmuls"] == 20
    assert metrics["result_finite"] is True
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]
    if not gpu_count():
        assert metrics["devices_used"] == ["/job:localhost/replica:0/task:0/device:CPU:0"]


def test_soft_placement_error_then_success(tmp_path: Path) -> None:
    import tensorflow as tf

    before = tf.config.get_soft_device_placement()
    metrics = ch07_gpu_soft_placement.run(smoke(tmp_path))
    assert tf.config.get_soft_device_placement() == before  # the process-wide switch is restored
    if gpu_count() < 2:
        assert metrics["error_without_soft_placement"] == "InvalidArgumentError"
        assert "GPU:1" in str(metrics["error_message"])
    else:
        assert metrics["error_without_soft_placement"] == ""
    assert metrics["soft_placement_ran"] is True
    assert metrics["result_finite"] is True
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]


def test_gpu_memory_options(tmp_path: Path) -> None:
    metrics = ch07_gpu_memory_options.run(smoke(tmp_path))
    assert metrics["allow_growth"] is True
    assert metrics["per_process_gpu_memory_fraction"] == pytest.approx(0.4)
    assert metrics["matmul_result"] == 64 * 64 * 64 * 0.25
    assert metrics["gpu_seen"] is (gpu_count() > 0)
    if not gpu_count():
        assert metrics["memory_growth_status"] == "no GPU: nothing to configure"
    assert ch07_gpu_memory_options.memory_limit_config(1000, 0.4).memory_limit == 400


def test_multi_gpu_mirrors_over_the_devices_present(tmp_path: Path) -> None:
    import tensorflow as tf

    metrics = ch07_multi_gpu.run(smoke(tmp_path))
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]
    assert metrics["logical_device_setup"] == _devices.SETUP["status"]
    expected = tf.config.list_logical_devices("GPU") or tf.config.list_logical_devices("CPU")
    assert metrics["replicas"] == len(expected)
    if not gpu_count():
        assert str(metrics["sum_device"]).endswith("CPU:0")
        if _devices.SETUP["logical_cpus"] == 2:  # the split happened at import, as it should here
            assert metrics["replicas"] == 2
            assert str(metrics["device_of_b_power"]).endswith("CPU:1")
            assert len(metrics["matmul_devices_in_traced_graph"]) == 2  # type: ignore[arg-type]


def test_multi_gpu_in_a_fresh_interpreter_uses_two_logical_cpus(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TF_CPP_MIN_LOG_LEVEL": "2"}
    command = [
        sys.executable,
        "-m",
        "modern_tf2",
        "run",
        "ch07_multi_gpu",
        "--smoke",
        "--logdir",
        str(tmp_path),
    ]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    metrics = result["metrics"]
    assert result["example"] == "ch07_multi_gpu" and result["impl"] == "tf2"
    assert metrics["max_rel_error_vs_numpy"] < 1e-4
    if not metrics["gpu_seen"]:
        assert metrics["logical_device_setup"] == "configured 2 logical CPUs at import"
        assert metrics["replicas"] == 2
        assert metrics["device_of_a_power"].endswith("CPU:0")
        assert metrics["device_of_b_power"].endswith("CPU:1")
        assert [d[-5:] for d in metrics["matmul_devices_in_traced_graph"]] == ["CPU:0", "CPU:1"]
