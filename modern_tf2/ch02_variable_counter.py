"""ch02_variable_counter: count from 0 to 10 with a variable (Seed A L1767-1796).

The TF1 graph's `update_value = tf.assign(value, tf.add(value, one))`, run ten times, becomes a
tf.function that assigns and returns the new value; each call is one `sess.run(update_value)`.
Output L1800-1813: 0, 1, ..., 10 on separate lines.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Call the update ten times (config.steps overrides), printing the variable after each call."""
    steps = 10 if config.steps is None else config.steps
    value = tf.Variable(0, name="value")
    one = tf.constant(1)

    @tf.function  # type: ignore[untyped-decorator]
    def update_value() -> tf.Tensor:
        new_value = tf.add(value, one)
        return value.assign(new_value)

    printed = [int(value.numpy())]
    print(printed[-1])
    for _ in range(steps):
        update_value()
        printed.append(int(value.numpy()))
        print(printed[-1])
    return {"values": printed, "final": printed[-1]}


EXAMPLES = (
    Example(
        "ch02_variable_counter",
        "Chapter 2: a counter variable updated with tf.assign",
        run,
        tags=("ch02",),
        migration=(
            "tf.assign(value, tf.add(value, one)) run in a Session loop",
            "tf.function calling value.assign(...)",
        ),
    ),
)
