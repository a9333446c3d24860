"""s004_graph_as_default: make a new graph the default one with `with g.as_default():` (Seed B:42-46).

In TF2 a graph is what `tf.function` traces: the Python function runs once under a FuncGraph made the
default graph for the duration of the trace, and `get_concrete_function().graph` is that graph, with
the "Node in g" constant in it. (`tf.Graph().as_default()` still exists, but a TF2 program has no
session to run such a graph; calling the concrete function runs it.) Outside the traced function the
program is eager again. Seed B:38's `tf.trainable_variables()` has no global counterpart in TF2:
variables belong to objects, and a `tf.Module` lists its own as `trainable_variables`.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


class Holder(tf.Module):  # type: ignore[misc]  # tensorflow/keras are untyped
    """Owns the variable whose listing replaces `tf.trainable_variables()` (B:38)."""

    def __init__(self) -> None:
        super().__init__(name="g")
        self.counter = tf.Variable(0, name="counter")


@tf.function  # type: ignore[untyped-decorator]
def build() -> tf.Tensor:
    """Traced once into a FuncGraph, the TF2 counterpart of building nodes under g.as_default()."""
    c = tf.constant("Node in g")
    return c


def run(config: RunConfig) -> Metrics:
    """Trace the function, inspect its graph, call it, list the module's trainable variables."""
    concrete = build.get_concrete_function()
    g = concrete.graph
    constants = [op for op in g.get_operations() if op.type == "Const"]
    value = concrete().numpy()
    holder = Holder()
    print(value)
    return {
        "value": value.decode("utf-8"),
        "constant_in_g": bool(constants) and constants[0].graph is g,
        "constant_name": constants[0].outputs[0].name if constants else "",
        "g_operations": len(g.get_operations()),
        "eager_outside_the_graph": tf.executing_eagerly(),
        "trainable_variables": [v.name for v in holder.trainable_variables],
    }


EXAMPLES = (
    Example(
        "s004_graph_as_default",
        "TensorFlow API: build nodes in a new default graph with Graph.as_default()",
        run,
        tags=("seed_b",),
        migration=(
            "tf.Graph().as_default() + Session(graph=g), tf.trainable_variables()",
            "tf.function's traced FuncGraph (get_concrete_function().graph), tf.Module.trainable_variables",
        ),
    ),
)
