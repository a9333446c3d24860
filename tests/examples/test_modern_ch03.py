"""modern_tf2 chapter 3 against reference_tf1: parity of every trainable example, and the pinned details.

Parity (tfmigrate.parity.harness and its tolerance policy): the reference's `initial_weights(0)` and three
batches of 20 real digits (the book layout) go into both trees' hooks: forward, loss, every gradient and
every weight after 1 and 3 training steps. Real digits matter for the softmax classifier: its loss takes
log(Y) unclipped, which dense uniform-random images drive to log(0) within a few steps. The maximum
differences are printed ("PARITY ...", pytest -s).

Adam computes TF1's update in float32 (modern_tf2._tf1_optimizers): with Keras' own float `1 - 0.999` the
ReLU net's weights differed by 1.4e-5 after three steps (one weight whose gradient, ~7e-7, is a
near-cancelling sum that Adam's normalisation amplifies).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import (
    ch03_five_layer_relu,
    ch03_five_layer_relu_dropout,
    ch03_five_layer_sigmoid,
    ch03_mnist_explore,
    ch03_softmax_classifier,
)
from modern_tf2._tf1_optimizers import TF1Adam, adam, tf1_float32
from reference_tf1 import ch03_five_layer_relu as ref_relu
from reference_tf1 import ch03_five_layer_relu_dropout as ref_relu_dropout
from reference_tf1 import ch03_five_layer_sigmoid as ref_sigmoid
from reference_tf1 import ch03_mnist_explore as ref_mnist_explore
from reference_tf1 import ch03_softmax_classifier as ref_softmax
from tests.examples._parity import assert_same_initial_weights, check_parity
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

PAIRS = {
    "ch03_softmax_classifier": (ref_softmax, ch03_softmax_classifier),
    "ch03_five_layer_sigmoid": (ref_sigmoid, ch03_five_layer_sigmoid),
    "ch03_five_layer_relu": (ref_relu, ch03_five_layer_relu),
    "ch03_five_layer_relu_dropout": (ref_relu_dropout, ch03_five_layer_relu_dropout),
}


@pytest.fixture(scope="module")
def digit_batches() -> list[dict[str, np.ndarray]]:
    """Three batches of 20 real digits in the book layout ([20, 28, 28, 1], one-hot labels)."""
    data = mnist_data.read_data_sets(layout="book", one_hot=True, smoke=True)
    return [
        {"X": data.train.images[k * 20 : (k + 1) * 20], "Y_": data.train.labels[k * 20 : (k + 1) * 20]}
        for k in range(3)
    ]


@pytest.mark.parametrize("example_id", sorted(PAIRS))
def test_parity_with_the_reference(example_id: str, digit_batches) -> None:
    reference_module, modern_module = PAIRS[example_id]
    reference, modern = reference_module.parity_model(), modern_module.parity_model()
    assert_same_initial_weights(reference, modern, 0)
    check_parity(example_id, reference, modern, reference.initial_weights(0), digit_batches)


def test_softmax_parity_from_trained_weights(digit_batches) -> None:
    # The book's zeros make every softmax row uniform; from small random weights every term matters.
    rng = np.random.default_rng(3)
    weights = {
        "W": (0.01 * rng.standard_normal((784, 10))).astype(np.float32),
        "b": (0.1 * rng.standard_normal(10)).astype(np.float32),
    }
    check_parity(
        "ch03_softmax_classifier",
        ref_softmax.parity_model(),
        ch03_softmax_classifier.parity_model(),
        weights,
        digit_batches,
        label="[random weights]",
    )


@pytest.mark.parametrize("example_id", ["ch03_five_layer_sigmoid", "ch03_five_layer_relu"])
def test_parity_with_a_given_learning_rate(example_id: str, digit_batches) -> None:
    reference_module, modern_module = PAIRS[example_id]
    reference, modern = reference_module.parity_model(), modern_module.parity_model()
    weights = reference.initial_weights(1)
    check_parity(example_id, reference, modern, weights, digit_batches, label="[lr 0.01]", learning_rate=0.01)


def test_stepped_learning_rate_is_the_references() -> None:
    for i in [*range(0, 40), 599, 1999, 2000, 2001, 4000, 4001, 6000]:
        assert ch03_five_layer_relu.stepped_learning_rate(i) == ref_relu.stepped_learning_rate(i)
        assert ch03_five_layer_relu_dropout.stepped_learning_rate(i) == ref_relu.stepped_learning_rate(i)
    assert ch03_five_layer_relu.stepped_learning_rate(1) == pytest.approx(0.0001 + 0.0029 * math.exp(-1))


def test_adam_uses_tf1s_float32_constants() -> None:
    optimizer = adam(0.003)
    assert isinstance(optimizer, TF1Adam)
    assert optimizer.epsilon == 1e-8
    # Keras computes `1 - beta` in Python; with the float32-rounded beta it is TF1's float32 result.
    assert np.float32(1 - optimizer.beta_1) == np.float32(1) - np.float32(0.9)
    assert np.float32(1 - optimizer.beta_2) == np.float32(1) - np.float32(0.999)
    assert np.float32(1 - 0.999) != np.float32(1) - np.float32(0.999)  # why the pin is needed
    assert tf1_float32(0.9) == float(np.float32(0.9))


def test_dropout_keeps_three_quarters_and_rescales(digit_batches) -> None:
    import keras

    model = ch03_five_layer_relu_dropout.build_model()
    dropout = model.get_layer("dropout1")
    assert dropout.rate == pytest.approx(0.25)  # TF1 keep_prob 0.75 is Keras rate 0.25
    dense = keras.Model(model.input, model.get_layer("layer1").output)
    images = np.repeat(digit_batches[0]["X"], 10, axis=0)
    y1 = dense(images).numpy()
    y1d = dropout(y1, training=True).numpy()
    active = y1 > 0
    kept = y1d[active] != 0
    assert kept.mean() == pytest.approx(0.75, abs=0.01)
    np.testing.assert_allclose(y1d[active][kept], y1[active][kept] / 0.75, rtol=1e-6)
    np.testing.assert_array_equal(dropout(y1, training=False).numpy(), y1)


def test_keras_initialisers_follow_the_book() -> None:
    import keras

    keras.utils.set_random_seed(0)
    sigmoid = ch03_five_layer_sigmoid.build_model()
    relu = ch03_five_layer_relu.build_model()
    for k in range(1, 6):
        kernel = sigmoid.get_layer(f"layer{k}").kernel.numpy()
        assert np.abs(kernel).max() <= 0.2  # truncated at 2 stddev
        np.testing.assert_array_equal(sigmoid.get_layer(f"layer{k}").bias.numpy(), 0.0)
        expected_bias = 0.0 if k == 5 else np.float32(0.1)
        np.testing.assert_array_equal(relu.get_layer(f"layer{k}").bias.numpy(), expected_bias)
    first = sigmoid.get_layer("layer1").kernel.numpy()
    assert first.std() == pytest.approx(0.08796, rel=0.02)  # a 2-sigma-truncated normal of stddev 0.1
    softmax = ch03_softmax_classifier.build_model()
    assert not np.any(softmax.get_layer("output").kernel.numpy())


def test_mnist_explore_matches_the_reference() -> None:
    config = RunConfig(smoke=True)
    mine, theirs = ch03_mnist_explore.run(config), ref_mnist_explore.run(config)
    assert mine.pop("image_0_mean_intensity") == pytest.approx(theirs.pop("image_0_mean_intensity"), rel=1e-6)
    assert mine == theirs


def test_dropout_run_reports_both_test_accuracies_and_writes_summaries(tmp_path: Path) -> None:
    import tensorflow as tf
    from tensorflow.core.util import event_pb2

    metrics = ch03_five_layer_relu_dropout.run(RunConfig(smoke=True, steps=30, logdir=tmp_path))
    assert metrics["steps"] == 30 and metrics["epochs"] == 3
    assert metrics["test_accuracy_pkeep"] == 0.75
    assert 0.0 <= metrics["test_accuracy"] <= 1.0 and 0.0 <= metrics["test_accuracy_pkeep_1"] <= 1.0
    events = list((tmp_path / ch03_five_layer_relu_dropout.LOGS_PATH).glob("events.out.tfevents.*"))
    assert len(events) == 1
    tags: dict[str, list[int]] = {}
    for record in tf.data.TFRecordDataset(str(events[0])):
        event = event_pb2.Event.FromString(record.numpy())
        for value in event.summary.value:
            assert value.metadata.plugin_data.plugin_name == "scalars"
            tags.setdefault(value.tag, []).append(event.step)
    assert tags == {"cost": list(range(30)), "accuracy": list(range(30))}


def test_relu_run_learns(tmp_path: Path) -> None:
    metrics = ch03_five_layer_relu.run(RunConfig(smoke=True, logdir=tmp_path))
    assert metrics["steps"] == 100 and metrics["test_examples"] == mnist_data.SMOKE_TEST
    assert metrics["test_accuracy"] > 0.6  # 100 steps on 1,000 digits; chance is 0.1
