"""ch05_denoising_autoencoder: a denoising autoencoder with dropout on MNIST (784-256-256-784).

Seed A: walkthrough L5591-5790, outputs L5793-5819, listing L5837-5962. The input is the clean batch plus
`0.3 * randn` noise (unclipped; here from a numpy RandomState seeded with config.seed), the target the
clean batch. Two sigmoid layers, each followed by `tf.nn.dropout(keep_prob)`, then a sigmoid output;
all weights and biases `tf.random_normal` (stddev 1.0); cost `reduce_mean((y_pred - y)^2)`; RMSProp 0.01
with TF1's decay/momentum/epsilon pinned; batches of 100; `epochs = 110` as in the code (the book's output
says "/100", from a different run); keep_prob 0.8 in training, and the cost summed for the epoch average
is a second `sess.run` after the update, with dropout still on (a fresh mask), as the book does. Every 10
epochs it prints the average cost and tests one random test image with keep_prob 1 (the three matplotlib
figures are left out; the reconstruction's error against the clean image is reported instead).

Fixes: the listing's dedented epoch body and test block follow the walkthrough's nesting (the output
shows a test after each displayed epoch); the stray `\\` after `outimg = ...` (a SyntaxError) is gone with
the plot; `"%d" % label` on a one-element array (deprecated in NumPy >= 1.25) formats `label[0]`; the 0.x
`tf.initialize_all_variables()` of the walkthrough is `global_variables_initializer()`.
Variables are named after the book's dicts: "weights/h1", "weights/h2", "weights/out", "biases/b1",
"biases/b2", "biases/out".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch03_ch05_common import planned_epochs, rmsprop
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

# NETWORK PARAMETERS
N_INPUT = 784
N_HIDDEN_1 = 256
N_HIDDEN_2 = 256
N_OUTPUT = 784

EPOCHS = 110
SMOKE_EPOCHS = 11
"""--smoke: 11 epochs of 10 batches, still displaying (and testing) at epochs 0 and 10."""
BATCH_SIZE = 100
DISP_STEP = 10
LEARNING_RATE = 0.01
NOISE_STDDEV = 0.3
TRAIN_KEEP_PROB = 0.8

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "h1": (N_INPUT, N_HIDDEN_1),
    "h2": (N_HIDDEN_1, N_HIDDEN_2),
    "out": (N_HIDDEN_2, N_OUTPUT),
}
BIAS_SHAPES: dict[str, tuple[int, ...]] = {"b1": (N_HIDDEN_1,), "b2": (N_HIDDEN_2,), "out": (N_OUTPUT,)}


def book_initial_values() -> dict[str, InitialValue]:
    """The book's initialisers: `tf.random_normal(shape)` (stddev 1.0) for every weight and bias."""
    init: dict[str, InitialValue] = {}
    for key, shape in WEIGHT_SHAPES.items():
        init[f"weights/{key}"] = tf.compat.v1.random_normal(list(shape), stddev=1.0)
    for key, shape in BIAS_SHAPES.items():
        init[f"biases/{key}"] = tf.compat.v1.random_normal(list(shape), stddev=1.0)
    return init


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy version of `book_initial_values`."""
    weights: Weights = {}
    for key, shape in WEIGHT_SHAPES.items():
        weights[f"weights/{key}"] = random_normal(rng, shape, stddev=1.0)
    for key, shape in BIAS_SHAPES.items():
        weights[f"biases/{key}"] = random_normal(rng, shape, stddev=1.0)
    return weights


def build(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """The book's graph, in the current default graph (x: noisy input, y: clean target)."""
    # PLACEHOLDERS
    x = tf.compat.v1.placeholder("float", [None, N_INPUT])
    y = tf.compat.v1.placeholder("float", [None, N_OUTPUT])
    dropout_keep_prob = tf.compat.v1.placeholder("float")
    # WEIGHTS
    with tf.name_scope("weights"):
        weights = {key: tf.compat.v1.Variable(init[f"weights/{key}"], name=key) for key in WEIGHT_SHAPES}
    with tf.name_scope("biases"):
        biases = {key: tf.compat.v1.Variable(init[f"biases/{key}"], name=key) for key in BIAS_SHAPES}

    encode_in = tf.nn.sigmoid(tf.add(tf.matmul(x, weights["h1"]), biases["b1"]))
    encode_out = tf.compat.v1.nn.dropout(encode_in, keep_prob=dropout_keep_prob)
    decode_in = tf.nn.sigmoid(tf.add(tf.matmul(encode_out, weights["h2"]), biases["b2"]))
    decode_out = tf.compat.v1.nn.dropout(decode_in, keep_prob=dropout_keep_prob)
    y_pred = tf.nn.sigmoid(tf.matmul(decode_out, weights["out"]) + biases["out"])
    # COST
    cost = tf.reduce_mean(tf.pow(y_pred - y, 2))
    # OPTIMIZER
    optimizer = rmsprop(learning_rate).minimize(cost)

    variables = {f"weights/{key}": var for key, var in weights.items()}
    variables.update({f"biases/{key}": var for key, var in biases.items()})
    return GraphModel(
        inputs={"x": x, "y": y},
        variables=variables,
        output=y_pred,
        loss=cost,
        train_op=optimizer,
        deterministic_feed={dropout_keep_prob: 1.0},
        extra={"dropout_keep_prob": dropout_keep_prob},
    )


