"""modern_tf2 chapter 5 against reference_tf1: parity of the three autoencoders, RMSProp and conv-transpose.

Parity (tfmigrate.parity.harness and its tolerance policy): the reference's `initial_weights(0)` and three
batches of 16 real digits (tutorial layout; for the denoising models x = clean + 0.3 * N(0, 1) from a seeded
RandomState, y = clean) go into both trees' hooks: forward, loss, every gradient and every weight after 1
and 3 training steps. The book's stddev-1.0 weights saturate the dense autoencoders' sigmoids, so their
updates are ~1e-6, below the parameter bound: the same weights scaled by 0.1 (updates ~1e-3) are checked
too, and the first RMSProp step is checked against TF1's formula. Maximum differences are printed
("PARITY ...", -s).

RMSProp: TF1's (modern_tf2._tf1_optimizers.TF1RMSProp: slots from 1.0, epsilon 1e-10 inside the sqrt);
Keras' RMSprop with its zero-initialised slots does not match (tested below).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import ch05_autoencoder, ch05_conv_autoencoder, ch05_denoising_autoencoder
from modern_tf2._tf1_optimizers import TF1RMSProp, rmsprop
from reference_tf1 import ch05_autoencoder as ref_autoencoder
from reference_tf1 import ch05_conv_autoencoder as ref_conv
from reference_tf1 import ch05_denoising_autoencoder as ref_denoising
from tests.examples._parity import assert_same_initial_weights, check_parity
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

PAIRS = {
    "ch05_autoencoder": (ref_autoencoder, ch05_autoencoder),
    "ch05_denoising_autoencoder": (ref_denoising, ch05_denoising_autoencoder),
    "ch05_conv_autoencoder": (ref_conv, ch05_conv_autoencoder),
}


@pytest.fixture(scope="module")
def clean_batches() -> list[np.ndarray]:
    """Three batches of 16 real digits, flat 784, as the chapter 5 programs read them."""
    images = mnist_data.read_data_sets(layout="tutorial", one_hot=True, smoke=True).train.images
    return [images[k * 16 : (k + 1) * 16] for k in range(3)]


def _batches(example_id: str, clean: list[np.ndarray]) -> list[dict[str, np.ndarray]]:
    if example_id == "ch05_autoencoder":
        return [{"X": c} for c in clean]
    noise = np.random.RandomState(7)
    return [{"x": (c + 0.3 * noise.randn(*c.shape)).astype(np.float32), "y": c} for c in clean]


@pytest.mark.parametrize("example_id", sorted(PAIRS))
def test_parity_with_the_reference(example_id: str, clean_batches) -> None:
    reference_module, modern_module = PAIRS[example_id]
    reference, modern = reference_module.parity_model(), modern_module.parity_model()
    assert_same_initial_weights(reference, modern, 0)
    check_parity(
        example_id, reference, modern, reference.initial_weights(0), _batches(example_id, clean_batches)
    )


@pytest.mark.parametrize("example_id", ["ch05_autoencoder", "ch05_denoising_autoencoder"])
def test_parity_with_unsaturated_weights(example_id: str, clean_batches) -> None:
    reference_module, modern_module = PAIRS[example_id]
    reference, modern = reference_module.parity_model(), modern_module.parity_model()
    weights = {k: v * np.float32(0.1) for k, v in reference.initial_weights(0).items()}
    check_parity(
        example_id, reference, modern, weights, _batches(example_id, clean_batches), label="[weights x 0.1]"
    )


def test_conv_parity_with_a_given_learning_rate(clean_batches) -> None:
    reference, modern = ref_conv.parity_model(), ch05_conv_autoencoder.parity_model()
    weights = reference.initial_weights(1)
    batches = _batches("ch05_conv_autoencoder", clean_batches)
    check_parity(
        "ch05_conv_autoencoder", reference, modern, weights, batches, label="[lr 0.01]", learning_rate=0.01
    )


def test_tf1_rmsprop_slots_start_at_one() -> None:
    import keras

    variables = [keras.Variable(np.zeros((3, 2), np.float32)), keras.Variable(np.zeros(4, np.float32))]
    optimizer = rmsprop(0.01)
    assert isinstance(optimizer, TF1RMSProp)
    assert (optimizer.decay, optimizer.momentum, optimizer.epsilon) == (float(np.float32(0.9)), 0.0, 1e-10)
    optimizer.build(variables)
    assert len(optimizer.rms) == 2
    for ms in optimizer.rms:
        np.testing.assert_array_equal(ms.numpy(), 1.0)


def test_rmsprop_first_step_is_tf1s(clean_batches) -> None:
    # TF1: ms = 1.0 + (g^2 - 1.0) * 0.1, var -= lr * g / sqrt(ms + 1e-10), from the modern tree's own hooks.
    model = ch05_autoencoder.parity_model()
    w0 = {k: v * np.float32(0.1) for k, v in model.initial_weights(0).items()}
    batch = {"X": clean_batches[0]}
    g = model.gradients(w0, batch)
    w1 = model.train_steps(w0, [batch])
    for name in w0:
        expected = w0[name] - 0.01 * g[name] / np.sqrt(0.9 + 0.1 * g[name] ** 2 + 1e-10)
        np.testing.assert_allclose(w1[name], expected, rtol=1e-6, atol=1e-8)


def test_keras_rmsprop_with_zero_slots_is_not_tf1s(clean_batches, monkeypatch: pytest.MonkeyPatch) -> None:
    # Keras' RMSprop with the same hyperparameters starts its slots at 0.0: a first step about 3x larger.
    import keras

    reference = ref_autoencoder.parity_model()
    monkeypatch.setattr(
        ch05_autoencoder,
        "rmsprop",
        lambda lr: keras.optimizers.RMSprop(learning_rate=lr, rho=0.9, momentum=0.0, epsilon=1e-10),
    )
    plain = ch05_autoencoder.parity_model()
    weights = {k: v * np.float32(0.1) for k, v in reference.initial_weights(0).items()}
    batch = {"X": clean_batches[0]}
    key = "weights/decoder_h2"
    tf1_update = reference.train_steps(weights, [batch])[key] - weights[key]
    keras_update = plain.train_steps(weights, [batch])[key] - weights[key]
    moved = np.abs(tf1_update) > 0.1 * np.abs(tf1_update).max()
    assert moved.sum() > 100
    ratio = np.abs(keras_update[moved] / tf1_update[moved])
    # sqrt(0.9 + 0.1 g^2) / sqrt(0.1 g^2): >= 3 for every |g| < 1
    assert ratio.min() > 2.9


def test_conv_transpose_layout_and_output_shapes() -> None:
    import tensorflow as tf

    model = ch05_conv_autoencoder.build_model()
    for key, shape in ch05_conv_autoencoder.WEIGHT_SHAPES.items():
        layer = model.get_layer(key)
        assert tuple(layer.kernel.shape) == shape == ref_conv.WEIGHT_SHAPES[key]  # [h, w, out, in] for cd*
    assert [tuple(model.get_layer(k).output.shape[1:]) for k in ("cd3", "cd2", "cd1")] == [
        (7, 7, 32),
        (14, 14, 16),
        (28, 28, 1),
    ]
    # Each Conv2DTranspose computes TF1's conv2d_transpose with the book's explicit output shape, with its
    # kernel passed as the filter unchanged.
    rng = np.random.default_rng(0)
    for key, in_size, out_size in (("cd3", 4, 7), ("cd2", 7, 14), ("cd1", 14, 28)):
        layer = model.get_layer(key)
        _, _, out_channels, in_channels = layer.kernel.shape
        inputs = rng.standard_normal((2, in_size, in_size, in_channels)).astype(np.float32)
        expected = tf.nn.conv2d_transpose(
            inputs, layer.kernel.numpy(), [2, out_size, out_size, out_channels], strides=2, padding="SAME"
        )
        expected = tf.sigmoid(expected + layer.bias.numpy())
        np.testing.assert_allclose(layer(inputs).numpy(), expected.numpy(), rtol=1e-6, atol=1e-6)


def test_denoising_run_displays_every_ten_epochs(tmp_path: Path) -> None:
    metrics = ch05_denoising_autoencoder.run(RunConfig(smoke=True, steps=110, logdir=tmp_path))
    assert metrics["steps"] == 110 and metrics["epochs"] == 11
    assert metrics["displayed_epochs"] == [0, 10]
    assert len(metrics["average_costs"]) == len(metrics["test_labels"]) == 2
    assert all(0 <= label <= 9 for label in metrics["test_labels"])


def test_autoencoder_run_uses_the_tutorial_layout(tmp_path: Path) -> None:
    metrics = ch05_autoencoder.run(RunConfig(smoke=True, steps=4, logdir=tmp_path))
    assert metrics["steps"] == 4 and metrics["batch_size"] == 256
    # 1,000 smoke training images of the tutorial layout: 3 batches of 256 per epoch -> 2 epochs.
    assert metrics["epochs"] == 2 and len(metrics["epoch_costs"]) == 2
    assert metrics["train_examples"] == mnist_data.SMOKE_TRAIN


def test_conv_run_cost_decreases(tmp_path: Path) -> None:
    metrics = ch05_conv_autoencoder.run(RunConfig(smoke=True, steps=14, logdir=tmp_path))
    assert metrics["steps"] == 14 and metrics["epochs"] == 2
    costs = metrics["epoch_costs"]
    assert len(costs) == 2 and costs[1] < costs[0]
