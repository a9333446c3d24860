"""The parity hooks of every trainable reference example (runtime.ParityModel and FastParityModel).

`SessionParityModel` implements every hook once; its two kinds say how a model gets into a graph:
`GraphParityModel` runs an example's graph-building function, shared with its `run()`, which builds the
model into the default graph from given initial values and a learning-rate tensor and returns a
`GraphModel` (its placeholders, variables, output, loss and train op); `KerasGraphParityModel` builds a
compiled legacy Keras 2 model (below). For both:

* every call builds a fresh `tf.Graph` and runs it in its own `tf.compat.v1.Session` (fresh variables and
  fresh optimizer slots, so calls never interfere), with every source of randomness switched off through
  `GraphModel.deterministic_feed` (keep_prob 1.0, is_training False...);
* batches are fed with the dtypes of the batch spec (class-id labels stay integers);
* weights go in and come out by the graph's variable names; every variable in `GraphModel.variables`
  is exchanged (batch-norm moving statistics included), gradients are those of the trainable ones
  (IndexedSlices, e.g. an embedding's, made dense);
* the learning rate is a placeholder fed at every step: the given one, or the example's own for the
  k-th batch of the call (`learning_rate` may be a schedule of k, e.g. the stepped rate of chapter 3);
* `evaluate` computes forward, loss and gradients in one Session.run (the three separate hooks are that
  same computation), `trajectory` the weights after every step of one training run (exactly what
  `train_steps` gives for each prefix of the batches; tested).

`KerasGraphParityModel`: the book's Keras 2.0.2 code runs on legacy Keras 2 (tf_keras) here; its hooks use
Keras' own loss (`model.total_loss`) and Keras' own training step (`train_on_batch`), in a graph whose
Session is Keras' backend session, the weights loaded after Keras' initialisation.
"""

from __future__ import annotations

import abc
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import tensorflow as tf

from tfmigrate.book import initializers
from tfmigrate.book.runtime import Batch, EvaluatingParityModel, TensorSpec, Weights, leaf_layers

InitialValue: TypeAlias = np.ndarray | tf.Tensor
"""A variable's initial value as a graph-building function receives it: numpy (parity) or a TF op (run)."""

LearningRate: TypeAlias = float | Callable[[int], float]
"""An example's own learning rate: a constant, or the rate for the k-th step of a train_steps call."""