def run(config: RunConfig) -> Metrics:
    rng = np.random.RandomState(config.seed)  # stands in for the book's global np.random
    print("PACKAGES LOADED")
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    testimg = mnist.test.images
    testlabel = mnist.test.labels
    print("MNIST LOADED")

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        model = build(book_initial_values(), LEARNING_RATE)
        x, y, y_pred = model.inputs["x"], model.inputs["y"], model.output
        dropout_keep_prob = model.extra["dropout_keep_prob"]
        cost, optimizer = model.loss, model.train_op
        # INITIALIZER
        init = tf.compat.v1.global_variables_initializer()

    num_batch = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(SMOKE_EPOCHS if config.smoke else EPOCHS, num_batch, config.steps)
    steps = 0
    average_costs: list[float] = []
    test_labels: list[int] = []
    test_errors: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        print("Start Training")
        for epoch in range(epochs):
            total_cost = 0.0
            batches_run = 0
            for _ in range(num_batch):
                if config.steps is not None and steps >= config.steps:
                    break
                batch_xs, _ = mnist.train.next_batch(BATCH_SIZE)
                batch_xs_noisy = batch_xs + NOISE_STDDEV * rng.randn(BATCH_SIZE, 784)
                feeds = {x: batch_xs_noisy, y: batch_xs, dropout_keep_prob: TRAIN_KEEP_PROB}
                sess.run(optimizer, feed_dict=feeds)
                total_cost += sess.run(cost, feed_dict=feeds)
                batches_run += 1
                steps += 1
            # DISPLAY
            if epoch % DISP_STEP == 0:
                # The book divides by num_batch: the same unless --steps cut this epoch short.
                average_cost = total_cost / max(1, batches_run)
                print(f"Epoch {epoch:02d}/{epochs:02d} average cost: {average_cost:.6f}")
                average_costs.append(float(average_cost))

                # Test one
                print("Start Test")
                randidx = rng.randint(testimg.shape[0], size=1)
                orgvec = testimg[randidx, :]
                testvec = testimg[randidx, :]
                label = np.argmax(testlabel[randidx, :], 1)
                print(f"Test label is {label[0]:d}")
                noisyvec = testvec + NOISE_STDDEV * rng.randn(1, 784)
                outvec = sess.run(y_pred, feed_dict={x: noisyvec, dropout_keep_prob: 1})
                test_labels.append(int(label[0]))
                test_errors.append(float(np.mean((outvec - orgvec) ** 2)))
                print("restart Training")

    return {
        "final_average_cost": average_costs[-1],
        "average_costs": average_costs,
        "displayed_epochs": list(range(0, epochs, DISP_STEP)),
        "test_labels": test_labels,
        "test_reconstruction_mse": test_errors,
        "train_examples": int(mnist.train.num_examples),
        "batch_size": BATCH_SIZE,
        "epochs": epochs,
        "steps": steps,
    }


def parity_model() -> GraphParityModel:
    """Parity hooks: batch {"x": noisy input [N, 784], "y": clean target [N, 784] in [0, 1]}.

    The caller supplies the noise (x = y + noise; the spec's range [-1, 2] covers 0.3-sigma noise around
    [0, 1] pixels) and dropout is off (keep_prob 1.0). forward gives `y_pred`.
    """
    return GraphParityModel(
        spec={"x": TensorSpec((N_INPUT,), low=-1.0, high=2.0), "y": TensorSpec((N_OUTPUT,))},
        draw_weights=draw_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch05_denoising_autoencoder",
        "Denoising autoencoder with dropout on MNIST (0.3 Gaussian noise, RMSProp)",
        run,
        parity_model=parity_model,
    ),
)
