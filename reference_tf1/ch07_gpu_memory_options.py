"""ch07_gpu_memory_options: the two GPU memory options of a session's ConfigProto (Seed A L7854-7868).

`config.gpu_options.allow_growth = True` (grow the GPU memory region on demand) and
`config.gpu_options.per_process_gpu_memory_fraction = 0.4` (cap each visible GPU at 40 %), each given
to a session. The book's `tf.Session(config=config, ...)` is not valid Python (a literal `...` after a
keyword argument); the session here gets the config and this example's graph, and runs a small matmul
to show it works. Without a GPU both options are accepted and have no effect.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import gpus_seen
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def _run_with(config_proto: tf.compat.v1.ConfigProto) -> float:
    """Run a small matmul in a session with the given config; returns its sum."""
    with tf.Graph().as_default() as graph:
        x = tf.compat.v1.placeholder(tf.float32, [64, 64])
        y = tf.reduce_sum(tf.matmul(x, x))
        session = tf.compat.v1.Session(graph=graph, config=config_proto)
        with session:
            return float(session.run(y, {x: np.full((64, 64), 0.5, np.float32)}))


def run(config: RunConfig) -> Metrics:
    """Build both configurations and run a session with each."""
    growth = tf.compat.v1.ConfigProto()
    growth.gpu_options.allow_growth = True
    growth_result = _run_with(growth)

    fraction = tf.compat.v1.ConfigProto()
    fraction.gpu_options.per_process_gpu_memory_fraction = 0.4
    fraction_result = _run_with(fraction)

    gpus = gpus_seen()
    print(f"allow_growth: {growth.gpu_options.allow_growth}")
    print(f"per_process_gpu_memory_fraction: {fraction.gpu_options.per_process_gpu_memory_fraction}")
    print(f"GPUs seen: {gpus or 'none (the options have no effect)'}")
    return {
        "allow_growth": bool(growth.gpu_options.allow_growth),
        # The proto stores a double: 0.4 reads back exactly; rounding keeps the JSON tidy regardless.
        "per_process_gpu_memory_fraction": round(fraction.gpu_options.per_process_gpu_memory_fraction, 6),
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "session_result_allow_growth": growth_result,
        "session_result_memory_fraction": fraction_result,
    }


EXAMPLES = (
    Example(
        "ch07_gpu_memory_options",
        "Chapter 7: GPU memory options allow_growth and per_process_gpu_memory_fraction",
        run,
        missing="fragment; without a GPU the memory options are accepted but do nothing",
        tags=("ch07", "device"),
    ),
)
