"""Focused checks of the chapter 5 reference modules (MNIST autoencoders) and their parity hooks."""

from __future__ import annotations

import math

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import ch05_autoencoder, ch05_conv_autoencoder, ch05_denoising_autoencoder
from tests.examples._formulas import sigmoid
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

TRAINABLE = {
    "ch05_autoencoder": ch05_autoencoder,
    "ch05_denoising_autoencoder": ch05_denoising_autoencoder,
    "ch05_conv_autoencoder": ch05_conv_autoencoder,
}


@pytest.fixture(scope="module")
def clean_images() -> np.ndarray:
    """16 real digits in the tutorial layout (flat 784), as the chapter 5 programs read them."""
    return mnist_data.read_data_sets(layout="tutorial", one_hot=True, smoke=True).train.images[:16]


def _batch(example_id: str, clean: np.ndarray) -> dict[str, np.ndarray]:
    if example_id == "ch05_autoencoder":
        return {"X": clean}
    noise = 0.3 * np.random.RandomState(7).randn(*clean.shape)
    return {"x": (clean + noise).astype(np.float32), "y": clean}


def _autoencoder_loss(w: dict[str, np.ndarray], batch: dict[str, np.ndarray]) -> float:
    x = batch["X"].astype(np.float64)
    h = x
    for layer in ("encoder", "decoder"):
        for k in (1, 2):
            h = sigmoid(h @ w[f"weights/{layer}_h{k}"] + w[f"biases/{layer}_b{k}"])
    return float(np.mean((x - h) ** 2))


def _denoising_loss(w: dict[str, np.ndarray], batch: dict[str, np.ndarray]) -> float:
    h = sigmoid(batch["x"].astype(np.float64) @ w["weights/h1"] + w["biases/b1"])
    h = sigmoid(h @ w["weights/h2"] + w["biases/b2"])
    y_pred = sigmoid(h @ w["weights/out"] + w["biases/out"])
    return float(np.mean((y_pred - batch["y"]) ** 2))


@pytest.mark.parametrize(
    ("example_id", "loss64"),
    [("ch05_autoencoder", _autoencoder_loss), ("ch05_denoising_autoencoder", _denoising_loss)],
)
def test_dense_autoencoder_gradients_match_finite_differences(example_id, loss64, clean_images) -> None:
    model = TRAINABLE[example_id].parity_model()
    batch = _batch(example_id, clean_images)
    # The book's stddev-1.0 weights saturate every sigmoid; scaled down, all the terms matter.
    weights = {k: v * np.float32(0.1) for k, v in model.initial_weights(0).items()}
    assert model.loss(weights, batch) == pytest.approx(loss64(weights, batch), rel=1e-5)
    grads = model.gradients(weights, batch)
    w64 = {k: v.astype(np.float64) for k, v in weights.items()}
    eps = 1e-4
    for name, grad in grads.items():
        for flat in np.argsort(-np.abs(grad).ravel())[:2]:
            index = np.unravel_index(flat, grad.shape)
            plus = {k: v.copy() for k, v in w64.items()}
            minus = {k: v.copy() for k, v in w64.items()}
            plus[name][index] += eps
            minus[name][index] -= eps
            numeric = (loss64(plus, batch) - loss64(minus, batch)) / (2 * eps)
            assert grad[index] == pytest.approx(numeric, rel=2e-3, abs=1e-8), (name, index)


@pytest.mark.parametrize("example_id", sorted(TRAINABLE))
def test_parity_hooks_shapes_and_training(example_id: str, clean_images) -> None:
    model = TRAINABLE[example_id].parity_model()
    spec = model.batch_spec()
    batch = _batch(example_id, clean_images)
    assert sorted(spec) == sorted(batch)
    assert all(s.shape == (784,) and s.kind == "real" for s in spec.values())
    weights = model.initial_weights(0)
    assert all(v.dtype == np.float32 for v in weights.values())
    output = model.forward(weights, batch)
    expected_shape = (16, 28, 28, 1) if example_id == "ch05_conv_autoencoder" else (16, 784)
    assert output.shape == expected_shape and np.all((output >= 0) & (output <= 1))
    grads = model.gradients(weights, batch)
    assert sorted(grads) == sorted(weights)
    for name, grad in grads.items():
        assert grad.shape == weights[name].shape and np.all(np.isfinite(grad)), name
        assert np.any(grad != 0), name
    before = model.loss(weights, batch)
    trained = model.train_steps(weights, [batch] * 5)
    after = model.loss(trained, batch)
    assert math.isfinite(after) and after < before
    again = model.train_steps(weights, [batch] * 5)
    for name in weights:
        np.testing.assert_array_equal(again[name], trained[name])


