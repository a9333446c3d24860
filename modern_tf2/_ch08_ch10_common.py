"""Helpers shared by the chapter 8-10 modern modules (Keras 3, Pretty Tensor / TFLearn ports, multimedia, RL).

* numpy versions of the initialisers the reference draws its parity weights with (TF1 truncated normal and
  uniform, Keras 2's glorot_uniform / orthogonal / RandomUniform / unit_forget_bias), drawn in the same
  order from the same generator, so that `initial_weights(seed)` returns the very same arrays in both
  trees (this tree does not import the TF1 one).
* `keras2_hard_sigmoid`: Keras 2's hard_sigmoid, which Keras 3 no longer has under that name.
* `reference_names`: Keras 3 variable paths -> the reference's (legacy Keras 2) variable names.
* `CompiledKerasParity`: the ParityModel hooks over a COMPILED Keras 3 model, whose loss is Keras' own
  (`model.compute_loss`) and whose training step is Keras' own (`train_on_batch`, the code `fit` runs).
* `make_logdir`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights


def make_logdir(config: RunConfig, prefix: str = "tfmigrate-") -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir


# ----------------------------------------------------------------------------------------------------------
# Keras 2's hard_sigmoid


@keras.saving.register_keras_serializable(package="tfmigrate")
def keras2_hard_sigmoid(x: Any) -> Any:
    """Keras 2's hard_sigmoid, clip(0.2 x + 0.5, 0, 1), op for op as legacy Keras 2 computes it.

    Why custom: Keras 3's `keras.activations.hard_sigmoid` is relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1), a
    different function (slope 1/6, saturating at +-3 instead of +-2.5); Keras 2.0.2's LSTM default
    recurrent activation was the 0.2-slope one.
    """
    x = tf.convert_to_tensor(x)
    return tf.clip_by_value(tf.add(tf.multiply(x, 0.2), 0.5), 0.0, 1.0)


# ----------------------------------------------------------------------------------------------------------
# Adam with TF1 / Keras 2 semantics for sparse (Embedding) gradients


@keras.saving.register_keras_serializable(package="tfmigrate")
class SummedSparseAdam(keras.optimizers.Adam):
    """keras.optimizers.Adam that sums the duplicate rows of sparse gradients before its update.

    Why custom: an Embedding's gradient is a tf.IndexedSlices with one slice per looked-up word, so a word
    that occurs k times in a batch has k slices. TF1's and Keras 2's optimizers first summed them
    (`_deduplicate_indexed_slices`); Keras 3's Adam squares each slice on its own (keras.ops.square keeps
    IndexedSlices sparse) and only then scatters, so its second moment gets sum(g_i^2) instead of
    (sum g_i)^2 and a repeated word moves by up to sqrt(k) * lr on the first step (observed: 1.41e-3 for a
    word seen twice at lr 1e-3, vs 1.0e-3). Densifying the gradient (tf.convert_to_tensor sums duplicates)
    restores the reference's update; TF1/Keras 2 Adam also updated every row's m and v, as a dense step does.
    """

    def apply(self, grads: Any, trainable_variables: Any = None) -> Any:
        dense = [tf.convert_to_tensor(g) if isinstance(g, tf.IndexedSlices) else g for g in grads]
        return super().apply(dense, trainable_variables)


# ----------------------------------------------------------------------------------------------------------
# numpy initialisers (the reference's draws)


def truncated_normal(
    rng: np.random.Generator, shape: Sequence[int], stddev: float, mean: float = 0.0
) -> np.ndarray:
    """Normal draws beyond 2 sigma from the mean drawn again (keras.initializers.TruncatedNormal too)."""
    values = rng.normal(mean, stddev, size=tuple(shape))
    outside = np.abs(values - mean) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(mean, stddev, size=int(outside.sum()))
        outside = np.abs(values - mean) > 2.0 * stddev
    return values.astype(np.float32)


def uniform(rng: np.random.Generator, shape: Sequence[int], low: float, high: float) -> np.ndarray:
    """Uniform in [low, high) (keras.initializers.RandomUniform(low, high))."""
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def _fans(shape: Sequence[int]) -> tuple[float, float]:
    """Keras' fans: dense [in, out]; conv [k..., in, out] multiplies both by the receptive field."""
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    receptive = float(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """U(-l, l), l = sqrt(6 / (fan_in + fan_out)): Keras' (2 and 3) default kernel initialiser."""
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


def unit_forget_bias(units: int) -> np.ndarray:
    """A Keras LSTM bias with unit_forget_bias=True: zeros, ones in the f block (gate order i, f, c, o)."""
    return np.concatenate([np.zeros(units), np.ones(units), np.zeros(2 * units)]).astype(np.float32)


def lstm_weights(rng: np.random.Generator, prefix: str, n_in: int, units: int) -> Weights:
    """A Keras LSTM's draws in order: glorot kernel, orthogonal recurrent kernel, unit-forget bias."""
    return {
        f"{prefix}/lstm_cell/kernel": glorot_uniform(rng, (n_in, 4 * units)),
        f"{prefix}/lstm_cell/recurrent_kernel": orthogonal(rng, (units, 4 * units)),
        f"{prefix}/lstm_cell/bias": unit_forget_bias(units),
    }


# ----------------------------------------------------------------------------------------------------------
# Keras 3 variables <-> reference names


def leaf_layers(model: Any) -> list[Any]:
    """Layers that own variables, in creation order, looking inside nested models and wrappers."""
    found: list[Any] = []
    for layer in model.layers:
        inner = getattr(layer, "layer", None)
        if hasattr(layer, "layers"):
            found.extend(leaf_layers(layer))
        elif inner is not None and hasattr(inner, "layers"):
            found.extend(leaf_layers(inner))
        elif inner is not None:
            found.append(inner)
        else:
            found.append(layer)
    return found


def reference_names(model: Any) -> dict[str, Any]:
    """Every variable of `model` under the reference's name.

    Keras 3 paths carry the enclosing model names ("sequential/lstm/lstm_cell/kernel"); legacy Keras 2 named
    variables from the owning layer down ("lstm/lstm_cell/kernel"). Layouts are the same in both (Dense
    [in, out], Conv [k..., in, out], Embedding [vocabulary, dim], LSTM kernels [in | units, 4 units] with
    gates i, f, c, o), so the mapping is a renaming only.
    """
    found: dict[str, Any] = {}
    for layer in leaf_layers(model):
        for variable in layer.weights:
            parts = variable.path.split("/")
            start = len(parts) - 1 - parts[::-1].index(layer.name)
            found["/".join(parts[start:])] = variable
    return found


# ----------------------------------------------------------------------------------------------------------
# Parity hooks over a compiled Keras 3 model


def numpy_dtype(name: str) -> Any:
    return {"float32": np.float32, "int32": np.int32, "int64": np.int64}[name]


class CompiledKerasParity:
    """ParityModel hooks for a compiled Keras 3 model: Keras' own loss and Keras' own training step.

    Every call builds a fresh model (fresh optimizer state) with `build(learning_rate)`, assigns the weights
    by reference name (`reference_names`), then: forward = `model(x, training=False)` in a tf.function;
    loss = `model.compute_loss` (the compiled loss plus any regularisation losses, as `fit` minimises it);
    gradients = tf.GradientTape over that loss; train_steps = `model.train_on_batch` once per batch (the
    compiled train function `fit` runs). `inputs` lists the batch keys in the model's input order; the target
    is batch["y"]. Frozen weights go in too; gradients come out for the trainable ones.
    """

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        build: Callable[[float], Any],
        inputs: Sequence[str],
        learning_rate: float,
        draw: Callable[[np.random.Generator], Weights],
    ) -> None:
        self._spec = dict(spec)
        self._build = build
        self._inputs = list(inputs)
        self._learning_rate = learning_rate
        self._draw = draw

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw(np.random.default_rng(seed))

    def _x(self, batch: Batch) -> list[tf.Tensor]:
        return [
            tf.constant(np.asarray(batch[name], numpy_dtype(self._spec[name].dtype))) for name in self._inputs
        ]

    def _y(self, batch: Batch) -> tf.Tensor:
        return tf.constant(np.asarray(batch["y"], np.float32))

    def load(self, weights: Weights, learning_rate: float | None = None) -> Any:
        model = self._build(self._learning_rate if learning_rate is None else learning_rate)
        variables = reference_names(model)
        if set(variables) != set(weights):
            raise KeyError(f"weights {sorted(weights)} do not match the model's {sorted(variables)}")
        for name, variable in variables.items():
            variable.assign(np.asarray(weights[name], np.float32))
        return model

    def _call(self, model: Any, x: list[tf.Tensor]) -> Any:
        return model(x if len(x) > 1 else x[0], training=False)

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        model = self.load(weights)
        return np.asarray(tf.function(lambda x: self._call(model, x))(self._x(batch)))

    def _loss(self, model: Any, x: list[tf.Tensor], y: tf.Tensor) -> tf.Tensor:
        return model.compute_loss(x=x, y=y, y_pred=self._call(model, x), training=False)

    def loss(self, weights: Weights, batch: Batch) -> float:
        model = self.load(weights)
        return float(tf.function(lambda x, y: self._loss(model, x, y))(self._x(batch), self._y(batch)))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        model = self.load(weights)
        names = {id(v): n for n, v in reference_names(model).items()}
        trainable = list(model.trainable_variables)

        @tf.function
        def grads(x: list[tf.Tensor], y: tf.Tensor) -> list[tf.Tensor]:
            with tf.GradientTape() as tape:
                loss = self._loss(model, x, y)
            # Embedding gradients are IndexedSlices: densify them so that they compare as arrays.
            return [tf.convert_to_tensor(g) for g in tape.gradient(loss, trainable)]

        values = grads(self._x(batch), self._y(batch))
        return {names[id(v)]: np.asarray(g, np.float32) for v, g in zip(trainable, values, strict=True)}

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        model = self.load(weights, learning_rate)
        for batch in batches:
            x = self._x(batch)
            model.train_on_batch(x if len(x) > 1 else x[0], self._y(batch))
        return {name: np.asarray(v.numpy(), np.float32) for name, v in reference_names(model).items()}


