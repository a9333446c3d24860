"""ch07_gpu_memory_options: the two GPU memory options of a session's ConfigProto (Seed A L7854-7868),
as TF2's process-wide device configuration.

`gpu_options.allow_growth = True` becomes `tf.config.experimental.set_memory_growth(gpu, True)` for each
GPU. `per_process_gpu_memory_fraction = 0.4` has no fractional counterpart: TF2 caps a GPU with a logical
device of an absolute size, `tf.config.set_logical_device_configuration(gpu,
[tf.config.LogicalDeviceConfiguration(memory_limit=<MB>)])` (`memory_limit_config` computes it from the
fraction and the GPU's memory), and a GPU with such a cap cannot also have memory growth. Both must be
set before TensorFlow initialises its GPUs (there is no per-session config to pass any more), so run()
applies memory growth when GPUs are present and reports the RuntimeError if they were already
initialised; on a CPU-only machine there is nothing to configure and run() says so. A small matmul then
shows the runtime works.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import gpus_seen
from tfmigrate.book.runtime import Example, Metrics, RunConfig

PER_PROCESS_GPU_MEMORY_FRACTION = 0.4


def memory_limit_config(total_megabytes: int, fraction: float) -> tf.config.LogicalDeviceConfiguration:
    """The logical device that caps a GPU of `total_megabytes` at `fraction` of it (the book's 0.4)."""
    return tf.config.LogicalDeviceConfiguration(memory_limit=int(total_megabytes * fraction))


def allow_growth(gpus: list[tf.config.PhysicalDevice]) -> str:
    """`allow_growth = True` for every GPU; returns what happened."""
    if not gpus:
        return "no GPU: nothing to configure"
    try:
        for gpu in gpus:
            tf.config.experimental.set_memory_growth(gpu, True)
    except RuntimeError as error:  # the GPUs were initialised already
        return f"not set: {error}"
    return "set on " + ", ".join(gpu.name for gpu in gpus)


@tf.function(input_signature=[tf.TensorSpec([64, 64], tf.float32)])  # type: ignore[untyped-decorator]
def matmul_sum(x: tf.Tensor) -> tf.Tensor:
    return tf.reduce_sum(tf.matmul(x, x))


def run(config: RunConfig) -> Metrics:
    """Configure memory growth if there are GPUs, report, and run a small matmul."""
    physical_gpus = tf.config.list_physical_devices("GPU")
    growth_status = allow_growth(physical_gpus)
    fraction_status = (
        "not applied: TF2 takes an absolute memory_limit per logical GPU, exclusive with memory growth"
        if physical_gpus
        else "no GPU: nothing to configure"
    )
    result = float(matmul_sum(np.full((64, 64), 0.5, np.float32)))
    gpus = gpus_seen()
    print(f"memory growth: {growth_status}")
    print(f"per_process_gpu_memory_fraction {PER_PROCESS_GPU_MEMORY_FRACTION}: {fraction_status}")
    print(f"GPUs seen: {gpus or 'none (the options have no effect)'}")
    return {
        "allow_growth": True,
        "memory_growth_status": growth_status,
        "per_process_gpu_memory_fraction": PER_PROCESS_GPU_MEMORY_FRACTION,
        "memory_fraction_status": fraction_status,
        "memory_limit_mb_for_16gb_gpu": memory_limit_config(
            16384, PER_PROCESS_GPU_MEMORY_FRACTION
        ).memory_limit,
        "gpus_seen": gpus,
        "gpu_seen": bool(gpus),
        "matmul_result": result,
    }


EXAMPLES = (
    Example(
        "ch07_gpu_memory_options",
        "Chapter 7: GPU memory options allow_growth and per_process_gpu_memory_fraction",
        run,
        missing="fragment; without a GPU there is no memory to configure",
        tags=("ch07", "device"),
        migration=(
            "ConfigProto.gpu_options.allow_growth / per_process_gpu_memory_fraction per Session",
            "tf.config.experimental.set_memory_growth / set_logical_device_configuration(memory_limit=MB), "
            "process-wide, before the GPUs initialise",
        ),
    ),
)
