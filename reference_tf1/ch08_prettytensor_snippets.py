"""ch08_prettytensor_snippets — Pretty Tensor's normal and sequential modes (Seed A L8496-8531).

Two fragments, one Example (they are one section): (1) normal mode, a placeholder wrapped and chained through
fully_connected(256, relu) -> fully_connected(128, sigmoid) -> fully_connected(64, tanh) -> softmax(10);
(2) sequential mode, `seq = wrap(input).sequential()`, then `flatten`, `fully_connected(200, relu)`,
`fully_connected(10, activation_fn=None)` and `softmax(labels)` as separate statements. Both are built and run
forward on seeded random input; nothing is trained (no optimizer in the fragments).

Pretty Tensor itself (prettytensor 0.7.4) is a dead TF1-only library and is not installed: the chainable
wrapper is re-implemented in `reference_tf1._ch08_pretty` (same initialisers and defaults; see there).

Listing defects fixed at the spot: `tf.placeholder([None, 784], tf.float32)` has its arguments reversed;
`prettytensor.wrap(examples)` wraps an undefined name (the placeholder was meant); `.softmax(10)` would pass
10 as the labels of pt's `softmax` (the 10-way classifier head is `softmax_classifier(10)`); the sequential
fragment's undefined `input_data`, `labels`, `softmax_name` and its extra `)`. The install line
`pip install prettystensor` (L8508) misspells the package.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from reference_tf1 import _ch08_pretty as pt
from tfmigrate.book.runtime import Example, Metrics, RunConfig

BATCH = 8
SMOKE_BATCH = 4


def run(config: RunConfig) -> Metrics:
    batch = SMOKE_BATCH if config.smoke else BATCH
    rng = np.random.default_rng(config.seed)
    examples = rng.uniform(0.0, 1.0, size=(batch, 784)).astype(np.float32)
    label_ids = rng.integers(0, 10, size=batch)
    labels_value = np.eye(10, dtype=np.float32)[label_ids]

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        # Book: tf.placeholder([None, 784], tf.float32) -- dtype first, then the shape.
        pretty = tf.compat.v1.placeholder(tf.float32, [None, 784])
        # One bookkeeper per graph, as in Pretty Tensor: layer scopes are numbered across both chains.
        books = pt.Books()
        # Book: prettytensor.wrap(examples) -- `examples` is undefined; the placeholder is what is wrapped.
        softmax = (
            pt.wrap(pretty, books)
            .fully_connected(256, tf.nn.relu)
            .fully_connected(128, tf.sigmoid)
            .fully_connected(64, tf.tanh)
            .softmax_classifier(10)  # book: .softmax(10); pt's softmax takes labels, not a class count
        )

        input_data = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1])
        labels = tf.compat.v1.placeholder(tf.float32, [None, 10])
        normal_variables = sorted(books.variables)
        seq = pt.wrap(input_data, books).sequential()
        seq.flatten()
        seq.fully_connected(200, activation_fn=tf.nn.relu)
        seq.fully_connected(10, activation_fn=None)
        result = seq.softmax(labels)  # book: `name=softmax_name))` -- undefined name and an extra `)`
        init = tf.compat.v1.global_variables_initializer()

    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        normal_probabilities = sess.run(softmax.softmax.tensor, {pretty: examples})
        sequential_probabilities, sequential_loss = sess.run(
            [result.softmax.tensor, result.loss],
            {input_data: examples.reshape(-1, 28, 28, 1), labels: labels_value},
        )
    print("normal mode: softmax shape", normal_probabilities.shape, "row sums", normal_probabilities.sum(1))
    print("normal mode variables:", normal_variables)
    print("sequential mode: softmax shape", sequential_probabilities.shape, "loss", sequential_loss)
    sequential_variables = sorted(set(books.variables) - set(normal_variables))
    print("sequential mode variables:", sequential_variables)
    return {
        "normal_softmax_shape": list(normal_probabilities.shape),
        "normal_row_sum_max_error": float(np.max(np.abs(normal_probabilities.sum(1) - 1.0))),
        "normal_variables": normal_variables,
        "sequential_softmax_shape": list(sequential_probabilities.shape),
        "sequential_loss": float(sequential_loss),
        "sequential_variables": sequential_variables,
    }


EXAMPLES = (
    Example(
        "ch08_prettytensor_snippets",
        "Pretty Tensor chaining: normal mode and sequential mode (forward only)",
        run,
        missing="fragments only (no data, no training): run forward on seeded random input; "
        "prettytensor re-implemented in tf.compat.v1",
    ),
)
