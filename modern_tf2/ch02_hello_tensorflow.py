"""ch02_hello_tensorflow: the installation check of chapter 2 (Seed A L1390-1406), eagerly.

TF2 runs ops as soon as they are called, so the constant's value is there without a session:
`.numpy()` of a tf.string tensor is bytes, printed b'hello TensorFlow!' as the reference's
`sess.run(hello)` is (the book's quoted "Hello TensorFlow!" has a capital H the constant does not have).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Create the constant and print its value."""
    hello = tf.constant("hello TensorFlow!")
    value = hello.numpy()
    print(value)
    return {"output": value.decode("utf-8"), "fetched_type": type(value).__name__}


EXAMPLES = (
    Example(
        "ch02_hello_tensorflow",
        "Chapter 2: test the installation with a tf.constant string",
        run,
        tags=("ch02",),
        migration=("tf.Session() + sess.run(hello)", "eager execution: hello.numpy()"),
    ),
)
