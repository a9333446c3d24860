"""ch02_programming_model_multiply: the programming-model example of chapter 2 (Seed A L1484-1494).

Walkthrough L1505-1570. The listing calls `session.run` after the `with tf.Session() as session:` block
has closed the session (RuntimeError: Attempted to use a closed Session); the run is moved inside the
block. The walkthrough's variant (constant b = 1.0, x_in = [2]) is not what the listing runs; we follow
the listing (z = 2.0, x_in = [100]), which gives [200.].
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Multiply a fed placeholder by a constant and print the result."""
    with tf.Graph().as_default() as graph, tf.compat.v1.Session(graph=graph) as session:
        x = tf.compat.v1.placeholder(tf.float32, [1], name="x")
        y = tf.compat.v1.placeholder(tf.float32, [1], name="y")
        z = tf.constant(2.0)
        # As in the book, `y` is rebound to the product; the "y" placeholder stays unused in the graph.
        y = x * z
        x_in = [100]
        # Book bug fixed: this run sat after the with-block, on a closed session.
        y_output = session.run(y, {x: x_in})
        print(y_output)
    return {"y_output": [float(v) for v in y_output], "x_in": [float(v) for v in x_in]}


EXAMPLES = (
    Example(
        "ch02_programming_model_multiply",
        "Chapter 2: programming model, multiply a placeholder by a constant",
        run,
        tags=("ch02",),
    ),
)
