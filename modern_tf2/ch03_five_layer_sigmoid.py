"""ch03_five_layer_sigmoid: five-layer sigmoid network on MNIST (784-200-100-60-30-10).

Seed A: walkthrough L3138-3248, output L3252-3271 (table L3124-3129); built from the walkthrough, as the
reference is (the book's "source code" listing is really the ReLU model).

The reference's model and hyperparameters, as Keras 3 layers: kernels `TruncatedNormal(stddev=0.1)`
(Keras, like TF1, redraws beyond 2 sigma), biases zeros, sigmoid hidden layers, logits out; loss
`CategoricalCrossentropy(from_logits=True, reduction="sum_over_batch_size") * 100`, i.e. TF1's
`reduce_mean(softmax_cross_entropy_with_logits(logits=Ylogits, labels=Y_)) * 100` (labels are data here,
so v1's "no gradient into labels" changes nothing); Adam 0.003 with TF1's epsilon 1e-8 pinned; batches of
100; 10 epochs; summaries "cost"/"accuracy" per step under `log_simple_stats_5_layers_relu_softmax`.

Weight mapping (reference name/layout -> Keras variable; the layouts are the same, kernels [in, out]):
    Wk -> layerk/kernel, Bk -> layerk/bias, for k = 1..5.

jit_compile: not used. Measured on the shared 2-core machine (ch03_five_layer_relu, batch 100): 2.7 ms
per step without XLA, 2.2 ms with it, but 1.1 s instead of 0.3 s for the first (compiling) call, which a
100-step smoke run never wins back.
"""

from __future__ import annotations

import itertools
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

LOGS_PATH = "log_simple_stats_5_layers_relu_softmax"
BATCH_SIZE = 100
LEARNING_RATE = 0.003
TRAINING_EPOCHS = 10
L, M, N, O = 200, 100, 60, 30  # noqa: E741  (the book's layer-size names)
LAYER_SIZES = (784, L, M, N, O, 10)

KERAS_VARIABLES = {
    f"{kind}{k}": f"layer{k}/{attribute}"
    for k in range(1, 6)
    for kind, attribute in (("W", "kernel"), ("B", "bias"))
}
CROSS_ENTROPY = keras.losses.CategoricalCrossentropy(from_logits=True, reduction="sum_over_batch_size")


def build_model() -> keras.Model:
    """X [N, 28, 28, 1] -> 200 -> 100 -> 60 -> 30 sigmoid -> 10 logits (Ylogits)."""
    X = keras.Input((28, 28, 1), name="X")
    Y = keras.layers.Reshape((784,), name="XX")(X)
    for k, width in enumerate(LAYER_SIZES[1:], start=1):
        Y = keras.layers.Dense(
            width,
            activation="sigmoid" if k < 5 else None,
            kernel_initializer=keras.initializers.TruncatedNormal(mean=0.0, stddev=0.1),
            bias_initializer="zeros",
            name=f"layer{k}",
        )(Y)
    return keras.Model(X, Y, name="five_layer_sigmoid")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """(cross_entropy, Ylogits)."""
    Ylogits = model(batch["X"], training=training)
    cross_entropy = CROSS_ENTROPY(batch["Y_"], Ylogits) * 100
    return cross_entropy, Ylogits


def make_trainer(learning_rate: float = LEARNING_RATE) -> Trainer:
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
            cost, Ylogits = trainer.train_step({"X": batch_x, "Y_": batch_y}, LEARNING_RATE)
            with writer.as_default():
                tf.summary.scalar("cost", cost, step=epoch * batch_count + i)
                tf.summary.scalar("accuracy", accuracy(Ylogits, batch_y), step=epoch * batch_count + i)
            steps += 1
        print("Epoch: ", epoch)
    writer.close()
    test_logits = trainer.model(mnist.test.images, training=False)
    test_accuracy = np.float32(accuracy(test_logits, mnist.test.labels))
    print("Accuracy: ", test_accuracy)
    print("done")

    return {
        "test_accuracy": float(test_accuracy),
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "epochs": epochs,
        "steps": steps,
    }


def draw_weights(rng: np.random.Generator) -> Weights:
    """W truncated normal (stddev 0.1), B zeros: the reference's draws, in the same order."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        weights[f"B{k}"] = np.zeros([fan_out], np.float32)
    return weights


def parity_model() -> EagerParityModel:
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Ylogits."""
    return EagerParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, lambda step: LEARNING_RATE
        ),
    )


EXAMPLES = (
    Example(
        "ch03_five_layer_sigmoid",
        "Five-layer sigmoid network on MNIST (Adam 0.003)",
        run,
        parity_model=parity_model,
        migration=(
            "placeholders + Session.run feed loop, v1 softmax_cross_entropy_with_logits, "
            "AdamOptimizer(0.003, epsilon=1e-8), summary.FileWriter",
            "keras.layers.Dense model, tf.data + tf.function step with GradientTape, "
            "keras.losses.CategoricalCrossentropy(from_logits=True), "
            "TF1's Adam (epsilon 1e-8, float32 betas), tf.summary",
        ),
    ),
)
