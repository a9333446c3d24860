"""ch02_variable_counter: count from 0 to 10 with a variable, `tf.add` and `tf.assign` (Seed A L1767-1796).

Output L1800-1813: 0, 1, ..., 10 on separate lines.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Run the assign op ten times (config.steps overrides), printing the variable after each run."""
    steps = 10 if config.steps is None else config.steps
    with tf.Graph().as_default() as graph:
        value = tf.compat.v1.Variable(0, name="value")
        one = tf.constant(1)
        new_value = tf.add(value, one)
        update_value = tf.compat.v1.assign(value, new_value)

        initialize_var = tf.compat.v1.global_variables_initializer()

        printed: list[int] = []
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(initialize_var)
            printed.append(int(sess.run(value)))
            print(printed[-1])
            for _ in range(steps):
                sess.run(update_value)
                printed.append(int(sess.run(value)))
                print(printed[-1])
    return {"values": printed, "final": printed[-1]}


EXAMPLES = (
    Example(
        "ch02_variable_counter",
        "Chapter 2: a counter variable updated with tf.assign",
        run,
        tags=("ch02",),
    ),
)
