"""s004_device_pin: pin operations to a device with `with tf.device("/device:CPU:0"):` (Seed B:58-60).

`tf.device` is unchanged in TF2; eagerly, each op runs where the scope asks and its result tensor says
where (`.device`), so no RunMetadata/partition graphs are needed to see the placement. As in the
reference, a second matmul is pinned to "/device:GPU:0"; TF2 has soft placement on by default
(`tf.config.get_soft_device_placement()`, the session's `allow_soft_placement=True`), so without a GPU
it runs on the CPU.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import gpus_seen
from tfmigrate.book.runtime import Example, Metrics, RunConfig

CPU_REQUEST = "/device:CPU:0"
GPU_REQUEST = "/device:GPU:0"


def run(config: RunConfig) -> Metrics:
    """Run the pinned ops eagerly, report the requested and the actual devices."""
    a = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3), name="a")
    with tf.device(CPU_REQUEST):
        on_cpu = tf.matmul(a, a, transpose_b=True, name="on_cpu")
    with tf.device(GPU_REQUEST):
        on_gpu = tf.matmul(a, a, transpose_a=True, name="on_gpu")
    cpu_value, gpu_value = on_cpu.numpy(), on_gpu.numpy()
    print(cpu_value)
    return {
        "requested_device_cpu_op": CPU_REQUEST,
        "requested_device_gpu_op": GPU_REQUEST,
        "actual_device_cpu_op": on_cpu.device,
        "actual_device_gpu_op": on_gpu.device,
        "devices_used": sorted({on_cpu.device, on_gpu.device}),
        "soft_device_placement": tf.config.get_soft_device_placement(),
        "gpus_seen": gpus_seen(),
        "result_cpu_op": [float(v) for v in cpu_value.ravel()],
        "result_gpu_op": [float(v) for v in gpu_value.ravel()],
    }


EXAMPLES = (
    Example(
        "s004_device_pin",
        "TensorFlow API: pin operations to a device with tf.device",
        run,
        missing="Seed B gives only the `with tf.device(...)` line; GPU placement needs a GPU (none on CPU)",
        tags=("seed_b", "device"),
        migration=(
            "tf.device scopes in a graph, ConfigProto(allow_soft_placement=True), RunMetadata for placement",
            "tf.device around eager ops (soft placement on by default), tensor.device",
        ),
    ),
)
