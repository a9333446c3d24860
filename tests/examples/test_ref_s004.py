"""Seed B ("TensorFlow API") reference examples: derived results and parity-hook sanity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    _basics_common,
    s004_device_pin,
    s004_estimator_iris_input_fn,
    s004_graph_as_default,
    s004_layers_activations_metrics,
    s004_name_scope_mean,
    s004_optimizers_batchnorm,
    s004_summaries_filewriter,
)
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")


def iris_batch(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {
        "x": rng.uniform(0.5, 7.5, size=(n, 4)).astype(np.float32),
        "y": rng.integers(0, 3, size=n).astype(np.int32),
    }


def test_graph_as_default(tmp_path: Path) -> None:
    metrics = s004_graph_as_default.run(smoke(tmp_path))
    assert metrics["value"] == "Node in g"
    assert metrics["constant_in_g"] is True
    assert metrics["outer_graph_default_after_block"] is True
    assert metrics["outer_graph_operations"] == 0
    assert metrics["trainable_variables"] == ["counter:0"]


def test_device_pin_places_on_existing_devices(tmp_path: Path) -> None:
    import tensorflow as tf

    metrics = s004_device_pin.run(smoke(tmp_path))
    assert metrics["requested_device_cpu_op"] == "/device:CPU:0"
    assert str(metrics["actual_device_cpu_op"]).endswith("device:CPU:0")
    expected_gpu_op_device = "device:GPU:0" if tf.config.list_physical_devices("GPU") else "device:CPU:0"
    assert str(metrics["actual_device_gpu_op"]).endswith(expected_gpu_op_device)
    assert metrics["result_cpu_op"] == [5.0, 14.0, 14.0, 50.0]


def test_name_scope_mean_is_integer_one(tmp_path: Path) -> None:
    metrics = s004_name_scope_mean.run(smoke(tmp_path))
    assert metrics["mean"] == 1
    assert metrics["dtype"] == "int32"
    assert metrics["tensor_name"] == "section/Mean:0"


def test_summaries_filewriter_writes_both_summaries_every_step(tmp_path: Path) -> None:
    metrics = s004_summaries_filewriter.run(smoke(tmp_path))
    steps = int(metrics["steps"])  # type: ignore[arg-type]
    tags = metrics["summary_tags"]
    assert isinstance(tags, list) and "var" in tags and any(str(t).startswith("mean") for t in tags)
    assert metrics["summaries_written"] == 2 * steps
    assert metrics["last_loss"] < metrics["first_loss"]  # type: ignore[operator]


def test_summaries_filewriter_gradients_match_least_squares() -> None:
    hooks = s004_summaries_filewriter.parity_model()
    weights = hooks.initial_weights(0)
    rng = np.random.default_rng(0)
    batch = {
        "x": rng.normal(size=(16, 3)).astype(np.float32),
        "y": rng.normal(size=(16, 1)).astype(np.float32),
    }
    grads = hooks.gradients(weights, batch)
    residual = batch["x"].astype(np.float64) @ weights["W"] + weights["b"] - batch["y"]
    np.testing.assert_allclose(grads["W"], 2 * batch["x"].T @ residual / 16, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(grads["b"], 2 * residual.mean(axis=0), rtol=1e-5, atol=1e-6)
    after = hooks.train_steps(weights, [batch], learning_rate=0.1)
    np.testing.assert_allclose(after["W"], weights["W"] - 0.1 * grads["W"], rtol=1e-5, atol=1e-6)


def test_estimator_trains_and_predicts_the_book_rows(tmp_path: Path) -> None:
    metrics = s004_estimator_iris_input_fn.run(smoke(tmp_path))
    assert metrics["global_step"] == metrics["steps"]
    assert metrics["test_accuracy"] >= 0.9  # type: ignore[operator]
    assert metrics["book_rows_labels"] == [2, 1]
    assert metrics["book_rows_predicted"] == [2, 1]
    # A second train call resumes from the checkpoint in model_dir, as an Estimator does.
    estimator = s004_estimator_iris_input_fn.DNNClassifier(Path(str(metrics["model_dir"])), seed=0)
    estimator.train(input_fn=s004_estimator_iris_input_fn.input_fn, steps=3)
    assert (
        estimator.evaluate(input_fn=s004_estimator_iris_input_fn.input_fn)["global_step"]
        == int(
            metrics["steps"]  # type: ignore[arg-type]
        )
        + 3
    )


def test_estimator_parity_loss_is_summed_and_trains() -> None:
    hooks = s004_estimator_iris_input_fn.parity_model()
    weights = hooks.initial_weights(0)
    batch = iris_batch(12, seed=1)
    logits = hooks.forward(weights, batch).astype(np.float64)
    log_softmax = (
        logits
        - np.log(np.exp(logits - logits.max(1, keepdims=True)).sum(1, keepdims=True))
        - (logits.max(1, keepdims=True))
    )
    summed = -log_softmax[np.arange(12), batch["y"]].sum()
    assert hooks.loss(weights, batch) == pytest.approx(summed, rel=1e-5)
    grads = hooks.gradients(weights, batch)
    assert set(grads) == set(weights)
    assert all(np.isfinite(g).all() and g.shape == weights[k].shape for k, g in grads.items())
    after = hooks.train_steps(weights, [batch] * 10)
    assert hooks.loss(after, batch) < hooks.loss(weights, batch)


def test_layers_graph_seed_makes_initialisers_deterministic() -> None:
    """tf-keras layers ignore the graph seed unless given TF1 initializers (see GLOROT_UNIFORM)."""
    import tensorflow as tf

    def initial_kernel() -> np.ndarray:
        with tf.Graph().as_default() as graph:
            tf.compat.v1.set_random_seed(7)
            model = _basics_common.iris_classifier(None, 0.01)
            with tf.compat.v1.Session(graph=graph) as sess:
                sess.run(tf.compat.v1.global_variables_initializer())
                return sess.run(model.variables["dnn/hiddenlayer_0/kernel"])

    np.testing.assert_array_equal(initial_kernel(), initial_kernel())


def test_layers_activations_match_their_formulas(tmp_path: Path) -> None:
    metrics = s004_layers_activations_metrics.run(smoke(tmp_path))
    x = np.asarray(metrics["activation_inputs"])
    np.testing.assert_allclose(metrics["activation_relu"], np.maximum(x, 0), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_sigmoid"], 1 / (1 + np.exp(-x)), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_tanh"], np.tanh(x), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_softplus"], np.log1p(np.exp(x)), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_leaky_relu"], np.where(x > 0, x, 0.2 * x), atol=1e-6)
    assert metrics["last_loss"] < metrics["first_loss"]  # type: ignore[operator]
    assert 0.3 < metrics["test_accuracy"] <= 1.0  # type: ignore[operator]


def test_layers_parity_hooks() -> None:
    hooks = s004_layers_activations_metrics.parity_model()
    weights = hooks.initial_weights(0)
    assert weights["conv1/kernel"].shape == (5, 5, 1, 16)
    rng = np.random.default_rng(0)
    batch = {
        "x": rng.uniform(0, 1, size=(6, 28, 28, 1)).astype(np.float32),
        "y": rng.integers(0, 10, size=6).astype(np.int32),
    }
    first, second = hooks.forward(weights, batch), hooks.forward(weights, batch)
    np.testing.assert_array_equal(first, second)  # dropout is off in the hooks
    assert first.shape == (6, 10)
    grads = hooks.gradients(weights, batch)
    assert set(grads) == set(weights)
    assert all(np.isfinite(g).all() for g in grads.values())
    after = hooks.train_steps(weights, [batch] * 3)
    assert hooks.loss(after, batch) < hooks.loss(weights, batch)


def test_optimizers_batchnorm_each_optimizer_learns(tmp_path: Path) -> None:
    metrics = s004_optimizers_batchnorm.run(smoke(tmp_path))
    for name in s004_optimizers_batchnorm.OPTIMIZERS:
        assert metrics[f"{name}_best_valid_loss"] < metrics[f"{name}_first_valid_loss"]  # type: ignore[operator]
        assert 0 < metrics[f"{name}_steps"] <= metrics["max_steps"]  # type: ignore[operator]


@pytest.mark.parametrize("optimizer", sorted(s004_optimizers_batchnorm.OPTIMIZERS))
def test_optimizers_batchnorm_parity_updates_moving_statistics(optimizer: str) -> None:
    hooks = s004_optimizers_batchnorm.parity_model(optimizer)
    weights = hooks.initial_weights(0)
    batch = iris_batch(16, seed=2)
    grads = hooks.gradients(weights, batch)
    assert "dnn/batchnorm_0/gamma" in grads and "dnn/batchnorm_0/moving_mean" not in grads
    after = hooks.train_steps(weights, [batch] * 5)
    assert set(after) == set(weights)
    assert not np.array_equal(after["dnn/batchnorm_0/moving_mean"], weights["dnn/batchnorm_0/moving_mean"])
    assert hooks.loss(after, batch) < hooks.loss(weights, batch)
