"""ch02_feeds: feed a random 3x2 matrix into a placeholder and double it (Seed A L1855-1866).

The placeholder of shape (3, 2) becomes the input signature of a tf.function; the feed_dict becomes the
call. The book's unseeded `np.random.rand(a, b)` draws from a numpy RandomState seeded with config.seed
(the reference's draw), and the checkable result is y == 2 * data.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig

a = 3
b = 2


@tf.function(input_signature=[tf.TensorSpec((a, b), tf.float32, name="x")])  # type: ignore[untyped-decorator]
def double(x: tf.Tensor) -> tf.Tensor:
    """y = x + x."""
    return tf.add(x, x)


def run(config: RunConfig) -> Metrics:
    """Call the function on the data, print y = x + x."""
    rng = np.random.RandomState(config.seed)
    data = rng.rand(a, b)  # the book's np.random.rand(a, b), seeded
    value = double(tf.constant(data, tf.float32)).numpy()
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
        migration=("tf.placeholder((3, 2)) + feed_dict", "tf.function(input_signature=[TensorSpec((3, 2))])"),
    ),
)
