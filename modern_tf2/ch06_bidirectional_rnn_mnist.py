"""ch06_bidirectional_rnn_mnist: the chapter 6 bidirectional LSTM image classifier (Seed A walkthrough
L7013-7251, test accuracy L7255-7257, listing L7263-7340), rewritten for TensorFlow 2 / Keras 3.
Spec: reference_tf1/ch06_bidirectional_rnn_mnist.py.

Same data, hyper-parameters and training loop as ch06_rnn_lstm_mnist (shared from that module: batch 128,
781 Adam(0.001, epsilon 1e-8) updates, a log line every 10 steps, test on the first 128 test images). The
model, a Keras functional model: `keras.layers.Bidirectional(LSTM(128, return_sequences=True))` (forward and
backward layers as ch06_rnn_lstm_mnist's LSTM: TF1's initial distribution, forget bias 1.0 folded in),
then `[:, -1, :]` (256 wide) and Dense(10) (`weights_out` [256, 10], `biases_out` [10], RandomNormal
stddev 1).

OUTPUT ALIGNMENT: the book takes `outputs[-1]` of `static_bidirectional_rnn` = concat(forward h after all 28
rows, backward h after its FIRST step, i.e. having seen only row 27). Keras' Bidirectional with
return_sequences=True re-reverses the backward sequence so that position t holds the backward output that
has seen rows t..27; position -1 is therefore exactly the book's pair. (`Bidirectional(LSTM(128))` without
return_sequences would give the backward state after all 28 rows instead -- a different model.)

WEIGHT MAPPING (see ch06_rnn_lstm_mnist for the cell layout and modern_tf2._ch04_ch06_common.lstm_to_keras):
"bidirectional_rnn/fw/basic_lstm_cell/{kernel,bias}" -> bidirectional.forward_layer.cell.{kernel,
recurrent_kernel, bias}; "bidirectional_rnn/bw/basic_lstm_cell/{kernel,bias}" ->
bidirectional.backward_layer.cell.{...} (rows x | h split, gate blocks i, j, f, o -> i, f, c, o, +1.0 on the
f bias; the reverse for weights and gradients, without the 1.0 for gradients); "weights_out" -> out.kernel,
"biases_out" -> out.bias.
"""

from __future__ import annotations

from typing import Any

import keras

from modern_tf2.ch06_rnn_lstm_mnist import LSTMParity, lstm_layer, n_input, n_steps, out_layer, train_and_test
from tfmigrate.book.runtime import Example, Metrics, RunConfig

FW_KERNEL = "bidirectional_rnn/fw/basic_lstm_cell/kernel"
FW_BIAS = "bidirectional_rnn/fw/basic_lstm_cell/bias"
BW_KERNEL = "bidirectional_rnn/bw/basic_lstm_cell/kernel"
BW_BIAS = "bidirectional_rnn/bw/basic_lstm_cell/bias"


def build_model(seed: int | None = None) -> keras.Model:
    """The book's `BiRNN(x, weights, biases)`: logits from outputs[-1] of the bidirectional LSTM."""
    x = keras.Input((n_steps, n_input))
    bidirectional = keras.layers.Bidirectional(
        lstm_layer("lstm_fw", seed, return_sequences=True),
        backward_layer=lstm_layer(
            "lstm_bw", None if seed is None else seed + 100, return_sequences=True, go_backwards=True
        ),
        merge_mode="concat",
        name="bidirectional",
    )
    outputs = bidirectional(x)  # [batch, 28, 256]; position t = (fw after rows 0..t, bw after rows t..27)
    last = outputs[:, -1, :]  # the book's outputs[-1]: bw half after one step
    return keras.Model(x, out_layer(seed)(last), name="bidirectional_rnn")


def run(config: RunConfig) -> Metrics:
    return train_and_test(config, build_model)


def _cell(direction: str) -> Any:
    def find(model: Any) -> Any:
        layer = model.get_layer("bidirectional")
        return (layer.forward_layer if direction == "fw" else layer.backward_layer).cell

    return find


class Parity(LSTMParity):
    """Parity hooks: the bidirectional Keras model, mean xent, Adam(eps 1e-8); no randomness in it."""

    def __init__(self) -> None:
        super().__init__(
            {FW_KERNEL.rsplit("/", 1)[0]: _cell("fw"), BW_KERNEL.rsplit("/", 1)[0]: _cell("bw")}, build_model
        )


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_bidirectional_rnn_mnist",
        title="Bidirectional LSTM (static_bidirectional_rnn) MNIST classifier",
        run=run,
        parity_model=Parity,
        tags=("ch06", "mnist", "rnn", "lstm"),
        migration=(
            "static_bidirectional_rnn of two BasicLSTMCell(forget_bias=1.0), outputs[-1]",
            "keras.layers.Bidirectional(LSTM(128, return_sequences=True))[:, -1, :] (same alignment: "
            "bw after one step), gate blocks re-ordered and forget bias folded",
        ),
    ),
)
