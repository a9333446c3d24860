"""ch07_gpu_soft_placement: ops pinned to a missing "/gpu:1", without and with `allow_soft_placement`
(Seed A snippets L7878-7926, listing L7932-7967).

The matpow graph of ch07_gpu_matpow with the powers under `tf.device('/gpu:1')`. First the session is
run as in L7878-7884, without soft placement: on a machine without a second GPU TensorFlow raises the
InvalidArgumentError of L7890-7899 ("Cannot assign a device ... explicitly assigned to
/device:GPU:1"), which is caught and reported. Then the listing's session with
`allow_soft_placement=True` runs the same graph on the devices that exist, timed with `datetime`.

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


def _first_line_with(text: str, needle: str) -> str:
    for line in text.splitlines():
        if needle in line:
            return line.strip()
    return text.strip().splitlines()[0] if text.strip() else ""


def run(config: RunConfig) -> Metrics:
    """Run the /gpu:1 graph without soft placement (expecting the error), then with it (timed)."""
    gpus = gpus_seen()
    size = matrix_size(config)
    log_device_placement = True
    n = N
    A, B = random_matrices(size, config.seed)
    c1 = []
    with tf.Graph().as_default() as graph:
        with tf.device("/gpu:1"):
            a = tf.compat.v1.placeholder(tf.float32, [size, size])
            b = tf.compat.v1.placeholder(tf.float32, [size, size])
            c1.append(matpow(a, n))
            c1.append(matpow(b, n))
        with tf.device("/cpu:0"):
            sum_ = tf.add_n(c1)

        error_type, error_line = "", ""
        try:
            with tf.compat.v1.Session(
                graph=graph, config=tf.compat.v1.ConfigProto(log_device_placement=log_device_placement)
            ) as sess:
                sess.run(sum_, {a: A, b: B})
        except tf.errors.InvalidArgumentError as error:
            error_type = type(error).__name__
            error_line = _first_line_with(error.message, "Cannot assign a device")
            print(f"{error_type} : {error_line}")

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

    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matrix_size": size,
        "n": n,
        "error_without_soft_placement": error_type,
        "error_message": error_line[:300],
        "soft_placement_ran": True,
        "devices_used_with_soft_placement": devices_used(metadata),
        "computation_time": str(t2_1 - t1_1),
        "seconds": (t2_1 - t1_1).total_seconds(),
        "result_finite": bool(np.isfinite(result).all()),
    }
    if size <= CHECK_LIMIT:
        metrics["max_rel_error_vs_numpy"] = relative_error_vs_numpy(result, A, B, n)
    return metrics


EXAMPLES = (
    Example(
        "ch07_gpu_soft_placement",
        "Chapter 7: ops pinned to a missing /gpu:1, the placement error and allow_soft_placement",
        run,
        missing="no GPU on CPU-only machines: soft placement runs everything on the CPU at 256 x 256",
        tags=("ch07", "device"),
    ),
)
