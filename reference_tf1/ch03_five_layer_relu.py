"""ch03_five_layer_relu: five-layer ReLU network on MNIST (784-200-100-60-30-10) with a stepped rate.

Seed A: change snippets L3389-3409, output L3415-3434, listing L3459-3543 (the same model is also printed,
mislabelled, as the sigmoid "source code" L3296-3373).

Weights `truncated_normal(stddev=0.1)`, biases `tf.ones([n])/10` (last layer zeros), ReLU hidden
layers, softmax output; loss `reduce_mean(softmax_cross_entropy_with_logits(...)) * 100`; Adam (TF1
defaults pinned) on a learning-rate placeholder fed per batch with
`0.0001 + 0.0029 * exp(-i/2000)`, i = batch index within the epoch, evaluated with Python 2 integer
division (see `stepped_learning_rate`); batches of 100; 10 epochs.

Listing bugs fixed: it feeds `Y` (the softmax output) instead of the label placeholder `Y_` (an unfed
placeholder error), the training loop ran after the `with tf.Session()` block had closed, a second
unused session was created, and several statements were glued on one line.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch03_ch05_common import adam, make_logdir, planned_epochs
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LOGS_PATH = "log_simple_stats_5_layers_relu_softmax"
BATCH_SIZE = 100
MAX_LEARNING_RATE = 0.003
MIN_LEARNING_RATE = 0.0001
DECAY_SPEED = 2000
TRAINING_EPOCHS = 10
L, M, N, O = 200, 100, 60, 30  # noqa: E741  (the book's layer-size names)
LAYER_SIZES = (784, L, M, N, O, 10)


def stepped_learning_rate(i: int) -> float:
    """The book's rate for batch i of an epoch, as Python 2 computed it.

    `-i/decay_speed` on ints is floor division in Python 2: 0 for i = 0 and -1 for every i in 1..2000, so
    the book trained at 0.003 for the first batch of each epoch and 0.0011669 for the other 599 (Python 3's
    true division would decay smoothly from 0.003 to 0.0023 instead).
    """
    return MIN_LEARNING_RATE + (MAX_LEARNING_RATE - MIN_LEARNING_RATE) * math.exp((-i) // DECAY_SPEED)


def book_initial_values() -> dict[str, InitialValue]:
    """The book's initialisers: W `truncated_normal(stddev=0.1)`, B `ones/10` except B5 `zeros`."""
    init: dict[str, InitialValue] = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        init[f"W{k}"] = tf.compat.v1.truncated_normal([fan_in, fan_out], stddev=0.1)
        init[f"B{k}"] = tf.zeros([fan_out]) if k == 5 else tf.ones([fan_out]) / 10
    return init


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy version of `book_initial_values`."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        bias = np.zeros([fan_out], np.float32) if k == 5 else np.ones([fan_out], np.float32) / np.float32(10)
        weights[f"B{k}"] = bias
    return weights


def build(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """The listing's graph, in the current default graph (`learning_rate` is the book's `lr` placeholder)."""
    X = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
    Y_ = tf.compat.v1.placeholder(tf.float32, [None, 10])
    XX = tf.reshape(X, [-1, 784])

    W1 = tf.compat.v1.Variable(init["W1"], name="W1")
    B1 = tf.compat.v1.Variable(init["B1"], name="B1")
    Y1 = tf.nn.relu(tf.matmul(XX, W1) + B1)
    W2 = tf.compat.v1.Variable(init["W2"], name="W2")
    B2 = tf.compat.v1.Variable(init["B2"], name="B2")
    Y2 = tf.nn.relu(tf.matmul(Y1, W2) + B2)
    W3 = tf.compat.v1.Variable(init["W3"], name="W3")
    B3 = tf.compat.v1.Variable(init["B3"], name="B3")
    Y3 = tf.nn.relu(tf.matmul(Y2, W3) + B3)
    W4 = tf.compat.v1.Variable(init["W4"], name="W4")
    B4 = tf.compat.v1.Variable(init["B4"], name="B4")
    Y4 = tf.nn.relu(tf.matmul(Y3, W4) + B4)
    W5 = tf.compat.v1.Variable(init["W5"], name="W5")
    B5 = tf.compat.v1.Variable(init["B5"], name="B5")
    Ylogits = tf.matmul(Y4, W5) + B5
    Y = tf.nn.softmax(Ylogits)

    # Keywords matter: TF 2.21's compat.v1 signature is (labels, logits), the 0.x one (logits, labels).
    cross_entropy = tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits=Ylogits, labels=Y_)
    cross_entropy = tf.reduce_mean(cross_entropy) * 100
    train_step = adam(learning_rate).minimize(cross_entropy)
    correct_prediction = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    return GraphModel(
        inputs={"X": X, "Y_": Y_},
        variables={
            "W1": W1,
            "B1": B1,
            "W2": W2,
            "B2": B2,
            "W3": W3,
            "B3": B3,
            "W4": W4,
            "B4": B4,
            "W5": W5,
            "B5": B5,
        },
        output=Ylogits,
        loss=cross_entropy,
        train_op=train_step,
        extra={"accuracy": accuracy, "Y": Y},
    )


def run(config: RunConfig) -> Metrics:
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logdir = make_logdir(config)
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        lr = tf.compat.v1.placeholder(tf.float32)
        model = build(book_initial_values(), lr)
        X, Y_, accuracy = model.inputs["X"], model.inputs["Y_"], model.extra["accuracy"]
        tf.compat.v1.summary.scalar("cost", model.loss)
        tf.compat.v1.summary.scalar("accuracy", accuracy)
        summary_op = tf.compat.v1.summary.merge_all()

    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, batch_count, config.steps)
    steps = 0
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        writer = tf.compat.v1.summary.FileWriter(str(logdir / LOGS_PATH), graph=graph)
        for epoch in range(epochs):
            for i in range(batch_count):
                if config.steps is not None and steps >= config.steps:
                    break
                batch_x, batch_y = mnist.train.next_batch(BATCH_SIZE)
                learning_rate = stepped_learning_rate(i)
                # The listing feeds `Y: batch_y`, i.e. the softmax output; the labels go to `Y_`.
                _, summary = sess.run(
                    [model.train_op, summary_op], feed_dict={X: batch_x, Y_: batch_y, lr: learning_rate}
                )
                writer.add_summary(summary, epoch * batch_count + i)
                steps += 1
            print("Epoch: ", epoch)
        writer.close()
        # Again `Y_`, not `Y` as in the listing.
        test_accuracy = accuracy.eval(feed_dict={X: mnist.test.images, Y_: mnist.test.labels})
        print("Accuracy: ", test_accuracy)
        print("done")

    return {
        "test_accuracy": float(test_accuracy),
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "epochs": epochs,
        "steps": steps,
    }


def parity_model() -> GraphParityModel:
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Ylogits.

    A given learning rate is used for every step; without one, batch k of a train_steps call gets
    `stepped_learning_rate(k)`, as at the start of an epoch in run().
    """
    return GraphParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=build,
        learning_rate=stepped_learning_rate,
    )


EXAMPLES = (
    Example(
        "ch03_five_layer_relu",
        "Five-layer ReLU network on MNIST (Adam, stepped learning rate)",
        run,
        parity_model=parity_model,
    ),
)
