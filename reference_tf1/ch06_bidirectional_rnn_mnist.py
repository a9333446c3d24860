"""ch06_bidirectional_rnn_mnist: the chapter 6 bidirectional LSTM image classifier (Seed A walkthrough
L7013-7251, test accuracy L7255-7257, listing L7263-7340), as a TF1 graph on `tf.compat.v1`.

Same input pipeline, hyper-parameters and training session as ch06_rnn_lstm_mnist (shared from that module):
28 rows of 28 pixels, batch 128, 781 Adam(0.001, epsilon 1e-8 pinned) updates, a log line every 10 steps,
test on the first 128 test images. The model: a forward and a backward `BasicLSTMCell(128, forget_bias=1.0)`
in `tf.compat.v1.nn.static_bidirectional_rnn`, and `outputs[-1]` (256 wide) times `weights_out` [256, 10]
plus `biases_out` [10], both `random_normal` stddev 1 (the prose, L7056, says "random uniform"; the code
uses random_normal, as here).

Listing bugs fixed: `rnn_cell` never imported; the `try: static_bidirectional_rnn ... except: rnn.
bidirectional_rnn` fallback for pre-1.0 TensorFlow is dropped (only the first branch exists on 1.x);
`New: cost =` (L7309); the print at L7330-7332 concatenates literal "{:.6f}" format strings and has `\\br/>`
typesetting artefacts -- printed here as the walkthrough (L7222-7226) intends.

OUTPUT ALIGNMENT (matters for the modern tree): `outputs[t]` is concat(forward output at t, backward output
at t), and the backward RNN runs over the reversed sequence, so `outputs[-1]` = concat(forward h after all 28
rows, backward h after its FIRST step, having seen only row 27). Keras `Bidirectional(LSTM(128))` returns the
backward state after the whole sequence instead; the equivalent is `return_sequences=True` and `[:, -1, :]`.

Parity hooks -- weight names and layouts as TF1 stores them (see ch06_rnn_lstm_mnist for the cell layout:
kernel [28 + 128, 512] with rows x then h, gate blocks i, j, f, o, forget_bias 1.0 added at run time):
"bidirectional_rnn/fw/basic_lstm_cell/kernel", ".../fw/basic_lstm_cell/bias", the same under "bw", then
"weights_out" [256, 10] and "biases_out" [10].
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch04_ch06_common import initial_value_getter, variable
from reference_tf1._parity import GraphModel, GraphParityModel, placeholders, trainable_variables
from reference_tf1.ch06_rnn_lstm_mnist import (
    cost_of,
    forget_bias,
    learning_rate,
    make_optimizer,
    n_classes,
    n_hidden,
    n_input,
    n_steps,
    train_and_test,
)
from tfmigrate.book.initializers import glorot_uniform, random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

FW_KERNEL = "bidirectional_rnn/fw/basic_lstm_cell/kernel"
FW_BIAS = "bidirectional_rnn/fw/basic_lstm_cell/bias"
BW_KERNEL = "bidirectional_rnn/bw/basic_lstm_cell/kernel"
BW_BIAS = "bidirectional_rnn/bw/basic_lstm_cell/bias"


def BiRNN(x: tf.Tensor, initial: Mapping[str, np.ndarray] | None = None) -> tf.Tensor:
    """The book's `BiRNN(x, weights, biases)`; `initial` replaces the initialisers for the parity hooks."""
    weights_out = variable(
        "weights_out", initial, lambda: tf.compat.v1.random_normal([2 * n_hidden, n_classes])
    )
    biases_out = variable("biases_out", initial, lambda: tf.compat.v1.random_normal([n_classes]))
    x = tf.transpose(x, [1, 0, 2])
    x = tf.reshape(x, [-1, n_input])
    x = tf.split(axis=0, num_or_size_splits=n_steps, value=x)
    lstm_fw_cell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=forget_bias)
    lstm_bw_cell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=forget_bias)
    with tf.compat.v1.variable_scope(
        tf.compat.v1.get_variable_scope(), custom_getter=initial_value_getter(initial)
    ):
        outputs, _, _ = tf.compat.v1.nn.static_bidirectional_rnn(
            lstm_fw_cell, lstm_bw_cell, x, dtype=tf.float32
        )
    return tf.matmul(outputs[-1], weights_out) + biases_out


def run(config: RunConfig) -> Metrics:
    return train_and_test(config, BiRNN)


class Parity(GraphParityModel):
    """Parity hooks: `BiRNN` + mean cross-entropy + Adam(eps 1e-8); no randomness in this model."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((n_steps, n_input)),
                "y": TensorSpec((n_classes,), kind="one_hot", depth=n_classes),
            },
            draw_weights=self._initial,
            build=self._build_graph,
            learning_rate=learning_rate,
        )

    @staticmethod
    def _initial(rng: np.random.Generator) -> Weights:
        return {
            FW_KERNEL: glorot_uniform(rng, (n_input + n_hidden, 4 * n_hidden)),
            FW_BIAS: np.zeros(4 * n_hidden, np.float32),
            BW_KERNEL: glorot_uniform(rng, (n_input + n_hidden, 4 * n_hidden)),
            BW_BIAS: np.zeros(4 * n_hidden, np.float32),
            "weights_out": random_normal(rng, (2 * n_hidden, n_classes)),
            "biases_out": random_normal(rng, (n_classes,)),
        }

    def _build_graph(self, weights: Mapping[str, np.ndarray], rate: tf.Tensor) -> GraphModel:
        inputs = placeholders(self.batch_spec())
        pred = BiRNN(inputs["x"], weights)
        cost = cost_of(pred, inputs["y"])
        return GraphModel(inputs, trainable_variables(), pred, cost, make_optimizer(rate).minimize(cost))


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_bidirectional_rnn_mnist",
        title="Bidirectional LSTM (static_bidirectional_rnn) MNIST classifier",
        run=run,
        parity_model=Parity,
        tags=("ch06", "mnist", "rnn", "lstm"),
    ),
)
