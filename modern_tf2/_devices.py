"""Two logical CPU devices on a machine without a GPU, so that chapter 7's tf.distribute code runs here.

TensorFlow fixes its logical devices when it initialises its runtime (the first op, or the first
`tf.config.list_logical_devices` call); `tf.config.set_logical_device_configuration` afterwards raises a
RuntimeError. `modern_tf2/__init__.py` therefore calls `split_cpu_if_no_gpu()` when the package is
imported, which in `python -m modern_tf2 ...` and in the test process happens before any example runs.
When TensorFlow was already initialised by someone else (a process that ran ops before importing
modern_tf2), nothing is changed and `SETUP` says so; chapter 7 then reports the devices it really got,
and tests/examples/test_modern_ch07.py also runs ch07_multi_gpu in a fresh interpreter where the split is
guaranteed.

Splitting the CPU changes no other example: ops still default to "/CPU:0"; "/CPU:1" only gets what a
tf.device scope or a tf.distribute strategy puts there. Nothing is split when a GPU is visible (the
strategy then mirrors over the GPUs).
"""

from __future__ import annotations

import tensorflow as tf

LOGICAL_CPUS = 2
"""How many logical CPU devices chapter 7 wants (the book's two GPUs)."""

SETUP: dict[str, str | int] = {"status": "not attempted", "logical_cpus": 0}
"""What `split_cpu_if_no_gpu` did, reported by the chapter 7 examples."""


def split_cpu_if_no_gpu(count: int = LOGICAL_CPUS) -> dict[str, str | int]:
    """Split the physical CPU into `count` logical devices if there is no GPU and TF is not initialised."""
    if tf.config.list_physical_devices("GPU"):
        SETUP.update(status="GPU present: CPU not split", logical_cpus=1)
        return SETUP
    cpu = tf.config.list_physical_devices("CPU")[0]
    existing = tf.config.get_logical_device_configuration(cpu)
    if existing is not None and len(existing) >= count:
        SETUP.update(status=f"already configured: {len(existing)} logical CPUs", logical_cpus=len(existing))
        return SETUP
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(count)]
        )
    except RuntimeError as error:  # the runtime is initialised: its devices can no longer change
        SETUP.update(status=f"not split, TensorFlow already initialised ({error})", logical_cpus=1)
        return SETUP
    SETUP.update(status=f"configured {count} logical CPUs at import", logical_cpus=count)
    return SETUP
