"""ch07_multi_gpu: A^n on one GPU, B^n on another, the sum on the CPU (Seed A snippets L7973-7993,
listing L7999-8040), with tf.distribute.

The book places each power on its own GPU by hand (`tf.device('/gpu:0')`, `'/gpu:1'`) and adds them on
the CPU. TF2 says the same with a `tf.distribute.MirroredStrategy` over the devices present: the two
matrices are a batch of 2 split across the replicas by `experimental_distribute_dataset` (replica 0
gets A, replica 1 gets B), each replica computes the sum of the powers of its share inside one
tf.function (`strategy.run`), and `strategy.reduce(SUM)` under `tf.device('/CPU:0')` adds the replicas'
results on the CPU, the book's `add_n`.

Devices: the strategy mirrors over the GPUs when there are any; on a CPU-only machine over the logical
CPU devices. `import modern_tf2` splits the CPU into two logical devices when there is no GPU and
TensorFlow has not initialised its devices yet (`modern_tf2/_devices.py`), so the same two-replica
code runs here. If TensorFlow was initialised before (a process that ran ops before importing
modern_tf2), the CPU cannot be split any more: the strategy then has one replica, which computes both
powers, and the metrics say so ("logical_device_setup", "replicas"). tests/examples/test_modern_ch07.py
also runs this example in a fresh interpreter, where the split is guaranteed. Where each replica ran is
read from the traced graph (the device of its matmuls): eager outputs of a tf.function all report the
caller's device.

Sizes as in ch07_gpu_matpow: 10000 x 10000 only with a GPU and without --smoke, else 256 x 256
(--steps N sets the side), matrices divided by their side so that M^11 stays finite.
"""

from __future__ import annotations

import datetime

import numpy as np
import tensorflow as tf

from modern_tf2 import _devices
from modern_tf2._basics_common import gpus_seen, matpow, matrix_size, random_matrices, relative_error_vs_numpy
from tfmigrate.book.runtime import Example, Metrics, RunConfig

N = 10
CHECK_LIMIT = 1024


def strategy_devices() -> list[str]:
    """The devices to mirror over: every GPU, else every logical CPU device."""
    gpus = tf.config.list_logical_devices("GPU")
    return [device.name for device in (gpus or tf.config.list_logical_devices("CPU"))]


def power_sum(matrices: tf.Tensor) -> tf.Tensor:
    """Sum over this replica's share of the matrices of matpow(M, N) (batched matmuls)."""
    return tf.reduce_sum(matpow(matrices, N), axis=0)


def run(config: RunConfig) -> Metrics:
    """Mirror the two powers over the devices present, reduce on the CPU, time the run."""
    gpus = gpus_seen()
    size = matrix_size(config)
    n = N
    A, B = random_matrices(size, config.seed)
    devices = strategy_devices()
    strategy = tf.distribute.MirroredStrategy(devices)
    replicas = strategy.num_replicas_in_sync
    dataset = tf.data.Dataset.from_tensor_slices(np.stack([A, B])).batch(2)
    matrices = next(iter(strategy.experimental_distribute_dataset(dataset)))

    @tf.function  # type: ignore[untyped-decorator]
    def powers(per_replica: tf.Tensor) -> tf.Tensor:
        return strategy.run(power_sum, args=(per_replica,))

    t1_1 = datetime.datetime.now()
    per_replica = powers(matrices)
    with tf.device("/CPU:0"):
        sum_ = strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)
    result = sum_.numpy()
    t2_1 = datetime.datetime.now()
    print(sum_)
    print("GPU computation time: " + str(t2_1 - t1_1))

    graph = powers.get_concrete_function(matrices).graph
    matmul_devices = sorted({op.device for op in graph.get_operations() if "MatMul" in op.type})
    worker_devices = list(strategy.extended.worker_devices)
    metrics: Metrics = {
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "logical_device_setup": str(_devices.SETUP["status"]),
        "strategy_devices": devices,
        "replicas": replicas,
        "matrix_size": size,
        "n": n,
        "device_of_a_power": worker_devices[0],
        "device_of_b_power": worker_devices[1 % replicas],
        "matmul_devices_in_traced_graph": matmul_devices,
        "sum_device": sum_.device,
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
        missing=(
            "no GPU on CPU-only machines: the strategy mirrors over two logical CPU devices at 256 x 256"
        ),
        tags=("ch07", "device"),
        migration=(
            "hand placement with tf.device('/gpu:0'), tf.device('/gpu:1'), add_n on /cpu:0, soft placement",
            "tf.distribute.MirroredStrategy over the devices present (2 logical CPUs without a GPU), "
            "strategy.run in a tf.function, strategy.reduce(SUM)",
        ),
    ),
)
