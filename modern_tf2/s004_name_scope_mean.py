"""s004_name_scope_mean: `tf.name_scope` around a `reduce_mean` (Seed B:64-68, B:76-80).

Eager tensors have no names, so the scope shows in the graph a tf.function traces: the mean is the
tensor "section/Mean:0" there, as in the reference's graph. Calling the function replaces the session
fragment (there is no initializer to run). The mean of the int32 constant [0, 1, 2, 3] is the integer
1, not 1.5 (integer tensors reduce with integer division), in TF2 as in TF1.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


@tf.function  # type: ignore[untyped-decorator]
def scoped_mean() -> tf.Tensor:
    var = tf.constant([0, 1, 2, 3])
    with tf.name_scope("section"):
        mean = tf.reduce_mean(var)
    return mean


def run(config: RunConfig) -> Metrics:
    """Call the function, print the mean, find the scoped tensor in the traced graph."""
    result = scoped_mean().numpy()
    graph = scoped_mean.get_concrete_function().graph
    scoped = [op.outputs[0].name for op in graph.get_operations() if op.name.startswith("section/")]
    print(result)
    return {
        "mean": int(result),
        "dtype": str(result.dtype),
        "tensor_name": scoped[-1] if scoped else "",
        "float_mean_would_be": 1.5,
    }


EXAMPLES = (
    Example(
        "s004_name_scope_mean",
        "TensorFlow API: name_scope and a session run of reduce_mean",
        run,
        tags=("seed_b",),
        migration=(
            "tf.name_scope in a graph + Session.run([mean])",
            "tf.name_scope inside a tf.function (names live in the traced graph), called eagerly",
        ),
    ),
)
