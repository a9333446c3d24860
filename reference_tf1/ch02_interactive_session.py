"""ch02_interactive_session: `tf.InteractiveSession` and `Tensor.eval()` (Seed A L1702-1714).

Output L1718-1721: `[1 2 3 4 5]`. The interactive session installs itself as the default session, so
`tensor.eval()` needs no session argument; it is bound to this example's own graph.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Open an interactive session, evaluate a constant with eval(), close the session."""
    with tf.Graph().as_default() as graph:
        interactive_session = tf.compat.v1.InteractiveSession(graph=graph)
        tensor = np.array([1, 2, 3, 4, 5])
        tensor = tf.constant(tensor)
        default_is_interactive = tf.compat.v1.get_default_session() is interactive_session
        value = tensor.eval()
        print(value)
        interactive_session.close()
    return {"value": [int(v) for v in value], "default_session_was_interactive": default_is_interactive}


EXAMPLES = (
    Example(
        "ch02_interactive_session",
        "Chapter 2: InteractiveSession and Tensor.eval()",
        run,
        tags=("ch02",),
    ),
)
