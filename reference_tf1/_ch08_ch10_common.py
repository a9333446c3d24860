"""Helpers shared by the chapter 8-10 reference modules (Keras, Pretty Tensor, TFLearn, multimedia, RL).

* `keras_graph_session`: the TF1 way to run the book's Keras 2.0.2 code — a fresh `tf.Graph`, a
  `tf.compat.v1.Session` installed as the Keras backend session, and legacy Keras 2 (`tf_keras`, what
  `tf.keras` is under `TF_USE_LEGACY_KERAS=1`) building symbolic tensors in that graph.
* numpy versions of the initialisers these examples use (TF1 truncated normal and uniform, Keras 2's
  glorot_uniform / orthogonal / RandomUniform / unit_forget_bias), for the parity hooks' `initial_weights`.
* `GraphParity`: ParityModel hooks for a hand-written `tf.compat.v1` graph (one fresh graph per call).
* `KerasGraphParity`: ParityModel hooks for a compiled Keras model built in graph mode; the loss and the
  training step are Keras' own (`model.total_loss`, `train_on_batch`), so they match what `fit` does.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights


def make_logdir(config: RunConfig, prefix: str = "tfmigrate-") -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir


@contextmanager
def keras_graph_session(seed: int | None) -> Iterator[tf.compat.v1.Session]:
    """A fresh graph (graph-level seed set) with a Session that Keras uses as its backend session."""
    graph = tf.Graph()
    with graph.as_default():
        if seed is not None:
            tf.compat.v1.set_random_seed(seed)
        with tf.compat.v1.Session(graph=graph) as sess, warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*state_updates.*")
            tf.compat.v1.keras.backend.set_session(sess)
            yield sess


# ----------------------------------------------------------------------------------------------------------
# numpy initialisers


def truncated_normal(
    rng: np.random.Generator, shape: Sequence[int], stddev: float, mean: float = 0.0
) -> np.ndarray:
    """Like TF1's truncated_normal: normal draws farther than 2 sigma from the mean are redrawn."""
    values = rng.normal(mean, stddev, size=tuple(shape))
    outside = np.abs(values - mean) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(mean, stddev, size=int(outside.sum()))
        outside = np.abs(values - mean) > 2.0 * stddev
    return values.astype(np.float32)


