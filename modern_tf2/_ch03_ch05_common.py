"""Helpers shared by the chapter 3 (feed-forward MNIST) and chapter 5 (autoencoder) modern modules.

* numpy draws of the book's initialisers, made exactly as reference_tf1's, so that `initial_weights(seed)`
  returns the same arrays in both trees (this tree does not import the TF1 one);
* the optimizers with TF1's defaults pinned: `adam` (epsilon 1e-8, Keras' default is 1e-7) and
  `TF1RMSprop`, Keras' RMSprop with its mean-square slot started at 1.0 as TF1's;
* `batch_stream`, the tf.data pipeline that replaces the tutorial `DataSet.next_batch`;
* `write_scalar`, `tf.summary.scalar` without the tensorboard package (not installed with tensorflow-cpu);
* `Trainer`, a Keras model + optimizer + the example's objective, whose training step is a tf.function
  (the same one run() and the parity hooks use);
* `KerasParityModel`, the ParityModel hooks over a Trainer. Weights are mapped between the reference's
  names and the Keras variable paths by each module's `to_keras`/`from_keras` (every layout in these
  chapters is the same in both trees: Dense kernels [in, out], Conv2D kernels [h, w, in, out] and
  Conv2DTranspose kernels [h, w, out, in], the layout of TF1's conv2d_transpose filters).
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from tensorflow.core.framework import summary_pb2

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights

Objective = Callable[[keras.Model, Mapping[str, tf.Tensor], bool], tuple[tf.Tensor, tf.Tensor]]
"""(model, batch, training) -> (loss, output): the example's loss and the output it is computed from."""


# --- the book's initialisers, in numpy (the parity hooks' initial_weights) -------------------------------


def truncated_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float) -> np.ndarray:
    """Like TF1's `truncated_normal(shape, stddev=stddev)`: normal draws beyond 2 sigma drawn again.

    The same draws, in the same order, as reference_tf1's helper. run() uses
    keras.initializers.TruncatedNormal, which also cuts at 2 sigma.
    """
    values = rng.normal(0.0, stddev, size=tuple(shape))
    outside = np.abs(values) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(0.0, stddev, size=int(outside.sum()))
        outside = np.abs(values) > 2.0 * stddev
    return values.astype(np.float32)


def random_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float = 1.0) -> np.ndarray:
    """Like TF1's `random_normal(shape, stddev=stddev)` (keras.initializers.RandomNormal in run())."""
    return rng.normal(0.0, stddev, size=tuple(shape)).astype(np.float32)


# --- run() plumbing ---------------------------------------------------------------------------------------


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


def batch_stream(
    arrays: tuple[np.ndarray, ...], batch_size: int, seed: int
) -> Iterator[tuple[tf.Tensor, ...]]:
    """Endless mini-batches, reshuffled every epoch: the tf.data version of TF1's `DataSet.next_batch`.

    Shuffling before `repeat` and batching after it lets a batch run across an epoch boundary (the rest of
    one epoch, then the start of the next, reshuffled), as `next_batch` does.
    """
    dataset = (
        tf.data.Dataset.from_tensor_slices(arrays)
        .shuffle(len(arrays[0]), seed=seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(batch_size)
        .prefetch(tf.data.AUTOTUNE)
    )
    return iter(dataset)


_SCALAR_METADATA = summary_pb2.SummaryMetadata(
    plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name="scalars"),
    data_class=summary_pb2.DATA_CLASS_SCALAR,
).SerializeToString()


def write_scalar(name: str, value: Any, step: int) -> None:
    """`tf.summary.scalar(name, value, step)` to the default writer, as TensorBoard's scalars plugin reads it.

    tf.summary.scalar lives in the tensorboard package, which tensorflow-cpu does not install (it raises
    TBNotInstalledError); this is what it does: a float32 tensor summary tagged for the "scalars" plugin.
    """
    tf.summary.write(name, tf.cast(value, tf.float32), step=step, metadata=_SCALAR_METADATA)


def accuracy(Y: tf.Tensor, Y_: Any) -> tf.Tensor:
    """The book's `reduce_mean(cast(equal(argmax(Y, 1), argmax(Y_, 1))))` (Y: probabilities or logits)."""
    correct_prediction = keras.ops.equal(keras.ops.argmax(Y, 1), keras.ops.argmax(Y_, 1))
    return keras.ops.mean(keras.ops.cast(correct_prediction, "float32"))


