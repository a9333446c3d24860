"""ch07_gpu_soft_placement: ops pinned to a missing "/GPU:1", without and with soft placement (Seed A
snippets L7878-7926, listing L7932-7967).

The matpow computation of ch07_gpu_matpow with the powers called under `tf.device('/GPU:1')`. The
session option `allow_soft_placement` is process-wide in TF2: `tf.config.set_soft_device_placement`,
and on by default. First it is switched off, as the book's first session runs without it: on a machine
without a second GPU the call raises InvalidArgumentError ("Could not satisfy device specification
'.../device:GPU:1'", TF2's wording of the book's L7890-7899 error), which is caught and reported. Then it
is switched on and the same calls run on the devices that exist, timed with `datetime`. The previous
setting is restored at the end.

Sizes as in ch07_gpu_matpow: 10000 x 10000 only with a GPU and without --smoke, else 256 x 256
(--steps N sets the side), matrices divided by their side so that M^11 stays finite.
"""

from __future__ import annotations

import datetime

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import gpus_seen, matpow, matrix_size, random_matrices, relative_error_vs_numpy
from tfmigrate.book.runtime import Example, Metrics, RunConfig

N = 10
CHECK_LIMIT = 1024


@tf.function(reduce_retracing=True)  # type: ignore[untyped-decorator]
def power(m: tf.Tensor) -> tf.Tensor:
    """matpow(m, N): M^(N+1) as N matmuls."""
    return matpow(m, N)


def _first_line_with(text: str, needle: str) -> str:
    for line in text.splitlines():
        if needle in line:
            return line.strip()
    return text.strip().splitlines()[0] if text.strip() else ""


def _sum_of_powers(a: np.ndarray, b: np.ndarray) -> tuple[tf.Tensor, list[tf.Tensor]]:
    with tf.device("/GPU:1"):
        c1 = [power(a), power(b)]
    with tf.device("/CPU:0"):
        return tf.add_n(c1), c1


def run(config: RunConfig) -> Metrics:
    """Call the /GPU:1 computation without soft placement (expecting the error), then with it (timed)."""
    gpus = gpus_seen()
    size = matrix_size(config)
    n = N
    A, B = random_matrices(size, config.seed)
    soft_before = tf.config.get_soft_device_placement()
    error_type, error_line = "", ""
    try:
        tf.config.set_soft_device_placement(False)
        try:
            _sum_of_powers(A, B)[0].numpy()
        except tf.errors.InvalidArgumentError as error:
            error_type = type(error).__name__
            error_line = _first_line_with(error.message, "GPU:1")
            print(f"{error_type} : {error_line}")

        tf.config.set_soft_device_placement(True)
        t1_1 = datetime.datetime.now()
        sum_, c1 = _sum_of_powers(A, B)
        result = sum_.numpy()
        t2_1 = datetime.datetime.now()
    finally:
        tf.config.set_soft_device_placement(soft_before)
    print("GPU computation time: " + str(t2_1 - t1_1))

    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matrix_size": size,
        "n": n,
        "error_without_soft_placement": error_type,
        "error_message": error_line[:300],
        "soft_placement_ran": True,
        "devices_used_with_soft_placement": sorted({c1[0].device, c1[1].device, sum_.device}),
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
        migration=(
            "Session(config=ConfigProto(allow_soft_placement=True))",
            "tf.config.set_soft_device_placement(True) (TF2's default) around eager/tf.function calls",
        ),
    ),
)
