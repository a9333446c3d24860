"""Helpers shared by the chapter 3 (feed-forward MNIST) and chapter 5 (autoencoder) reference modules.

Three things live here, so that each example module can read like the book's program:

* numpy versions of the book's initialisers (`truncated_normal`, `random_normal`), used by the parity
  hooks' `initial_weights`;
* `GraphModel`, what an example's graph-building function returns (placeholders, variables, output,
  loss, train op), shared by `run()` and the parity hooks;
* `TF1ParityModel`, the generic ParityModel implementation that builds a fresh graph per call from such
  a function, with every random input (keep_prob, noise) switched off.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias, cast

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights

InitialValue: TypeAlias = np.ndarray | tf.Tensor
"""What a graph-building function accepts as a variable's initial value: numpy (parity) or a TF op."""


def truncated_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float) -> np.ndarray:
    """Like `tf.compat.v1.truncated_normal(shape, stddev=stddev)`: normal draws beyond 2 sigma redrawn."""
    values = rng.normal(0.0, stddev, size=tuple(shape))
    outside = np.abs(values) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(0.0, stddev, size=int(outside.sum()))
        outside = np.abs(values) > 2.0 * stddev
    return values.astype(np.float32)


def random_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float = 1.0) -> np.ndarray:
    """Like `tf.compat.v1.random_normal(shape, stddev=stddev)` (TF1's default stddev is 1.0)."""
    return rng.normal(0.0, stddev, size=tuple(shape)).astype(np.float32)


def make_logdir(config: RunConfig) -> Path:
    """The run's log directory: config.logdir (created if needed) or a fresh temporary directory."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix="tfmigrate-"))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir


def planned_epochs(epochs: int, batch_count: int, steps: int | None) -> int:
    """Epochs to run: the book's, or as many as `steps` optimizer steps need (the last one partial)."""
    if steps is None:
        return epochs
    return max(1, math.ceil(steps / max(1, batch_count)))


def adam(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.AdamOptimizer(learning_rate)` with TF1's defaults pinned (Keras' epsilon is 1e-7)."""
    return tf.compat.v1.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8)


def rmsprop(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.RMSPropOptimizer(learning_rate)` with TF1's defaults pinned.

    Keras' RMSprop differs in every one of them (rho 0.9 but epsilon 1e-7 outside the sqrt, and its
    rms slot starts at 0 where TF1's starts at 1.0), so the modern tree must mirror these explicitly.
    """
    return tf.compat.v1.train.RMSPropOptimizer(
        learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, centered=False
    )


@dataclass
class GraphModel:
    """The handles of one example's graph, as its building function returns them.

    `inputs` maps the parity batch names onto placeholders; `deterministic_feed` holds the placeholders
    that inject randomness in training (keep_prob...) with the value that switches it off.
    """

    inputs: dict[str, tf.Tensor]
    variables: dict[str, tf.Variable]
    output: tf.Tensor
    loss: tf.Tensor
    train_op: tf.Operation
    deterministic_feed: dict[tf.Tensor, Any] = field(default_factory=dict)
    extra: dict[str, tf.Tensor] = field(default_factory=dict)
    """Other tensors the example's run() needs (accuracy, the learning-rate placeholder...)."""


BuildFn = Callable[[Mapping[str, InitialValue], "float | tf.Tensor"], GraphModel]
"""Builds the example's graph in the current default graph from initial values and a learning rate."""


class TF1ParityModel:
    """ParityModel hooks for a graph-mode example: one fresh tf.Graph and Session per call.

    `learning_rate_at(k)` gives the example's own learning rate for the k-th batch of a train_steps call
    (constant for most examples; the stepped schedule of the chapter 3 ReLU nets, whose graph takes the
    rate from a placeholder, counts k from the start of an epoch).
    """

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        build: BuildFn,
        learning_rate_at: Callable[[int], float],
    ) -> None:
        self._spec = dict(spec)
        self._draw_weights = draw_weights
        self._build = build
        self._learning_rate_at = learning_rate_at

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw_weights(np.random.default_rng(seed))

    def _run(
        self, weights: Weights, action: Callable[[tf.compat.v1.Session, GraphModel, tf.Tensor], Any]
    ) -> Any:
        graph = tf.Graph()
        with graph.as_default():
            learning_rate = tf.compat.v1.placeholder(tf.float32, [], name="parity_learning_rate")
            model = self._build(
                {name: np.asarray(value, np.float32) for name, value in weights.items()}, learning_rate
            )
            missing = set(model.variables) ^ set(weights)
            if missing:
                raise KeyError(f"weights do not match the graph's variables: {sorted(missing)}")
            init = tf.compat.v1.global_variables_initializer()
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(init)
            return action(sess, model, learning_rate)

    def _feed(self, model: GraphModel, batch: Batch) -> dict[tf.Tensor, Any]:
        feed: dict[tf.Tensor, Any] = dict(model.deterministic_feed)
        for name, placeholder in model.inputs.items():
            feed[placeholder] = np.asarray(batch[name], np.float32)
        return feed

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        output = self._run(weights, lambda sess, model, _: sess.run(model.output, self._feed(model, batch)))
        return np.asarray(output)

    def loss(self, weights: Weights, batch: Batch) -> float:
        return float(
            self._run(weights, lambda sess, model, _: sess.run(model.loss, self._feed(model, batch)))
        )

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        def action(sess: tf.compat.v1.Session, model: GraphModel, _: tf.Tensor) -> Weights:
            names = sorted(model.variables)
            with sess.graph.as_default():
                grads = tf.compat.v1.gradients(model.loss, [model.variables[name] for name in names])
            values = sess.run(grads, self._feed(model, batch))
            return {name: np.asarray(value, np.float32) for name, value in zip(names, values, strict=True)}

        return cast(Weights, self._run(weights, action))

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        def action(sess: tf.compat.v1.Session, model: GraphModel, lr: tf.Tensor) -> Weights:
            for k, batch in enumerate(batches):
                feed = self._feed(model, batch)
                feed[lr] = self._learning_rate_at(k) if learning_rate is None else learning_rate
                sess.run(model.train_op, feed)
            values = sess.run(model.variables)
            return {name: np.asarray(value, np.float32) for name, value in values.items()}

        return cast(Weights, self._run(weights, action))
