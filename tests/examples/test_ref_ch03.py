"""Focused checks of the chapter 3 reference modules (MNIST feed-forward nets) and their parity hooks."""

from __future__ import annotations

import math

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    ch03_five_layer_relu,
    ch03_five_layer_relu_dropout,
    ch03_five_layer_sigmoid,
    ch03_mnist_explore,
    ch03_softmax_classifier,
)
from tests.examples._formulas import softmax
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

TRAINABLE = {
    "ch03_softmax_classifier": ch03_softmax_classifier,
    "ch03_five_layer_sigmoid": ch03_five_layer_sigmoid,
    "ch03_five_layer_relu": ch03_five_layer_relu,
    "ch03_five_layer_relu_dropout": ch03_five_layer_relu_dropout,
}


@pytest.fixture(scope="module")
def book_batch() -> dict[str, np.ndarray]:
    """20 real digits in the book layout: the parity batch the chapter 3 hooks expect."""
    data = mnist_data.read_data_sets(layout="book", one_hot=True, smoke=True)
    return {"X": data.train.images[:20], "Y_": data.train.labels[:20]}


def _softmax_classifier_loss(w: dict[str, np.ndarray], batch: dict[str, np.ndarray]) -> float:
    """The book's `-reduce_mean(Y_ * log(Y)) * 1000`, in float64 numpy."""
    xx = batch["X"].reshape(-1, 784).astype(np.float64)
    y = softmax(xx @ w["W"] + w["b"])
    return float(-np.mean(batch["Y_"] * np.log(y)) * 1000.0)


def _five_layer_loss(w: dict[str, np.ndarray], batch: dict[str, np.ndarray], activation: str) -> float:
    """`reduce_mean(softmax_xent(logits, labels)) * 100` of the five-layer nets, in float64 numpy."""
    act = (lambda z: 1.0 / (1.0 + np.exp(-z))) if activation == "sigmoid" else (lambda z: np.maximum(z, 0.0))
    h = batch["X"].reshape(-1, 784).astype(np.float64)
    for k in range(1, 5):
        h = act(h @ w[f"W{k}"] + w[f"B{k}"])
    logits = h @ w["W5"] + w["B5"]
    log_softmax = logits - logits.max(axis=1, keepdims=True)
    log_softmax -= np.log(np.exp(log_softmax).sum(axis=1, keepdims=True))
    return float(np.mean(-(batch["Y_"] * log_softmax).sum(axis=1)) * 100.0)


