"""ch03_five_layer_relu_dropout: the five-layer ReLU network with dropout after each hidden layer.

Seed A: snippet L3565-3582, output L3586-3605, listing L3637-3725. Same model, initialisers, loss, Adam
(TF1's epsilon 1e-8 pinned) and stepped learning rate as ch03_five_layer_relu (see
`stepped_learning_rate` for the Python 2 integer division), plus dropout after each of the four hidden
layers. TF1's `tf.nn.dropout(Yk, pkeep)` takes the KEEP probability (0.75 in training); Keras'
`Dropout(rate)` takes the DROP rate, so `rate=1 - PKEEP = 0.25` (both scale the kept units by 1/0.75).
The pkeep placeholder becomes the `training` flag: the book evaluates the test accuracy with dropout
still on (pkeep 0.75, L3723), i.e. `model(x, training=True)`, reported as `test_accuracy`; the accuracy
with dropout off (`training=False`) is `test_accuracy_pkeep_1`, as in the reference.

Weight mapping (reference name/layout -> Keras variable; the layouts are the same, kernels [in, out]):
    Wk -> layerk/kernel, Bk -> layerk/bias, for k = 1..5.

jit_compile: not used. Measured on the shared 2-core machine (ch03_five_layer_relu, batch 100): 2.7 ms
per step without XLA, 2.2 ms with it, but 1.1 s instead of 0.3 s for the first (compiling) call, which a
100-step smoke run never wins back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch03_ch05_common import Trainer, accuracy, batch_stream, make_logdir, planned_epochs
from modern_tf2._parity import EagerParityModel
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LOGS_PATH = "log_simple_stats_5_lyers_dropout"  # sic
BATCH_SIZE = 100
MAX_LEARNING_RATE = 0.003
MIN_LEARNING_RATE = 0.0001
DECAY_SPEED = 2000
TRAINING_EPOCHS = 10
TRAIN_PKEEP = 0.75
TEST_PKEEP = 0.75  # the book's evaluation keeps dropout on
L, M, N, O = 200, 100, 60, 30  # noqa: E741  (the book's layer-size names)
LAYER_SIZES = (784, L, M, N, O, 10)

KERAS_VARIABLES = {
    f"{kind}{k}": f"layer{k}/{attribute}"
    for k in range(1, 6)
    for kind, attribute in (("W", "kernel"), ("B", "bias"))
}
CROSS_ENTROPY = keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum_over_batch_size")


def stepped_learning_rate(i: int) -> float:
    """The book's rate for batch i of an epoch, as Python 2 computed it.

    `-i/decay_speed` on ints is floor division in Python 2: 0 for i = 0 and -1 for every i in 1..2000, so
    the book trained at 0.003 for the first batch of each epoch and 0.0011669 for the other 599 (Python 3's
    true division would decay smoothly from 0.003 to 0.0023 instead).
    """
    return MIN_LEARNING_RATE + (MAX_LEARNING_RATE - MIN_LEARNING_RATE) * math.exp((-i) // DECAY_SPEED)


def build_model() -> keras.Model:
    """X [N, 28, 28, 1] -> 200 -> 100 -> 60 -> 30 ReLU, each then dropout -> 10 logits (Ylogits)."""
    X = keras.Input((28, 28, 1), name="X")
    Y = keras.layers.Reshape((784,), name="XX")(X)
    for k, width in enumerate(LAYER_SIZES[1:], start=1):
        Y = keras.layers.Dense(
            width,
            activation="relu" if k < 5 else None,
            kernel_initializer=keras.initializers.TruncatedNormal(mean=0.0, stddev=0.1),
            bias_initializer=keras.initializers.Constant(0.1) if k < 5 else "zeros",
            name=f"layer{k}",
        )(Y)
        if k < 5:
            # TF1's keep_prob 0.75 is Keras' rate 0.25.
            Y = keras.layers.Dropout(rate=1.0 - TRAIN_PKEEP, name=f"dropout{k}")(Y)
    return keras.Model(X, Y, name="five_layer_relu_dropout")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """(cross_entropy, Ylogits)."""
    Ylogits = model(batch["X"], training=training)
    cross_entropy = CROSS_ENTROPY(batch["Y_"], Ylogits) * 100
    return cross_entropy, Ylogits


def make_trainer(learning_rate: float = MAX_LEARNING_RATE) -> Trainer:
    return Trainer(build_model(), objective, adam(learning_rate))


def run(config: RunConfig) -> Metrics:
    keras.utils.set_random_seed(config.seed)
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logdir = make_logdir(config)
    trainer = make_trainer()
    batches = batch_stream((mnist.train.images, mnist.train.labels), BATCH_SIZE, config.seed)
    writer = tf.summary.create_file_writer(str(logdir / LOGS_PATH))

    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, batch_count, config.steps)
    steps = 0
    for epoch in range(epochs):
        for i in range(batch_count):
            if config.steps is not None and steps >= config.steps:
                break
            batch_x, batch_y = next(batches)
            learning_rate = stepped_learning_rate(i)
            cost, Ylogits = trainer.train_step({"X": batch_x, "Y_": batch_y}, learning_rate)
            with writer.as_default():
                tf.summary.scalar("cost", cost, step=epoch * batch_count + i)
                tf.summary.scalar("accuracy", accuracy(Ylogits, batch_y), step=epoch * batch_count + i)
            steps += 1
        print("Epoch: ", epoch)
    writer.close()
    # The book's test feed has pkeep 0.75: dropout on.
    test_logits = trainer.model(mnist.test.images, training=TEST_PKEEP < 1.0)
    test_accuracy = np.float32(accuracy(test_logits, mnist.test.labels))
    print("Accuracy: ", test_accuracy)
    # Not in the book: the same test set with dropout off.
    test_accuracy_pkeep_1 = float(
        accuracy(trainer.model(mnist.test.images, training=False), mnist.test.labels)
    )
    print("done")

    return {
        "test_accuracy": float(test_accuracy),
        "test_accuracy_pkeep": TEST_PKEEP,
        "test_accuracy_pkeep_1": test_accuracy_pkeep_1,
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "epochs": epochs,
        "steps": steps,
    }


def draw_weights(rng: np.random.Generator) -> Weights:
    """W truncated normal (stddev 0.1), B ones/10 (B5 zeros): the reference's draws, in the same order."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        bias = np.zeros([fan_out], np.float32) if k == 5 else np.ones([fan_out], np.float32) / np.float32(10)
        weights[f"B{k}"] = bias
    return weights


def parity_model() -> EagerParityModel:
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Ylogits.

    Dropout is off (training=False; the reference feeds pkeep 1.0), so every hook is deterministic.

    A given learning rate is used for every step; without one, batch k of a train_steps call gets
    `stepped_learning_rate(k)`, as at the start of an epoch in run() (and in the reference).
    """
    return EagerParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, stepped_learning_rate
        ),
    )


EXAMPLES = (
    Example(
        "ch03_five_layer_relu_dropout",
        "Five-layer ReLU network with dropout (pkeep 0.75) on MNIST",
        run,
        parity_model=parity_model,
        migration=(
            "tf.nn.dropout(Yk, pkeep) with a keep_prob placeholder (0.75), lr placeholder fed per batch, "
            "AdamOptimizer(lr, epsilon=1e-8), Session.run feed loop",
            "keras.layers.Dropout(rate=0.25) switched by training=, tf.function step with GradientTape "
            "taking the rate as a tensor argument, TF1's Adam (epsilon 1e-8, float32 betas), tf.data",
        ),
    ),
)
