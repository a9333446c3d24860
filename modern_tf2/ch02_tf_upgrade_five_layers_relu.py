"""ch02_tf_upgrade_five_layers_relu: the five-layer ReLU MNIST script that chapter 2 runs through
`tf_upgrade.py`, written for TF2 (Seed A: 0.x source L2116-2187, report L2204-2252, upgraded excerpt
L2258-2296).

The same model as the reference: 784-200-100-60-30-10, ReLU, W `truncated_normal(stddev=0.1)`, B
0.1 (zeros for the last layer), loss = mean softmax cross-entropy * 100, Adam (TF1 epsilon 1e-8 pinned),
batches of 100, 10 epochs, test accuracy printed after each epoch, then "done". Here it is a Keras 3
Sequential model (Flatten + five Dense layers) trained by a tf.function step with GradientTape; the
stepped learning rate the book fed through a placeholder is a `LearningRateSchedule` of the optimizer's
step counter, with the Python 2 floor division kept (`Python2LearningRate`); the "cost" and
"accuracy" summaries of each training batch are written with tf.summary v2 (`tf.summary.scalar`). Batches come
from the data module's `next_batch` (TF1 tutorial order) through a tf.data pipeline.

Where the 0.x script needed the seven rewrites of the upgrade report (`TF_UPGRADE_REPORT`, kept for the
metrics), TF2 needs none of those APIs: initialisers run at variable creation, summaries go through
`tf.summary.create_file_writer`, and the cross-entropy is `keras.losses.CategoricalCrossentropy(
from_logits=True)` -- keyword-free, it cannot swap labels and logits (its TF backend calls
`tf.nn.softmax_cross_entropy_with_logits(labels=, logits=)`, the kernel the reference uses).

Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot [N, 10]}; forward gives Ylogits.
Weight mapping (same layout [in, out] / [out]): "W<k>" <-> Keras "layer<k>/kernel", "B<k>" <->
"layer<k>/bias". Without a learning rate, train_steps follows `python2_learning_rate(k)` for the k-th
batch, as the reference's hooks feed it.

The train step is a tf.function; jit_compile=True (XLA) measured 1.4-1.7x faster per batch of 100 on the
2-core CPU (3.3-3.7 ms -> 1.9-2.6 ms) but rounds the first layer's near-zero gradients differently, and
Adam's first step (about lr * sign(g)) turns that into 3e-5 differences in W1 against the reference
(3e-8 without XLA), so it stays off here (`Trainer(..., jit_compile=True)` for speed). The summaries are
written by a separate tf.function after each step, so the step itself stays XLA-compilable.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import make_logdir
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LOGS_PATH = "log_simple_stats_5_layers_relu_softmax"
BATCH_SIZE = 100
TRAINING_EPOCHS = 10
MAX_LEARNING_RATE = 0.003
MIN_LEARNING_RATE = 0.0001
DECAY_SPEED = 2000
L, M, N, O = 200, 100, 60, 30  # noqa: E741  (the book's layer widths)
LAYER_SIZES = (784, L, M, N, O, 10)
JIT_COMPILE = False
"""XLA for the train step: off, see the module docstring (the benchmark can pass jit_compile=True)."""

TF_UPGRADE_REPORT = (
    "tf.initialize_all_variables -> tf.global_variables_initializer (line 64)",
    "tf.train.SummaryWriter -> tf.summary.FileWriter (line 65)",
    "tf.nn.softmax_cross_entropy_with_logits: added keywords logits=, labels= (line 45)",
    "tf.scalar_summary -> tf.summary.scalar (line 55)",
    "tf.scalar_summary -> tf.summary.scalar (line 56)",
    "tf.merge_all_summaries -> tf.summary.merge_all (line 57)",
    "tf.initialize_all_variables -> tf.global_variables_initializer (line 59)",
)
"""The changes `tf_upgrade.py` reported for the 0.x script (book L2204-2252)."""


def python2_learning_rate(i: int) -> float:
    """The rate of batch i of an epoch, as the book's Python 2 computed it: `exp(-i/2000)` with ints is
    `exp((-i) // 2000)`, so 0.003 for i = 0 and 0.0011669 for 1 <= i <= 2000."""
    return MIN_LEARNING_RATE + (MAX_LEARNING_RATE - MIN_LEARNING_RATE) * math.exp((-i) // DECAY_SPEED)


class Python2LearningRate(keras.optimizers.schedules.LearningRateSchedule):  # type: ignore[misc]  # tensorflow/keras are untyped
    """`python2_learning_rate(step % batches_per_epoch)` as a Keras schedule of the optimizer's step.

    The book's i restarts every epoch; `batches_per_epoch=None` never restarts it (the parity hooks).
    Computed in float64 and rounded once to float32, as the Python float the reference feeds is.
    """

    def __init__(self, batches_per_epoch: int | None) -> None:
        self.batches_per_epoch = batches_per_epoch

    def __call__(self, step: Any) -> tf.Tensor:
        i = tf.cast(step, tf.int64)
        if self.batches_per_epoch is not None:
            i = i % self.batches_per_epoch
        exponent = tf.cast(tf.math.floordiv(-i, DECAY_SPEED), tf.float64)
        rate = MIN_LEARNING_RATE + (MAX_LEARNING_RATE - MIN_LEARNING_RATE) * tf.exp(exponent)
        return tf.cast(rate, tf.float32)

    def get_config(self) -> dict[str, Any]:
        return {"batches_per_epoch": self.batches_per_epoch}


def make_model(seed: int | None = None) -> keras.Sequential:
    """The script's network (L2125-2146): layer k has kernel W<k> and bias B<k>."""
    layers: list[keras.layers.Layer] = [keras.Input((28, 28, 1)), keras.layers.Flatten(name="XX")]
    for k, units in enumerate(LAYER_SIZES[1:], start=1):
        layers.append(
            keras.layers.Dense(
                units,
                activation="relu" if k < 5 else None,
                kernel_initializer=keras.initializers.TruncatedNormal(
                    stddev=0.1, seed=None if seed is None else seed + k
                ),
                bias_initializer="zeros" if k == 5 else keras.initializers.Constant(0.1),
                name=f"layer{k}",
            )
        )
    return keras.Sequential(layers, name="five_layers_relu")


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy initial weights, drawn exactly as the reference's."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        ones = np.ones([fan_out], np.float32) / np.float32(10)
        weights[f"B{k}"] = np.zeros([fan_out], np.float32) if k == 5 else ones
    return weights


