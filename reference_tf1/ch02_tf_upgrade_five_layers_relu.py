"""ch02_tf_upgrade_five_layers_relu: the five-layer ReLU MNIST script that chapter 2 runs through
`tf_upgrade.py`, in its upgraded TF 1.x form (Seed A: 0.x source L2116-2187, report L2204-2252,
upgraded excerpt L2258-2296).

The model is the chapter 3 one (784-200-100-60-30-10, ReLU, W `truncated_normal(stddev=0.1)`, B
`ones/10` and zeros for the last layer, softmax cross-entropy * 100, Adam on a learning-rate
placeholder), written here from the chapter 2 listing. The seven rewrites of the upgrade report are
applied (`TF_UPGRADE_REPORT`), and everything else that TF 2.21 removed goes through `tf.compat.v1`.

Listing fixes: the 0.x listing creates a session it never uses and runs the training loop after the
`with tf.Session()` block (a closed session); we follow the upgraded excerpt (loop inside the block,
test accuracy printed once per epoch, "done" at the end). `learning_rate = 0.5` (L2122) is dead code: the
loop rebinds it before any use. The learning rate is `0.0001 + 0.0029 * exp(-i/2000)` with i the batch
index within the epoch, evaluated with Python 2 integer division (see `python2_learning_rate`).

Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot [N, 10]}; forward gives Ylogits;
weights "W1".."W5", "B1".."B5".
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import adam, make_logdir
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
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

TF_UPGRADE_REPORT = (
    "tf.initialize_all_variables -> tf.global_variables_initializer (line 64)",
    "tf.train.SummaryWriter -> tf.summary.FileWriter (line 65)",
    "tf.nn.softmax_cross_entropy_with_logits: added keywords logits=, labels= (line 45)",
    "tf.scalar_summary -> tf.summary.scalar (line 55)",
    "tf.scalar_summary -> tf.summary.scalar (line 56)",
    "tf.merge_all_summaries -> tf.summary.merge_all (line 57)",
    "tf.initialize_all_variables -> tf.global_variables_initializer (line 59)",
)
"""The changes `tf_upgrade.py` reported for the script (book L2204-2252), all applied below."""


def python2_learning_rate(i: int) -> float:
    """The rate fed for batch i of an epoch, exactly as the book's Python 2 computed it.

    `math.exp(-i/decay_speed)` with int operands is floor division in Python 2: (-i) // 2000 is 0 for
    i = 0 and -1 for 1 <= i <= 2000, so the first batch of each epoch trains at 0.003 and all the others
    at 0.0011669 (Python 3's true division would decay smoothly, 0.003 -> 0.0023 over 600 batches).
    """
    return MIN_LEARNING_RATE + (MAX_LEARNING_RATE - MIN_LEARNING_RATE) * math.exp((-i) // DECAY_SPEED)


def book_initial_values() -> dict[str, InitialValue]:
    """The listing's initialisers as graph ops (drawn from the graph seed)."""
    init: dict[str, InitialValue] = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        init[f"W{k}"] = tf.compat.v1.truncated_normal([fan_in, fan_out], stddev=0.1)
        init[f"B{k}"] = tf.zeros([fan_out]) if k == 5 else tf.ones([fan_out]) / 10
    return init


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy version of `book_initial_values` for the parity hooks."""
    weights: Weights = {}
    for k, (fan_in, fan_out) in enumerate(itertools.pairwise(LAYER_SIZES), start=1):
        weights[f"W{k}"] = truncated_normal(rng, [fan_in, fan_out], stddev=0.1)
        ones = np.ones([fan_out], np.float32) / np.float32(10)
        weights[f"B{k}"] = np.zeros([fan_out], np.float32) if k == 5 else ones
    return weights


def build(init: Mapping[str, InitialValue], lr: float | tf.Tensor) -> GraphModel:
    """The script's graph (L2125-2158) in the current default graph; `lr` is its rate placeholder."""
    X = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
    Y_ = tf.compat.v1.placeholder(tf.float32, [None, 10])

    W1 = tf.compat.v1.Variable(init["W1"], name="W1")
    B1 = tf.compat.v1.Variable(init["B1"], name="B1")
    W2 = tf.compat.v1.Variable(init["W2"], name="W2")
    B2 = tf.compat.v1.Variable(init["B2"], name="B2")
    W3 = tf.compat.v1.Variable(init["W3"], name="W3")
    B3 = tf.compat.v1.Variable(init["B3"], name="B3")
    W4 = tf.compat.v1.Variable(init["W4"], name="W4")
    B4 = tf.compat.v1.Variable(init["B4"], name="B4")
    W5 = tf.compat.v1.Variable(init["W5"], name="W5")
    B5 = tf.compat.v1.Variable(init["B5"], name="B5")

    XX = tf.reshape(X, [-1, 784])
    Y1 = tf.nn.relu(tf.matmul(XX, W1) + B1)
    Y2 = tf.nn.relu(tf.matmul(Y1, W2) + B2)
    Y3 = tf.nn.relu(tf.matmul(Y2, W3) + B3)
    Y4 = tf.nn.relu(tf.matmul(Y3, W4) + B4)
    Ylogits = tf.matmul(Y4, W5) + B5
    Y = tf.nn.softmax(Ylogits)
    # The upgrade's keyword rewrite: positionally, TF 2.21's compat.v1 signature (labels, logits) would
    # silently swap the 0.x call softmax_cross_entropy_with_logits(Ylogits, Y_).
    cross_entropy = tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits=Ylogits, labels=Y_)
    cross_entropy = tf.reduce_mean(cross_entropy) * 100

    correct_prediction = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    train_step = adam(lr).minimize(cross_entropy)
    return GraphModel(
        inputs={"X": X, "Y_": Y_},
        variables={v.op.name: v for v in (W1, B1, W2, B2, W3, B3, W4, B4, W5, B5)},
        output=Ylogits,
        loss=cross_entropy,
        train_op=train_step,
        extra={"accuracy": accuracy, "Y": Y},
    )


