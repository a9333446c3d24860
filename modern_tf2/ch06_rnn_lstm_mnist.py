"""ch06_rnn_lstm_mnist: the chapter 6 LSTM image classifier (Seed A walkthrough L6673-6884, output
L6886-6917, listing L6923-6997), rewritten for TensorFlow 2 / Keras 3.
Spec: reference_tf1/ch06_rnn_lstm_mnist.py.

Each MNIST image is a sequence of 28 rows (time steps) of 28 pixels. The model is a `keras.Sequential`:
`keras.layers.LSTM(128)` (the last output only, like the book's `outputs[-1]`; Keras takes batch-major
sequences, so the book's transpose/reshape/split into 28 time-major tensors is not needed) and
`Dense(10)` (`weights_out` [128, 10] + `biases_out` [10], both RandomNormal stddev 1). Loss: mean softmax
cross-entropy; TF1's Adam (0.001, epsilon 1e-8 pinned: TF1's default, Keras' is 1e-7). Batches of
128 from a tf.data pipeline reshuffled every epoch (the tutorial `next_batch` semantics: a batch may run
across an epoch boundary), 781 updates (`training_iters = 100000`, `while step * 128 < 100000` from step
1); every 10 steps the loss and accuracy on the current batch are printed; then the accuracy on the first 128
test images. `config.steps` is the number of updates; `--smoke` does 20 on the smoke slice.

The LSTM is Keras' own: same activations as TF1's BasicLSTMCell (recurrent_activation="sigmoid" -- Keras
3's default, pinned anyway: Keras 1/2.0 defaulted to hard_sigmoid -- and activation="tanh").
Initialisers pinned to TF1's: BasicLSTMCell's kernel is ONE glorot-uniform [28 + 128, 512] variable, so both
Keras kernels are RandomUniform(+-sqrt(6 / (156 + 512))) (Keras' defaults, glorot over [28, 512] and
orthogonal, differ); biases zeros with unit_forget_bias=True, i.e. 1.0 in the f block, which is exactly
TF1's forget_bias=1.0 added at run time to a zero bias.
jit_compile: not used -- on 2 CPU cores the XLA step was slower (0.073 s vs 0.055 s per batch of 128, and
5 s vs 2 s to compile).

WEIGHT MAPPING (reference <-> Keras; modern_tf2._ch04_ch06_common.lstm_to_keras / lstm_from_keras):

* "rnn/basic_lstm_cell/kernel" [28 + 128, 512], gate column blocks i, j, f, o (j = candidate), rows x then h
  -> lstm.cell.kernel [28, 512] = rows 0-27, lstm.cell.recurrent_kernel [128, 512] = rows 28-155, both with
  the column blocks reordered to Keras' i, f, c, o (c = TF1's j).
* "rnn/basic_lstm_cell/bias" [512] (i, j, f, o; forget_bias 1.0 added at run time, not stored) ->
  lstm.cell.bias [512] (i, f, c, o) with 1.0 ADDED to the f block (Keras has no run-time forget bias).
* Back: kernel = concat(kernel, recurrent_kernel) rows, columns (i, f, c, o) -> (i, j, f, o); bias columns
  likewise with 1.0 subtracted from f for weights -- but NOT for gradients (d loss / d bias is unchanged by a
  constant offset).
* "weights_out" -> dense.kernel [128, 10], "biases_out" -> dense.bias [10] (same layouts).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch04_ch06_common import lstm_from_keras, lstm_to_keras
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import glorot_uniform, random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

learning_rate = 0.001
adam_epsilon = 1e-8  # TF1 AdamOptimizer default, pinned (Keras: 1e-7)
training_iters = 100000
batch_size = 128
display_step = 10

n_input = 28
n_steps = 28
n_hidden = 128
n_classes = 10
forget_bias = 1.0

SMOKE_STEPS = 20

KERNEL = "rnn/basic_lstm_cell/kernel"
BIAS = "rnn/basic_lstm_cell/bias"


def lstm_layer(name: str, seed: int | None, **kwargs: Any) -> keras.layers.LSTM:
    """`BasicLSTMCell(n_hidden, forget_bias=1.0)` as a Keras LSTM layer with TF1's initial distribution."""
    limit = math.sqrt(6.0 / ((n_input + n_hidden) + 4 * n_hidden))  # Glorot of TF1's one [x; h] kernel

    def init(k: int) -> keras.initializers.Initializer:
        return keras.initializers.RandomUniform(-limit, limit, seed=None if seed is None else seed + k)

    return keras.layers.LSTM(
        n_hidden,
        activation="tanh",
        recurrent_activation="sigmoid",
        kernel_initializer=init(0),
        recurrent_initializer=init(1),
        bias_initializer="zeros",
        unit_forget_bias=forget_bias == 1.0,  # adds exactly 1.0 to the zero f-bias: TF1's forget_bias
        name=name,
        **kwargs,
    )


