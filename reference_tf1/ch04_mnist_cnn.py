"""ch04_mnist_cnn: the chapter 4 handwritten-digit CNN (Seed A walkthrough L3880-4162, output L4166-4201,
listing L4209-4320), as a TF1 graph on `tf.compat.v1`.

Three 3x3 SAME convolutions (32, 64, 128 maps; no biases anywhere) each followed by ReLU, 2x2 SAME max-pool
and dropout (keep `p_keep_conv`), then FC 2048 -> 625 ReLU -> dropout (keep `p_keep_hidden`) -> FC 625 -> 10.
All five weights are `random_normal(stddev=0.01)`. Loss: mean softmax cross-entropy; optimizer RMSProp(0.001,
decay 0.9) with TF1's other defaults pinned (momentum 0.0, epsilon 1e-10; TF1 also starts the `rms` slot at
1.0, which Keras does not). Each epoch runs `zip(range(0, N, 128), range(128, N + 1, 128))` batches in order
(no shuffling, remainder dropped) with keep 0.8/0.5, then prints the accuracy on 256 random test images.

Book numbers (55,000 real training images, 100 epochs): (0, 0.957) ... (99, 0.996), "about 99%". Here the data
are tfmigrate.book.data.mnist's offline subset in the tutorial layout. `config.steps` caps the total number of
optimizer updates; `--smoke` runs 3 epochs over the data module's 1,000-image smoke slice (7 batches each).
Listing fixes: the multi-line `trX, trY, ... =` and `training_batch = zip(...)` statements lack their line
continuations (L4263-4266, L4294-4299); 0.x `tf.initialize_all_variables()` (L4291); the test indices come
from a seeded numpy RandomState instead of the unseeded global one.
Parity hooks: weights "w", "w2", "w3", "w4", "w_o" (the book's names), shapes as in the graph (HWIO kernels).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch04_ch06_common import variable
from reference_tf1._parity import GraphModel, GraphParityModel, placeholders, trainable_variables
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
# TF1 RMSPropOptimizer defaults, pinned so the modern tree can mirror them (Keras: rho 0.9, eps 1e-7).
rmsprop_momentum = 0.0
rmsprop_epsilon = 1e-10
init_stddev = 0.01

SMOKE_EPOCHS = 3

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "w": (3, 3, 1, 32),
    "w2": (3, 3, 32, 64),
    "w3": (3, 3, 64, 128),
    "w4": (128 * 4 * 4, 625),
    "w_o": (625, num_classes),
}


def init_weights(initial: Mapping[str, np.ndarray] | None) -> dict[str, tf.Variable]:
    """The five weight variables, from `initial` or from the book's `random_normal(stddev=0.01)`."""

    def book_initial(shape: tuple[int, ...]) -> Callable[[], tf.Tensor]:
        return lambda: tf.compat.v1.random_normal(shape, stddev=init_stddev)

    return {name: variable(name, initial, book_initial(shape)) for name, shape in WEIGHT_SHAPES.items()}


