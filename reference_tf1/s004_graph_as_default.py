"""s004_graph_as_default: make a new graph the default one with `with g.as_default():` (Seed B:42-46).

Seed B:38 adds that the graph records the type of every node and that `tf.trainable_variables()` lists
the trainable ones; the fragment only builds a constant, so a variable is added to show that call too.
Building a graph runs nothing: a session on g evaluates the constant (the text of B:48-52).
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    """Build a constant in a fresh graph, check where it lives, evaluate it in a session on that graph."""
    outer = tf.Graph()
    with outer.as_default():
        g = tf.Graph()
        with g.as_default():
            c = tf.constant("Node in g")
            counter = tf.compat.v1.Variable(0, name="counter")  # for tf.trainable_variables() (B:38)
            trainable = [v.name for v in tf.compat.v1.trainable_variables()]
        # Outside the block the enclosing graph is the default again, and it holds none of g's nodes.
        outer_is_default = tf.compat.v1.get_default_graph() is outer
        outer_nodes = len(outer.get_operations())

    with tf.compat.v1.Session(graph=g) as sess:
        sess.run(counter.initializer)
        value = sess.run(c)
    print(value)
    return {
        "value": value.decode("utf-8"),
        "constant_in_g": c.graph is g,
        "constant_name": c.name,
        "g_operations": len(g.get_operations()),
        "outer_graph_default_after_block": outer_is_default,
        "outer_graph_operations": outer_nodes,
        "trainable_variables": trainable,
    }


EXAMPLES = (
    Example(
        "s004_graph_as_default",
        "TensorFlow API: build nodes in a new default graph with Graph.as_default()",
        run,
        tags=("seed_b",),
    ),
)
