"""The parity hooks of every trainable modern example (tfmigrate.book.runtime.ParityModel, FastParityModel).

An example's parity build makes a fresh model and a fresh optimizer with the module's own code and returns
an `EagerModel`: its variables (by a key of the module's choosing), its output and training loss with all
randomness off, and one step of its own training code (the tf.function or Keras train function its run()
uses). `EagerParityModel` turns such a build into the hooks:

* every call builds a fresh model (fresh optimizer slots, so calls never interfere) and assigns the given
  weights, which arrive under the reference tree's names and layouts: `to_model` maps them onto the
  model's keys, `from_model` maps values and gradients back (each module documents its mapping; the
  default is the identity, for models whose keys are the reference names);
* batches become tensors of the batch spec's dtypes (class-id labels stay integers);
* gradients are taken with a GradientTape over the output-and-loss function, in a tf.function, for the
  trainable variables (IndexedSlices, e.g. an Embedding's, made dense);
* `evaluate` computes forward, loss and gradients in one traced call (the three separate hooks are that
  same computation), `trajectory` the weights after every step of one training run (exactly what
  `train_steps` gives for each prefix of the batches; tested).

`compiled_keras` builds the `EagerModel` of a compiled Keras 3 model: Keras' own loss (`compute_loss`,
the compiled loss plus regularisation losses, as `fit` minimises it) and Keras' own training step
(`train_on_batch`, the compiled train function `fit` runs).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
import tensorflow as tf

from tfmigrate.book.runtime import Batch, EvaluatingParityModel, TensorSpec, Weights, leaf_layers

Tensors: TypeAlias = dict[str, tf.Tensor]
"""One batch as tensors, by input name."""


@dataclass
class EagerModel:
    """What a module's parity build returns: a fresh model and optimizer, and the module's own code.

    `variables` holds every variable the hooks exchange (trainable ones and state such as batch-norm
    moving statistics), by the keys `to_model`/`from_model` use; `trainable` the keys that get gradients
    (None: every variable whose `trainable` is true). `output_and_loss` runs with randomness off and is
    traced inside a tf.function by the hooks; `train_step` is one step of the module's own training code
    at the learning rate the model was built for. `model` is the Keras model or tf.Module itself.
    """

    variables: Mapping[str, Any]
    output_and_loss: Callable[[Tensors], tuple[tf.Tensor, tf.Tensor]]
    train_step: Callable[[Tensors], Any]
    trainable: Collection[str] | None = None
    model: Any = None

    def trainable_keys(self) -> list[str]:
        if self.trainable is not None:
            return sorted(self.trainable)
        return sorted(key for key, variable in self.variables.items() if getattr(variable, "trainable", True))


BuildFn: TypeAlias = Callable[[float | None], EagerModel]
"""A fresh model and optimizer at a learning rate; None: the example's own (a constant or its schedule)."""

ToModel: TypeAlias = Callable[[Weights], Mapping[str, np.ndarray]]
FromModel: TypeAlias = Callable[[Mapping[str, np.ndarray], bool], Weights]
"""(arrays by model key, whether they are gradients) -> reference names and layouts."""


def _identity_to_model(weights: Weights) -> Mapping[str, np.ndarray]:
    return weights


def _identity_from_model(arrays: Mapping[str, np.ndarray], gradient: bool) -> Weights:
    return {key: np.asarray(value, np.float32) for key, value in arrays.items()}