def run(config: RunConfig) -> Metrics:
    """Train 10 epochs of batches of 100 (config.steps caps the total), print test accuracy per epoch."""
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logs_path = make_logdir(config, LOGS_PATH)
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(config.seed)
        lr = tf.compat.v1.placeholder(tf.float32)
        model = build(book_initial_values(), lr)
        X, Y_, accuracy = model.inputs["X"], model.inputs["Y_"], model.extra["accuracy"]
        train_step, cross_entropy = model.train_op, model.loss

        tf.compat.v1.summary.scalar("cost", cross_entropy)
        tf.compat.v1.summary.scalar("accuracy", accuracy)
        summary_op = tf.compat.v1.summary.merge_all()
        init = tf.compat.v1.global_variables_initializer()

    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = TRAINING_EPOCHS if config.steps is None else max(1, math.ceil(config.steps / batch_count))
    total_steps = epochs * batch_count if config.steps is None else config.steps
    accuracies: list[float] = []
    costs: list[float] = []
    step = 0
    # The listing's extra `sess = tf.Session(); sess.run(init)` session is never used and is dropped.
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        writer = tf.compat.v1.summary.FileWriter(str(logs_path), graph=graph)
        for epoch in range(epochs):
            for i in range(batch_count):
                if step >= total_steps:
                    break
                batch_x, batch_y = mnist.train.next_batch(BATCH_SIZE)
                learning_rate = python2_learning_rate(i)
                _, summary, cost = sess.run(
                    [train_step, summary_op, cross_entropy], {X: batch_x, Y_: batch_y, lr: learning_rate}
                )
                writer.add_summary(summary, epoch * batch_count + i)
                costs.append(float(cost))
                step += 1
            test_accuracy = accuracy.eval(feed_dict={X: mnist.test.images, Y_: mnist.test.labels})
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
        "steps": step,
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "learning_rates_fed": [python2_learning_rate(0), python2_learning_rate(1)],
        "tf_upgrade_report": list(TF_UPGRADE_REPORT),
        "logdir": str(logs_path),
    }


def parity_model() -> GraphParityModel:
    """Parity hooks; without a learning rate, batch k of train_steps gets `python2_learning_rate(k)`."""
    return GraphParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=build,
        learning_rate=python2_learning_rate,
    )


EXAMPLES = (
    Example(
        "ch02_tf_upgrade_five_layers_relu",
        "Chapter 2: the tf_upgrade.py demo script (five-layer ReLU MNIST) in its upgraded TF 1.x form",
        run,
        parity_model=parity_model,
        tags=("ch02", "trainable", "mnist", "summaries"),
    ),
)