def test_initial_weights_follow_the_book_initialisers() -> None:
    dense = ch05_autoencoder.parity_model().initial_weights(0)
    assert dense["weights/encoder_h1"].shape == (784, 256)
    assert dense["weights/decoder_h2"].shape == (256, 784)
    assert dense["biases/decoder_b2"].shape == (784,)
    assert np.concatenate([v.ravel() for v in dense.values()]).std() == pytest.approx(1.0, rel=0.02)
    denoising = ch05_denoising_autoencoder.parity_model().initial_weights(0)
    assert sorted(denoising) == [
        "biases/b1",
        "biases/b2",
        "biases/out",
        "weights/h1",
        "weights/h2",
        "weights/out",
    ]
    conv = ch05_conv_autoencoder.parity_model().initial_weights(0)
    assert conv["weights/cd3"].shape == (5, 5, 32, 64)  # conv2d_transpose filters are [h, w, out, in]
    assert conv["biases/bd1"].shape == (1,)
    assert np.concatenate([v.ravel() for v in conv.values()]).std() == pytest.approx(0.1, rel=0.05)


def test_rmsprop_first_step_is_tf1s(clean_images) -> None:
    # TF1 RMSProp: the mean-square slot starts at 1.0, epsilon 1e-10 inside the sqrt, no momentum.
    model = ch05_autoencoder.parity_model()
    batch = _batch("ch05_autoencoder", clean_images)
    w0 = {k: v * np.float32(0.1) for k, v in model.initial_weights(0).items()}
    g = model.gradients(w0, batch)
    w1 = model.train_steps(w0, [batch])
    for name in w0:
        expected = w0[name] - 0.01 * g[name] / np.sqrt(0.9 + 0.1 * g[name] ** 2 + 1e-10)
        np.testing.assert_allclose(w1[name], expected, rtol=1e-6, atol=1e-8)


def test_conv_autoencoder_adam_first_step_is_tf1s(clean_images) -> None:
    model = ch05_conv_autoencoder.parity_model()
    batch = _batch("ch05_conv_autoencoder", clean_images)
    w0 = model.initial_weights(0)
    g = model.gradients(w0, batch)
    w1 = model.train_steps(w0, [batch], learning_rate=0.001)
    eps_hat = 1e-8 / math.sqrt(1 - 0.999)
    for name in w0:
        expected = w0[name] - 0.001 * g[name] / (np.abs(g[name]) + eps_hat)
        np.testing.assert_allclose(w1[name], expected, rtol=1e-5, atol=1e-6)


def test_conv_autoencoder_loss_is_a_batch_sum_over_a_second_cae_call(clean_images) -> None:
    import tensorflow as tf

    model = ch05_conv_autoencoder.parity_model()
    batch = _batch("ch05_conv_autoencoder", clean_images)
    weights = model.initial_weights(0)
    pred = model.forward(weights, batch)
    expected = float(np.sum((pred.astype(np.float64) - batch["y"].reshape(-1, 28, 28, 1)) ** 2))
    assert model.loss(weights, batch) == pytest.approx(expected, rel=1e-5)

    # With dropout on, the cost's cae() draws its own masks: it is not the error of `pred`.
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(0)
        built = ch05_conv_autoencoder.build(weights, 0.001)
        init = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        feed = {built.inputs["x"]: batch["x"], built.inputs["y"]: batch["y"], built.extra["keepprob"]: 0.7}
        pred_train, cost_train = sess.run([built.output, built.loss], feed)
    own_error = float(np.sum((pred_train - batch["y"].reshape(-1, 28, 28, 1)) ** 2))
    # (The two sums are statistically alike; were the cost built on `pred`, they would agree to float
    # rounding, about 1e-7.)
    assert cost_train != pytest.approx(own_error, rel=1e-5)


def test_denoising_run_displays_every_ten_epochs(tmp_path) -> None:
    metrics = ch05_denoising_autoencoder.run(RunConfig(smoke=True, steps=110, logdir=tmp_path))
    assert metrics["steps"] == 110 and metrics["epochs"] == 11
    assert metrics["displayed_epochs"] == [0, 10]
    assert len(metrics["average_costs"]) == len(metrics["test_labels"]) == 2
    assert all(0 <= label <= 9 for label in metrics["test_labels"])


def test_autoencoders_use_the_tutorial_layout(tmp_path) -> None:
    metrics = ch05_autoencoder.run(RunConfig(smoke=True, steps=4, logdir=tmp_path))
    assert metrics["steps"] == 4 and metrics["batch_size"] == 256
    # 1,000 smoke training images of the tutorial layout: 3 batches of 256 per epoch -> 2 epochs.
    assert metrics["epochs"] == 2 and len(metrics["epoch_costs"]) == 2
    assert metrics["train_examples"] == mnist_data.SMOKE_TRAIN
