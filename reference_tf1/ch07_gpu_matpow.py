"""ch07_gpu_matpow: A^n + B^n with the powers pinned to "/gpu:0" and the sum on "/cpu:0" (Seed A:
walkthrough L7702-7801, listing L7807-7842).

`matpow(M, 10)` is the book's recursion, 10 matmuls giving M^11; the two powers are computed under
`tf.device('/gpu:0')` from placeholders, `tf.add_n` runs under `tf.device('/cpu:0')`, the session logs
the placement (`log_device_placement=True`) and the wall time is measured with `datetime`, printed as
in the walkthrough (the listing never prints it).

Departures, for CPU-only machines: without a GPU the powers go to the CPU device the book itself
suggests (L7787-7789, L7845), since a missing "/gpu:0" is an error without soft placement; and the
book's 10000 x 10000 matrices (4e13 FLOP, minutes on 2 cores) are used only when a GPU is visible and
not in --smoke, otherwise 256 x 256 (--steps N sets the side). The matrices are divided by their side
so that M^11 stays finite (the book's uniform(0, 1) powers overflow to inf in float32); the result is
checked against numpy when the side is at most 1024.
"""

from __future__ import annotations

import datetime

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    CPU_DEVICE,
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
    """Time one run of sum = A^11 + B^11 with the book's device placement."""
    gpus = gpus_seen()
    size = matrix_size(config)
    log_device_placement = True
    n = N
    A, B = random_matrices(size, config.seed)
    c1 = []
    device = "/gpu:0" if gpus else CPU_DEVICE
    with tf.Graph().as_default() as graph:
        with tf.device(device):
            a = tf.compat.v1.placeholder(tf.float32, [size, size])
            b = tf.compat.v1.placeholder(tf.float32, [size, size])
            c1.append(matpow(a, n))
            c1.append(matpow(b, n))
        with tf.device("/cpu:0"):
            sum_ = tf.add_n(c1)  # the book's `sum` shadows the builtin

        options, metadata = placement_options()
        t1_1 = datetime.datetime.now()
        with tf.compat.v1.Session(
            graph=graph, config=tf.compat.v1.ConfigProto(log_device_placement=log_device_placement)
        ) as sess:
            result = sess.run(sum_, {a: A, b: B}, options=options, run_metadata=metadata)
        t2_1 = datetime.datetime.now()
    print("GPU computation time: " + str(t2_1 - t1_1))

    seconds = (t2_1 - t1_1).total_seconds()
    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matrix_size": size,
        "n": n,
        "matmuls": 2 * n,
        "device_requested": device,
        "devices_used": devices_used(metadata),
        "computation_time": str(t2_1 - t1_1),
        "seconds": seconds,
        "gflops_per_second": 2 * n * 2 * size**3 / max(seconds, 1e-9) / 1e9,
        "result_finite": bool(np.isfinite(result).all()),
    }
    if size <= CHECK_LIMIT:
        metrics["max_rel_error_vs_numpy"] = relative_error_vs_numpy(result, A, B, n)
    return metrics


EXAMPLES = (
    Example(
        "ch07_gpu_matpow",
        "Chapter 7: A^n + B^n on /gpu:0 with the sum on /cpu:0, timed",
        run,
        missing="no GPU on CPU-only machines: the powers run on the CPU, 256 x 256 instead of 10000 x 10000",
        tags=("ch07", "device"),
    ),
)
