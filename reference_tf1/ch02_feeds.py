"""ch02_feeds: feed a random 3x2 matrix into a placeholder and double it (Seed A L1855-1866).

The book's `np.random.rand(a, b)` is unseeded and its printed matrix (L1870-1876) is one random draw;
here the draw comes from a numpy RandomState seeded with config.seed, and the only checkable result
is y == 2 * data. The book's `sess = tf.Session()` is never closed; a with-block closes it.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Feed the data, print y = x + x."""
    rng = np.random.RandomState(config.seed)
    with tf.Graph().as_default() as graph:
        a = 3
        b = 2
        x = tf.compat.v1.placeholder(tf.float32, shape=(a, b))
        y = tf.add(x, x)
        data = rng.rand(a, b)  # the book's np.random.rand(a, b), seeded
        with tf.compat.v1.Session(graph=graph) as sess:
            value = sess.run(y, feed_dict={x: data})
            print(value)
    expected = 2.0 * data.astype(np.float32)
    return {
        "data": [float(v) for v in data.ravel()],
        "y": [float(v) for v in value.ravel()],
        "shape": list(value.shape),
        "max_abs_diff_from_2x": float(np.max(np.abs(value - expected))),
    }


EXAMPLES = (
    Example(
        "ch02_feeds",
        "Chapter 2: feed a placeholder with feed_dict",
        run,
        tags=("ch02",),
    ),
)
