"""Helpers shared by the chapter 4 (CNN) and chapter 6 (RNN) modern modules.

* numpy versions of the TF1 initialisers the reference draws its parity weights with, so that
  `initial_weights(seed)` returns the very same arrays in both trees (this tree does not import the TF1 one).
* `KerasParityModel`: the `ParityModel` hooks over a Keras 3 model. Every call builds a fresh model and a
  fresh optimizer, loads the reference-layout weights through the module's documented mapping
  (`to_keras`), runs the module's own forward/loss and its own `tf.function` training step (the one run()
  uses), and maps variables and gradients back to the reference names and layouts (`from_keras`).
* `lstm_to_keras` / `lstm_from_keras`: TF1 `BasicLSTMCell` weights <-> Keras `LSTMCell` weights.
* `TF1RMSProp`: TF1's RMSProp update rule as a small `tf.Module` (see its docstring for why).
* `write_scalar` / `write_histogram`: tf.summary.scalar / histogram without the tensorboard package, which
  tensorflow-cpu does not install (those two raise TBNotInstalledError); `make_logdir`.
"""

from __future__ import annotations

import abc
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf
from tensorflow.core.framework import summary_pb2

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights

TrainStep = Callable[[Batch], Any]
"""One optimizer step on one batch (the module's tf.function, wrapped to take a numpy batch)."""


def make_logdir(config: RunConfig, prefix: str) -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    logdir = Path(config.logdir) if config.logdir is not None else Path(tempfile.mkdtemp(prefix=prefix))
    logdir.mkdir(parents=True, exist_ok=True)
    return logdir


def _plugin_metadata(plugin: str, data_class: int) -> bytes:
    metadata = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin), data_class=data_class
    )
    return bytes(metadata.SerializeToString())


_SCALAR_METADATA = _plugin_metadata("scalars", summary_pb2.DATA_CLASS_SCALAR)
_HISTOGRAM_METADATA = _plugin_metadata("histograms", summary_pb2.DATA_CLASS_TENSOR)


def write_scalar(name: str, value: Any, step: int) -> None:
    """What `tf.summary.scalar` writes (a float32 tensor for the "scalars" plugin), to the default writer."""
    tf.summary.write(name, tf.cast(value, tf.float32), step=step, metadata=_SCALAR_METADATA)


def write_histogram(name: str, values: Any, step: int, buckets: int = 30) -> None:
    """What `tf.summary.histogram` writes: [buckets, 3] rows (left edge, right edge, count), "histograms"."""
    data = tf.reshape(tf.cast(tf.convert_to_tensor(values), tf.float64), [-1])
    low, high = float(tf.reduce_min(data)), float(tf.reduce_max(data))
    if high > low:
        counts = tf.cast(tf.histogram_fixed_width(data, [low, high], nbins=buckets), tf.float64)
        edges = tf.linspace(tf.constant(low, tf.float64), tf.constant(high, tf.float64), buckets + 1)
        table = tf.stack([edges[:-1], edges[1:], counts], axis=1)
    else:  # every value equal (a zero-initialised bias): one bucket holding them all
        table = tf.constant([[low, high, float(tf.size(data))]], tf.float64)
    tf.summary.write(name, table, step=step, metadata=_HISTOGRAM_METADATA)


# --- the reference's initial draws, in numpy ------------------------------------------------------------


def normal(rng: np.random.Generator, shape: Sequence[int], stddev: float = 1.0) -> np.ndarray:
    """Like `random_normal(shape, stddev=stddev)` (mean 0); keras.initializers.RandomNormal in run()."""
    return rng.normal(0.0, stddev, size=tuple(shape)).astype(np.float32)


def truncated_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float) -> np.ndarray:
    """Normal draws beyond 2 sigma drawn again (keras.initializers.TruncatedNormal cuts at 2 sigma too)."""
    values = rng.normal(0.0, 1.0, size=tuple(shape))
    outside = np.abs(values) > 2.0
    while outside.any():
        values[outside] = rng.normal(0.0, 1.0, size=int(outside.sum()))
        outside = np.abs(values) > 2.0
    return (values * stddev).astype(np.float32)


def uniform(rng: np.random.Generator, shape: Sequence[int], limit: float) -> np.ndarray:
    """Uniform in [-limit, limit) (keras.initializers.RandomUniform(-limit, limit))."""
    return rng.uniform(-limit, limit, size=tuple(shape)).astype(np.float32)


def glorot_limit(fan_in: int, fan_out: int) -> float:
    return float(np.sqrt(6.0 / (fan_in + fan_out)))


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """TF1 `get_variable`'s default initialiser for a 2-D variable."""
    return uniform(rng, shape, glorot_limit(shape[-2], shape[-1]))