def model(
    X: tf.Tensor,
    w: Mapping[str, tf.Variable],
    p_keep_conv: tf.Tensor | float,
    p_keep_hidden: tf.Tensor | float,
) -> tf.Tensor:
    """The listing's `model(...)`: logits `py_x`."""
    conv1 = tf.nn.relu(tf.compat.v1.nn.conv2d(X, w["w"], strides=[1, 1, 1, 1], padding="SAME"))
    conv1 = tf.compat.v1.nn.max_pool(conv1, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    # tf.compat.v1.nn.dropout's 2nd argument is keep_prob, as in the book (TF2's tf.nn.dropout takes rate).
    conv1 = tf.compat.v1.nn.dropout(conv1, keep_prob=p_keep_conv)

    conv2 = tf.nn.relu(tf.compat.v1.nn.conv2d(conv1, w["w2"], strides=[1, 1, 1, 1], padding="SAME"))
    conv2 = tf.compat.v1.nn.max_pool(conv2, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    conv2 = tf.compat.v1.nn.dropout(conv2, keep_prob=p_keep_conv)

    conv3 = tf.nn.relu(tf.compat.v1.nn.conv2d(conv2, w["w3"], strides=[1, 1, 1, 1], padding="SAME"))
    # The walkthrough (L4037-4053) pools the pre-ReLU conv3; the listing pools the ReLU output, as here.
    FC_layer = tf.compat.v1.nn.max_pool(conv3, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")
    FC_layer = tf.reshape(FC_layer, [-1, w["w4"].get_shape().as_list()[0]])
    FC_layer = tf.compat.v1.nn.dropout(FC_layer, keep_prob=p_keep_conv)

    output_layer = tf.nn.relu(tf.matmul(FC_layer, w["w4"]))
    output_layer = tf.compat.v1.nn.dropout(output_layer, keep_prob=p_keep_hidden)
    return tf.matmul(output_layer, w["w_o"])


def cost_of(py_x: tf.Tensor, Y: tf.Tensor) -> tf.Tensor:
    """Mean softmax cross-entropy (the book already uses keywords here, so no logits/labels swap)."""
    return tf.reduce_mean(tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits=py_x, labels=Y))


def make_optimizer(rate: float) -> tf.compat.v1.train.Optimizer:
    return tf.compat.v1.train.RMSPropOptimizer(
        rate, decay=rmsprop_decay, momentum=rmsprop_momentum, epsilon=rmsprop_epsilon
    )


def run(config: RunConfig) -> Metrics:
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    trX, trY, teX, teY = mnist.train.images, mnist.train.labels, mnist.test.images, mnist.test.labels
    trX = trX.reshape(-1, img_size, img_size, 1)  # 28x28x1 input img
    teX = teX.reshape(-1, img_size, img_size, 1)
    n_epochs, max_updates = epochs, config.steps
    if config.smoke:
        n_epochs = SMOKE_EPOCHS  # over the data module's 1,000-image smoke slice: 7 batches an epoch
    # The book shuffles the test indices with the unseeded global numpy RNG; seeded here.
    rng = np.random.RandomState(config.seed)

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        X = tf.compat.v1.placeholder("float", [None, img_size, img_size, 1])
        Y = tf.compat.v1.placeholder("float", [None, num_classes])
        w = init_weights(None)
        p_keep_conv = tf.compat.v1.placeholder("float")
        p_keep_hidden = tf.compat.v1.placeholder("float")
        py_x = model(X, w, p_keep_conv, p_keep_hidden)
        cost = cost_of(py_x, Y)
        optimizer = make_optimizer(learning_rate).minimize(cost)
        predict_op = tf.argmax(py_x, 1)
        init = tf.compat.v1.global_variables_initializer()  # book: 0.x tf.initialize_all_variables()

    accuracies: list[float] = []
    updates = 0
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        for i in range(n_epochs):
            training_batch = zip(
                range(0, len(trX), batch_size), range(batch_size, len(trX) + 1, batch_size), strict=False
            )
            for start, end in training_batch:
                if max_updates is not None and updates >= max_updates:
                    break
                sess.run(
                    optimizer,
                    feed_dict={X: trX[start:end], Y: trY[start:end], p_keep_conv: 0.8, p_keep_hidden: 0.5},
                )
                updates += 1

            test_indices = np.arange(len(teX))  # Get A Test Batch
            rng.shuffle(test_indices)
            test_indices = test_indices[0:test_size]
            predicted = sess.run(
                predict_op,
                feed_dict={X: teX[test_indices], Y: teY[test_indices], p_keep_conv: 1.0, p_keep_hidden: 1.0},
            )
            acc = float(np.mean(np.argmax(teY[test_indices], axis=1) == predicted))
            accuracies.append(acc)
            print(i, acc)  # Python 2 printed the tuple: (0, 0.95703125)
            if max_updates is not None and updates >= max_updates:
                break

    return {
        "train_examples": len(trX),
        "epochs": len(accuracies),
        "updates": updates,
        "test_accuracies": accuracies[-10:],
        "final_test_accuracy": accuracies[-1],
    }


class Parity(GraphParityModel):
    """Parity hooks: the same `model`/`cost_of`/RMSProp with both keep probabilities at 1.0."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((img_size, img_size, 1)),
                "y": TensorSpec((num_classes,), kind="one_hot", depth=num_classes),
            },
            draw_weights=self._initial,
            build=self._build_graph,
            learning_rate=learning_rate,
        )

    @staticmethod
    def _initial(rng: np.random.Generator) -> Weights:
        return {name: random_normal(rng, shape, init_stddev) for name, shape in WEIGHT_SHAPES.items()}

    def _build_graph(self, weights: Mapping[str, np.ndarray], rate: tf.Tensor) -> GraphModel:
        inputs = placeholders(self.batch_spec())
        py_x = model(inputs["x"], init_weights(weights), 1.0, 1.0)
        cost = cost_of(py_x, inputs["y"])
        return GraphModel(inputs, trainable_variables(), py_x, cost, make_optimizer(rate).minimize(cost))


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_mnist_cnn",
        title="CNN handwritten digit classifier (3 conv + 2 FC, RMSProp)",
        run=run,
        parity_model=Parity,
        tags=("ch04", "mnist", "cnn"),
    ),
)