# ----------------------------------------------------------------------------------------------------------
# Pretty Tensor's defaults as Keras 3 pieces (chapter 8's Pretty Tensor ports)


@keras.saving.register_keras_serializable(package="tfmigrate")
class WeightDecay(keras.regularizers.Regularizer):
    """Pretty Tensor's `l2loss`: adds `l2loss * tf.nn.l2_loss(w)` = l2loss * sum(w^2) / 2 to the loss.

    keras.regularizers.L2(c) is c * sum(w^2); this spells out Pretty Tensor's own op (so L2(l2loss / 2)
    would be the same function up to rounding).
    """

    def __init__(self, l2loss: float) -> None:
        self.l2loss = float(l2loss)

    def __call__(self, x: Any) -> Any:
        return tf.multiply(tf.nn.l2_loss(x), self.l2loss)

    def get_config(self) -> dict[str, Any]:
        return {"l2loss": self.l2loss}


def pt_dense_initializer(seed: int | None = None) -> keras.initializers.Initializer:
    """Pretty Tensor's `xavier_init(in, out)` for fully_connected: U(-l, l), l = sqrt(6 / (in + out))."""
    return keras.initializers.GlorotUniform(seed=seed)


def pt_relu_conv_initializer(n_inputs: int, seed: int | None = None) -> keras.initializers.Initializer:
    """Pretty Tensor's `he_init` for ReLU convolutions: a NON-truncated normal, stddev sqrt(2 / n_inputs).

    (keras.initializers.HeNormal draws a truncated normal, so it is not used.)
    """
    return keras.initializers.RandomNormal(stddev=float(np.sqrt(2.0 / n_inputs)), seed=seed)


def pt_variable_names(layer: Any) -> dict[str, Any]:
    """A Keras Dense/Conv layer's variables under Pretty Tensor's names: <scope>/weights, <scope>/bias."""
    return {f"{layer.name}/weights": layer.kernel, f"{layer.name}/bias": layer.bias}


def xavier_uniform_np(
    rng: np.random.Generator, n_inputs: int, n_outputs: int, shape: Sequence[int]
) -> np.ndarray:
    """The reference's numpy draw of Pretty Tensor's xavier_init."""
    limit = float(np.sqrt(6.0 / (n_inputs + n_outputs)))
    return uniform(rng, shape, -limit, limit)
