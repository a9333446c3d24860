"""ch07_multi_gpu: A^n on "/gpu:0", B^n on "/gpu:1", the sum on "/cpu:0" (Seed A snippets L7973-7993,
listing L7999-8040).

Each power gets its own device and its own placeholder; `tf.add_n` collects them on the CPU, and
`print(sum)` prints the symbolic tensor (the snippet L7991), not its value. The session allows soft
placement, so with fewer than two GPUs the missing devices fall back to what exists (the CPU on the
project's machines). The devices the nodes actually ran on are reported.

Sizes as in ch07_gpu_matpow: 10000 x 10000 only with a GPU and without --smoke, else 256 x 256
(--steps N sets the side), matrices divided by their side so that M^11 stays finite.
"""

from __future__ import annotations

import datetime

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    devices_used,
    gpus_seen,
    matpow,
    matrix_size,
    placement_options,
    random_matrices,
    relative_error_vs_numpy,
)
from tfmigrate.book.runtime import Example, Metrics, RunConfig

N = 10
CHECK_LIMIT = 1024


def run(config: RunConfig) -> Metrics:
    """Split the two powers over two GPUs (soft placement), sum on the CPU, time the run."""
    gpus = gpus_seen()
    size = matrix_size(config)
    log_device_placement = True
    n = N
    A, B = random_matrices(size, config.seed)
    c1 = []
    with tf.Graph().as_default() as graph:
        # FIRST GPU
        with tf.device("/gpu:0"):
            a = tf.compat.v1.placeholder(tf.float32, [size, size])
            c1.append(matpow(a, n))
        # SECOND GPU
        with tf.device("/gpu:1"):
            b = tf.compat.v1.placeholder(tf.float32, [size, size])
            c1.append(matpow(b, n))
        with tf.device("/cpu:0"):
            sum_ = tf.add_n(c1)
            print(sum_)

        options, metadata = placement_options()
        t1_1 = datetime.datetime.now()
        with tf.compat.v1.Session(
            graph=graph,
            config=tf.compat.v1.ConfigProto(
                allow_soft_placement=True, log_device_placement=log_device_placement
            ),
        ) as sess:
            result = sess.run(sum_, {a: A, b: B}, options=options, run_metadata=metadata)
        t2_1 = datetime.datetime.now()
    print("GPU computation time: " + str(t2_1 - t1_1))

    placed = {node.name: node.device for part in metadata.partition_graphs for node in part.node}
    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matrix_size": size,
        "n": n,
        "requested_devices": [a.device, b.device, sum_.device],
        "devices_used": devices_used(metadata),
        "device_of_a_power": placed.get(c1[0].op.name, ""),
        "device_of_b_power": placed.get(c1[1].op.name, ""),
        "sum_tensor": str(sum_),
        "computation_time": str(t2_1 - t1_1),
        "seconds": (t2_1 - t1_1).total_seconds(),
        "result_finite": bool(np.isfinite(result).all()),
    }
    if size <= CHECK_LIMIT:
        metrics["max_rel_error_vs_numpy"] = relative_error_vs_numpy(result, A, B, n)
    return metrics


EXAMPLES = (
    Example(
        "ch07_multi_gpu",
        "Chapter 7: two powers on two GPUs, summed on the CPU (soft placement)",
        run,
        missing="no GPU on CPU-only machines: soft placement runs both powers on the CPU at 256 x 256",
        tags=("ch07", "device"),
    ),
)
