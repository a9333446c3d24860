"""ch05_conv_autoencoder: a convolutional denoising autoencoder on MNIST.

Seed A: walkthrough L5992-6292, output L6296-6312, listing L6354-6526. `cae()` reshapes the flat input to
28x28x1, encodes with three 5x5 stride-2 SAME convolutions 1->16->32->64 (28->14->7->4; the book's text
says 7x7 for the last one), each sigmoid then dropout, and decodes with three `conv2d_transpose` layers
64->32->16->1 back to 28x28x1 (output shapes built with `tf.stack`, the 0.x `tf.pack`), each sigmoid then
dropout. All weights and biases `random_normal(stddev=0.1)`; decoder filters are [5, 5, out, in].

Cost `reduce_sum(square(cae(x) - reshape(y)))`, a sum over the batch. As in the book, the cost calls
`cae()` a second time instead of using `pred`: same variables, but in training (keep_prob 0.7) its
dropout masks are drawn independently of `pred`'s, and only this second copy receives gradients.
Adam 0.001 (TF1 defaults pinned); batches of 128; 5 epochs; input = batch + 0.3 * randn (numpy
RandomState seeded with config.seed), target = the clean batch (`mean_img` is zeros). After each epoch it
prints the cost of the last training batch with keep_prob 1, and reconstructs 5 noisy test images (the
book plots them; their squared error per image is reported instead).

Fixes: the listing's misplaced parentheses in every conv call and its duplicated lines (SyntaxErrors)
follow the walkthrough; `tf.pack` is `tf.stack`; the listing's "Strart training.." is the output's
"Start training.."; the book's bare `sess = tf.Session()` is a `with` block so the session is closed.
Variables are named after the book's dicts: "weights/ce1", ..., "biases/bd1".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch03_ch05_common import adam, planned_epochs
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

DIM = 784
N1, N2, N3 = 16, 32, 64
KSIZE = 5
LEARNING_RATE = 0.001
BATCH_SIZE = 128
N_EPOCHS = 5
TRAIN_KEEP_PROB = 0.7
NOISE_STDDEV = 0.3
N_EXAMPLES = 5

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "ce1": (KSIZE, KSIZE, 1, N1),
    "ce2": (KSIZE, KSIZE, N1, N2),
    "ce3": (KSIZE, KSIZE, N2, N3),
    "cd3": (KSIZE, KSIZE, N2, N3),
    "cd2": (KSIZE, KSIZE, N1, N2),
    "cd1": (KSIZE, KSIZE, 1, N1),
}
BIAS_SHAPES: dict[str, tuple[int, ...]] = {
    "be1": (N1,),
    "be2": (N2,),
    "be3": (N3,),
    "bd3": (N2,),
    "bd2": (N1,),
    "bd1": (1,),
}


def book_initial_values() -> dict[str, InitialValue]:
    """The book's initialisers: `tf.random_normal(shape, stddev=0.1)` for every weight and bias."""
    init: dict[str, InitialValue] = {}
    for key, shape in WEIGHT_SHAPES.items():
        init[f"weights/{key}"] = tf.compat.v1.random_normal(list(shape), stddev=0.1)
    for key, shape in BIAS_SHAPES.items():
        init[f"biases/{key}"] = tf.compat.v1.random_normal(list(shape), stddev=0.1)
    return init


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy version of `book_initial_values`."""
    weights: Weights = {}
    for key, shape in WEIGHT_SHAPES.items():
        weights[f"weights/{key}"] = random_normal(rng, shape, stddev=0.1)
    for key, shape in BIAS_SHAPES.items():
        weights[f"biases/{key}"] = random_normal(rng, shape, stddev=0.1)
    return weights


def cae(
    _X: tf.Tensor, _W: Mapping[str, tf.Variable], _b: Mapping[str, tf.Variable], _keepprob: tf.Tensor
) -> tf.Tensor:
    """The book's convolutional autoencoder: [N, 784] -> [N, 28, 28, 1]."""
    _input_r = tf.reshape(_X, shape=[-1, 28, 28, 1])
    # Encoder
    _ce1 = tf.nn.sigmoid(
        tf.add(tf.compat.v1.nn.conv2d(_input_r, _W["ce1"], strides=[1, 2, 2, 1], padding="SAME"), _b["be1"])
    )
    _ce1 = tf.compat.v1.nn.dropout(_ce1, keep_prob=_keepprob)
    _ce2 = tf.nn.sigmoid(
        tf.add(tf.compat.v1.nn.conv2d(_ce1, _W["ce2"], strides=[1, 2, 2, 1], padding="SAME"), _b["be2"])
    )
    _ce2 = tf.compat.v1.nn.dropout(_ce2, keep_prob=_keepprob)
    _ce3 = tf.nn.sigmoid(
        tf.add(tf.compat.v1.nn.conv2d(_ce2, _W["ce3"], strides=[1, 2, 2, 1], padding="SAME"), _b["be3"])
    )
    _ce3 = tf.compat.v1.nn.dropout(_ce3, keep_prob=_keepprob)
    # Decoder
    _cd3 = tf.nn.sigmoid(
        tf.add(
            tf.compat.v1.nn.conv2d_transpose(
                _ce3, _W["cd3"], tf.stack([tf.shape(_X)[0], 7, 7, N2]), strides=[1, 2, 2, 1], padding="SAME"
            ),
            _b["bd3"],
        )
    )
    _cd3 = tf.compat.v1.nn.dropout(_cd3, keep_prob=_keepprob)
    _cd2 = tf.nn.sigmoid(
        tf.add(
            tf.compat.v1.nn.conv2d_transpose(
                _cd3, _W["cd2"], tf.stack([tf.shape(_X)[0], 14, 14, N1]), strides=[1, 2, 2, 1], padding="SAME"
            ),
            _b["bd2"],
        )
    )
    _cd2 = tf.compat.v1.nn.dropout(_cd2, keep_prob=_keepprob)
    _cd1 = tf.nn.sigmoid(
        tf.add(
            tf.compat.v1.nn.conv2d_transpose(
                _cd2, _W["cd1"], tf.stack([tf.shape(_X)[0], 28, 28, 1]), strides=[1, 2, 2, 1], padding="SAME"
            ),
            _b["bd1"],
        )
    )
    _cd1 = tf.compat.v1.nn.dropout(_cd1, keep_prob=_keepprob)
    _out = _cd1
    return _out