# --- optimizers with TF1's defaults -----------------------------------------------------------------------


def tf1_float32(value: float) -> float:
    """`value` rounded to float32, as TF1 holds its optimizer hyperparameters.

    TF1's kernels compute `1 - beta` in float32 (1 - 0.999f = 0.00099998713); Keras computes it in Python
    floats and then casts (0.001f), a 1.3e-5 relative difference in Adam's second moment. Handing Keras
    the float32-rounded value makes its Python `1 - beta` exactly TF1's float32 one.
    """
    return float(np.float32(value))


def adam(learning_rate: float) -> keras.optimizers.Adam:
    """`tf.train.AdamOptimizer(learning_rate)` as Keras 3: the same update formula, TF1's defaults pinned.

    epsilon 1e-8 (Keras' default is 1e-7); beta_1 0.9 and beta_2 0.999 as TF1's float32 values (see
    `tf1_float32`).
    """
    return keras.optimizers.Adam(
        learning_rate=learning_rate,
        beta_1=tf1_float32(0.9),
        beta_2=tf1_float32(0.999),
        epsilon=1e-8,
        amsgrad=False,
    )


class TF1RMSprop(keras.optimizers.RMSprop):  # type: ignore[misc]  # keras is untyped
    """keras.optimizers.RMSprop whose mean-square slots start at 1.0, as TF1's RMSPropOptimizer's do.

    Keras 3 (3.15) already computes TF1's update, epsilon inside the sqrt:
    `ms = rho * ms + (1 - rho) * g^2; var -= lr * g / sqrt(ms + epsilon)`; only the slot's initial value
    differs (Keras 0.0, TF1 1.0: from 0 the first step is lr * 3.16 * sign(g) instead of about lr * g), so
    a subclass that starts the slots at 1.0 is enough and no custom optimizer is needed. Pin rho 0.9,
    momentum 0, epsilon 1e-10 (TF1's defaults) with `rmsprop()`.
    """

    def build(self, var_list: list[Any]) -> None:
        if self.built:
            return
        super().build(var_list)
        # init_scope: if the first build happens while a tf.function is being traced, the assignment
        # still runs once, eagerly, instead of becoming part of every traced step.
        with tf.init_scope():
            # `_velocities` is where RMSprop.build keeps the mean-square slots (one per variable).
            for velocity in self._velocities:
                velocity.assign(tf.ones(velocity.shape, velocity.dtype))


def rmsprop(learning_rate: float) -> TF1RMSprop:
    """`tf.train.RMSPropOptimizer(learning_rate)` with TF1's decay/momentum/epsilon/centered pinned."""
    return TF1RMSprop(
        learning_rate=learning_rate, rho=tf1_float32(0.9), momentum=0.0, epsilon=1e-10, centered=False
    )


# --- the training step --------------------------------------------------------------------------------------


class Trainer:
    """A Keras model, its optimizer and the example's objective; `train_step` is one tf.function step.

    `training` (a Python bool, one trace per value) switches the model's randomness (dropout) on in run()
    and off in the parity hooks. The learning rate is an argument (assigned to the optimizer's variable),
    so that the stepped schedule of the chapter 3 ReLU nets does not retrace.
    """

    def __init__(
        self,
        model: keras.Model,
        objective: Objective,
        optimizer: keras.optimizers.Optimizer,
        *,
        jit_compile: bool = False,
    ) -> None:
        self.model = model
        self.optimizer = optimizer
        self._objective = objective
        # Slots are created now, eagerly, not inside the first trace.
        self.optimizer.build(model.trainable_variables)
        self._train_step = tf.function(self._train_step_impl, jit_compile=jit_compile, reduce_retracing=True)
        self._evaluate = tf.function(self._evaluate_impl, reduce_retracing=True)
        self._gradients = tf.function(self._gradients_impl, reduce_retracing=True)

    def _train_step_impl(
        self, batch: Mapping[str, tf.Tensor], learning_rate: tf.Tensor, training: bool
    ) -> tuple[tf.Tensor, tf.Tensor]:
        self.optimizer.learning_rate.assign(learning_rate)
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            loss, output = self._objective(self.model, batch, training)
        gradients = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(gradients, variables, strict=True))
        return loss, output

    def _evaluate_impl(self, batch: Mapping[str, tf.Tensor], training: bool) -> tuple[tf.Tensor, tf.Tensor]:
        return self._objective(self.model, batch, training)

    def _gradients_impl(self, batch: Mapping[str, tf.Tensor], training: bool) -> dict[str, tf.Tensor]:
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            loss, _ = self._objective(self.model, batch, training)
        gradients = tape.gradient(loss, variables)
        return {variable.path: gradient for variable, gradient in zip(variables, gradients, strict=True)}

    def train_step(
        self, batch: Mapping[str, Any], learning_rate: float, *, training: bool = True
    ) -> tuple[tf.Tensor, tf.Tensor]:
        """One optimizer step; returns the loss and output computed before the update (as TF1's run)."""
        loss, output = self._train_step(_as_tensors(batch), tf.constant(learning_rate, tf.float32), training)
        return loss, output

    def evaluate(self, batch: Mapping[str, Any], *, training: bool = False) -> tuple[tf.Tensor, tf.Tensor]:
        """(loss, output) without updating anything."""
        loss, output = self._evaluate(_as_tensors(batch), training)
        return loss, output

    def gradients(self, batch: Mapping[str, Any], *, training: bool = False) -> dict[str, np.ndarray]:
        """d loss / d variable, by Keras variable path."""
        return {path: np.asarray(g) for path, g in self._gradients(_as_tensors(batch), training).items()}


