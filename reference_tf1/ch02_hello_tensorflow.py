"""ch02_hello_tensorflow: the installation check of chapter 2 (Seed A L1390-1406).

The book runs `sess.run(hello)` in a session it never closes and prints the result with the Python 2
print statement; under Python 3 the fetched tf.string is bytes, so the line reads b'hello TensorFlow!'
(the book's quoted output "Hello TensorFlow!" also has a capital H the constant does not have).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Build the one-constant graph, run it, print the fetched value."""
    with tf.Graph().as_default() as graph:
        hello = tf.constant("hello TensorFlow!")
        # The book leaves `sess = tf.Session()` open; a with-block closes it.
        with tf.compat.v1.Session(graph=graph) as sess:
            value = sess.run(hello)
    print(value)
    return {"output": value.decode("utf-8"), "fetched_type": type(value).__name__}


EXAMPLES = (
    Example(
        "ch02_hello_tensorflow",
        "Chapter 2: test the installation with a tf.constant string",
        run,
        tags=("ch02",),
    ),
)
