"""Helpers shared by the chapter 8-10 modern modules (Keras 3, Pretty Tensor / TFLearn ports, multimedia, RL).

* `keras2_hard_sigmoid`: Keras 2's hard_sigmoid, which Keras 3 no longer has under that name.
* `lstm_weights`: a Keras LSTM's initial weights drawn in numpy, in the reference's order.
* Pretty Tensor's defaults as Keras 3 pieces (`WeightDecay`, its initialisers and variable names).
* `make_logdir`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from tfmigrate.book import initializers
from tfmigrate.book.runtime import RunConfig, Weights


def make_logdir(config: RunConfig, prefix: str = "tfmigrate-") -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir


# ----------------------------------------------------------------------------------------------------------
# Keras 2's hard_sigmoid


@keras.saving.register_keras_serializable(package="tfmigrate")
def keras2_hard_sigmoid(x: Any) -> Any:
    """Keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1), op for op as legacy Keras 2 computes it.

    Why custom: Keras 3's `keras.activations.hard_sigmoid` is relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1), a
    different function (slope 1/6, saturating at +-3 instead of +-2.5); Keras 2.0.2's LSTM default
    recurrent activation was the 0.2-slope one.
    """
    x = tf.convert_to_tensor(x)
    return tf.clip_by_value(tf.add(tf.multiply(x, 0.2), 0.5), 0.0, 1.0)


# ----------------------------------------------------------------------------------------------------------
# numpy draws (the reference's)


def lstm_weights(rng: np.random.Generator, prefix: str, n_in: int, units: int) -> Weights:
    """A Keras LSTM's draws in order: glorot kernel, orthogonal recurrent kernel, unit-forget bias."""
    return {
        f"{prefix}/lstm_cell/kernel": initializers.glorot_uniform(rng, (n_in, 4 * units)),
        f"{prefix}/lstm_cell/recurrent_kernel": initializers.orthogonal(rng, (units, 4 * units)),
        f"{prefix}/lstm_cell/bias": initializers.unit_forget_bias(units),
    }


# ----------------------------------------------------------------------------------------------------------
# Pretty Tensor's defaults as Keras 3 pieces (chapter 8's Pretty Tensor ports)


@keras.saving.register_keras_serializable(package="tfmigrate")
class WeightDecay(keras.regularizers.Regularizer):
    """Pretty Tensor's `l2loss`: adds `l2loss * tf.nn.l2_loss(w)` = l2loss * sum(w^2) / 2 to the loss.

    keras.regularizers.L2(c) is c * sum(w^2); this spells out Pretty Tensor's own op (so L2(l2loss / 2)
    would be the same function up to rounding).
    """

    def __init__(self, l2loss: float) -> None:
        self.l2loss = float(l2loss)

    def __call__(self, x: Any) -> Any:
        return tf.multiply(tf.nn.l2_loss(x), self.l2loss)

    def get_config(self) -> dict[str, Any]:
        return {"l2loss": self.l2loss}


def pt_dense_initializer(seed: int | None = None) -> keras.initializers.Initializer:
    """Pretty Tensor's `xavier_init(in, out)` for fully_connected: U(-l, l), l = sqrt(6 / (in + out))."""
    return keras.initializers.GlorotUniform(seed=seed)


def pt_relu_conv_initializer(n_inputs: int, seed: int | None = None) -> keras.initializers.Initializer:
    """Pretty Tensor's `he_init` for ReLU convolutions: a NON-truncated normal, stddev sqrt(2 / n_inputs).

    (keras.initializers.HeNormal draws a truncated normal, so it is not used.)
    """
    return keras.initializers.RandomNormal(stddev=float(np.sqrt(2.0 / n_inputs)), seed=seed)


def pt_variable_names(layer: Any) -> dict[str, Any]:
    """A Keras Dense/Conv layer's variables under Pretty Tensor's names: <scope>/weights, <scope>/bias."""
    return {f"{layer.name}/weights": layer.kernel, f"{layer.name}/bias": layer.bias}