# --- LSTM weights: TF1 BasicLSTMCell layout <-> Keras LSTMCell ------------------------------------------


def _tf1_to_keras_columns(hidden: int) -> np.ndarray:
    """Column order turning TF1's gate blocks (i, j, f, o) into Keras' (i, f, c, o); j is Keras' c."""
    i, j, f, o = (np.arange(k * hidden, (k + 1) * hidden) for k in range(4))
    return np.concatenate([i, f, j, o])


def _keras_to_tf1_columns(hidden: int) -> np.ndarray:
    """The inverse permutation: Keras (i, f, c, o) -> TF1 (i, j, f, o). (It is the same swap of the
    middle blocks, but written out so that nobody has to check that.)"""
    return np.argsort(_tf1_to_keras_columns(hidden))


def lstm_to_keras(
    kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TF1 (kernel [in + h, 4h], bias [4h]) -> Keras (kernel [in, 4h], recurrent_kernel [h, 4h], bias [4h]).

    Rows 0..in-1 of the TF1 kernel multiply x_t, the rest h_{t-1}; columns are re-ordered i, j, f, o ->
    i, f, c, o; TF1 adds `forget_bias` to the f pre-activation at run time, Keras has no such term, so it is
    folded into the f block of the bias.
    """
    hidden = kernel.shape[1] // 4
    n_in = kernel.shape[0] - hidden
    columns = _tf1_to_keras_columns(hidden)
    k = np.asarray(kernel, np.float32)[:, columns]
    b = np.asarray(bias, np.float32)[columns].copy()
    b[hidden : 2 * hidden] += np.float32(forget_bias)
    return k[:n_in], k[n_in:], b


def lstm_from_keras(
    kernel: np.ndarray, recurrent_kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray]:
    """Keras (kernel, recurrent_kernel, bias) -> TF1 (kernel, bias): the inverse of `lstm_to_keras`.

    For weights pass the cell's forget bias (it is taken back out of the f block); for GRADIENTS pass 0.0:
    d loss / d bias is the same whether the constant is stored in the bias or added at run time.
    """
    hidden = kernel.shape[1] // 4
    columns = _keras_to_tf1_columns(hidden)
    b = np.asarray(bias, np.float32).copy()
    b[hidden : 2 * hidden] -= np.float32(forget_bias)
    stacked = np.concatenate([np.asarray(kernel, np.float32), np.asarray(recurrent_kernel, np.float32)])
    return stacked[:, columns], b[columns]


# --- TF1's RMSProp ----------------------------------------------------------------------------------------


class TF1RMSProp(tf.Module):
    """RMSProp with TF1's `RMSPropOptimizer` semantics (its `ApplyRMSProp` kernel, op for op):

        ms  <- ms + (g * g - ms) * (1 - decay)          ms starts at 1.0
        mom <- mom * momentum + lr * g / sqrt(ms + epsilon)
        var <- var - mom

    Why custom: keras.optimizers.RMSprop (3.15: epsilon already inside the sqrt) starts its accumulator at
    0, not 1.0, with no public option to change it, so its first steps are ~3x larger than TF1's.
    Call `build(variables)` before tracing the step (or let the first `apply_gradients` do it: slot creation
    is lifted out of the trace); the slots are tracked, so a tf.train.Checkpoint of this module saves them.
    """

    def __init__(
        self, learning_rate: float, decay: float, momentum: float, epsilon: float, name: str = "RMSProp"
    ) -> None:
        super().__init__(name=name)
        # Kept as float32 tensors, as TF1 casts its hyper-parameters (1 - decay is then a float32 1 - 0.9).
        self.learning_rate = tf.Variable(learning_rate, dtype=tf.float32, trainable=False, name="lr")
        self.decay = tf.constant(decay, tf.float32)
        self.momentum = tf.constant(momentum, tf.float32)
        self.epsilon = tf.constant(epsilon, tf.float32)
        self.rms: list[tf.Variable] = []
        self.mom: list[tf.Variable] = []

    def build(self, variables: Sequence[Any]) -> None:
        """Create the `rms` (ones) and `momentum` (zeros) slots of `variables`, once."""
        if self.rms:
            return
        with tf.init_scope():
            for v in variables:
                self.rms.append(tf.Variable(tf.ones(v.shape, tf.float32), trainable=False, name="rms"))
                self.mom.append(tf.Variable(tf.zeros(v.shape, tf.float32), trainable=False, name="momentum"))

    def apply_gradients(self, grads_and_vars: Iterable[tuple[tf.Tensor, Any]]) -> None:
        pairs = list(grads_and_vars)
        self.build([v for _, v in pairs])
        if len(self.rms) != len(pairs):
            raise ValueError("TF1RMSProp was built for a different list of variables")
        one = tf.constant(1.0, tf.float32)
        for (grad, var), ms, mom in zip(pairs, self.rms, self.mom, strict=True):
            ms.assign_add((tf.square(grad) - ms) * (one - self.decay))
            mom.assign(mom * self.momentum + (grad * self.learning_rate) / tf.sqrt(ms + self.epsilon))
            var.assign_sub(mom)


# --- parity hooks over a Keras model ---------------------------------------------------------------------


class KerasParityModel(abc.ABC):
    """`ParityModel` over a Keras 3 model; canonical names and layouts are the reference tree's.

    A subclass says how to build the model, which Keras variables there are (by a key of its choosing),
    how reference weights map onto them and back, what the deterministic (randomness-off) output and loss
    are, and what one training step is -- the same tf.function its run() uses, with a fresh optimizer.
    """

    def __init__(self, *, spec: Mapping[str, TensorSpec], learning_rate: float) -> None:
        self._spec = dict(spec)
        self._learning_rate = learning_rate

    # -- to implement ----------------------------------------------------------------------------------

    @abc.abstractmethod
    def initial_weights(self, seed: int) -> Weights: ...

    @abc.abstractmethod
    def make_model(self) -> Any:
        """A fresh, built model."""

    @abc.abstractmethod
    def keras_variables(self, model: Any) -> dict[str, Any]:
        """The model's trainable variables by key (the keys `to_keras`/`from_keras` use)."""

    @abc.abstractmethod
    def to_keras(self, weights: Weights) -> dict[str, np.ndarray]:
        """Reference weights -> arrays for `keras_variables`, by key."""

    @abc.abstractmethod
    def from_keras(self, arrays: Mapping[str, np.ndarray], *, gradient: bool) -> Weights:
        """Arrays by key (variable values, or gradients if `gradient`) -> reference names and layouts."""

    @abc.abstractmethod
    def output_and_loss(self, model: Any, batch: Mapping[str, tf.Tensor]) -> tuple[tf.Tensor, tf.Tensor]:
        """The model's output and training loss, all randomness off (traced inside tf.function)."""

    @abc.abstractmethod
    def make_train_step(self, model: Any, learning_rate: float) -> TrainStep:
        """The example's training step with a fresh optimizer at `learning_rate`, randomness off."""

    # -- the hooks ---------------------------------------------------------------------------------------

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def _tensors(self, batch: Batch) -> dict[str, tf.Tensor]:
        return {name: tf.constant(np.asarray(batch[name], spec.dtype)) for name, spec in self._spec.items()}

    def load(self, weights: Weights) -> Any:
        """A fresh model holding `weights` (reference names and layouts)."""
        model = self.make_model()
        variables = self.keras_variables(model)
        arrays = self.to_keras(weights)
        if set(arrays) != set(variables):
            raise KeyError(f"mapped weights {sorted(arrays)} do not match the model's {sorted(variables)}")
        for key, var in variables.items():
            var.assign(arrays[key])
        return model

    def export(self, model: Any) -> Weights:
        """The model's weights under the reference names and layouts."""
        values = {key: np.asarray(var.numpy()) for key, var in self.keras_variables(model).items()}
        return self.from_keras(values, gradient=False)

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        model = self.load(weights)
        output = tf.function(lambda b: self.output_and_loss(model, b)[0])(self._tensors(batch))
        return np.asarray(output)

    def loss(self, weights: Weights, batch: Batch) -> float:
        model = self.load(weights)
        return float(tf.function(lambda b: self.output_and_loss(model, b)[1])(self._tensors(batch)))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        model = self.load(weights)
        variables = self.keras_variables(model)
        keys = sorted(variables)

        @tf.function
        def grads(b: dict[str, tf.Tensor]) -> list[tf.Tensor]:
            with tf.GradientTape() as tape:
                _, loss = self.output_and_loss(model, b)
            # Embedding gradients come back as IndexedSlices; make every gradient a dense tensor.
            return [tf.convert_to_tensor(g) for g in tape.gradient(loss, [variables[k] for k in keys])]

        values = grads(self._tensors(batch))
        return self.from_keras({k: np.asarray(v) for k, v in zip(keys, values, strict=True)}, gradient=True)

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        model = self.load(weights)
        step = self.make_train_step(model, self._learning_rate if learning_rate is None else learning_rate)
        for batch in batches:
            step(self._tensors(batch))
        return self.export(model)
