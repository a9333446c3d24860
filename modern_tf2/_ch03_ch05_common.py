"""Helpers shared by the chapter 3 (feed-forward MNIST) and chapter 5 (autoencoder) modern modules.

* `batch_stream`, the tf.data pipeline that replaces the tutorial `DataSet.next_batch`;
* `Trainer`, a Keras model + optimizer + the example's objective, whose training step is a tf.function
  (the same one run() and the parity hooks use), and its parity view (`Trainer.parity`): the model's
  variables under the reference's names, given by each module's KERAS_VARIABLES (reference name ->
  Keras variable path; every layout in these chapters is the same in both trees: Dense kernels [in, out],
  Conv2D kernels [h, w, in, out] and Conv2DTranspose kernels [h, w, out, in], the layout of TF1's
  conv2d_transpose filters).
"""

from __future__ import annotations

import itertools
import math
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._parity import EagerModel, Tensors
from tfmigrate.book.runtime import RunConfig

Objective = Callable[[keras.Model, Mapping[str, tf.Tensor], bool], tuple[tf.Tensor, tf.Tensor]]
"""(model, batch, training) -> (loss, output): the example's loss and the output it is computed from."""


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


def accuracy(Y: tf.Tensor, Y_: Any) -> tf.Tensor:
    """The book's `reduce_mean(cast(equal(argmax(Y, 1), argmax(Y_, 1))))` (Y: probabilities or logits)."""
    correct_prediction = keras.ops.equal(keras.ops.argmax(Y, 1), keras.ops.argmax(Y_, 1))
    return keras.ops.mean(keras.ops.cast(correct_prediction, "float32"))


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

    def parity(
        self, names: Mapping[str, str], learning_rate: float | None, own_rate: Callable[[int], float]
    ) -> EagerModel:
        """The parity hooks' view (randomness off, `training=False`): the variables under the reference's
        names (`names`: reference name -> Keras variable path), one `train_step` per batch at
        `learning_rate`, or, if it is None, at `own_rate(k)` for the k-th batch (as at the start of an
        epoch in run(), and in the reference)."""
        by_path = {variable.path: variable for variable in self.model.trainable_variables}
        if set(by_path) != set(names.values()):
            raise KeyError(
                f"expected Keras variables {sorted(names.values())}, the model has {sorted(by_path)}"
            )
        steps = itertools.count()

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            loss, output = self._objective(self.model, batch, False)
            return output, loss

        def train_step(batch: Tensors) -> None:
            k = next(steps)
            self.train_step(batch, own_rate(k) if learning_rate is None else learning_rate, training=False)

        return EagerModel(
            variables={name: by_path[path] for name, path in names.items()},
            output_and_loss=output_and_loss,
            train_step=train_step,
            model=self.model,
        )


def _as_tensors(batch: Mapping[str, Any]) -> dict[str, tf.Tensor]:
    return {name: tf.convert_to_tensor(value, tf.float32) for name, value in batch.items()}
