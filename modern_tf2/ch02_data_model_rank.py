"""ch02_data_model_rank: tensor rank and shape of chapter 2 (Seed A L1588-1600, REPL L1617-1631).

Eager constants carry their static shape as `.shape` (the TF1 `get_shape()` is the same TensorShape);
printed `()`, `(5,)`, `(2, 3)`, `(3, 3, 1)` as in the book, then their reprs (`TensorShape([5])` where
TF 1.0 printed `TensorShape([Dimension(5)])`).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Create the four constants and print their shapes."""
    scalar = tf.constant(100)
    vector = tf.constant([1, 2, 3, 4, 5])
    matrix = tf.constant([[1, 2, 3], [4, 5, 6]])
    cube_matrix = tf.constant([[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]])

    print(scalar.shape)
    print(vector.shape)
    print(matrix.shape)
    print(cube_matrix.shape)
    tensors = {"scalar": scalar, "vector": vector, "matrix": matrix, "cube_matrix": cube_matrix}
    for tensor in tensors.values():
        print(repr(tensor.shape))

    metrics: Metrics = {}
    for name, tensor in tensors.items():
        metrics[f"{name}_shape"] = str(tensor.shape)
        metrics[f"{name}_rank"] = tensor.shape.rank
    return metrics


EXAMPLES = (
    Example(
        "ch02_data_model_rank",
        "Chapter 2: data model, rank and shape of constants",
        run,
        tags=("ch02",),
        migration=("constants in a tf.Graph, tensor.get_shape()", "eager constants, tensor.shape"),
    ),
)