def canonical_variables(model: keras.Sequential) -> dict[str, keras.Variable]:
    """ "W<k>"/"B<k>" -> the Keras variables "layer<k>/kernel"/"layer<k>/bias" (same layouts)."""
    variables: dict[str, keras.Variable] = {}
    for k in range(1, 6):
        layer = model.get_layer(f"layer{k}")
        variables[f"W{k}"], variables[f"B{k}"] = layer.kernel, layer.bias
    return variables


class Trainer:
    """The model, its Adam optimizer and the tf.function training step."""

    def __init__(
        self,
        model: keras.Sequential,
        learning_rate: float | Python2LearningRate,
        *,
        jit_compile: bool = JIT_COMPILE,
    ) -> None:
        self.model = model
        self.optimizer = adam(learning_rate)
        self.optimizer.build(model.trainable_variables)  # slots created eagerly, not in the first trace
        self.loss_fn = keras.losses.CategoricalCrossentropy(from_logits=True)
        self.train_step = tf.function(self._train_step, jit_compile=jit_compile, reduce_retracing=True)

    def cross_entropy(self, X: tf.Tensor, Y_: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        """(loss, Ylogits): the mean cross-entropy * 100 of the book (normalised for batches of 100)."""
        Ylogits = self.model(X, training=False)
        return self.loss_fn(Y_, Ylogits) * 100, Ylogits

    def accuracy(self, X: tf.Tensor, Y_: tf.Tensor) -> tf.Tensor:
        Ylogits = self.model(X, training=False)
        correct_prediction = tf.equal(tf.argmax(Ylogits, 1), tf.argmax(Y_, 1))
        return tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

    def _train_step(self, X: tf.Tensor, Y_: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        """One Adam step; returns the batch's cost and accuracy (computed before the update)."""
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            cross_entropy, Ylogits = self.cross_entropy(X, Y_)
        gradients = tape.gradient(cross_entropy, variables)
        self.optimizer.apply_gradients(zip(gradients, variables, strict=True))
        correct_prediction = tf.equal(tf.argmax(Ylogits, 1), tf.argmax(Y_, 1))
        return cross_entropy, tf.reduce_mean(tf.cast(correct_prediction, tf.float32))


def write_summaries(cost: tf.Tensor, accuracy: tf.Tensor, step: tf.Tensor) -> None:
    """The book's two scalar summaries, outside the (XLA-compilable) step: summary ops do not compile.

    Wrapped in a fresh tf.function per run: a traced summary op keeps the writer that was the default
    when it was traced, so a trace shared by two runs would write to the first run's closed writer.
    """
    tf.summary.scalar("cost", cost, step)
    tf.summary.scalar("accuracy", accuracy, step)


def batches(dataset: mnist_data.DataSet, count: int) -> tf.data.Dataset:
    """`count` calls of the tutorial `next_batch(100)` (the reference's order) as a tf.data pipeline."""

    def generate() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for _ in range(count):
            yield dataset.next_batch(BATCH_SIZE)

    spec = (tf.TensorSpec([None, 28, 28, 1], tf.float32), tf.TensorSpec([None, 10], tf.float32))
    return tf.data.Dataset.from_generator(generate, output_signature=spec).prefetch(2)


def run(config: RunConfig) -> Metrics:
    """Train 10 epochs of batches of 100 (config.steps caps the total), print test accuracy per epoch."""
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logs_path = make_logdir(config, LOGS_PATH)
    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = TRAINING_EPOCHS if config.steps is None else max(1, math.ceil(config.steps / batch_count))
    total_steps = epochs * batch_count if config.steps is None else config.steps

    trainer = Trainer(make_model(config.seed), Python2LearningRate(batch_count))
    test_images = tf.constant(mnist.test.images)
    test_labels = tf.constant(mnist.test.labels)
    writer = tf.summary.create_file_writer(str(logs_path))
    summarise = tf.function(write_summaries)
    accuracies: list[float] = []
    costs: list[float] = []
    with writer.as_default():
        for epoch in range(epochs):
            planned = min(batch_count, total_steps - epoch * batch_count)
            for batch_x, batch_y in batches(mnist.train, max(0, planned)):
                step = tf.convert_to_tensor(trainer.optimizer.iterations)  # before the step increments it
                cost, batch_accuracy = trainer.train_step(batch_x, batch_y)
                summarise(cost, batch_accuracy, step)
                costs.append(float(cost))
            test_accuracy = trainer.accuracy(test_images, test_labels).numpy()
            print("Accuracy: ", test_accuracy)
            accuracies.append(float(test_accuracy))
    writer.close()
    print("done")
    return {
        "test_accuracy": accuracies[-1],
        "test_accuracy_per_epoch": accuracies,
        "first_cost": costs[0],
        "last_cost": costs[-1],
        "epochs": epochs,
        "steps": len(costs),
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "learning_rates_fed": [python2_learning_rate(0), python2_learning_rate(1)],
        "tf_upgrade_report": list(TF_UPGRADE_REPORT),
        "logdir": str(logs_path),
    }


def _parity_build(learning_rate: float | None) -> EagerModel:
    trainer = Trainer(make_model(), Python2LearningRate(None) if learning_rate is None else learning_rate)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        cross_entropy, Ylogits = trainer.cross_entropy(batch["X"], batch["Y_"])
        return Ylogits, cross_entropy

    return EagerModel(
        variables=canonical_variables(trainer.model),
        output_and_loss=output_and_loss,
        train_step=lambda batch: trainer.train_step(batch["X"], batch["Y_"]),
        model=trainer.model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch02_tf_upgrade_five_layers_relu",
        "Chapter 2: the tf_upgrade.py demo script (five-layer ReLU MNIST), rewritten for TF2",
        run,
        parity_model=parity_model,
        tags=("ch02", "trainable", "mnist", "summaries"),
        migration=(
            "0.x script upgraded by tf_upgrade.py: placeholders, learning-rate feed, "
            "tf.train.AdamOptimizer(epsilon=1e-8), summary.FileWriter",
            "keras.Sequential + tf.function GradientTape step, LearningRateSchedule, "
            "TF1's Adam (epsilon 1e-8, float32 betas), tf.summary file writer",
        ),
    ),
)
