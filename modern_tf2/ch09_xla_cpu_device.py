"""ch09_xla_cpu_device: a computation JIT-compiled by XLA (Seed A L9241-9288), for TensorFlow 2.
Spec: reference_tf1/ch09_xla_cpu_device.py.

The book builds TensorFlow with XLA, places `y = x * x` on the pseudo-device `device:XLA_CPU:0`, runs it on
[1.5, 0.5, -0.5, -1.5] and shows, with `--xla_dump_assembly=true`, the five x86 instructions XLA emitted
(L9283-9287: one `vmulps` over the four floats, no loop). TF 2.x has no XLA_CPU device; XLA is part of every
build and is asked for per function: `tf.function(jit_compile=True)`. What the compiler made of the function
is shown through `experimental_get_compiler_ir`: the HLO TensorFlow hands to XLA and the optimized HLO XLA
compiles (a single fused elementwise `multiply` over f32[4], the HLO-level counterpart of the book's one
`vmulps`). The reference instead marks the graph with jit_scope / global_jit_level and reads XLA's kernels
from a Session's step stats.
Also reported: the logical devices (no XLA_* device among them), and what eager TF 2 does with the book's
`tf.device("device:XLA_CPU:0")` (with soft placement, eager's default, the op silently runs on a CPU device;
without it, placement fails). The result, not printed by the book, is x^2 = [2.25, 0.25, 0.25, 2.25]; the
jit-compiled result is compared with the plain (non-XLA) tf.function's.
"""

from __future__ import annotations

import re

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig

X_VALUE = [1.5, 0.5, -0.5, -1.5]


@tf.function(jit_compile=True)
def square_xla(x: tf.Tensor) -> tf.Tensor:
    """y = x * x, compiled by XLA as one cluster (the book's device:XLA_CPU:0 placement)."""
    return x * x


@tf.function(jit_compile=False)
def square_plain(x: tf.Tensor) -> tf.Tensor:
    """The same function run by TensorFlow's own kernels, for comparison."""
    return x * x


def compiler_ir(x: tf.Tensor, stage: str) -> str:
    """XLA's view of `square_xla` for `x`: stage "hlo" (as handed to XLA) or "optimized_hlo" (as compiled)."""
    return str(square_xla.experimental_get_compiler_ir(x)(stage=stage))


def hlo_instructions(ir: str) -> list[str]:
    """The opcodes of the ENTRY computation's instructions (e.g. ['parameter', 'fusion'])."""
    entry = ir[ir.index("ENTRY") :]
    body = entry[entry.index("{") + 1 : entry.index("\n}")]
    opcodes = []
    for line in body.strip().splitlines():
        # "%name = <shape> opcode(operands), attrs"; a tuple shape "(f32[4]{0})" has no space-word before "(".
        found = re.search(r"\s([a-z][\w-]*)\(", " " + line.split(" = ", 1)[1])
        if found:
            opcodes.append(found.group(1))
    return opcodes


def run(config: RunConfig) -> Metrics:
    del config  # nothing to size or seed: four floats
    x = tf.constant(X_VALUE, tf.float32)

    # 1. The book's placement, as TF 2 executes it: there is no XLA_CPU device. With soft placement (eager's
    # default) the op silently runs on a CPU device; with it switched off, placement fails.
    xla_devices = [d.name for d in tf.config.list_logical_devices() if "XLA" in d.device_type]
    try:
        with tf.device("device:XLA_CPU:0"):
            placed = x * x
        placement = "soft-placed on " + placed.device.rsplit("/", 1)[-1]
    except (tf.errors.InvalidArgumentError, tf.errors.NotFoundError) as error:
        placement = "unavailable: " + str(error.message).strip().splitlines()[0][:80]
    print(f"logical XLA devices: {xla_devices or 'none'}; tf.device('device:XLA_CPU:0'): {placement}")

    # 2. The modern spelling: tf.function(jit_compile=True).
    result = square_xla(x).numpy()
    plain = square_plain(x).numpy()
    print("jit_compile=True: y =", result)
    hlo = compiler_ir(x, "hlo")
    optimized = compiler_ir(x, "optimized_hlo")
    print("HLO handed to XLA:\n" + hlo)
    print("optimized HLO XLA compiled:\n" + optimized)
    return {
        "xla_devices": xla_devices,
        "xla_cpu_device": placement,
        "jit_result": result.tolist(),
        "plain_result": plain.tolist(),
        "jit_equals_plain": bool(np.array_equal(result, plain)),
        "hlo_instructions": hlo_instructions(hlo),
        "optimized_hlo_instructions": hlo_instructions(optimized),
        "optimized_has_multiply": " multiply(" in optimized,
        "expected": [v * v for v in X_VALUE],
    }


EXAMPLES = (
    Example(
        "ch09_xla_cpu_device",
        "XLA: x*x compiled just in time (XLA_CPU device -> tf.function(jit_compile=True))",
        run,
        missing="the XLA_CPU device (removed) and the --xla_dump_assembly x86 listing: the XLA-compiled "
        "function's HLO and optimized HLO (experimental_get_compiler_ir) are shown instead",
        tags=("ch09", "xla"),
        migration=(
            "tf.device('device:XLA_CPU:0') in a Session (TF built with XLA), --xla_dump_assembly",
            "tf.function(jit_compile=True), experimental_get_compiler_ir(x)(stage='optimized_hlo')",
        ),
    ),
)