@dataclass
class GraphModel:
    """The handles of one example's graph, as its building function returns them.

    `inputs` maps the batch names onto placeholders; `variables` holds every weight the hooks exchange,
    by canonical name; `deterministic_feed` maps the placeholders that inject randomness in training
    (keep_prob, is_training...) onto the values that switch it off.
    """

    inputs: dict[str, tf.Tensor]
    variables: dict[str, tf.Variable]
    output: tf.Tensor
    loss: tf.Tensor
    train_op: tf.Operation | None
    deterministic_feed: dict[tf.Tensor, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    """Anything else run() needs (accuracy, the learning-rate placeholder, summaries...)."""


BuildFn: TypeAlias = Callable[[Mapping[str, np.ndarray], tf.Tensor], GraphModel]
"""Builds the example's graph into the default graph from initial weights and a learning-rate tensor."""


@dataclass
class _Loaded:
    """One built graph in a live Session, with the weights loaded: what every hook runs on."""

    sess: tf.compat.v1.Session
    model: GraphModel
    gradients: dict[str, tf.Tensor]
    step: Callable[[int, Batch], None]
    feed: Callable[[Batch], dict[tf.Tensor, Any]]

    def weights(self) -> Weights:
        values = self.sess.run(self.model.variables)
        return {name: np.asarray(value, np.float32) for name, value in values.items()}


def placeholders(spec: Mapping[str, TensorSpec]) -> dict[str, tf.Tensor]:
    """One placeholder per batch input: shape [None, *spec.shape], the spec's dtype, named as the input."""
    return {
        name: tf.compat.v1.placeholder(tensor.dtype, (None, *tensor.shape), name=name)
        for name, tensor in spec.items()
    }


def trainable_variables() -> dict[str, tf.Variable]:
    """Every trainable variable of the default graph, by name (without ":0")."""
    return {variable.op.name: variable for variable in tf.compat.v1.trainable_variables()}


def dense_gradients(loss: tf.Tensor, variables: Mapping[str, tf.Variable]) -> dict[str, tf.Tensor]:
    """d loss / d variable for every trainable variable, IndexedSlices made dense."""
    names = sorted(name for name, variable in variables.items() if variable.trainable)
    grads = tf.compat.v1.gradients(loss, [variables[name] for name in names])
    return {name: tf.convert_to_tensor(grad) for name, grad in zip(names, grads, strict=True)}


class SessionParityModel(EvaluatingParityModel):
    """ParityModel and FastParityModel hooks over a graph run in a Session (see the module docstring).

    A subclass says how to build the graph and load the weights (`_loaded`); every hook is written here.
    """

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        learning_rate: LearningRate,
    ) -> None:
        super().__init__(spec, draw_weights)
        self._learning_rate = learning_rate

    def learning_rate_at(self, step: int) -> float:
        """The example's own learning rate for the `step`-th batch (from 0) of one training call."""
        rate = self._learning_rate
        return float(rate(step) if callable(rate) else rate)

    def _array(self, batch: Batch, name: str) -> np.ndarray:
        return np.asarray(batch[name], self._spec[name].dtype)

    @abc.abstractmethod
    def _loaded(
        self, weights: Weights, learning_rate: float | None = None
    ) -> AbstractContextManager[_Loaded]:
        """A fresh graph holding `weights`, in a fresh Session; `learning_rate` None: the example's own."""

    # -- ParityModel ------------------------------------------------------------------------------------

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        with self._loaded(weights, learning_rate) as run:
            for k, batch in enumerate(batches):
                run.step(k, batch)
            return run.weights()

    # -- FastParityModel --------------------------------------------------------------------------------

    def evaluate(self, weights: Weights, batch: Batch) -> tuple[np.ndarray, float, Weights]:
        """(forward, loss, gradients) from one graph and one Session.run."""
        with self._loaded(weights) as run:
            output, loss, grads = run.sess.run(
                [run.model.output, run.model.loss, run.gradients], run.feed(batch)
            )
        return np.asarray(output), float(loss), {k: np.asarray(v, np.float32) for k, v in grads.items()}

    def trajectory(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> list[Weights]:
        """The weights after each step of one training run from fresh optimizer state."""
        path: list[Weights] = []
        with self._loaded(weights, learning_rate) as run:
            for k, batch in enumerate(batches):
                run.step(k, batch)
                path.append(run.weights())
        return path


class GraphParityModel(SessionParityModel):
    """The hooks over an example's graph-building function (`BuildFn`)."""

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        build: BuildFn,
        learning_rate: LearningRate,
    ) -> None:
        super().__init__(spec, draw_weights, learning_rate)
        self._build = build

    def _feed(self, model: GraphModel, batch: Batch) -> dict[tf.Tensor, Any]:
        feed: dict[tf.Tensor, Any] = dict(model.deterministic_feed)
        feed.update({placeholder: self._array(batch, name) for name, placeholder in model.inputs.items()})
        return feed

    @contextmanager
    def _loaded(self, weights: Weights, learning_rate: float | None = None) -> Iterator[_Loaded]:
        graph = tf.Graph()
        with graph.as_default():
            rate = tf.compat.v1.placeholder(tf.float32, [], name="parity_learning_rate")
            model = self._build(
                {name: np.asarray(value, np.float32) for name, value in weights.items()}, rate
            )
            mismatch = set(model.variables) ^ set(weights)
            if mismatch:
                raise KeyError(f"weights do not match the graph's variables: {sorted(mismatch)}")
            gradients = dense_gradients(model.loss, model.variables)
            init = [tf.compat.v1.global_variables_initializer(), tf.compat.v1.local_variables_initializer()]
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(init)

            def step(k: int, batch: Batch) -> None:
                feed = self._feed(model, batch)
                feed[rate] = self.learning_rate_at(k) if learning_rate is None else learning_rate
                sess.run(model.train_op, feed)

            yield _Loaded(sess, model, gradients, step, lambda batch: self._feed(model, batch))


# ----------------------------------------------------------------------------------------------------------
# Compiled legacy Keras 2 models


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


KerasBuildFn: TypeAlias = Callable[[float], Any]
"""Builds and compiles the example's Keras model (in the current graph) with the given learning rate."""


def _variable_name(variable: Any) -> str:
    return str(variable.name).split(":")[0]


