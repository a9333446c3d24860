"""The fast hooks the harness uses (`evaluate`, `trajectory`) give exactly what the separate hooks give:
forward, loss and gradients are `evaluate`'s one computation; `trajectory`'s k-th weights are what
`train_steps` on the first k batches returns, from fresh optimizer state, with the example's own
learning rate or a given one.

One example per kind of hooks in each tree (the hooks are one base class per tree, so a few cover them): a
graph-building function / a Keras model with a per-step learning-rate schedule (ch03_five_layer_relu) and
with non-trainable batch-norm statistics (s004_optimizers_batchnorm), and a compiled Keras model trained by
train_on_batch (ch08_keras_sequential_intro). (Every pair was checked this way once, the slow recurrent
ones included; they take minutes.)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (before TensorFlow: legacy Keras for the reference tree)
import reference_tf1  # noqa: F401
from modern_tf2 import ch03_five_layer_relu, ch08_keras_sequential_intro
from modern_tf2 import s004_optimizers_batchnorm as s004_bn
from reference_tf1 import ch03_five_layer_relu as ref_relu
from reference_tf1 import ch08_keras_sequential_intro as ref_intro
from reference_tf1 import s004_optimizers_batchnorm as ref_s004_bn
from tfmigrate.book.runtime import FastParityModel, Weights
from tfmigrate.parity import harness

pytestmark = pytest.mark.tf

MODELS: dict[str, Callable[[], FastParityModel]] = {
    "reference ch03_five_layer_relu": ref_relu.parity_model,
    "modern ch03_five_layer_relu": ch03_five_layer_relu.parity_model,
    "reference s004_optimizers_batchnorm": ref_s004_bn.parity_model,
    "modern s004_optimizers_batchnorm": s004_bn.parity_model,
    "reference ch08_keras_sequential_intro": ref_intro.parity_model,
    "modern ch08_keras_sequential_intro": ch08_keras_sequential_intro.parity_model,
}


def assert_same_weights(actual: Weights, expected: Weights) -> None:
    assert sorted(actual) == sorted(expected)
    for name in expected:
        np.testing.assert_array_equal(actual[name], expected[name], err_msg=name)


@pytest.mark.parametrize("which", sorted(MODELS))
def test_fast_hooks_equal_the_separate_hooks(which: str) -> None:
    model = MODELS[which]()
    assert isinstance(model, FastParityModel)
    rng = np.random.default_rng(0)
    weights = model.initial_weights(0)
    batches = [harness.random_batch(model.batch_spec(), 3, rng) for _ in range(2)]

    output, loss, gradients = model.evaluate(weights, batches[0])
    np.testing.assert_array_equal(output, model.forward(weights, batches[0]))
    assert loss == model.loss(weights, batches[0])
    assert_same_weights(gradients, model.gradients(weights, batches[0]))

    for learning_rate in (None, 0.05):
        path = model.trajectory(weights, batches, learning_rate)
        assert len(path) == len(batches)
        for count in (1, 2):
            assert_same_weights(path[count - 1], model.train_steps(weights, batches[:count], learning_rate))
