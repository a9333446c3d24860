"""ch02_fetches: fetch two tensors with one `Session.run` (Seed A L1825-1838).

Output L1842-1845: `[array([ 400.], dtype=float32), array([ 300.], dtype=float32)]` (numpy >= 1.14
prints `array([400.], dtype=float32)`).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Fetch a sum and a product together and print the list of results."""
    with tf.Graph().as_default() as graph:
        constant_a = tf.constant([100.0])
        constant_b = tf.constant([300.0])
        constant_c = tf.constant([3.0])

        sum_ = tf.add(constant_a, constant_b)
        mul_ = tf.multiply(constant_a, constant_c)

        with tf.compat.v1.Session(graph=graph) as sess:
            result = sess.run([sum_, mul_])
            print(result)
    return {
        "sum": [float(v) for v in result[0]],
        "mul": [float(v) for v in result[1]],
        "dtype": str(result[0].dtype),
    }


EXAMPLES = (
    Example(
        "ch02_fetches",
        "Chapter 2: fetch several tensors in one run",
        run,
        tags=("ch02",),
    ),
)
