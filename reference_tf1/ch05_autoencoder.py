"""ch05_autoencoder: a fully connected sigmoid autoencoder on MNIST (784-256-128-256-784).

Seed A: walkthrough L5232-5452, output L5456-5472, listing L5486-5573. Weights and biases
`tf.random_normal` (stddev 1.0, TF1's default); sigmoid on every layer; cost `reduce_mean((X - y_pred)^2)`;
RMSProp 0.01 with TF1's decay/momentum/epsilon pinned; batches of 256; 10 epochs over the tutorial
(`input_data`, flat 784, 55,000 training images) layout; the cost printed per epoch is the last batch's.
At the end the first `examples_to_show = 4` test images are encoded and decoded (the book plots them with
matplotlib, left out here; their mean squared error is reported instead).

Listing bugs fixed: the second `mnist = mnist_data.read_data_sets("data/")` (undefined module, 4-D
images) is dropped, `decoder_out`'s `tf.add((matmul, bias))` (one tuple argument, a TypeError) is the
walkthrough's `tf.add(matmul, bias)`, `examples_to_show = 10` with a 2x4 subplot grid (IndexError) is the
walkthrough's 4, and the 0.x `tf.initialize_all_variables()` is `global_variables_initializer()`.
Variables are named after the book's dicts: "weights/encoder_h1", ..., "biases/decoder_b2".
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

LEARNING_RATE = 0.01
TRAINING_EPOCHS = 10
BATCH_SIZE = 256
DISPLAY_STEP = 1
EXAMPLES_TO_SHOW = 4
N_HIDDEN_1 = 256  # 1st layer num features
N_HIDDEN_2 = 128  # 2nd layer num features
N_INPUT = 784  # MNIST data input (img shape: 28*28)

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "encoder_h1": (N_INPUT, N_HIDDEN_1),
    "encoder_h2": (N_HIDDEN_1, N_HIDDEN_2),
    "decoder_h1": (N_HIDDEN_2, N_HIDDEN_1),
    "decoder_h2": (N_HIDDEN_1, N_INPUT),
}
BIAS_SHAPES: dict[str, tuple[int, ...]] = {
    "encoder_b1": (N_HIDDEN_1,),
    "encoder_b2": (N_HIDDEN_2,),
    "decoder_b1": (N_HIDDEN_1,),
    "decoder_b2": (N_INPUT,),
}


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
    """The book's graph, in the current default graph."""
    X = tf.compat.v1.placeholder("float", [None, N_INPUT])
    with tf.name_scope("weights"):
        weights = {key: tf.compat.v1.Variable(init[f"weights/{key}"], name=key) for key in WEIGHT_SHAPES}
    with tf.name_scope("biases"):
        biases = {key: tf.compat.v1.Variable(init[f"biases/{key}"], name=key) for key in BIAS_SHAPES}

    encoder_in = tf.nn.sigmoid(tf.add(tf.matmul(X, weights["encoder_h1"]), biases["encoder_b1"]))
    encoder_out = tf.nn.sigmoid(tf.add(tf.matmul(encoder_in, weights["encoder_h2"]), biases["encoder_b2"]))
    decoder_in = tf.nn.sigmoid(tf.add(tf.matmul(encoder_out, weights["decoder_h1"]), biases["decoder_b1"]))
    decoder_out = tf.nn.sigmoid(tf.add(tf.matmul(decoder_in, weights["decoder_h2"]), biases["decoder_b2"]))

    y_pred = decoder_out
    y_true = X
    cost = tf.reduce_mean(tf.pow(y_true - y_pred, 2))
    optimizer = rmsprop(learning_rate).minimize(cost)

    variables = {f"weights/{key}": var for key, var in weights.items()}
    variables.update({f"biases/{key}": var for key, var in biases.items()})
    return GraphModel(inputs={"X": X}, variables=variables, output=y_pred, loss=cost, train_op=optimizer)


def run(config: RunConfig) -> Metrics:
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        model = build(book_initial_values(), LEARNING_RATE)
        X, y_pred, cost, optimizer = model.inputs["X"], model.output, model.loss, model.train_op
        init = tf.compat.v1.global_variables_initializer()

    total_batch = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, total_batch, config.steps)
    steps = 0
    costs: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        for epoch in range(epochs):
            for _ in range(total_batch):
                if config.steps is not None and steps >= config.steps:
                    break
                batch_xs, _ = mnist.train.next_batch(BATCH_SIZE)
                _, c = sess.run([optimizer, cost], feed_dict={X: batch_xs})
                steps += 1
            if epoch % DISPLAY_STEP == 0:
                print("Epoch:", f"{epoch + 1:04d}", "cost=", f"{c:.9f}")
                costs.append(float(c))
        print("Optimization Finished!")
        encode_decode = sess.run(y_pred, feed_dict={X: mnist.test.images[:EXAMPLES_TO_SHOW]})

    shown_mse = float(np.mean((encode_decode - mnist.test.images[:EXAMPLES_TO_SHOW]) ** 2))
    return {
        "final_cost": costs[-1],
        "epoch_costs": costs,
        "test_examples_shown_mse": shown_mse,
        "train_examples": int(mnist.train.num_examples),
        "batch_size": BATCH_SIZE,
        "epochs": epochs,
        "steps": steps,
    }


def parity_model() -> GraphParityModel:
    """Parity hooks: batch {"X": [N, 784] in [0, 1]}; forward gives the reconstruction `y_pred`."""
    return GraphParityModel(
        spec={"X": TensorSpec((N_INPUT,))},
        draw_weights=draw_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch05_autoencoder",
        "Sigmoid autoencoder 784-256-128-256-784 on MNIST (RMSProp)",
        run,
        parity_model=parity_model,
    ),
)