class EagerParityModel(EvaluatingParityModel):
    """ParityModel and FastParityModel hooks over a module's parity build (see the module docstring)."""

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        build: BuildFn,
        *,
        to_model: ToModel | None = None,
        from_model: FromModel | None = None,
    ) -> None:
        super().__init__(spec, draw_weights)
        self._build = build
        self._to_model = to_model or _identity_to_model
        self._from_model = from_model or _identity_from_model

    def tensors(self, batch: Batch) -> Tensors:
        """The batch as tensors of the batch spec's dtypes."""
        return {name: tf.constant(np.asarray(batch[name], spec.dtype)) for name, spec in self._spec.items()}

    def load(self, weights: Weights, learning_rate: float | None = None) -> EagerModel:
        """A fresh model holding `weights` (reference names and layouts), with a fresh optimizer."""
        model = self._build(learning_rate)
        arrays = self._to_model(weights)
        if set(arrays) != set(model.variables):
            raise KeyError(
                f"mapped weights {sorted(arrays)} do not match the model's {sorted(model.variables)}"
            )
        for key, variable in model.variables.items():
            variable.assign(np.asarray(arrays[key], np.float32).reshape(variable.shape))
        return model

    def export(self, model: EagerModel) -> Weights:
        """The model's variables under the reference names and layouts."""
        values = {key: np.asarray(variable.numpy()) for key, variable in model.variables.items()}
        return self._from_model(values, False)

    def _gradients(self, model: EagerModel, batch: Tensors) -> tuple[tf.Tensor, tf.Tensor, list[tf.Tensor]]:
        keys = model.trainable_keys()
        with tf.GradientTape() as tape:
            output, loss = model.output_and_loss(batch)
        grads = tape.gradient(loss, [model.variables[key] for key in keys])
        return output, loss, [tf.convert_to_tensor(g) for g in grads]

    def _gradient_weights(self, model: EagerModel, values: Sequence[Any]) -> Weights:
        arrays = {key: np.asarray(value) for key, value in zip(model.trainable_keys(), values, strict=True)}
        return {name: np.asarray(value, np.float32) for name, value in self._from_model(arrays, True).items()}

    # -- ParityModel ------------------------------------------------------------------------------------

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        model = self.load(weights, learning_rate)
        for batch in batches:
            model.train_step(self.tensors(batch))
        return self.export(model)

    # -- FastParityModel --------------------------------------------------------------------------------

    def evaluate(self, weights: Weights, batch: Batch) -> tuple[np.ndarray, float, Weights]:
        """(forward, loss, gradients) from one model and one traced call."""
        model = self.load(weights)
        output, loss, values = tf.function(lambda b: self._gradients(model, b))(self.tensors(batch))
        return np.asarray(output), float(loss), self._gradient_weights(model, values)

    def trajectory(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> list[Weights]:
        """The weights after each step of one training run from fresh optimizer state."""
        model = self.load(weights, learning_rate)
        path: list[Weights] = []
        for batch in batches:
            model.train_step(self.tensors(batch))
            path.append(self.export(model))
        return path


# ----------------------------------------------------------------------------------------------------------
# Compiled Keras 3 models


def reference_names(model: Any) -> dict[str, Any]:
    """Every variable of a Keras 3 `model` under the name legacy Keras 2 gave it (the reference's names).

    Keras 3 paths carry the enclosing model names ("sequential/lstm/lstm_cell/kernel"); legacy Keras 2
    named variables from the owning layer down ("lstm/lstm_cell/kernel"). Layouts are the same in both
    (Dense [in, out], Conv [k..., in, out], Embedding [vocabulary, dim], LSTM kernels [in | units, 4 units]
    with gates i, f, c, o), so the mapping is a renaming only.
    """
    found: dict[str, Any] = {}
    for layer in leaf_layers(model):
        for variable in layer.weights:
            parts = variable.path.split("/")
            start = len(parts) - 1 - parts[::-1].index(layer.name)
            found["/".join(parts[start:])] = variable
    return found


def compiled_keras(model: Any, inputs: Sequence[str], target: str = "y") -> EagerModel:
    """The `EagerModel` of a compiled Keras 3 model whose variables are keyed by `reference_names`.

    `inputs` are the batch keys in the model's input order; forward is `model(x, training=False)`, the
    loss `model.compute_loss` on it, a step `model.train_on_batch(x, batch[target])`.
    """

    def x_of(batch: Tensors) -> Any:
        x = [batch[name] for name in inputs]
        return x if len(x) > 1 else x[0]

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        x = x_of(batch)
        y = tf.cast(batch[target], tf.float32)
        output = model(x, training=False)
        return output, model.compute_loss(x=x, y=y, y_pred=output, training=False)

    return EagerModel(
        variables=reference_names(model),
        output_and_loss=output_and_loss,
        train_step=lambda batch: model.train_on_batch(x_of(batch), tf.cast(batch[target], tf.float32)),
        trainable={name for name, v in reference_names(model).items() if v.trainable},
        model=model,
    )
