"""Chapter 2 reference examples: the results the book prints, and the parity hooks of the trainable ones."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    ch02_constant_from_numpy,
    ch02_convert_to_tensor_3d,
    ch02_data_model_rank,
    ch02_feeds,
    ch02_fetches,
    ch02_hello_tensorflow,
    ch02_interactive_session,
    ch02_programming_model_multiply,
    ch02_single_input_neuron,
    ch02_tf_upgrade_five_layers_relu,
    ch02_variable_counter,
    ch02_variable_from_numpy,
)
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")


def test_hello_tensorflow_fetches_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_hello_tensorflow.run(smoke(tmp_path))
    assert metrics == {"output": "hello TensorFlow!", "fetched_type": "bytes"}
    assert capsys.readouterr().out.splitlines()[0] == "b'hello TensorFlow!'"


def test_programming_model_multiply_gives_200(tmp_path: Path) -> None:
    assert ch02_programming_model_multiply.run(smoke(tmp_path))["y_output"] == [200.0]


def test_data_model_rank_shapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_data_model_rank.run(smoke(tmp_path))
    shapes = [metrics[f"{name}_shape"] for name in ("scalar", "vector", "matrix", "cube_matrix")]
    assert shapes == ["()", "(5,)", "(2, 3)", "(3, 3, 1)"]
    assert [metrics[f"{name}_rank"] for name in ("scalar", "vector", "matrix", "cube_matrix")] == [0, 1, 2, 3]
    assert capsys.readouterr().out.splitlines()[:4] == ["()", "(5,)", "(2, 3)", "(3, 3, 1)"]


def test_constant_from_numpy(tmp_path: Path) -> None:
    metrics = ch02_constant_from_numpy.run(smoke(tmp_path))
    assert metrics["shape"] == "(10,)"
    assert metrics["value"] == list(range(1, 11))


def test_variable_from_numpy(tmp_path: Path) -> None:
    metrics = ch02_variable_from_numpy.run(smoke(tmp_path))
    assert metrics["shape"] == "(3, 3)"
    assert metrics["value_flat"] == list(range(1, 10))


def test_interactive_session_eval(tmp_path: Path) -> None:
    metrics = ch02_interactive_session.run(smoke(tmp_path))
    assert metrics["value"] == [1, 2, 3, 4, 5]
    assert metrics["default_session_was_interactive"] is True


def test_convert_to_tensor_3d(tmp_path: Path) -> None:
    metrics = ch02_convert_to_tensor_3d.run(smoke(tmp_path))
    assert metrics["shape"] == "(3, 3, 3)"
    assert metrics["dtype"] == "float64"
    assert metrics["value_flat"] == [float(v) for v in range(27)]


def test_variable_counter_counts_to_ten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_variable_counter.run(smoke(tmp_path))
    assert metrics["values"] == list(range(11))
    assert capsys.readouterr().out.split() == [str(v) for v in range(11)]


def test_fetches(tmp_path: Path) -> None:
    metrics = ch02_fetches.run(smoke(tmp_path))
    assert metrics["sum"] == [400.0]
    assert metrics["mul"] == [300.0]
    assert metrics["dtype"] == "float32"


def test_feeds_doubles_the_fed_data(tmp_path: Path) -> None:
    metrics = ch02_feeds.run(smoke(tmp_path))
    data = np.asarray(metrics["data"], np.float32)
    assert metrics["shape"] == [3, 2]
    np.testing.assert_array_equal(np.asarray(metrics["y"], np.float32), 2 * data)
    assert metrics["max_abs_diff_from_2x"] == 0.0
    other_seed = ch02_feeds.run(RunConfig(smoke=True, seed=1, logdir=tmp_path))
    assert other_seed["data"] != metrics["data"]


# --- single input neuron ------------------------------------------------------------------------------


def test_single_input_neuron_closed_form_and_summaries(tmp_path: Path) -> None:
    metrics = ch02_single_input_neuron.run(smoke(tmp_path))
    assert metrics["steps"] == 100
    assert metrics["final_weight"] == pytest.approx(0.9875**100, rel=1e-6)
    assert metrics["final_weight"] == pytest.approx(0.28425652, abs=1e-8)
    assert metrics["final_model"] == pytest.approx(0.14212826, abs=1e-7)
    assert metrics["final_loss"] == pytest.approx(0.020200443, rel=1e-5)
    # One summary before each step, the last one before the 100th step.
    assert metrics["logged_weight_count"] == 100
    assert metrics["last_logged_weight"] == pytest.approx(0.9875**99, rel=1e-6)
    logdir = Path(str(metrics["logdir"]))
    assert logdir == tmp_path / "logs" / "log_simple_stats"
    assert list(logdir.glob("events.out.tfevents.*"))


def test_single_input_neuron_gradient_matches_the_derivative() -> None:
    hooks = ch02_single_input_neuron.parity_model()
    weights = hooks.initial_weights(0)
    assert set(weights) == {"w"} and float(weights["w"]) == 1.0
    rng = np.random.default_rng(3)
    for _ in range(3):
        w, x, t = (np.float32(v) for v in rng.uniform(-1, 1, size=3))
        batch = {"input_value": np.asarray(x), "expected_output": np.asarray(t)}
        grads = hooks.gradients({"w": np.asarray(w)}, batch)
        # d/dw (t - x w)^2 = -2 x (t - x w)
        assert float(grads["w"]) == pytest.approx(-2 * x * (t - x * w), rel=1e-5, abs=1e-7)
        assert hooks.loss({"w": np.asarray(w)}, batch) == pytest.approx((t - x * w) ** 2, rel=1e-5, abs=1e-7)
        assert float(hooks.forward({"w": np.asarray(w)}, batch)) == pytest.approx(x * w, rel=1e-6)


def test_single_input_neuron_train_steps_follow_the_recurrence() -> None:
    hooks = ch02_single_input_neuron.parity_model()
    batch = {"input_value": np.asarray(0.5, np.float32), "expected_output": np.asarray(0.0, np.float32)}
    after = hooks.train_steps(hooks.initial_weights(0), [batch] * 100)
    assert float(after["w"]) == pytest.approx(0.9875**100, rel=1e-6)
    once = hooks.train_steps({"w": np.asarray(1.0, np.float32)}, [batch], learning_rate=0.1)
    assert float(once["w"]) == pytest.approx(1.0 - 0.1 * 2 * 0.25, rel=1e-6)


# --- tf_upgrade five layers relu ------------------------------------------------------------------------


def test_python2_learning_rate_is_stepped() -> None:
    lr = ch02_tf_upgrade_five_layers_relu.python2_learning_rate
    assert lr(0) == pytest.approx(0.003)
    stepped = 0.0001 + 0.0029 * math.exp(-1)
    assert lr(1) == pytest.approx(stepped) and lr(599) == pytest.approx(stepped)
    assert lr(2000) == pytest.approx(stepped)
    assert lr(2001) == pytest.approx(0.0001 + 0.0029 * math.exp(-2))


def _numpy_loss(weights: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    """The script's loss in float64 numpy: mean softmax cross-entropy * 100 of the ReLU net."""
    h = x.reshape(len(x), 784).astype(np.float64)
    for k in range(1, 5):
        h = np.maximum(h @ weights[f"W{k}"].astype(np.float64) + weights[f"B{k}"], 0.0)
    logits = h @ weights["W5"].astype(np.float64) + weights["B5"]
    logits -= logits.max(axis=1, keepdims=True)
    log_softmax = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-(y * log_softmax).sum(axis=1).mean() * 100)