def _as_tensors(batch: Mapping[str, Any]) -> dict[str, tf.Tensor]:
    return {name: tf.convert_to_tensor(value, tf.float32) for name, value in batch.items()}


def variables_by_path(model: keras.Model) -> dict[str, keras.Variable]:
    """The model's trainable variables by Keras path ("layer1/kernel")."""
    return {variable.path: variable for variable in model.trainable_variables}


def rename(arrays: Mapping[str, np.ndarray], names: Mapping[str, str]) -> dict[str, np.ndarray]:
    """{old: array} -> {names[old]: array}, checking that both sides hold exactly the same keys."""
    if set(arrays) != set(names):
        raise KeyError(f"expected {sorted(names)}, got {sorted(arrays)}")
    return {names[key]: np.asarray(value, np.float32) for key, value in arrays.items()}


# --- parity hooks -----------------------------------------------------------------------------------------


class KerasParityModel:
    """ParityModel hooks over a module's Trainer; weights in and out under the reference's names.

    `make_trainer(learning_rate)` builds a fresh model and optimizer (fresh optimizer state per call);
    `to_keras`/`from_keras` map reference names and layouts <-> Keras variable paths. Everything runs with
    `training=False`, i.e. dropout off (noise is part of the batch the caller gives).
    """

    def __init__(
        self,
        *,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        make_trainer: Callable[[float], Trainer],
        to_keras: Callable[[Weights], dict[str, np.ndarray]],
        from_keras: Callable[[Mapping[str, np.ndarray]], Weights],
        learning_rate_at: Callable[[int], float],
    ) -> None:
        self._spec = dict(spec)
        self._draw_weights = draw_weights
        self._make_trainer = make_trainer
        self._to_keras = to_keras
        self._from_keras = from_keras
        self._learning_rate_at = learning_rate_at

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw_weights(np.random.default_rng(seed))

    def load(self, weights: Weights, learning_rate: float | None = None) -> Trainer:
        """A fresh Trainer whose model holds `weights`."""
        trainer = self._make_trainer(self._learning_rate_at(0) if learning_rate is None else learning_rate)
        variables = variables_by_path(trainer.model)
        arrays = self._to_keras(weights)
        if set(arrays) != set(variables):
            raise KeyError(f"mapped weights {sorted(arrays)} do not match the model's {sorted(variables)}")
        for path, variable in variables.items():
            variable.assign(arrays[path])
        return trainer

    def _batch(self, batch: Batch) -> dict[str, np.ndarray]:
        return {name: np.asarray(batch[name], np.float32) for name in self._spec}

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        _, output = self.load(weights).evaluate(self._batch(batch))
        return np.asarray(output)

    def loss(self, weights: Weights, batch: Batch) -> float:
        loss, _ = self.load(weights).evaluate(self._batch(batch))
        return float(loss)

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        return self._from_keras(self.load(weights).gradients(self._batch(batch)))

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        trainer = self.load(weights, learning_rate)
        for k, batch in enumerate(batches):
            rate = self._learning_rate_at(k) if learning_rate is None else learning_rate
            trainer.train_step(self._batch(batch), rate, training=False)
        values = {path: np.asarray(v.numpy()) for path, v in variables_by_path(trainer.model).items()}
        return self._from_keras(values)
