"""s004_optimizers_batchnorm: optimizers, batch normalisation and early stopping (Seed B:223-240, prose).

Seed B describes `GradientDescentOptimizer` (fixed step), `AdamOptimizer`, `RMSPropOptimizer` (whose
"additional trick is the momentum"), the `batch_normalization` layer with its two learned parameters,
and early stopping. Here one network -- the iris DNN of `_basics_common.iris_dnn` with
`tf.compat.v1.layers.batch_normalization` (momentum 0.9, see BN_MOMENTUM) between each hidden layer
and its ReLU -- is trained with
each of the three optimizers (every default Keras changed pinned: Adam epsilon 1e-8, RMSProp decay 0.9,
momentum 0.9, epsilon 1e-10), with the moving-statistics updates of `UPDATE_OPS` attached to the train
op as TF1 requires, and stops early once the validation loss has not improved for `PATIENCE`
evaluations.

Parity hooks (RMSProp with momentum, Seed B's emphasis): batch {"x": iris features [N, 4], "y": class
ids}; weights "dnn/hiddenlayer_k/{kernel,bias}", "dnn/batchnorm_k/{gamma,beta,moving_mean,
moving_variance}", "dnn/logits/{kernel,bias}"; every hook runs batch norm in training mode (batch
statistics; train_steps also returns the updated moving statistics); forward gives the logits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    adam,
    draw_iris_dnn,
    gradient_descent,
    iris_dnn,
    iris_split,
    rmsprop_momentum,
)
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.runtime import Example, Metrics, RunConfig, Weights

OPTIMIZERS: dict[str, tuple[Callable[[float | tf.Tensor], tf.compat.v1.train.Optimizer], float]] = {
    "gradient_descent": (gradient_descent, 0.1),
    "adam": (adam, 0.01),
    "rmsprop_momentum": (rmsprop_momentum, 0.01),
}
"""Optimizer factory and learning rate for each run."""

BATCH_SIZE = 30
MAX_STEPS = 600
SMOKE_MAX_STEPS = 60
EVAL_EVERY = 10
PATIENCE = 5
MIN_DELTA = 1e-4
BN_MOMENTUM = 0.9
"""Not the default 0.99: with 4 batches per epoch the moving statistics would lag for hundreds of steps,
and the validation loss (computed with them) would trigger early stopping long before training ends."""


def bn_classifier(
    weights: Mapping[str, InitialValue] | None, learning_rate: float | tf.Tensor, optimizer: str
) -> GraphModel:
    """The batch-normalised iris DNN with the chosen optimizer."""
    features = tf.compat.v1.placeholder(tf.float32, [None, 4], name="features")
    labels = tf.compat.v1.placeholder(tf.int32, [None], name="labels")
    is_training = tf.compat.v1.placeholder_with_default(False, [], name="is_training")
    logits, variables = iris_dnn(
        features, weights, is_training=is_training, batch_norm=True, batch_norm_momentum=BN_MOMENTUM
    )
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    make_optimizer, _ = OPTIMIZERS[optimizer]
    # Without this dependency TF1 never updates the moving mean/variance used at inference.
    with tf.control_dependencies(tf.compat.v1.get_collection(tf.compat.v1.GraphKeys.UPDATE_OPS)):
        train_op = make_optimizer(learning_rate).minimize(loss)
    predictions = tf.argmax(logits, 1, output_type=tf.int32)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32))
    return GraphModel(
        inputs={"x": features, "y": labels},
        variables=variables,
        output=logits,
        loss=loss,
        train_op=train_op,
        deterministic_feed={is_training: True},
        extra={"is_training": is_training, "accuracy": accuracy},
    )


def train_with_early_stopping(
    optimizer: str, max_steps: int, seed: int, data: tuple[np.ndarray, ...]
) -> dict[str, float | int]:
    """Train until the validation loss stops improving (or max_steps); returns the run's summary."""
    train_x, train_y, valid_x, valid_y = data
    batches = IrisBatches(train_x, train_y, BATCH_SIZE, seed)
    _, learning_rate = OPTIMIZERS[optimizer]
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(seed)
        model = bn_classifier(None, learning_rate, optimizer)
        x, y, is_training = model.inputs["x"], model.inputs["y"], model.extra["is_training"]
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            best_loss, best_step, waited, step = float("inf"), 0, 0, 0
            first_loss = float(sess.run(model.loss, {x: valid_x, y: valid_y}))
            while step < max_steps:
                batch_x, batch_y = batches.next_batch()
                sess.run(model.train_op, {x: batch_x, y: batch_y, is_training: True})
                step += 1
                if step % EVAL_EVERY:
                    continue
                # is_training defaults to False: batch norm uses its moving statistics here.
                valid_loss = float(sess.run(model.loss, {x: valid_x, y: valid_y}))
                if valid_loss < best_loss - MIN_DELTA:
                    best_loss, best_step, waited = valid_loss, step, 0
                else:
                    waited += 1
                    if waited >= PATIENCE:
                        break
            final_loss, final_accuracy = sess.run(
                [model.loss, model.extra["accuracy"]], {x: valid_x, y: valid_y}
            )
    return {
        "steps": step,
        "stopped_early": int(step < max_steps),
        "best_step": best_step,
        "first_valid_loss": first_loss,
        "best_valid_loss": best_loss,
        "final_valid_loss": float(final_loss),
        "final_valid_accuracy": float(final_accuracy),
    }


def run(config: RunConfig) -> Metrics:
    """One early-stopped training run per optimizer on the same data and initial seed."""
    max_steps = config.steps if config.steps is not None else (SMOKE_MAX_STEPS if config.smoke else MAX_STEPS)
    data = iris_split(config.seed)
    metrics: Metrics = {"max_steps": max_steps, "patience": PATIENCE, "eval_every": EVAL_EVERY}
    for name in OPTIMIZERS:
        result = train_with_early_stopping(name, max_steps, config.seed, data)
        print(
            f"{name:>17}: {result['steps']} steps (best at {result['best_step']}), validation loss "
            f"{result['first_valid_loss']:.4f} -> {result['final_valid_loss']:.4f}, "
            f"accuracy {result['final_valid_accuracy']:.3f}"
        )
        metrics.update({f"{name}_{key}": value for key, value in result.items()})
    return metrics


def parity_model(optimizer: str = "rmsprop_momentum") -> GraphParityModel:
    """Parity hooks (see the module docstring); `optimizer` picks another of OPTIMIZERS."""

    def draw(rng: np.random.Generator) -> Weights:
        return draw_iris_dnn(rng, batch_norm=True)

    return GraphParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=draw,
        build=lambda weights, lr: bn_classifier(weights, lr, optimizer),
        learning_rate=OPTIMIZERS[optimizer][1],
    )


EXAMPLES = (
    Example(
        "s004_optimizers_batchnorm",
        "TensorFlow API: GradientDescent/Adam/RMSProp(momentum) with batch normalisation and early stopping",
        run,
        parity_model=parity_model,
        missing="Seed B has prose only; the network, data and early-stopping rule are ours",
        tags=("seed_b", "trainable", "iris"),
    ),
)
