"""s004_summaries_filewriter: summaries written during training (Seed B:86-99), with tf.summary v2.

The reference's assembly of the fragments, rewritten: `var` is the weight matrix of a linear regression
on iris (petal width from the three other measurements, standardised), y = x W + b with tf.matmul,
mean squared error, full-batch gradient descent (0.05). The TF1 `summary.histogram` / `summary.scalar` +
`merge_all` + `FileWriter.add_summary(summary, i)` become a histogram and a scalar written from inside
the tf.function training step (the values the step starts from) to the default writer of
`tf.summary.create_file_writer(<logdir>/summaries)`, at step = the optimizer's iteration counter; there is
nothing to merge or fetch. Tags: "var" and "mean". View with `tensorboard --logdir=<logdir>/summaries`.

Parity hooks: "W" [3, 1] and "b" [1] <-> `Regression.W` / `Regression.b` (same names and layouts);
batch {"x": [N, 3], "y": [N, 1]}; loss = mean squared error; keras.optimizers.SGD.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import iris_split, make_logdir, summary_values
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.05
STEPS = 200
SMOKE_STEPS = 40


class Regression(tf.Module):  # type: ignore[misc]  # tensorflow/keras are untyped
    """y = x W + b, mean squared error, gradient descent; `train_step` also writes the two summaries."""

    def __init__(self, W: np.ndarray | tf.Tensor, b: np.ndarray | tf.Tensor, learning_rate: float) -> None:
        super().__init__(name="regression")
        self.W = tf.Variable(W, name="W", dtype=tf.float32)
        self.b = tf.Variable(b, name="b", dtype=tf.float32)
        self.optimizer = gradient_descent(learning_rate)
        self.optimizer.build([self.W, self.b])

    def predict(self, x: tf.Tensor) -> tf.Tensor:
        return tf.matmul(x, self.W) + self.b

    def loss(self, x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        return tf.reduce_mean(tf.square(self.predict(x) - y))

    @tf.function  # type: ignore[untyped-decorator]
    def train_step(self, x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        step = self.optimizer.iterations
        tf.summary.histogram("var", self.W, step)  # Seed B's histogram(var) lacks the name: "var" here
        tf.summary.scalar("mean", tf.reduce_mean(self.W), step)
        variables = [self.W, self.b]
        with tf.GradientTape() as tape:
            loss = self.loss(x, y)
        gradients = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(gradients, variables, strict=True))
        return loss


def draw_weights(rng: np.random.Generator) -> Weights:
    return {"W": truncated_normal(rng, [3, 1], stddev=0.1), "b": np.zeros([1], np.float32)}


def _standardised_regression_data(seed: int) -> tuple[np.ndarray, np.ndarray]:
    train_x, _labels, _test_x, _test_labels = iris_split(seed)
    x, y = train_x[:, :3], train_x[:, 3:]
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    return x.astype(np.float32), y.astype(np.float32)


def run(config: RunConfig) -> Metrics:
    """Train with full-batch gradient descent, writing both summaries at every step."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    logdir = make_logdir(config, "summaries")
    data_x, data_y = (tf.constant(a) for a in _standardised_regression_data(config.seed))
    initial_W = tf.random.truncated_normal([3, 1], stddev=0.1, seed=config.seed)
    model = Regression(initial_W, tf.zeros([1]), LEARNING_RATE)
    writer = tf.summary.create_file_writer(str(logdir))
    with writer.as_default():
        losses = [float(model.train_step(data_x, data_y)) for _ in range(steps)]
    writer.close()
    print(f"loss: {losses[0]:.4f} -> {losses[-1]:.4f}")
    tags = {tag: len(values) for tag, values in summary_values(logdir).items()}
    return {
        "steps": steps,
        "first_loss": losses[0],
        "last_loss": losses[-1],
        "final_W": [float(v) for v in model.W.numpy().ravel()],
        "summary_tags": sorted(tags),
        "summaries_written": sum(tags.values()),
        "logdir": str(logdir),
    }


def _parity_build(learning_rate: float | None) -> EagerModel:
    model = Regression(
        np.zeros([3, 1], np.float32),
        np.zeros([1], np.float32),
        LEARNING_RATE if learning_rate is None else learning_rate,
    )

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        return model.predict(batch["x"]), model.loss(batch["x"], batch["y"])

    return EagerModel(
        variables={"W": model.W, "b": model.b},
        output_and_loss=output_and_loss,
        train_step=lambda batch: model.train_step(batch["x"], batch["y"]),
        model=model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec={"x": TensorSpec((3,), low=-2.0, high=2.0), "y": TensorSpec((1,), low=0.0, high=2.5)},
        draw_weights=draw_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "s004_summaries_filewriter",
        "TensorFlow API: histogram/scalar summaries written by a FileWriter during training",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "summaries"),
        migration=(
            "summary.histogram/scalar + merge_all + FileWriter.add_summary, GradientDescentOptimizer",
            "tf.summary writes inside the tf.function step under create_file_writer, keras.optimizers.SGD",
        ),
    ),
)
