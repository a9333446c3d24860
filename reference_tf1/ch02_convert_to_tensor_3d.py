"""ch02_convert_to_tensor_3d: `tf.convert_to_tensor` of a 3x3x3 numpy array as float64 (Seed A L1727-1739).

Output L1743-1757: `(3, 3, 3)` and the cube 0..26 as floats.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Convert the cube, print its shape and value."""
    with tf.Graph().as_default() as graph:
        tensor_3d = np.array(
            [
                [[0, 1, 2], [3, 4, 5], [6, 7, 8]],
                [[9, 10, 11], [12, 13, 14], [15, 16, 17]],
                [[18, 19, 20], [21, 22, 23], [24, 25, 26]],
            ]
        )
        tensor_3d = tf.convert_to_tensor(tensor_3d, dtype=tf.float64)
        with tf.compat.v1.Session(graph=graph) as sess:
            print(tensor_3d.get_shape())
            value = sess.run(tensor_3d)
            print(value)
    return {
        "shape": str(tensor_3d.get_shape()),
        "dtype": str(value.dtype),
        "value_flat": [float(v) for v in value.ravel()],
    }


EXAMPLES = (
    Example(
        "ch02_convert_to_tensor_3d",
        "Chapter 2: tf.convert_to_tensor of a 3-D numpy array",
        run,
        tags=("ch02",),
    ),
)
