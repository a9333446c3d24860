"""Chapter 7 reference examples on CPU: placement, soft placement, finite matrix powers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    _basics_common,
    ch07_gpu_matpow,
    ch07_gpu_memory_options,
    ch07_gpu_soft_placement,
    ch07_multi_gpu,
)
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def gpu_count() -> int:
    import tensorflow as tf

    return len(tf.config.list_physical_devices("GPU"))


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path)


def test_matpow_is_the_books_recursion() -> None:
    import tensorflow as tf

    m = np.random.default_rng(0).uniform(size=(4, 4)).astype(np.float32) / 4
    with tf.Graph().as_default() as graph:
        tensor = tf.constant(m)
        powers = [_basics_common.matpow(tensor, n) for n in (0, 1, 10)]
        with tf.compat.v1.Session(graph=graph) as sess:
            values = sess.run(powers)
    for n, value in zip((0, 1, 10), values, strict=True):
        np.testing.assert_allclose(value, np.linalg.matrix_power(m.astype(np.float64), n + 1), rtol=1e-5)


def test_matrix_size_choice() -> None:
    assert _basics_common.matrix_size(RunConfig(smoke=True)) == 256
    assert _basics_common.matrix_size(RunConfig(steps=64)) == 64
    expected_default = 10000 if gpu_count() else 256
    assert _basics_common.matrix_size(RunConfig()) == expected_default


def test_gpu_matpow_finite_and_correct(tmp_path: Path) -> None:
    metrics = ch07_gpu_matpow.run(smoke(tmp_path))
    assert metrics["gpu_seen"] is (gpu_count() > 0)
    assert metrics["matrix_size"] == 256 and metrics["matmuls"] == 20
    assert metrics["result_finite"] is True
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]
    if not gpu_count():
        assert metrics["devices_used"] == ["/job:localhost/replica:0/task:0/device:CPU:0"]


def test_soft_placement_error_then_success(tmp_path: Path) -> None:
    metrics = ch07_gpu_soft_placement.run(smoke(tmp_path))
    if gpu_count() < 2:
        assert metrics["error_without_soft_placement"] == "InvalidArgumentError"
        assert "GPU:1" in str(metrics["error_message"])
    else:
        assert metrics["error_without_soft_placement"] == ""
    assert metrics["soft_placement_ran"] is True
    assert metrics["result_finite"] is True
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]


def test_multi_gpu_falls_back_with_soft_placement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch07_multi_gpu.run(smoke(tmp_path))
    assert metrics["requested_devices"] == ["/device:GPU:0", "/device:GPU:1", "/device:CPU:0"]
    if gpu_count() == 0:
        assert str(metrics["device_of_a_power"]).endswith("CPU:0")
        assert str(metrics["device_of_b_power"]).endswith("CPU:0")
    assert metrics["max_rel_error_vs_numpy"] < 1e-4  # type: ignore[operator]
    assert 'Tensor("AddN:0", shape=(256, 256), dtype=float32' in capsys.readouterr().out


def test_gpu_memory_options(tmp_path: Path) -> None:
    metrics = ch07_gpu_memory_options.run(smoke(tmp_path))
    assert metrics["allow_growth"] is True
    assert metrics["per_process_gpu_memory_fraction"] == pytest.approx(0.4)
    assert (
        metrics["session_result_allow_growth"]
        == metrics["session_result_memory_fraction"]
        == 64 * 64 * 64 * 0.25
    )
    assert metrics["gpu_seen"] is (gpu_count() > 0)
