"""ch04_mnist_cnn: the chapter 4 handwritten-digit CNN (Seed A walkthrough L3880-4162, output L4166-4201,
listing L4209-4320), rewritten for TensorFlow 2 / Keras 3. Spec: reference_tf1/ch04_mnist_cnn.py.

The same model: three 3x3 SAME convolutions (32, 64, 128 maps, no biases) each followed by ReLU, 2x2 SAME
max-pool and dropout (rate 1 - 0.8), then Dense 2048 -> 625 ReLU (no bias) -> dropout (rate 1 - 0.5) ->
Dense 625 -> 10 logits (no bias), as a `keras.Sequential`; every kernel RandomNormal(stddev 0.01). Loss: mean
softmax cross-entropy. Optimizer: TF1's RMSProp (lr 0.001, decay 0.9, momentum 0.0, epsilon 1e-10 inside
the sqrt, accumulator starting at 1.0) -- `TF1RMSProp` in modern_tf2/_tf1_optimizers.py, custom because
keras.optimizers.RMSprop starts its accumulator at 0, with no option for 1.0 (its first steps are then ~3x
larger).
Training: a tf.data pipeline of the training images in order, batches of 128 with the remainder dropped
(the book's `zip(range(0, N, 128), range(128, N + 1, 128))`), one `tf.function` step per batch, then the
accuracy on 256 test images drawn by the same seeded numpy shuffle as the reference. `--smoke`: 3 epochs over
the 1,000-image smoke slice; `config.steps` caps the number of updates.
jit_compile: not used -- on 2 CPU cores XLA made this step ~9x slower (0.68 s vs 0.076 s per 128-image step).

Parity hooks: weights "w", "w2", "w3", "w4", "w_o" (the reference names). Mapping (same layouts, renamed):
"w" -> conv1.kernel, "w2" -> conv2.kernel, "w3" -> conv3.kernel (HWIO, as tf.nn.conv2d), "w4" -> fc.kernel
[2048, 625], "w_o" -> logits.kernel [625, 10]. Flatten of the NHWC [4, 4, 128] map has the reference's
`tf.reshape` order. The hooks call the model with training=False (dropout off, like keep 1.0).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import TF1RMSProp, rmsprop
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

batch_size = 128
test_size = 256
img_size = 28
num_classes = 10
epochs = 100
learning_rate = 0.001
rmsprop_decay = 0.9
# TF1 RMSPropOptimizer defaults, pinned (Keras RMSprop: rho 0.9, epsilon 1e-7, accumulator from 0).
rmsprop_momentum = 0.0
rmsprop_epsilon = 1e-10
init_stddev = 0.01
p_keep_conv = 0.8
p_keep_hidden = 0.5

SMOKE_EPOCHS = 3

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "w": (3, 3, 1, 32),
    "w2": (3, 3, 32, 64),
    "w3": (3, 3, 64, 128),
    "w4": (128 * 4 * 4, 625),
    "w_o": (625, num_classes),
}
# Reference name -> Keras layer whose `kernel` holds it.
LAYER_OF = {"w": "conv1", "w2": "conv2", "w3": "conv3", "w4": "fc", "w_o": "logits"}


def build_model(seed: int | None = None) -> keras.Sequential:
    """The listing's `model(...)` as Keras layers; dropout takes the RATE (1 - the book's keep_prob)."""
    layers = keras.layers

    def init(k: int) -> keras.initializers.Initializer:
        return keras.initializers.RandomNormal(stddev=init_stddev, seed=None if seed is None else seed + k)

    def dropout(keep: float, k: int) -> keras.layers.Dropout:
        return layers.Dropout(1.0 - keep, seed=None if seed is None else seed + 10 + k)

    def conv(filters: int, name: str, k: int) -> keras.layers.Conv2D:
        return layers.Conv2D(
            filters,
            3,
            padding="same",
            use_bias=False,
            activation="relu",
            kernel_initializer=init(k),
            name=name,
        )

    def pool() -> keras.layers.MaxPooling2D:
        return layers.MaxPooling2D(pool_size=2, strides=2, padding="same")

    return keras.Sequential(
        [
            keras.Input((img_size, img_size, 1)),
            conv(32, "conv1", 0),
            pool(),  # 28 -> 14
            dropout(p_keep_conv, 0),
            conv(64, "conv2", 1),
            pool(),  # 14 -> 7
            dropout(p_keep_conv, 1),
            conv(128, "conv3", 2),  # the listing pools the ReLU output (the walkthrough, L4037, does not)
            pool(),  # 7 -> 4 (SAME)
            layers.Flatten(),
            dropout(p_keep_conv, 2),
            layers.Dense(625, use_bias=False, activation="relu", kernel_initializer=init(3), name="fc"),
            dropout(p_keep_hidden, 3),
            layers.Dense(num_classes, use_bias=False, kernel_initializer=init(4), name="logits"),
        ],
        name="mnist_cnn",
    )


def cost_of(py_x: tf.Tensor, Y: tf.Tensor) -> tf.Tensor:
    """Mean softmax cross-entropy over the batch."""
    return tf.reduce_mean(keras.losses.categorical_crossentropy(Y, py_x, from_logits=True))


def make_optimizer(rate: float) -> TF1RMSProp:
    return rmsprop(rate, decay=rmsprop_decay, momentum=rmsprop_momentum, epsilon=rmsprop_epsilon)


def make_train_step(model: keras.Model, optimizer: TF1RMSProp, *, training: bool = True) -> Any:
    """One RMSProp step; `training` switches the dropout layers (False in the parity hooks)."""
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function
    def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            cost = cost_of(model(x, training=training), y)
        optimizer.apply_gradients(zip(tape.gradient(cost, variables), variables, strict=True))
        return cost

    return train_step


def run(config: RunConfig) -> Metrics:
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    trX = mnist.train.images.reshape(-1, img_size, img_size, 1)
    teX = mnist.test.images.reshape(-1, img_size, img_size, 1)
    trY, teY = mnist.train.labels, mnist.test.labels
    n_epochs = SMOKE_EPOCHS if config.smoke else epochs
    max_updates = config.steps
    rng = np.random.RandomState(config.seed)  # the test batches: the reference's seeded shuffle

    model = build_model(config.seed)
    train_step = make_train_step(model, make_optimizer(learning_rate))
    predict = tf.function(lambda x: tf.argmax(model(x, training=False), axis=1))
    # In order, no shuffling, remainder dropped: the book's zip(range(0, N, 128), range(128, N + 1, 128)).
    train_batches = tf.data.Dataset.from_tensor_slices((trX, trY)).batch(batch_size, drop_remainder=True)

    accuracies: list[float] = []
    updates = 0
    for i in range(n_epochs):
        for x, y in train_batches:
            if max_updates is not None and updates >= max_updates:
                break
            train_step(x, y)
            updates += 1

        test_indices = np.arange(len(teX))  # Get A Test Batch
        rng.shuffle(test_indices)
        test_indices = test_indices[0:test_size]
        predicted = predict(tf.constant(teX[test_indices])).numpy()
        acc = float(np.mean(np.argmax(teY[test_indices], axis=1) == predicted))
        accuracies.append(acc)
        print(i, acc)
        if max_updates is not None and updates >= max_updates:
            break

    return {
        "train_examples": len(trX),
        "epochs": len(accuracies),
        "updates": updates,
        "test_accuracies": accuracies[-10:],
        "final_test_accuracy": accuracies[-1],
    }


class Parity(EagerParityModel):
    """Parity hooks: the Keras model with dropout off, mean cross-entropy, TF1's RMSProp."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((img_size, img_size, 1)),
                "y": TensorSpec((num_classes,), kind="one_hot", depth=num_classes),
            },
            draw_weights=self.draw_weights,
            build=self.build,
        )

    @staticmethod
    def draw_weights(rng: np.random.Generator) -> Weights:
        return {name: random_normal(rng, shape, init_stddev) for name, shape in WEIGHT_SHAPES.items()}

    @staticmethod
    def build(rate: float | None) -> EagerModel:
        model = build_model()
        step = make_train_step(model, make_optimizer(learning_rate if rate is None else rate), training=False)

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            py_x = model(batch["x"], training=False)
            return py_x, cost_of(py_x, batch["y"])

        return EagerModel(
            variables={name: model.get_layer(layer).kernel for name, layer in LAYER_OF.items()},
            output_and_loss=output_and_loss,
            train_step=lambda batch: step(batch["x"], batch["y"]),
            model=model,
        )


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_mnist_cnn",
        title="CNN handwritten digit classifier (3 conv + 2 FC, RMSProp)",
        run=run,
        parity_model=Parity,
        tags=("ch04", "mnist", "cnn"),
        migration=(
            "tf.nn.conv2d/max_pool/dropout(keep_prob) on placeholders, Session.run feed loop, "
            "tf.train.RMSPropOptimizer(0.001, 0.9)",
            "keras.Sequential (Conv2D/MaxPooling2D/Dropout(rate)), tf.data batches, tf.function step with "
            "GradientTape, a custom TF1-semantics RMSProp (slot at 1.0, epsilon inside the sqrt)",
        ),
    ),
)
