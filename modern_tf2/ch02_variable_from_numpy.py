"""ch02_variable_from_numpy: a tf.Variable initialised from a numpy matrix (Seed A L1678-1688).

Output L1692-1698: `(3, 3)` and the matrix 1..9. A TF2 variable holds its value from creation on: there
is no `global_variables_initializer` to run.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Create the variable, print its shape and value."""
    tensor_2d = np.array([(1, 2, 3), (4, 5, 6), (7, 8, 9)])
    tensor_2d = tf.Variable(tensor_2d)
    print(tensor_2d.shape)
    value = tensor_2d.numpy()
    print(value)
    return {
        "shape": str(tensor_2d.shape),
        "value_flat": [int(v) for v in value.ravel()],
        "dtype": tensor_2d.dtype.name,
    }


EXAMPLES = (
    Example(
        "ch02_variable_from_numpy",
        "Chapter 2: tf.Variable from a numpy matrix",
        run,
        tags=("ch02",),
        migration=(
            "tf.Variable + global_variables_initializer + sess.run",
            "tf.Variable (initialised on creation) + .numpy()",
        ),
    ),
)