def _finite_difference_check(loss64, weights, grads, entries_per_weight: int = 3, eps: float = 1e-4) -> None:
    """Central differences in float64 at the largest-gradient entries of each weight."""
    w64 = {k: v.astype(np.float64) for k, v in weights.items()}
    for name, grad in grads.items():
        flat = np.argsort(-np.abs(grad).ravel())[:entries_per_weight]
        for index in (np.unravel_index(i, grad.shape) for i in flat):
            plus = {k: v.copy() for k, v in w64.items()}
            minus = {k: v.copy() for k, v in w64.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            numeric = (loss64(plus) - loss64(minus)) / (2 * eps)
            scale = max(1e-3, float(np.abs(grad).max()))
            assert abs(grad[index] - numeric) <= 2e-3 * scale, (name, index, grad[index], numeric)


def test_softmax_classifier_gradients_match_finite_differences(book_batch) -> None:
    model = ch03_softmax_classifier.parity_model()
    # Small random weights rather than the book's zeros, so that every term of the loss matters.
    rng = np.random.default_rng(3)
    weights = {
        "W": (0.01 * rng.standard_normal((784, 10))).astype(np.float32),
        "b": (0.1 * rng.standard_normal(10)).astype(np.float32),
    }
    assert model.loss(weights, book_batch) == pytest.approx(
        _softmax_classifier_loss(weights, book_batch), rel=1e-5
    )
    grads = model.gradients(weights, book_batch)
    _finite_difference_check(lambda w: _softmax_classifier_loss(w, book_batch), weights, grads)


@pytest.mark.parametrize(
    ("module", "activation"),
    [
        (ch03_five_layer_sigmoid, "sigmoid"),
        (ch03_five_layer_relu, "relu"),
        (ch03_five_layer_relu_dropout, "relu"),
    ],
)
def test_five_layer_gradients_match_finite_differences(module, activation, book_batch) -> None:
    model = module.parity_model()
    weights = model.initial_weights(0)
    assert model.loss(weights, book_batch) == pytest.approx(
        _five_layer_loss(weights, book_batch, activation), rel=1e-5
    )
    grads = model.gradients(weights, book_batch)
    _finite_difference_check(lambda w: _five_layer_loss(w, book_batch, activation), weights, grads, 2)


@pytest.mark.parametrize("example_id", sorted(TRAINABLE))
def test_parity_hooks_shapes_and_training(example_id: str, book_batch) -> None:
    model = TRAINABLE[example_id].parity_model()
    spec = model.batch_spec()
    assert spec["X"].shape == (28, 28, 1) and spec["X"].kind == "real"
    assert spec["Y_"].kind == "one_hot" and spec["Y_"].depth == 10
    weights = model.initial_weights(0)
    assert all(v.dtype == np.float32 for v in weights.values())
    assert model.forward(weights, book_batch).shape == (20, 10)
    grads = model.gradients(weights, book_batch)
    assert sorted(grads) == sorted(weights)
    for name, grad in grads.items():
        assert grad.shape == weights[name].shape and np.all(np.isfinite(grad)), name
    before = model.loss(weights, book_batch)
    after_weights = model.train_steps(weights, [book_batch] * 3)
    assert sorted(after_weights) == sorted(weights)
    after = model.loss(after_weights, book_batch)
    assert math.isfinite(after) and after < before
    # Deterministic: same weights and batches, same result (no dropout, fresh optimizer state).
    again = model.train_steps(weights, [book_batch] * 3)
    for name in weights:
        np.testing.assert_array_equal(again[name], after_weights[name])


def test_initial_weights_follow_the_book_initialisers() -> None:
    sigmoid = ch03_five_layer_sigmoid.parity_model().initial_weights(0)
    relu = ch03_five_layer_relu.parity_model().initial_weights(0)
    assert sigmoid["W1"].shape == (784, 200) and sigmoid["W5"].shape == (30, 10)
    for k in range(1, 6):
        assert np.abs(sigmoid[f"W{k}"]).max() <= 0.2  # truncated at 2 stddev
        np.testing.assert_array_equal(sigmoid[f"B{k}"], 0.0)
    for k in range(1, 5):
        np.testing.assert_array_equal(relu[f"B{k}"], np.float32(0.1))
    np.testing.assert_array_equal(relu["B5"], 0.0)
    draws = truncated_normal(np.random.default_rng(1), [200_000], stddev=0.1)
    # Truncated at 2 sigma the stddev shrinks to 0.0880 of the untruncated 0.1.
    assert draws.std() == pytest.approx(0.08796, rel=0.01)
    softmax = ch03_softmax_classifier.parity_model().initial_weights(0)
    assert not softmax["W"].any() and not softmax["b"].any()


def test_optimizer_first_steps_follow_tf1_formulas(book_batch) -> None:
    # Plain gradient descent (softmax) and Adam with TF1's epsilon 1e-8 (five-layer nets).
    softmax = ch03_softmax_classifier.parity_model()
    w0 = softmax.initial_weights(0)
    g = softmax.gradients(w0, book_batch)
    w1 = softmax.train_steps(w0, [book_batch])
    for name in w0:
        np.testing.assert_allclose(w1[name], w0[name] - 0.005 * g[name], rtol=1e-6, atol=1e-7)

    sigmoid = ch03_five_layer_sigmoid.parity_model()
    w0 = sigmoid.initial_weights(0)
    g = sigmoid.gradients(w0, book_batch)
    w1 = sigmoid.train_steps(w0, [book_batch], learning_rate=0.003)
    eps_hat = 1e-8 / math.sqrt(1 - 0.999)
    for name in w0:
        expected = w0[name] - 0.003 * g[name] / (np.abs(g[name]) + eps_hat)
        np.testing.assert_allclose(w1[name], expected, rtol=1e-5, atol=1e-6)


def test_stepped_learning_rate_uses_python2_floor_division() -> None:
    lr = ch03_five_layer_relu.stepped_learning_rate
    assert lr(0) == pytest.approx(0.003)
    assert lr(1) == pytest.approx(0.0001 + 0.0029 * math.exp(-1))  # 0.0011669, not exp(-1/2000)
    assert lr(1) == pytest.approx(0.00116686, rel=1e-5)
    assert lr(599) == lr(1) == lr(2000)
    assert lr(2001) == pytest.approx(0.0001 + 0.0029 * math.exp(-2))
    assert ch03_five_layer_relu_dropout.stepped_learning_rate(1) == lr(1)


def test_relu_parity_default_learning_rate_is_the_schedule(book_batch) -> None:
    model = ch03_five_layer_relu.parity_model()
    w0 = model.initial_weights(0)
    first = model.train_steps(w0, [book_batch])
    np.testing.assert_array_equal(first["W1"], model.train_steps(w0, [book_batch], 0.003)["W1"])
    two_scheduled = model.train_steps(w0, [book_batch] * 2)
    two_constant = model.train_steps(w0, [book_batch] * 2, 0.003)
    assert not np.array_equal(two_scheduled["W1"], two_constant["W1"])


def test_dropout_is_keep_probability(book_batch) -> None:
    import tensorflow as tf

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(0)
        model = ch03_five_layer_relu_dropout.build(ch03_five_layer_relu_dropout.book_initial_values(), 0.003)
        y1, y1d, pkeep = model.extra["Y1"], model.extra["Y1d"], model.extra["pkeep"]
        init = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        images = np.repeat(book_batch["X"], 10, axis=0)
        dense, dropped = sess.run([y1, y1d], {model.inputs["X"]: images, pkeep: 0.75})
    active = dense > 0
    kept = dropped[active] != 0
    assert kept.mean() == pytest.approx(0.75, abs=0.01)  # keeps 75 %, does not drop 75 %
    np.testing.assert_allclose(dropped[active][kept], dense[active][kept] / 0.75, rtol=1e-6)


def test_mnist_explore_uses_the_book_layout() -> None:
    metrics = ch03_mnist_explore.run(RunConfig(smoke=True))
    assert metrics["train_images_shape"] == [1000, 28, 28, 1]
    assert metrics["train_labels_shape"] == [1000, 10]
    assert metrics["test_images_shape"] == [200, 28, 28, 1]
    assert metrics["validation"] is False
    assert metrics["image_0_shape"] == [28, 28]
    assert sum(metrics["label_0"]) == 1.0


def test_book_and_tutorial_layouts_differ_as_the_book_needs() -> None:
    book = mnist_data.read_data_sets(layout="book", smoke=True)
    tutorial = mnist_data.read_data_sets(layout="tutorial", smoke=True)
    assert book.train.images.shape[1:] == (28, 28, 1) and book.validation is None
    assert tutorial.train.images.shape[1:] == (784,) and tutorial.validation is not None
    assert book.train.labels.shape[1:] == tutorial.train.labels.shape[1:] == (10,)


def test_dropout_run_reports_both_test_accuracies(tmp_path) -> None:
    metrics = ch03_five_layer_relu_dropout.run(RunConfig(smoke=True, steps=30, logdir=tmp_path))
    assert metrics["steps"] == 30
    assert metrics["test_accuracy_pkeep"] == 0.75
    assert 0.0 <= metrics["test_accuracy"] <= 1.0 and 0.0 <= metrics["test_accuracy_pkeep_1"] <= 1.0
    assert (tmp_path / ch03_five_layer_relu_dropout.LOGS_PATH).is_dir()
