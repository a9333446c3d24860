"""s004_summaries_filewriter: summaries, `merge_all` and a `FileWriter` in a training loop (Seed B:86-99).

The fragments assembled into a runnable loop. Seed B points at "our regression example" (a
`tf.matmul` linear regression) for `var` and `train_step`, which it never defines; here `var` is the
weight matrix of a linear regression on iris (petal width from the three other measurements, features
standardised), trained by gradient descent. Fixes: `tf.summary.histogram(var)` lacks its name argument
(TypeError), `FileWriter(path/to/log-directory)` is an unquoted path (the run's logdir here, and the
graph is passed as TensorBoard's GRAPH tab expects), `i` was undefined (the step counter here). View with
`tensorboard --logdir=<logdir>/summaries` (B:103).

Parity hooks: weights "W" [3, 1] (`truncated_normal(stddev=0.1)`) and "b" [1] (zeros); batch {"x": [N, 3],
"y": [N, 1]}; loss = mean squared error; plain gradient descent.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import gradient_descent, iris_split, make_logdir
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.05
STEPS = 200
SMOKE_STEPS = 40


def regression(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """y = x W + b with tf.matmul, mean squared error, gradient descent."""
    x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
    y = tf.compat.v1.placeholder(tf.float32, [None, 1], name="y")
    var = tf.compat.v1.Variable(init["W"], name="W")
    b = tf.compat.v1.Variable(init["b"], name="b")
    prediction = tf.matmul(x, var) + b
    loss = tf.reduce_mean(tf.square(prediction - y))
    train_step = gradient_descent(learning_rate).minimize(loss)
    return GraphModel(
        inputs={"x": x, "y": y},
        variables={"W": var, "b": b},
        output=prediction,
        loss=loss,
        train_op=train_step,
    )


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
    data_x, data_y = _standardised_regression_data(config.seed)
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(config.seed)
        model = regression(
            {"W": tf.compat.v1.truncated_normal([3, 1], stddev=0.1), "b": tf.zeros([1])}, LEARNING_RATE
        )
        var, train_step = model.variables["W"], model.train_op
        tf.compat.v1.summary.histogram("var", var)  # Seed B omits the name: histogram(var) is a TypeError
        tf.compat.v1.summary.scalar("mean", tf.reduce_mean(var))
        merged = tf.compat.v1.summary.merge_all()
        writer = tf.compat.v1.summary.FileWriter(str(logdir), graph)
        feed = {model.inputs["x"]: data_x, model.inputs["y"]: data_y}
        losses: list[float] = []
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for i in range(steps):
                summary, _, loss = sess.run([merged, train_step, model.loss], feed_dict=feed)
                writer.add_summary(summary, i)
                losses.append(float(loss))
            final_w = sess.run(var)
        writer.close()
    print(f"loss: {losses[0]:.4f} -> {losses[-1]:.4f}")
    tags = _summary_tags(logdir)
    return {
        "steps": steps,
        "first_loss": losses[0],
        "last_loss": losses[-1],
        "final_W": [float(v) for v in final_w.ravel()],
        "summary_tags": sorted(tags),
        "summaries_written": sum(tags.values()),
        "logdir": str(logdir),
    }


def _summary_tags(logdir: Path) -> dict[str, int]:
    """How many values of each summary tag the event files hold."""
    counts: dict[str, int] = {}
    for event_file in sorted(logdir.glob("events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(str(event_file)):
            for value in event.summary.value:
                counts[value.tag] = counts.get(value.tag, 0) + 1
    return counts


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""
    return GraphParityModel(
        spec={"x": TensorSpec((3,), low=-2.0, high=2.0), "y": TensorSpec((1,), low=0.0, high=2.5)},
        draw_weights=draw_weights,
        build=regression,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "s004_summaries_filewriter",
        "TensorFlow API: histogram/scalar summaries written by a FileWriter during training",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "summaries"),
    ),
)
