"""ch02_data_model_rank: tensor rank and shape of chapter 2 (Seed A L1588-1600, REPL L1617-1631).

Prints `get_shape()` of a scalar, a vector, a matrix and a 3-D "cube" constant, as the book does
(`()`, `(5,)`, `(2, 3)`, `(3, 3, 1)`). The REPL excerpt shows the reprs of the same shapes (TF 1.0
printed `TensorShape([Dimension(5)])`; TF 2.21 prints `TensorShape([5])`); its names `scalar1`...
were never defined, so we show the reprs of the listing's tensors.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Build the four constants in a fresh graph and print their static shapes."""
    with tf.Graph().as_default():
        scalar = tf.constant(100)
        vector = tf.constant([1, 2, 3, 4, 5])
        matrix = tf.constant([[1, 2, 3], [4, 5, 6]])
        cube_matrix = tf.constant([[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]])

        print(scalar.get_shape())
        print(vector.get_shape())
        print(matrix.get_shape())
        print(cube_matrix.get_shape())
        tensors = {"scalar": scalar, "vector": vector, "matrix": matrix, "cube_matrix": cube_matrix}
        for tensor in tensors.values():
            print(repr(tensor.get_shape()))

    metrics: Metrics = {}
    for name, tensor in tensors.items():
        metrics[f"{name}_shape"] = str(tensor.get_shape())
        metrics[f"{name}_rank"] = tensor.get_shape().rank
    return metrics


EXAMPLES = (
    Example(
        "ch02_data_model_rank",
        "Chapter 2: data model, rank and shape of constants",
        run,
        tags=("ch02",),
    ),
)