def build(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """The book's graph, in the current default graph (x: noisy input, y: clean target)."""
    with tf.name_scope("weights"):
        weights = {key: tf.compat.v1.Variable(init[f"weights/{key}"], name=key) for key in WEIGHT_SHAPES}
    with tf.name_scope("biases"):
        biases = {key: tf.compat.v1.Variable(init[f"biases/{key}"], name=key) for key in BIAS_SHAPES}
    x = tf.compat.v1.placeholder(tf.float32, [None, DIM])
    y = tf.compat.v1.placeholder(tf.float32, [None, DIM])
    keepprob = tf.compat.v1.placeholder(tf.float32)
    pred = cae(x, weights, biases, keepprob)
    # A second cae() call, as in the book: independent dropout masks from `pred` in training.
    cost = tf.reduce_sum(tf.square(cae(x, weights, biases, keepprob) - tf.reshape(y, shape=[-1, 28, 28, 1])))
    optm = adam(learning_rate).minimize(cost)

    variables = {f"weights/{key}": var for key, var in weights.items()}
    variables.update({f"biases/{key}": var for key, var in biases.items()})
    return GraphModel(
        inputs={"x": x, "y": y},
        variables=variables,
        output=pred,
        loss=cost,
        train_op=optm,
        deterministic_feed={keepprob: 1.0},
        extra={"keepprob": keepprob},
    )


def run(config: RunConfig) -> Metrics:
    rng = np.random.RandomState(config.seed)  # stands in for the book's global np.random
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    print("Packages loaded")

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        model = build(book_initial_values(), LEARNING_RATE)
        print("Network ready")
        x, y, keepprob = model.inputs["x"], model.inputs["y"], model.extra["keepprob"]
        pred, cost, optm = model.output, model.loss, model.train_op
        init = tf.compat.v1.global_variables_initializer()
        print("Functions ready")

    batches_per_epoch = mnist.train.num_examples // BATCH_SIZE
    n_epochs = planned_epochs(N_EPOCHS, batches_per_epoch, config.steps)
    steps = 0
    costs: list[float] = []
    test_errors: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        # mean_img = np.mean(mnist.train.images, axis=0)  (commented out in the book)
        mean_img = np.zeros(784)
        print("Start training..")
        for epoch_i in range(n_epochs):
            for _ in range(batches_per_epoch):
                if config.steps is not None and steps >= config.steps:
                    break
                batch_xs, _ = mnist.train.next_batch(BATCH_SIZE)
                trainbatch = np.array([img - mean_img for img in batch_xs])
                trainbatch_noisy = trainbatch + NOISE_STDDEV * rng.randn(trainbatch.shape[0], 784)
                sess.run(optm, feed_dict={x: trainbatch_noisy, y: trainbatch, keepprob: TRAIN_KEEP_PROB})
                steps += 1
            epoch_cost = sess.run(cost, feed_dict={x: trainbatch_noisy, y: trainbatch, keepprob: 1.0})
            print(f"[{epoch_i:02d}/{n_epochs:02d}] cost: {epoch_cost:.4f}")
            costs.append(float(epoch_cost))
            if (epoch_i % 1) == 0:
                test_xs, _ = mnist.test.next_batch(N_EXAMPLES)
                test_xs_noisy = test_xs + NOISE_STDDEV * rng.randn(test_xs.shape[0], 784)
                recon = sess.run(pred, feed_dict={x: test_xs_noisy, keepprob: 1.0})
                reconstructed = np.reshape(recon, (N_EXAMPLES, 784)) + mean_img
                test_errors.append(float(np.sum((reconstructed - test_xs) ** 2) / N_EXAMPLES))

    return {
        "final_cost": costs[-1],
        "epoch_costs": costs,
        "test_reconstruction_sse_per_image": test_errors,
        "train_examples": int(mnist.train.num_examples),
        "batch_size": BATCH_SIZE,
        "epochs": n_epochs,
        "steps": steps,
    }


def parity_model() -> GraphParityModel:
    """Parity hooks: batch {"x": noisy input [N, 784], "y": clean target [N, 784] in [0, 1]}.

    The caller supplies the noise; dropout is off (keepprob 1.0), so the loss's second `cae()` equals
    `pred`. forward gives `pred`, shaped [N, 28, 28, 1]. The loss is a sum over the batch.
    """
    return GraphParityModel(
        spec={"x": TensorSpec((DIM,), low=-1.0, high=2.0), "y": TensorSpec((DIM,))},
        draw_weights=draw_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch05_conv_autoencoder",
        "Convolutional denoising autoencoder (conv2d / conv2d_transpose) on MNIST",
        run,
        parity_model=parity_model,
    ),
)
