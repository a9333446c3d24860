"""s004_device_pin: pin operations to a device with `with tf.device("/device:CPU:0"):` (Seed B:58-60).

The fragment has no body; we pin a small matmul to the CPU, and also a second one to "/device:GPU:0"
so that the placement TensorFlow chooses is visible: with `allow_soft_placement` the GPU request falls
back to the CPU when no GPU is present (the project's machines have none). The devices the nodes ran on
are read from the run's partition graphs.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import devices_used, gpus_seen, placement_options
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Build pinned ops, run them with soft placement, report the requested and the actual devices."""
    with tf.Graph().as_default() as graph:
        with tf.device("/device:CPU:0"):
            # A placeholder, not a constant: Grappler would fold a matmul of constants away.
            a = tf.compat.v1.placeholder(tf.float32, [2, 3], name="a")
            on_cpu = tf.matmul(a, a, transpose_b=True, name="on_cpu")
        with tf.device("/device:GPU:0"):
            # A different product: Grappler would merge an identical one into "on_cpu".
            on_gpu = tf.matmul(a, a, transpose_a=True, name="on_gpu")
        options, metadata = placement_options()
        config_proto = tf.compat.v1.ConfigProto(allow_soft_placement=True)
        with tf.compat.v1.Session(graph=graph, config=config_proto) as sess:
            cpu_value, gpu_value = sess.run(
                [on_cpu, on_gpu],
                {a: np.arange(6, dtype=np.float32).reshape(2, 3)},
                options=options,
                run_metadata=metadata,
            )
    print(cpu_value)
    placed = {node.name: node.device for partition in metadata.partition_graphs for node in partition.node}
    return {
        "requested_device_cpu_op": on_cpu.device,
        "requested_device_gpu_op": on_gpu.device,
        "actual_device_cpu_op": placed.get("on_cpu", ""),
        "actual_device_gpu_op": placed.get("on_gpu", ""),
        "devices_used": devices_used(metadata),
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
    ),
)
