"""s004_name_scope_mean: `tf.name_scope` around a `reduce_mean`, run in a session (Seed B:64-68, B:76-80).

The two fragments assembled: `mean` is named "section/Mean:0", and the mean of the int32 constant
[0, 1, 2, 3] is the integer 1, not 1.5 (integer tensors reduce with integer division). The session
fragment runs the variable initializer though the graph has no variable; that is harmless.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Build the scoped mean and fetch it as the fragment does."""
    with tf.Graph().as_default() as graph:
        var = tf.constant([0, 1, 2, 3])
        with tf.name_scope("section"):
            mean = tf.reduce_mean(var)
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            result = sess.run([mean], feed_dict={})
    print(result[0])
    return {
        "mean": int(result[0]),
        "dtype": str(result[0].dtype),
        "tensor_name": mean.name,
        "float_mean_would_be": 1.5,
    }


EXAMPLES = (
    Example(
        "s004_name_scope_mean",
        "TensorFlow API: name_scope and a session run of reduce_mean",
        run,
        tags=("seed_b",),
    ),
)
