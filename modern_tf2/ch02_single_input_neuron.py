"""ch02_single_input_neuron: a single-input neuron trained by gradient descent, with TensorBoard
summaries (Seed A walkthrough L1929-2016, listing L2073-2092).

One weight (1.0) times the input 0.5 learns the target 0.0 under the loss (target - input * weight)^2
with plain gradient descent (learning rate 0.025), 100 steps; each step multiplies the weight by 0.9875,
so after 100 steps weight = 0.9875^100 = 0.2842565. The TF1 graph becomes a tf.Module holding the
weight variable and a Keras SGD optimizer, and one tf.function training step (GradientTape) that first
writes the five scalars with tf.summary v2 (`tf.summary.scalar`) at step =
optimizer.iterations -- the values before the update, as the reference's summaries run before its train
op -- under <logdir>/log_simple_stats. Outside a `writer.as_default()` block the summary ops do nothing,
so the parity hooks call the same step.
TF2 does not uniquify summary tags: the weight is logged as "weight" (TF 1.x later wrote "weight_1").

Parity hooks: weight "w" <-> `Neuron.weight` (a scalar in both trees); a batch holds "input_value" and
"expected_output" (scalars, or arrays of N pairs whose losses are summed, as TF1's `minimize` of a
non-scalar loss does); the output is the model's product.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import make_logdir, summary_values
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.025
STEPS = 100
INPUT_VALUE = 0.5
EXPECTED_OUTPUT = 0.0
INITIAL_WEIGHT = 1.0


class Neuron(tf.Module):  # type: ignore[misc]  # tensorflow/keras are untyped
    """The book's model (L2075-2081): model = input * weight, loss = (target - model)^2, gradient descent."""

    def __init__(self, initial_weight: float | np.ndarray, learning_rate: float) -> None:
        super().__init__(name="neuron")
        self.weight = tf.Variable(initial_weight, name="weight", dtype=tf.float32)
        self.optimizer = gradient_descent(learning_rate)
        self.optimizer.build([self.weight])

    def model(self, input_value: tf.Tensor) -> tf.Tensor:
        return tf.multiply(input_value, self.weight, name="model")

    def loss_function(self, input_value: tf.Tensor, expected_output: tf.Tensor) -> tf.Tensor:
        return tf.pow(expected_output - self.model(input_value), 2, name="loss_function")

    @tf.function  # type: ignore[untyped-decorator]
    def train_step(self, input_value: tf.Tensor, expected_output: tf.Tensor) -> tf.Tensor:
        """Log the five scalars (if a summary writer is the default), then one gradient-descent step."""
        step = self.optimizer.iterations
        model = self.model(input_value)
        loss_function = self.loss_function(input_value, expected_output)
        for name, value in [
            ("input_value", input_value),
            ("weight", self.weight),
            ("expected_output", expected_output),
            ("model", model),
            ("loss_function", loss_function),
        ]:
            tf.summary.scalar(name, tf.reduce_sum(value), step)
        with tf.GradientTape() as tape:
            # minimize() of a non-scalar loss differentiates its sum; the book's loss is a scalar.
            loss = tf.reduce_sum(self.loss_function(input_value, expected_output))
        gradients = tape.gradient(loss, [self.weight])
        self.optimizer.apply_gradients(zip(gradients, [self.weight], strict=True))
        return loss


def run(config: RunConfig) -> Metrics:
    """Train 100 steps (config.steps overrides), logging the scalars before each step."""
    steps = STEPS if config.steps is None else config.steps
    logs_path = make_logdir(config, "log_simple_stats")
    input_value = tf.constant(INPUT_VALUE, name="input_value")
    expected_output = tf.constant(EXPECTED_OUTPUT, name="expected_output")
    neuron = Neuron(INITIAL_WEIGHT, LEARNING_RATE)

    summary_writer = tf.summary.create_file_writer(str(logs_path))
    with summary_writer.as_default():
        for _ in range(steps):
            neuron.train_step(input_value, expected_output)
    summary_writer.close()
    final_weight = neuron.weight.numpy()
    final_model = neuron.model(input_value).numpy()
    final_loss = neuron.loss_function(input_value, expected_output).numpy()

    logged_weights = [value for _, value in summary_values(logs_path).get("weight", [])]
    return {
        "steps": steps,
        "final_weight": float(final_weight),
        "final_model": float(final_model),
        "final_loss": float(final_loss),
        "closed_form_weight": float(np.float64(1.0 - LEARNING_RATE * 2 * INPUT_VALUE**2) ** steps),
        "logged_weight_count": len(logged_weights),
        "last_logged_weight": logged_weights[-1] if logged_weights else None,
        "weight_summary_tag": "weight",
        "logdir": str(logs_path),
    }


def _parity_build(learning_rate: float | None) -> EagerModel:
    neuron = Neuron(INITIAL_WEIGHT, LEARNING_RATE if learning_rate is None else learning_rate)

    def train_step(batch: dict[str, tf.Tensor]) -> None:
        neuron.train_step(batch["input_value"], batch["expected_output"])

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        loss = tf.reduce_sum(neuron.loss_function(batch["input_value"], batch["expected_output"]))
        return neuron.model(batch["input_value"]), loss

    return EagerModel(
        variables={"w": neuron.weight}, output_and_loss=output_and_loss, train_step=train_step, model=neuron
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""

    def draw(rng: np.random.Generator) -> Weights:
        return {"w": np.asarray(INITIAL_WEIGHT, np.float32)}  # the book's constant initial value

    return EagerParityModel(
        spec={
            "input_value": TensorSpec((), low=-1.0, high=1.0),
            "expected_output": TensorSpec((), low=-1.0, high=1.0),
        },
        draw_weights=draw,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch02_single_input_neuron",
        "Chapter 2: single-input neuron trained by gradient descent, with TensorBoard summaries",
        run,
        parity_model=parity_model,
        tags=("ch02", "trainable", "summaries"),
        migration=(
            "tf.train.GradientDescentOptimizer.minimize in a Session loop, summary.merge_all + FileWriter",
            "tf.Module + tf.function step with GradientTape and keras.optimizers.SGD, "
            "tf.summary.scalar under create_file_writer",
        ),
    ),
)
