"""ch02_convert_to_tensor_3d: `tf.convert_to_tensor` of a 3x3x3 numpy array as float64 (Seed A L1727-1739).

Output L1743-1757: `(3, 3, 3)` and the cube 0..26 as floats. `tf.convert_to_tensor` is unchanged in TF2;
only the session run becomes `.numpy()`.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Convert the cube, print its shape and value."""
    tensor_3d = np.array(
        [
            [[0, 1, 2], [3, 4, 5], [6, 7, 8]],
            [[9, 10, 11], [12, 13, 14], [15, 16, 17]],
            [[18, 19, 20], [21, 22, 23], [24, 25, 26]],
        ]
    )
    tensor_3d = tf.convert_to_tensor(tensor_3d, dtype=tf.float64)
    print(tensor_3d.shape)
    value = tensor_3d.numpy()
    print(value)
    return {
        "shape": str(tensor_3d.shape),
        "dtype": str(value.dtype),
        "value_flat": [float(v) for v in value.ravel()],
    }


EXAMPLES = (
    Example(
        "ch02_convert_to_tensor_3d",
        "Chapter 2: tf.convert_to_tensor of a 3-D numpy array",
        run,
        tags=("ch02",),
        migration=("tf.convert_to_tensor + sess.run", "tf.convert_to_tensor(...).numpy()"),
    ),
)
