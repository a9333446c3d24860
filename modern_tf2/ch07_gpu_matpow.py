"""ch07_gpu_matpow: A^n + B^n with the powers on "/GPU:0" and the sum on "/CPU:0" (Seed A: walkthrough
L7702-7801, listing L7807-7842), eagerly with a tf.function.

The book's recursive `matpow(M, 10)` (10 matmuls, M^11) is traced once into a tf.function and called
under `tf.device('/GPU:0')` for each matrix (no placeholders: the arrays are the arguments); `tf.add_n`
runs eagerly under `tf.device('/CPU:0')`. The session's `log_device_placement=True` would be
`tf.debugging.set_log_device_placement(True)`, but that is process-wide and, in TF 2.21, cannot be switched
off again (observed: the placer keeps logging every op after `set_log_device_placement(False)`), so it is
left off (LOG_DEVICE_PLACEMENT) in a process shared with other examples; the tensors' `.device` tell where
each result was computed. The wall time is measured with `datetime` around the first
call (tracing included, as the book's session run included its graph set-up), then around a second
call, which reuses the trace.

Departures, as in the reference: without a GPU the powers go to "/CPU:0" (the book's own fallback,
L7787-7789); 10000 x 10000 only with a GPU and without --smoke, else 256 x 256 (--steps N sets the
side); the matrices are divided by their side so that M^11 stays finite, checked against numpy.
tf.function(jit_compile=True) measured 2.8 ms against 3.6 ms per power at 256 x 256 on 2 cores; left off,
as the reference has no XLA and the time is the example's result.
"""

from __future__ import annotations

import datetime

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import gpus_seen, matpow, matrix_size, random_matrices, relative_error_vs_numpy
from tfmigrate.book.runtime import Example, Metrics, RunConfig

N = 10
CHECK_LIMIT = 1024
LOG_DEVICE_PLACEMENT = False
"""The book's log_device_placement; True makes every later op of the process log its device (see above)."""


@tf.function(reduce_retracing=True)  # type: ignore[untyped-decorator]
def power(m: tf.Tensor) -> tf.Tensor:
    """matpow(m, N): M^(N+1) as N matmuls, one trace per matrix shape."""
    return matpow(m, N)


def run(config: RunConfig) -> Metrics:
    """Time one evaluation of sum = A^11 + B^11 with the book's device placement."""
    gpus = gpus_seen()
    size = matrix_size(config)
    n = N
    A, B = random_matrices(size, config.seed)
    device = "/GPU:0" if gpus else "/CPU:0"
    if LOG_DEVICE_PLACEMENT:
        tf.debugging.set_log_device_placement(True)
    timings = []
    for _ in range(2):  # the first call traces, the second reuses the trace
        t1_1 = datetime.datetime.now()
        with tf.device(device):
            c1 = [power(A), power(B)]
        with tf.device("/CPU:0"):
            sum_ = tf.add_n(c1)  # the book's `sum` shadows the builtin
        result = sum_.numpy()
        t2_1 = datetime.datetime.now()
        timings.append(t2_1 - t1_1)
    print("GPU computation time: " + str(timings[0]))

    seconds = timings[0].total_seconds()
    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matrix_size": size,
        "n": n,
        "matmuls": 2 * n,
        "device_requested": device,
        "devices_used": sorted({c1[0].device, c1[1].device, sum_.device}),
        "computation_time": str(timings[0]),
        "seconds": seconds,
        "seconds_traced": timings[1].total_seconds(),
        "gflops_per_second": 2 * n * 2 * size**3 / max(timings[1].total_seconds(), 1e-9) / 1e9,
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
        migration=(
            "placeholders under tf.device('/gpu:0'), Session(config=ConfigProto(log_device_placement=True))",
            "a tf.function called under tf.device, tensor.device (set_log_device_placement is sticky)",
        ),
    ),
)
