"""Helpers shared by the chapter 4 (CNN) and chapter 6 (RNN) reference modules.

* `GraphParityModel` implements the `ParityModel` hooks for a TF1 graph: every call builds a fresh
  `tf.Graph` from the module's own model-building function, starts its variables from the given numpy
  weights, and runs it in its own `tf.compat.v1.Session`, so calls never interfere.
* `initial_value_getter` lets variables that TensorFlow's own code creates with `get_variable` (the weights
  inside `BasicLSTMCell`, say) start from given numpy arrays, through a variable-scope custom getter.
* numpy versions of the TF1 initialisers the examples use, for `initial_weights(seed)`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Batch, TensorSpec, Weights

BuildFn = Callable[[Mapping[str, tf.Tensor], Weights], tuple[tf.Tensor, tf.Tensor]]
"""(placeholders by input name, initial weights) -> (output, loss), building into the default graph."""

MinimizeFn = Callable[[tf.Tensor, float], tf.Operation]
"""(loss, learning rate) -> the op that runs one optimizer step, with the example's own optimizer."""


def normal(rng: np.random.Generator, shape: Sequence[int], stddev: float = 1.0) -> np.ndarray:
    """Like `tf.random_normal(shape, stddev=stddev)` (mean 0)."""
    return rng.normal(0.0, stddev, size=tuple(shape)).astype(np.float32)


def truncated_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float) -> np.ndarray:
    """Like `tf.truncated_normal(shape, stddev=stddev)`: normal draws beyond 2 sigma are drawn again."""
    values = rng.normal(0.0, 1.0, size=tuple(shape))
    outside = np.abs(values) > 2.0
    while outside.any():
        values[outside] = rng.normal(0.0, 1.0, size=int(outside.sum()))
        outside = np.abs(values) > 2.0
    return (values * stddev).astype(np.float32)


def uniform(rng: np.random.Generator, shape: Sequence[int], limit: float) -> np.ndarray:
    """Like `tf.random_uniform_initializer(-limit, limit)`."""
    return rng.uniform(-limit, limit, size=tuple(shape)).astype(np.float32)


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """TF1's default `get_variable` initialiser (2-D): uniform in +-sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = shape[-2], shape[-1]
    return uniform(rng, shape, float(np.sqrt(6.0 / (fan_in + fan_out))))


def initial_value_getter(initial: Mapping[str, np.ndarray] | None) -> Callable[..., Any]:
    """A custom getter for `variable_scope(..., custom_getter=...)`: variables named in `initial` (full
    names, without ":0") start from those arrays instead of their own initialiser; others are untouched.
    """

    # TensorFlow passes the next getter as the keyword argument `getter`, so the name is fixed.
    def custom_getter(getter: Callable[..., Any], name: str, *args: Any, **kwargs: Any) -> Any:
        if initial is not None and name in initial:
            kwargs["initializer"] = tf.compat.v1.constant_initializer(np.asarray(initial[name], np.float32))
        return getter(name, *args, **kwargs)

    return custom_getter


def variable(
    name: str, initial: Mapping[str, np.ndarray] | None, book_initial: Callable[[], tf.Tensor]
) -> tf.Variable:
    """A `tf.Variable` named `name`: from `initial[name]` if given, else from the book's initialiser op."""
    value = np.asarray(initial[name], np.float32) if initial is not None else book_initial()
    return tf.compat.v1.Variable(value, name=name)


class GraphParityModel:
    """`ParityModel` over a TF1 graph; canonical weight names are the graph's variable names.

    `build` must create exactly the trainable variables named in the weights (it gets the weights so that
    they are the variables' initial values), with all randomness off; `minimize` creates the example's
    optimizer step (fresh optimizer state on every `train_steps` call, since the graph is new).
    """

    def __init__(
        self,
        *,
        spec: Mapping[str, TensorSpec],
        init: Callable[[int], Weights],
        build: BuildFn,
        minimize: MinimizeFn,
        learning_rate: float,
    ) -> None:
        self._spec = dict(spec)
        self._init = init
        self._build = build
        self._minimize = minimize
        self._learning_rate = learning_rate

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._init(seed)

    @contextlib.contextmanager
    def _session(
        self, weights: Weights, learning_rate: float | None = None
    ) -> Iterator[
        tuple[tf.compat.v1.Session, dict[str, tf.Tensor], tf.Tensor, tf.Tensor, Any, dict[str, Any]]
    ]:
        graph = tf.Graph()
        with graph.as_default():
            inputs = {
                name: tf.compat.v1.placeholder(spec.dtype, (None, *spec.shape), name=name)
                for name, spec in self._spec.items()
            }
            output, loss = self._build(inputs, weights)
            train_op = None if learning_rate is None else self._minimize(loss, learning_rate)
            variables = {v.op.name: v for v in tf.compat.v1.trainable_variables()}
            if set(variables) != set(weights):
                raise KeyError(f"weights {sorted(weights)} do not match the graph's {sorted(variables)}")
            init = tf.compat.v1.global_variables_initializer()
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(init)
            yield sess, inputs, output, loss, train_op, variables

    def _feed(self, inputs: Mapping[str, tf.Tensor], batch: Batch) -> dict[tf.Tensor, np.ndarray]:
        return {inputs[name]: np.asarray(batch[name], dtype=spec.dtype) for name, spec in self._spec.items()}

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        with self._session(weights) as (sess, inputs, output, _, _, _):
            return np.asarray(sess.run(output, self._feed(inputs, batch)))

    def loss(self, weights: Weights, batch: Batch) -> float:
        with self._session(weights) as (sess, inputs, _, loss, _, _):
            return float(sess.run(loss, self._feed(inputs, batch)))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        with self._session(weights) as (sess, inputs, _, loss, _, variables):
            names = sorted(variables)
            with sess.graph.as_default():
                # Embedding gradients come back as IndexedSlices; make every gradient a dense array.
                grads = [
                    tf.convert_to_tensor(g)
                    for g in tf.compat.v1.gradients(loss, [variables[n] for n in names])
                ]
            values = sess.run(grads, self._feed(inputs, batch))
            return {name: np.asarray(value) for name, value in zip(names, values, strict=True)}

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        rate = self._learning_rate if learning_rate is None else learning_rate
        with self._session(weights, rate) as (sess, inputs, _, _, train_op, variables):
            for batch in batches:
                sess.run(train_op, self._feed(inputs, batch))
            values = sess.run(variables)
            return {name: np.asarray(value) for name, value in values.items()}