def uniform(rng: np.random.Generator, shape: Sequence[int], low: float, high: float) -> np.ndarray:
    """Like `tf.random_uniform(shape, low, high)` / Keras `RandomUniform(low, high)`."""
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def _fans(shape: Sequence[int]) -> tuple[float, float]:
    """Keras 2's `_compute_fans`: dense [in, out]; conv [k..., in, out] multiplies by the receptive field."""
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    receptive = float(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """Keras' default kernel initialiser: U(-l, l) with l = sqrt(6 / (fan_in + fan_out))."""
    fan_in, fan_out = _fans(shape)
    limit = float(np.sqrt(6.0 / (fan_in + fan_out)))
    return uniform(rng, shape, -limit, limit)


def orthogonal(rng: np.random.Generator, shape: Sequence[int], gain: float = 1.0) -> np.ndarray:
    """Keras' recurrent-kernel initialiser: Q of the QR decomposition of a normal matrix, sign-corrected."""
    rows = int(np.prod(shape[:-1]))
    cols = int(shape[-1])
    flat = rng.normal(0.0, 1.0, size=(max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return (gain * q.reshape(tuple(shape))).astype(np.float32)


def keras_initial_weights(model: Any, rng: np.random.Generator) -> Weights:
    """Draw every weight of a (tf_keras) model in numpy the way its layers' initialisers would.

    Handles what the chapter 8/9 models use: Dense, Conv1D/Conv2D (kernel/bias initialisers), Embedding
    (embeddings_initializer) and LSTM (kernel, recurrent_kernel, bias with Keras' unit_forget_bias).
    """
    weights: Weights = {}
    for layer in _all_layers(model):
        config = layer.get_config()
        for variable in layer.weights:
            name = variable.name.split(":")[0]
            if name in weights:
                continue
            short = name.rsplit("/", 1)[-1]
            shape = tuple(int(d) for d in variable.shape)
            cell_config = config.get("cell", {}).get("config", config) if "cell" in config else config
            if short == "bias" and cell_config.get("unit_forget_bias"):
                units = shape[0] // 4
                weights[name] = np.concatenate([np.zeros(units), np.ones(units), np.zeros(2 * units)]).astype(
                    np.float32
                )
                continue
            key = {
                "kernel": "kernel_initializer",
                "recurrent_kernel": "recurrent_initializer",
                "bias": "bias_initializer",
                "embeddings": "embeddings_initializer",
            }[short]
            weights[name] = _draw(rng, cell_config[key], shape)
    return weights


def _all_layers(model: Any) -> list[Any]:
    """Leaf layers in creation order, looking inside nested models and TimeDistributed wrappers."""
    found: list[Any] = []
    for layer in model.layers:
        inner = getattr(layer, "layer", None)
        if hasattr(layer, "layers"):
            found.extend(_all_layers(layer))
        elif inner is not None and hasattr(inner, "layers"):
            found.extend(_all_layers(inner))
        elif inner is not None:
            found.append(inner)
        else:
            found.append(layer)
    return found


def _draw(rng: np.random.Generator, initializer: Mapping[str, Any], shape: tuple[int, ...]) -> np.ndarray:
    kind = initializer["class_name"]
    params = initializer.get("config", {})
    if kind == "GlorotUniform":
        return glorot_uniform(rng, shape)
    if kind == "Orthogonal":
        return orthogonal(rng, shape, float(params.get("gain", 1.0)))
    if kind == "RandomUniform":
        return uniform(rng, shape, float(params["minval"]), float(params["maxval"]))
    if kind == "Zeros":
        return np.zeros(shape, np.float32)
    raise NotImplementedError(f"no numpy version of the Keras initialiser {kind}")


# ----------------------------------------------------------------------------------------------------------
# Parity hooks


@dataclass
class GraphHandles:
    """What an example's graph-building function returns, shared by run() and the parity hooks.

    `inputs` maps the parity batch names onto placeholders; `deterministic_feed` holds the placeholders
    that switch randomness off (keep_prob=1.0...); `extra` holds anything else run() needs.
    """

    inputs: dict[str, tf.Tensor]
    variables: dict[str, tf.Variable]
    output: tf.Tensor
    loss: tf.Tensor
    train_op: tf.Operation
    deterministic_feed: dict[tf.Tensor, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


GraphBuildFn = Callable[[Mapping[str, np.ndarray], tf.Tensor], GraphHandles]
"""Builds the example's graph in the current default graph from initial weights and a learning-rate tensor."""


class GraphParity:
    """ParityModel hooks for a `tf.compat.v1` graph: a fresh graph and Session per call, weights fed in."""

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        build: GraphBuildFn,
        learning_rate: float,
        batch_dtypes: Mapping[str, Any] | None = None,
    ) -> None:
        self._spec = dict(spec)
        self._draw_weights = draw_weights
        self._build = build
        self._learning_rate = learning_rate
        self._dtypes = dict(batch_dtypes or {})

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw_weights(np.random.default_rng(seed))

    def _run(
        self, weights: Weights, action: Callable[[tf.compat.v1.Session, GraphHandles, tf.Tensor], Any]
    ) -> Any:
        graph = tf.Graph()
        with graph.as_default():
            learning_rate = tf.compat.v1.placeholder(tf.float32, [], name="parity_learning_rate")
            handles = self._build({k: np.asarray(v, np.float32) for k, v in weights.items()}, learning_rate)
            mismatch = set(handles.variables) ^ set(weights)
            if mismatch:
                raise KeyError(f"weights do not match the graph's variables: {sorted(mismatch)}")
            init = tf.compat.v1.global_variables_initializer()
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(init)
            return action(sess, handles, learning_rate)

    def _feed(self, handles: GraphHandles, batch: Batch) -> dict[tf.Tensor, Any]:
        feed: dict[tf.Tensor, Any] = dict(handles.deterministic_feed)
        for name, placeholder in handles.inputs.items():
            feed[placeholder] = np.asarray(batch[name], self._dtypes.get(name, np.float32))
        return feed

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        return self._run(weights, lambda sess, h, _: np.asarray(sess.run(h.output, self._feed(h, batch))))

    def loss(self, weights: Weights, batch: Batch) -> float:
        return float(self._run(weights, lambda sess, h, _: sess.run(h.loss, self._feed(h, batch))))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        def action(sess: tf.compat.v1.Session, h: GraphHandles, _: tf.Tensor) -> Weights:
            names = sorted(h.variables)
            with sess.graph.as_default():
                grads = tf.compat.v1.gradients(h.loss, [h.variables[n] for n in names])
            values = sess.run(grads, self._feed(h, batch))
            return {n: np.asarray(v, np.float32) for n, v in zip(names, values, strict=True)}

        return self._run(weights, action)

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        def action(sess: tf.compat.v1.Session, h: GraphHandles, lr: tf.Tensor) -> Weights:
            for batch in batches:
                feed = self._feed(h, batch)
                feed[lr] = self._learning_rate if learning_rate is None else learning_rate
                sess.run(h.train_op, feed)
            return {n: np.asarray(v, np.float32) for n, v in sess.run(h.variables).items()}

        return self._run(weights, action)


KerasBuildFn = Callable[[float], Any]
"""Builds and compiles the example's Keras model (in the current graph) with the given learning rate."""


class KerasGraphParity:
    """ParityModel hooks for a compiled Keras 2 model run in TF1 graph mode (tf_keras' v1 training loop).

    Weights are keyed by Keras variable names without ":0" (e.g. "lstm/lstm_cell/kernel"); all of them
    (trainable or frozen) go in, gradients come out for the trainable ones. `inputs` lists the batch keys
    in the model's input order; the target is batch["y"].
    """

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        build: KerasBuildFn,
        inputs: Sequence[str],
        learning_rate: float,
    ) -> None:
        self._spec = dict(spec)
        self._build = build
        self._inputs = list(inputs)
        self._learning_rate = learning_rate

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        with keras_graph_session(None):
            model = self._build(self._learning_rate)
            return keras_initial_weights(model, np.random.default_rng(seed))

    def _x(self, batch: Batch) -> list[np.ndarray]:
        return [np.asarray(batch[name], _numpy_dtype(self._spec[name].dtype)) for name in self._inputs]

    def _run(
        self,
        weights: Weights,
        learning_rate: float,
        action: Callable[[tf.compat.v1.Session, Any, Any], Any],
        prepare: Callable[[Any], Any] | None = None,
    ) -> Any:
        """Build the model, let `prepare` add its ops, then load the weights and run `action`.

        Everything that differentiates the model must be built by `prepare`, before the Session first
        runs: with TF2 control flow, gradients of an LSTM's while-loop add outputs to the loop op, which a
        Session that has already run the graph rejects ("Connecting to invalid output").
        """
        with keras_graph_session(None) as sess:
            model = self._build(learning_rate)
            prepared = prepare(model) if prepare is not None else None
            by_name = {v.name.split(":")[0]: v for v in model.weights}
            mismatch = set(by_name) ^ set(weights)
            if mismatch:
                raise KeyError(f"weights do not match the model's variables: {sorted(mismatch)}")
            sess.run(tf.compat.v1.global_variables_initializer())
            for name, variable in by_name.items():
                variable.load(np.asarray(weights[name], np.float32), sess)
            return action(sess, model, prepared)

    def _loss_feed(self, model: Any, batch: Batch) -> dict[tf.Tensor, Any]:
        feed: dict[tf.Tensor, Any] = dict(zip(model._feed_inputs, self._x(batch), strict=True))
        feed[model._feed_targets[0]] = np.asarray(batch["y"], np.float32)
        return feed

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        def action(sess: tf.compat.v1.Session, model: Any, _: Any) -> np.ndarray:
            feed = dict(zip(model._feed_inputs, self._x(batch), strict=True))
            return np.asarray(sess.run(model.outputs[0], feed))

        return self._run(weights, self._learning_rate, action)

    def loss(self, weights: Weights, batch: Batch) -> float:
        def action(sess: tf.compat.v1.Session, model: Any, _: Any) -> float:
            return float(sess.run(model.total_loss, self._loss_feed(model, batch)))

        return float(self._run(weights, self._learning_rate, action))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        def prepare(model: Any) -> list[tf.Tensor]:
            grads = tf.compat.v1.gradients(model.total_loss, model.trainable_weights)
            # Embedding gradients are IndexedSlices; densify them so that they compare as arrays.
            return [tf.convert_to_tensor(g) for g in grads]

        def action(sess: tf.compat.v1.Session, model: Any, grads: list[tf.Tensor]) -> Weights:
            values = sess.run(grads, self._loss_feed(model, batch))
            return {
                v.name.split(":")[0]: np.asarray(g, np.float32)
                for v, g in zip(model.trainable_weights, values, strict=True)
            }

        return self._run(weights, self._learning_rate, action, prepare)

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        def action(sess: tf.compat.v1.Session, model: Any, _: Any) -> Weights:
            for batch in batches:
                model.train_on_batch(self._x(batch), np.asarray(batch["y"], np.float32))
            return {v.name.split(":")[0]: np.asarray(sess.run(v), np.float32) for v in model.weights}

        lr = self._learning_rate if learning_rate is None else learning_rate
        # tf_keras' (private) builder of the training function: the optimizer's gradient ops.
        return self._run(weights, lr, action, prepare=lambda model: model._make_train_function())


def _numpy_dtype(name: str) -> Any:
    return {"float32": np.float32, "int32": np.int32, "int64": np.int64}[name]
