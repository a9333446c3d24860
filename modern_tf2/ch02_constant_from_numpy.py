"""ch02_constant_from_numpy: a tf.constant built from a numpy array (Seed A L1657-1666).

Output L1670-1674: `(10,)` and `[ 1  2  3  4  5  6  7  8  9 10]` (numpy's int64 is kept, as in TF1).
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Wrap a numpy vector in a constant, print its shape and value."""
    tensor_1d = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    tensor_1d = tf.constant(tensor_1d)
    print(tensor_1d.shape)
    value = tensor_1d.numpy()
    print(value)
    return {"shape": str(tensor_1d.shape), "value": [int(v) for v in value], "dtype": tensor_1d.dtype.name}


EXAMPLES = (
    Example(
        "ch02_constant_from_numpy",
        "Chapter 2: tf.constant from a numpy array",
        run,
        tags=("ch02",),
        migration=("tf.constant(array) + sess.run", "tf.constant(array).numpy()"),
    ),
)
