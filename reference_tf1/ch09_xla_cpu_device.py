"""ch09_xla_cpu_device — a computation JIT-compiled by XLA (Seed A L9241-9288).

The book builds TensorFlow from source with XLA enabled, then in IPython places `y = x * x` on the device
`device:XLA_CPU:0`, runs it on [1.5, 0.5, -0.5, -1.5] and, with `--xla_dump_assembly=true`, shows the five
x86 instructions XLA emitted (L9283-9287): no loop, one `vmulps` over the four floats.

The `XLA_CPU` pseudo-device no longer exists (TF 2.x removed it: placing an op there either fails with
"Cannot assign a device" or the op silently runs on CPU:0 -- the example reports which). The intent,
"compile this graph with XLA", is expressed the TF1 ways that remain: `tf.xla.experimental.jit_scope()`
marks the ops for compilation (`_XlaCompile` attribute), and a session whose `ConfigProto` sets
`graph_options.optimizer_options.global_jit_level = ON_1` auto-clusters the graph. Each variant runs with a
FULL_TRACE `RunMetadata`, whose step stats show whether XLA's `_XlaCompile` / `_XlaRun` kernels executed.
The result, not printed by the book, is x² = [2.25, 0.25, 0.25, 2.25].
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig

X_VALUE = [1.5, 0.5, -0.5, -1.5]


def _xla_kernels(run_metadata: tf.compat.v1.RunMetadata) -> list[str]:
    """The XLA launch ops that ran, read from the step stats."""
    return sorted(
        {
            node.timeline_label.split(" = ")[1].split("(")[0]
            for device in run_metadata.step_stats.dev_stats
            for node in device.node_stats
            if node.timeline_label.split(" = ")[-1].startswith(("_XlaCompile", "_XlaRun", "XlaLaunch"))
        }
    )


def _run_traced(
    graph: tf.Graph, fetch: tf.Tensor, feed: dict[tf.Tensor, object], config: tf.compat.v1.ConfigProto | None
) -> tuple[np.ndarray, list[str]]:
    options = tf.compat.v1.RunOptions(trace_level=tf.compat.v1.RunOptions.FULL_TRACE)
    metadata = tf.compat.v1.RunMetadata()
    with tf.compat.v1.Session(graph=graph, config=config) as sess:
        result = sess.run(fetch, feed, options=options, run_metadata=metadata)
    return np.asarray(result), _xla_kernels(metadata)


def run(config: RunConfig) -> Metrics:
    del config  # nothing to size or seed: four floats
    metrics: Metrics = {}

    # 1. The book's snippet, as written. TF 2.x has no XLA_CPU device: depending on what the process did
    # before, the placer either rejects the device or silently runs the op on CPU:0 -- report which.
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [4])
        with tf.device("device:XLA_CPU:0"):
            y = x * x
    options = tf.compat.v1.RunOptions(trace_level=tf.compat.v1.RunOptions.FULL_TRACE)
    run_metadata = tf.compat.v1.RunMetadata()
    try:
        with tf.compat.v1.Session(graph=graph) as sess:
            result = sess.run(y, {x: X_VALUE}, options=options, run_metadata=run_metadata)
        ran_on = [
            d.device
            for d in run_metadata.step_stats.dev_stats
            if any(n.node_name == y.op.name for n in d.node_stats)
        ]
        metrics["xla_cpu_device"] = "ran on " + ", ".join(ran_on)
        print(f"device:XLA_CPU:0 requested; the op ran on {ran_on}: y =", result)
    except (tf.errors.InvalidArgumentError, tf.errors.NotFoundError) as error:
        first_line = str(error.message).strip().splitlines()[0]
        metrics["xla_cpu_device"] = "unavailable"
        print(f"device:XLA_CPU:0 is not available in TensorFlow {tf.__version__}: {first_line}")
    metrics["xla_devices"] = [d.name for d in tf.config.list_logical_devices() if "XLA" in d.device_type]

    # 2. The same computation marked for XLA compilation with jit_scope.
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [4])
        with tf.xla.experimental.jit_scope():
            y = x * x
    result, kernels = _run_traced(graph, y, {x: X_VALUE}, None)
    marked = bool(y.op.get_attr("_XlaCompile")) if "_XlaCompile" in y.op.node_def.attr else False
    print("jit_scope: y =", result, "| XLA kernels run:", kernels or "none")
    metrics.update(
        {"jit_scope_result": result.tolist(), "jit_scope_marked": marked, "jit_scope_xla_kernels": kernels}
    )

    # 3. Session-wide auto-clustering: global_jit_level ON_1, no annotation on the graph.
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [4])
        y = x * x
    session_config = tf.compat.v1.ConfigProto()
    session_config.graph_options.optimizer_options.global_jit_level = tf.compat.v1.OptimizerOptions.ON_1
    result, kernels = _run_traced(graph, y, {x: X_VALUE}, session_config)
    # Auto-clustering skips clusters below XLA's minimum size (--tf_xla_min_cluster_size), so a lone
    # multiply may stay uncompiled here, unlike under jit_scope, which forces compilation.
    print("global_jit_level=ON_1: y =", result, "| XLA kernels run:", kernels or "none (cluster too small)")
    metrics.update({"global_jit_result": result.tolist(), "global_jit_xla_kernels": kernels})
    metrics["expected"] = [v * v for v in X_VALUE]
    return metrics


EXAMPLES = (
    Example(
        "ch09_xla_cpu_device",
        "XLA: x*x compiled just in time (XLA_CPU device -> jit_scope / global_jit_level)",
        run,
        missing="the XLA_CPU device (removed) and the --xla_dump_assembly x86 listing: jit_scope and "
        "global_jit_level compile the same graph; XLA's kernels are read from the run's step stats",
    ),
)
