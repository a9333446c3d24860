"""ch02_variable_from_numpy: a tf.Variable initialised from a numpy matrix (Seed A L1678-1688).

Output L1692-1698: `(3, 3)` and the matrix 1..9.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Create the variable, initialise it, print its shape and value."""
    with tf.Graph().as_default() as graph:
        tensor_2d = np.array([(1, 2, 3), (4, 5, 6), (7, 8, 9)])
        tensor_2d = tf.compat.v1.Variable(tensor_2d)
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            print(tensor_2d.get_shape())
            value = sess.run(tensor_2d)
            print(value)
    return {
        "shape": str(tensor_2d.get_shape()),
        "value_flat": [int(v) for v in value.ravel()],
        "dtype": tensor_2d.dtype.base_dtype.name,
    }


EXAMPLES = (
    Example(
        "ch02_variable_from_numpy",
        "Chapter 2: tf.Variable from a numpy matrix",
        run,
        tags=("ch02",),
    ),
)