def _mnist_like_batch(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "X": rng.uniform(0, 1, size=(n, 28, 28, 1)).astype(np.float32),
        "Y_": np.eye(10, dtype=np.float32)[rng.integers(0, 10, size=n)],
    }


def test_five_layers_parity_hooks_shapes_and_finite_differences() -> None:
    hooks = ch02_tf_upgrade_five_layers_relu.parity_model()
    weights = hooks.initial_weights(0)
    sizes = (784, 200, 100, 60, 30, 10)
    for k in range(1, 6):
        assert weights[f"W{k}"].shape == (sizes[k - 1], sizes[k])
        assert np.abs(weights[f"W{k}"]).max() <= 0.2  # truncated at 2 sigma
    np.testing.assert_array_equal(weights["B1"], np.full(200, 0.1, np.float32))
    np.testing.assert_array_equal(weights["B5"], np.zeros(10, np.float32))

    batch = _mnist_like_batch(8, seed=1)
    assert hooks.forward(weights, batch).shape == (8, 10)
    loss = hooks.loss(weights, batch)
    assert loss == pytest.approx(_numpy_loss(weights, batch["X"], batch["Y_"]), rel=1e-5)

    grads = hooks.gradients(weights, batch)
    assert set(grads) == set(weights)
    for name, grad in grads.items():
        assert grad.shape == weights[name].shape and np.isfinite(grad).all()

    # Central differences in float64 on the entries with the largest gradients of a few variables.
    eps = 1e-4
    for name in ("B5", "W5", "W1"):
        index = np.unravel_index(np.argmax(np.abs(grads[name])), grads[name].shape)
        plus = {k: v.astype(np.float64) for k, v in weights.items()}
        minus = {k: v.astype(np.float64) for k, v in weights.items()}
        plus[name][index] += eps
        minus[name][index] -= eps
        numeric = (
            _numpy_loss(plus, batch["X"], batch["Y_"]) - _numpy_loss(minus, batch["X"], batch["Y_"])
        ) / (2 * eps)
        assert float(grads[name][index]) == pytest.approx(numeric, rel=2e-3, abs=1e-4), name


def test_five_layers_train_steps_lower_the_loss() -> None:
    hooks = ch02_tf_upgrade_five_layers_relu.parity_model()
    weights = hooks.initial_weights(1)
    batch = _mnist_like_batch(32, seed=2)
    after = hooks.train_steps(weights, [batch] * 5)
    assert set(after) == set(weights)
    assert not np.array_equal(after["W1"], weights["W1"])
    assert hooks.loss(after, batch) < hooks.loss(weights, batch)
    # Calls do not share optimizer state: the same call twice gives the same weights.
    again = hooks.train_steps(weights, [batch] * 5)
    for name in weights:
        np.testing.assert_array_equal(after[name], again[name])


def test_five_layers_smoke_run_learns_and_logs(tmp_path: Path) -> None:
    metrics = ch02_tf_upgrade_five_layers_relu.run(smoke(tmp_path))
    assert metrics["steps"] == 100 and metrics["epochs"] == 10
    assert metrics["last_cost"] < metrics["first_cost"]
    assert metrics["test_accuracy"] > 0.6
    assert metrics["learning_rates_fed"] == pytest.approx([0.003, 0.0001 + 0.0029 * math.exp(-1)])
    assert len(metrics["tf_upgrade_report"]) == 7  # type: ignore[arg-type]
    assert list(Path(str(metrics["logdir"])).glob("events.out.tfevents.*"))
