"""ch02_single_input_neuron: a single-input neuron trained by gradient descent, with TensorBoard
summaries (Seed A walkthrough L1929-2016, listing L2073-2092).

One weight (1.0) times a constant input 0.5 should learn the target 0.0 under the loss
(target - input * weight)^2 with plain gradient descent (learning rate 0.025), 100 steps; before each
step the five scalars are logged under <logdir>/log_simple_stats. Each step multiplies the weight by
1 - 0.025 * 2 * 0.5^2 = 0.9875, so after 100 steps weight = 0.9875^100 = 0.2842565.

Listing fixes: two pairs of statements glued on one line (L2079 `model = ... loss_function =`, L2086
`summaries = ... sess = tf.Session()`) are split; the walkthrough's 0.x names (`tf.mul`,
`tf.scalar_summary`, `tf.merge_all_summaries`) appear in their 1.x form as in the listing.

Parity hooks: weight "w" (the graph's variable "weight", initial 1.0); a batch holds "input_value" and
"expected_output", scalars as in the book (arrays of N pairs act as the sum of N book losses, which is
what `minimize` does with a non-scalar loss); the output is the model's product.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import make_logdir
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.025
STEPS = 100
INPUT_VALUE = 0.5
EXPECTED_OUTPUT = 0.0
INITIAL_WEIGHT = 1.0


def neuron_graph(
    input_value: tf.Tensor,
    expected_output: tf.Tensor,
    initial_weight: InitialValue | float,
    learning_rate: float | tf.Tensor,
) -> dict[str, tf.Tensor | tf.Variable | tf.Operation]:
    """The book's graph (L2075-2081) around the given input/target tensors."""
    weight = tf.compat.v1.Variable(initial_weight, name="weight", dtype=tf.float32)
    model = tf.multiply(input_value, weight, "model")
    loss_function = tf.pow(expected_output - model, 2, name="loss_function")
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate).minimize(loss_function)
    return {"weight": weight, "model": model, "loss_function": loss_function, "optimizer": optimizer}


def run(config: RunConfig) -> Metrics:
    """Train 100 steps (config.steps overrides), logging the scalars before each step."""
    steps = STEPS if config.steps is None else config.steps
    logs_path = make_logdir(config, "log_simple_stats")
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(config.seed)  # nothing random here; kept for uniformity
        input_value = tf.constant(INPUT_VALUE, name="input_value")
        expected_output = tf.constant(EXPECTED_OUTPUT, name="expected_output")
        nodes = neuron_graph(input_value, expected_output, INITIAL_WEIGHT, LEARNING_RATE)
        weight, model, loss_function = nodes["weight"], nodes["model"], nodes["loss_function"]

        tags: dict[str, str] = {}
        for value in [input_value, weight, expected_output, model, loss_function]:
            # Later TF 1.x uniquifies a summary tag like an op name: "weight" is taken by the variable,
            # so TensorBoard shows "weight_1" where TF 1.0 showed "weight".
            tags[value.op.name] = tf.compat.v1.summary.scalar(value.op.name, value).op.name
        summaries = tf.compat.v1.summary.merge_all()
        with tf.compat.v1.Session(graph=graph) as sess:
            summary_writer = tf.compat.v1.summary.FileWriter(str(logs_path), sess.graph)
            sess.run(tf.compat.v1.global_variables_initializer())
            for i in range(steps):
                summary_writer.add_summary(sess.run(summaries), i)
                sess.run(nodes["optimizer"])
            final_weight, final_model, final_loss = sess.run([weight, model, loss_function])
            summary_writer.close()

    logged_weights = _logged_scalars(logs_path, tags["weight"])
    return {
        "steps": steps,
        "final_weight": float(final_weight),
        "final_model": float(final_model),
        "final_loss": float(final_loss),
        "closed_form_weight": float(np.float64(1.0 - LEARNING_RATE * 2 * INPUT_VALUE**2) ** steps),
        "logged_weight_count": len(logged_weights),
        "last_logged_weight": logged_weights[-1] if logged_weights else None,
        "weight_summary_tag": tags["weight"],
        "logdir": str(logs_path),
    }


def _logged_scalars(logs_path: Path, tag: str) -> list[float]:
    """The values of one scalar summary tag, in step order, read back from the event files."""
    values: list[tuple[int, float]] = []
    for event_file in sorted(logs_path.glob("events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(str(event_file)):
            for value in event.summary.value:
                if value.tag == tag:
                    values.append((event.step, float(value.simple_value)))
    return [v for _, v in sorted(values)]


def _parity_build(weights: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    input_value = tf.compat.v1.placeholder(tf.float32, None, name="input_value")
    expected_output = tf.compat.v1.placeholder(tf.float32, None, name="expected_output")
    nodes = neuron_graph(input_value, expected_output, weights["w"], learning_rate)
    return GraphModel(
        inputs={"input_value": input_value, "expected_output": expected_output},
        variables={"w": nodes["weight"]},
        output=nodes["model"],
        loss=tf.reduce_sum(nodes["loss_function"]),
        train_op=nodes["optimizer"],
    )


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""

    def draw(rng: np.random.Generator) -> Weights:
        return {"w": np.asarray(INITIAL_WEIGHT, np.float32)}  # the book's constant initial value

    return GraphParityModel(
        spec={
            "input_value": TensorSpec((), low=-1.0, high=1.0),
            "expected_output": TensorSpec((), low=-1.0, high=1.0),
        },
        draw_weights=draw,
        build=_parity_build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch02_single_input_neuron",
        "Chapter 2: single-input neuron trained by gradient descent, with TensorBoard summaries",
        run,
        parity_model=parity_model,
        tags=("ch02", "trainable", "summaries"),
    ),
)