def out_layer(seed: int | None) -> keras.layers.Dense:
    """The book's `weights['out']`, `biases['out']` (random_normal, stddev 1)."""

    def init(k: int) -> keras.initializers.Initializer:
        return keras.initializers.RandomNormal(stddev=1.0, seed=None if seed is None else seed + k)

    return keras.layers.Dense(n_classes, kernel_initializer=init(2), bias_initializer=init(3), name="out")


def build_model(seed: int | None = None) -> keras.Model:
    """The book's `RNN(x, weights, biases)`: logits from the last LSTM output."""
    return keras.Sequential(
        [keras.Input((n_steps, n_input)), lstm_layer("lstm", seed), out_layer(seed)], name="rnn_lstm"
    )


def cost_of(pred: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(keras.losses.categorical_crossentropy(y, pred, from_logits=True))


def accuracy_of(pred: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
    correct_pred = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
    return tf.reduce_mean(tf.cast(correct_pred, tf.float32))


def make_optimizer(rate: float) -> keras.optimizers.Optimizer:
    return adam(rate, epsilon=adam_epsilon)


def make_train_step(model: keras.Model, optimizer: keras.optimizers.Optimizer) -> Any:
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function
    def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            cost = cost_of(model(x, training=True), y)
        optimizer.apply_gradients(zip(tape.gradient(cost, variables), variables, strict=True))
        return cost

    return train_step


def train_batches(images: np.ndarray, labels: np.ndarray, seed: int) -> Any:
    """Endless batches of 128 [28, 28] sequences, reshuffled every epoch (the tutorial `next_batch`)."""
    sequences = images.reshape((-1, n_steps, n_input))
    return iter(
        tf.data.Dataset.from_tensor_slices((sequences, labels))
        .shuffle(len(sequences), seed=seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(batch_size, drop_remainder=True)
        .prefetch(tf.data.AUTOTUNE)
    )


def train_and_test(config: RunConfig, build: Callable[[int | None], keras.Model]) -> Metrics:
    """The training loop shared by this example and ch06_bidirectional_rnn_mnist (`build` = the model)."""
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    iters = training_iters
    updates = SMOKE_STEPS if config.smoke and config.steps is None else config.steps
    if updates is not None:
        iters = (updates + 1) * batch_size  # the book's loop below then runs exactly `updates` steps

    model = build(config.seed)
    train_step = make_train_step(model, make_optimizer(learning_rate))

    @tf.function
    def evaluate(x: tf.Tensor, y: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        pred = model(x, training=False)
        return cost_of(pred, y), accuracy_of(pred, y)

    batches = train_batches(mnist.train.images, mnist.train.labels, config.seed)
    losses: list[float] = []
    accuracies: list[float] = []
    step = 1
    while step * batch_size < iters:
        batch_x, batch_y = next(batches)
        train_step(batch_x, batch_y)
        if step % display_step == 0:
            loss, acc = (float(v) for v in evaluate(batch_x, batch_y))
            losses.append(loss)
            accuracies.append(acc)
            print(f"Iter {step * batch_size}, Minibatch Loss= {loss:.6f}, Training Accuracy= {acc:.5f}")
        step += 1
    print("Optimization Finished!")

    test_len = 128
    test_data = mnist.test.images[:test_len].reshape((-1, n_steps, n_input))
    test_label = mnist.test.labels[:test_len]
    test_accuracy = float(evaluate(tf.constant(test_data), tf.constant(test_label))[1])
    print("Testing Accuracy:", test_accuracy)

    return {
        "updates": step - 1,
        "minibatch_losses": losses[-10:],
        "training_accuracies": accuracies[-10:],
        "test_accuracy": test_accuracy,
    }


def run(config: RunConfig) -> Metrics:
    return train_and_test(config, build_model)


class LSTMParity(EagerParityModel):
    """Parity hooks for a model of LSTM layer(s) + the Dense "out" layer, mean xent, TF1's Adam.

    `cells` maps a reference cell prefix (".../basic_lstm_cell") to a function finding its Keras LSTMCell;
    the weights are mapped by `to_keras` / `from_keras` (the module docstring's WEIGHT MAPPING).
    """

    def __init__(self, cells: Mapping[str, Callable[[Any], Any]], build: Callable[[], keras.Model]) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((n_steps, n_input)),
                "y": TensorSpec((n_classes,), kind="one_hot", depth=n_classes),
            },
            draw_weights=self.draw_weights,
            build=self.build,
            to_model=self.to_keras,
            from_model=self.from_keras,
        )
        self._cells = dict(cells)
        self._build_model = build

    def draw_weights(self, rng: np.random.Generator) -> Weights:
        weights: Weights = {}
        for prefix in self._cells:
            weights[f"{prefix}/kernel"] = glorot_uniform(rng, (n_input + n_hidden, 4 * n_hidden))
            weights[f"{prefix}/bias"] = np.zeros(4 * n_hidden, np.float32)
        n_out = len(self._cells) * n_hidden
        weights["weights_out"] = random_normal(rng, (n_out, n_classes))
        weights["biases_out"] = random_normal(rng, (n_classes,))
        return weights

    def build(self, rate: float | None) -> EagerModel:
        model = self._build_model()
        step = make_train_step(model, make_optimizer(learning_rate if rate is None else rate))
        variables: dict[str, Any] = {}
        for prefix, cell_of in self._cells.items():
            cell = cell_of(model)
            variables.update(
                {
                    f"{prefix}:kernel": cell.kernel,
                    f"{prefix}:recurrent": cell.recurrent_kernel,
                    f"{prefix}:bias": cell.bias,
                }
            )
        out = model.get_layer("out")
        variables.update({"weights_out": out.kernel, "biases_out": out.bias})

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            pred = model(batch["x"], training=False)
            return pred, cost_of(pred, batch["y"])

        return EagerModel(
            variables=variables,
            output_and_loss=output_and_loss,
            train_step=lambda batch: step(batch["x"], batch["y"]),
            model=model,
        )

    def to_keras(self, weights: Weights) -> dict[str, np.ndarray]:
        arrays = {name: np.asarray(weights[name], np.float32) for name in ("weights_out", "biases_out")}
        for prefix in self._cells:
            kernel, recurrent, bias = lstm_to_keras(
                weights[f"{prefix}/kernel"], weights[f"{prefix}/bias"], forget_bias
            )
            arrays.update(
                {f"{prefix}:kernel": kernel, f"{prefix}:recurrent": recurrent, f"{prefix}:bias": bias}
            )
        return arrays

    def from_keras(self, arrays: Mapping[str, np.ndarray], gradient: bool) -> Weights:
        weights = {name: np.asarray(arrays[name]) for name in ("weights_out", "biases_out")}
        for prefix in self._cells:
            weights[f"{prefix}/kernel"], weights[f"{prefix}/bias"] = lstm_from_keras(
                arrays[f"{prefix}:kernel"],
                arrays[f"{prefix}:recurrent"],
                arrays[f"{prefix}:bias"],
                0.0 if gradient else forget_bias,
            )
        return weights


class Parity(LSTMParity):
    """Parity hooks: the Keras LSTM + Dense, mean xent, TF1's Adam; no randomness in this model."""

    def __init__(self) -> None:
        super().__init__({KERNEL.rsplit("/", 1)[0]: lambda model: model.get_layer("lstm").cell}, build_model)


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_rnn_lstm_mnist",
        title="LSTM (BasicLSTMCell 128, static_rnn) MNIST classifier",
        run=run,
        parity_model=Parity,
        tags=("ch06", "mnist", "rnn", "lstm"),
        migration=(
            "tf.contrib.rnn BasicLSTMCell(forget_bias=1.0) + static_rnn over 28 split time steps, "
            "tf.train.AdamOptimizer, Session.run feed loop",
            "keras.layers.LSTM(128) (gate blocks re-ordered i,f,c,o, forget bias folded into the bias), "
            "TF1's Adam (epsilon 1e-8, float32 betas), tf.data + tf.function step",
        ),
    ),
)
