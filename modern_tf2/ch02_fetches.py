"""ch02_fetches: fetch two tensors with one `Session.run` (Seed A L1825-1838), eagerly.

Eager ops return their values directly, so "fetching several tensors" is a list of `.numpy()` calls.
Output L1842-1845: `[array([400.], dtype=float32), array([300.], dtype=float32)]` (numpy >= 1.14's style).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Compute a sum and a product and print both values as a list."""
    constant_a = tf.constant([100.0])
    constant_b = tf.constant([300.0])
    constant_c = tf.constant([3.0])

    sum_ = tf.add(constant_a, constant_b)
    mul_ = tf.multiply(constant_a, constant_c)

    result = [sum_.numpy(), mul_.numpy()]
    print(result)
    return {
        "sum": [float(v) for v in result[0]],
        "mul": [float(v) for v in result[1]],
        "dtype": str(result[0].dtype),
    }


EXAMPLES = (
    Example(
        "ch02_fetches",
        "Chapter 2: fetch several tensors in one run",
        run,
        tags=("ch02",),
        migration=("sess.run([sum_, mul_])", "eager ops: [sum_.numpy(), mul_.numpy()]"),
    ),
)
