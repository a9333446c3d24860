"""ch03_five_layer_sigmoid: five-layer sigmoid network on MNIST (784-200-100-60-30-10).

Seed A: walkthrough L3138-3248, output L3252-3271 (table L3124-3129). Built from the walkthrough,
because the book's "Five-layer neural network source code" (L3296-3373) is really the ReLU model (ones/10
biases, an unfed learning-rate placeholder); see ch03_five_layer_relu for that one.

Weights `truncated_normal(stddev=0.1)`, biases zeros, sigmoid hidden layers, softmax output; loss
`reduce_mean(softmax_cross_entropy_with_logits(logits=Ylogits, labels=Y_)) * 100`; Adam 0.003 (TF1
defaults pinned); batches of 100; 10 epochs; summaries "cost"/"accuracy" under the walkthrough's
`log_simple_stats_5_layers_relu_softmax`. The walkthrough's glued statement at L3233 is split.
"""

from __future__ import annotations

import itertools
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
LEARNING_RATE = 0.003
TRAINING_EPOCHS = 10
L, M, N, O = 200, 100, 60, 30  # noqa: E741  (the book's layer-size names)
LAYER_SIZES = (784, L, M, N, O, 10)


def book_initial_values() -> dict[str, InitialValue]:
    """The book's initialisers: W `truncated_normal(stddev=0.1)`, B `zeros`."""
    init: dict[str, InitialValue] = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        init[f"W{k}"] = tf.compat.v1.truncated_normal([fan_in, fan_out], stddev=0.1)
        init[f"B{k}"] = tf.zeros([fan_out])
    return init


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy version of `book_initial_values`."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        weights[f"B{k}"] = np.zeros([fan_out], np.float32)
    return weights


def build(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """The walkthrough's graph, in the current default graph."""
    X = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
    Y_ = tf.compat.v1.placeholder(tf.float32, [None, 10])
    XX = tf.reshape(X, [-1, 784])

    W1 = tf.compat.v1.Variable(init["W1"], name="W1")
    B1 = tf.compat.v1.Variable(init["B1"], name="B1")
    Y1 = tf.nn.sigmoid(tf.matmul(XX, W1) + B1)
    W2 = tf.compat.v1.Variable(init["W2"], name="W2")
    B2 = tf.compat.v1.Variable(init["B2"], name="B2")
    Y2 = tf.nn.sigmoid(tf.matmul(Y1, W2) + B2)
    W3 = tf.compat.v1.Variable(init["W3"], name="W3")
    B3 = tf.compat.v1.Variable(init["B3"], name="B3")
    Y3 = tf.nn.sigmoid(tf.matmul(Y2, W3) + B3)
    W4 = tf.compat.v1.Variable(init["W4"], name="W4")
    B4 = tf.compat.v1.Variable(init["B4"], name="B4")
    Y4 = tf.nn.sigmoid(tf.matmul(Y3, W4) + B4)
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
        model = build(book_initial_values(), LEARNING_RATE)
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
                _, summary = sess.run([model.train_op, summary_op], feed_dict={X: batch_x, Y_: batch_y})
                writer.add_summary(summary, epoch * batch_count + i)
                steps += 1
            print("Epoch: ", epoch)
        writer.close()
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
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Ylogits."""
    return GraphParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch03_five_layer_sigmoid",
        "Five-layer sigmoid network on MNIST (Adam 0.003)",
        run,
        parity_model=parity_model,
    ),
)
