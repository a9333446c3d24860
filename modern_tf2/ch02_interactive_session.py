"""ch02_interactive_session: `tf.InteractiveSession` and `Tensor.eval()` (Seed A L1702-1714), eagerly.

What the interactive session gave the book -- evaluate a tensor without passing a session around -- is
TF2's default: eager execution. `tensor.numpy()` replaces `tensor.eval()`, and there is nothing to close.
Output L1718-1721: `[1 2 3 4 5]`.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Evaluate a constant eagerly."""
    tensor = np.array([1, 2, 3, 4, 5])
    tensor = tf.constant(tensor)
    value = tensor.numpy()
    print(value)
    return {"value": [int(v) for v in value], "executing_eagerly": tf.executing_eagerly()}


EXAMPLES = (
    Example(
        "ch02_interactive_session",
        "Chapter 2: InteractiveSession and Tensor.eval()",
        run,
        tags=("ch02",),
        migration=("tf.InteractiveSession() + tensor.eval() + close()", "eager execution: tensor.numpy()"),
    ),
)