class KerasGraphParityModel(SessionParityModel):
    """The hooks for a compiled legacy Keras 2 model run in TF1 graph mode (tf_keras' v1 training loop).

    Weights are keyed by Keras variable names without ":0" (e.g. "lstm/lstm_cell/kernel"), drawn like
    the layers' own initialisers (`keras_initial_weights`); all of them (trainable or frozen) go in and
    come out, gradients for the trainable ones. `inputs` lists the batch keys in the model's input
    order; the target is batch["y"]. The learning rate is the optimizer's, fixed when the model is
    compiled, so a call's rate is the same for all of its steps.
    """

    def __init__(
        self, spec: Mapping[str, TensorSpec], build: KerasBuildFn, inputs: Sequence[str], learning_rate: float
    ) -> None:
        super().__init__(spec, self._draw, learning_rate)
        self._build_keras = build
        self._inputs = list(inputs)

    def _draw(self, rng: np.random.Generator) -> Weights:
        with keras_graph_session(None):
            return keras_initial_weights(self._build_keras(self.learning_rate_at(0)), rng)

    @contextmanager
    def _loaded(self, weights: Weights, learning_rate: float | None = None) -> Iterator[_Loaded]:
        """The compiled model in Keras' backend session, `weights` loaded after Keras' initialisation.

        Everything that differentiates the model (the gradients, Keras' training function) is built
        before the Session first runs: with TF2 control flow, gradients of an LSTM's while-loop add
        outputs to the loop op, which a Session that has already run the graph rejects.
        """
        with keras_graph_session(None) as sess:
            keras_model = self._build_keras(
                self.learning_rate_at(0) if learning_rate is None else learning_rate
            )
            # tf_keras' (private) feeds and training-function builder: Keras' own loss and step.
            inputs = dict(zip(self._inputs, keras_model._feed_inputs, strict=True))
            inputs["y"] = keras_model._feed_targets[0]
            variables = {_variable_name(v): v for v in keras_model.weights}
            model = GraphModel(inputs, variables, keras_model.outputs[0], keras_model.total_loss, None)
            mismatch = set(variables) ^ set(weights)
            if mismatch:
                raise KeyError(f"weights do not match the model's variables: {sorted(mismatch)}")
            gradients = dense_gradients(
                model.loss, {_variable_name(v): v for v in keras_model.trainable_weights}
            )
            keras_model._make_train_function()
            sess.run(tf.compat.v1.global_variables_initializer())
            for name, variable in variables.items():
                variable.load(np.asarray(weights[name], np.float32), sess)

            def step(k: int, batch: Batch) -> None:
                x = [self._array(batch, name) for name in self._inputs]
                keras_model.train_on_batch(x, np.asarray(batch["y"], np.float32))

            def feed(batch: Batch) -> dict[tf.Tensor, Any]:
                values = {name: self._array(batch, name) for name in self._inputs}
                values["y"] = np.asarray(batch["y"], np.float32)  # Keras' target placeholder is float
                return {inputs[name]: value for name, value in values.items()}

            yield _Loaded(sess, model, gradients, step, feed)


def keras_initial_weights(model: Any, rng: np.random.Generator) -> Weights:
    """Draw every weight of a (tf_keras) model in numpy the way its layers' initialisers would.

    Handles what the chapter 8/9 models use: Dense, Conv1D/Conv2D (kernel/bias initialisers), Embedding
    (embeddings_initializer) and LSTM (kernel, recurrent_kernel, bias with Keras' unit_forget_bias).
    """
    weights: Weights = {}
    for layer in leaf_layers(model):
        config = layer.get_config()
        for variable in layer.weights:
            name = _variable_name(variable)
            if name in weights:
                continue
            short = name.rsplit("/", 1)[-1]
            shape = tuple(int(d) for d in variable.shape)
            cell_config = config.get("cell", {}).get("config", config) if "cell" in config else config
            if short == "bias" and cell_config.get("unit_forget_bias"):
                weights[name] = initializers.unit_forget_bias(shape[0] // 4)
                continue
            key = {
                "kernel": "kernel_initializer",
                "recurrent_kernel": "recurrent_initializer",
                "bias": "bias_initializer",
                "embeddings": "embeddings_initializer",
            }[short]
            weights[name] = _draw(rng, cell_config[key], shape)
    return weights


def _draw(rng: np.random.Generator, initializer: Mapping[str, Any], shape: tuple[int, ...]) -> np.ndarray:
    kind = initializer["class_name"]
    params = initializer.get("config", {})
    if kind == "GlorotUniform":
        return initializers.glorot_uniform(rng, shape)
    if kind == "Orthogonal":
        return initializers.orthogonal(rng, shape, float(params.get("gain", 1.0)))
    if kind == "RandomUniform":
        return initializers.random_uniform(rng, shape, float(params["minval"]), float(params["maxval"]))
    if kind == "Zeros":
        return np.zeros(shape, np.float32)
    raise NotImplementedError(f"no numpy version of the Keras initialiser {kind}")
