"""s004_optimizers_batchnorm: optimizers, batch normalisation and early stopping (Seed B:223-240, prose),
with Keras 3.

The reference's network -- the iris DNN with batch normalisation (momentum 0.9, epsilon 0.001, see
BN_MOMENTUM) between each hidden layer and its ReLU -- as a Keras functional model, trained by
`Model.fit` with each of the three optimizers, TF1's defaults pinned: SGD(0.1); Adam(0.01, epsilon 1e-8,
float32 betas); RMSProp(0.01, decay 0.9, momentum 0.9, epsilon 1e-10) as `TF1RMSProp` (TF1's slot start
1.0 and update order, see modern_tf2._tf1_optimizers). Keras' BatchNormalization updates its moving statistics
during the training forward pass (no UPDATE_OPS dependency to forget) with TF1's convention,
moving = moving * momentum + batch * (1 - momentum), biased batch variance. Validation every
EVAL_EVERY steps (Keras: one "epoch" of EVAL_EVERY steps, validation_data evaluated in inference mode,
i.e. with the moving statistics, as the reference's is_training=False), and
`keras.callbacks.EarlyStopping(patience=PATIENCE, min_delta=MIN_DELTA)` stops at the same evaluation the
reference's loop does (wait counter reset on an improvement larger than MIN_DELTA).

Parity hooks (RMSProp with momentum, Seed B's emphasis; `parity_model("adam")` etc. for the others):
batch {"x": iris features [N, 4], "y": class ids}; the names "dnn/hiddenlayer_k/{kernel,bias}",
"dnn/batchnorm_k/{gamma,beta,moving_mean,moving_variance}", "dnn/logits/{kernel,bias}" <-> Keras
"hiddenlayer_k/kernel" ... "batchnorm_k/moving_variance" (same layouts); every hook runs batch norm in
training mode (batch statistics; train_steps, Keras' own train step, also returns the updated moving
statistics); forward gives the logits.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    canonical_variables,
    draw_iris_dnn,
    iris_dnn,
    iris_split,
)
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam, gradient_descent, rmsprop
from tfmigrate.book.runtime import Example, Metrics, RunConfig, Weights

OPTIMIZERS: dict[str, tuple[Callable[[float], keras.optimizers.Optimizer], float]] = {
    "gradient_descent": (gradient_descent, 0.1),
    "adam": (adam, 0.01),
    "rmsprop_momentum": (lambda rate: rmsprop(rate, decay=0.9, momentum=0.9, epsilon=1e-10), 0.01),
}
"""Optimizer factory and learning rate for each run."""

BATCH_SIZE = 30
MAX_STEPS = 600
SMOKE_MAX_STEPS = 60
EVAL_EVERY = 10
PATIENCE = 5
MIN_DELTA = 1e-4
BN_MOMENTUM = 0.9
"""As the reference (not the default 0.99, under which the moving statistics would lag for hundreds of
steps with 4 batches per epoch)."""


def bn_classifier(learning_rate: float, optimizer: str, seed: int | None = None) -> keras.Model:
    """The batch-normalised iris DNN, compiled with the chosen optimizer and the mean cross-entropy."""
    features = keras.Input((4,), name="features")
    logits = iris_dnn(features, batch_norm=True, batch_norm_momentum=BN_MOMENTUM, seed=seed)
    model = keras.Model(features, logits, name="dnn")
    make_optimizer, _ = OPTIMIZERS[optimizer]
    model.compile(
        optimizer=make_optimizer(learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")],
        jit_compile=False,
    )
    model.optimizer.build(model.trainable_variables)
    return model


def train_with_early_stopping(
    optimizer: str, max_steps: int, seed: int, data: tuple[np.ndarray, ...]
) -> dict[str, float | int]:
    """Train until the validation loss stops improving (or max_steps); returns the run's summary."""
    train_x, train_y, valid_x, valid_y = data
    batches = IrisBatches(train_x, train_y, BATCH_SIZE, seed).dataset()
    _, learning_rate = OPTIMIZERS[optimizer]
    model = bn_classifier(learning_rate, optimizer, seed=seed)
    validation = tf.data.Dataset.from_tensors((valid_x, valid_y))  # one full batch, as the reference feeds

    def validation_loss_and_accuracy() -> tuple[float, float]:
        logits = model(valid_x, training=False)  # batch norm with its moving statistics
        accuracy = np.mean(np.argmax(logits, axis=1) == valid_y)
        return float(model.loss(valid_y, logits)), float(accuracy)

    first_loss, _ = validation_loss_and_accuracy()
    early = keras.callbacks.EarlyStopping(monitor="val_loss", patience=PATIENCE, min_delta=MIN_DELTA)
    evaluations, rest = divmod(max_steps, EVAL_EVERY)
    if evaluations:
        model.fit(
            batches,
            steps_per_epoch=EVAL_EVERY,
            epochs=evaluations,
            validation_data=validation,
            callbacks=[early],
            shuffle=False,
            verbose=0,
        )
    if rest and not model.stop_training:  # the reference's last, unevaluated steps
        model.fit(batches, steps_per_epoch=rest, epochs=1, shuffle=False, verbose=0)
    steps = int(model.optimizer.iterations.numpy())
    final_loss, final_accuracy = validation_loss_and_accuracy()
    return {
        "steps": steps,
        "stopped_early": int(steps < max_steps),
        "best_step": (early.best_epoch + 1) * EVAL_EVERY if early.best is not None else 0,
        "first_valid_loss": first_loss,
        "best_valid_loss": float(early.best) if early.best is not None else float("inf"),
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


def parity_model(optimizer: str = "rmsprop_momentum") -> EagerParityModel:
    """Parity hooks (see the module docstring); `optimizer` picks another of OPTIMIZERS."""

    def draw(rng: np.random.Generator) -> Weights:
        return draw_iris_dnn(rng, batch_norm=True)

    def build(learning_rate: float | None) -> EagerModel:
        model = bn_classifier(OPTIMIZERS[optimizer][1] if learning_rate is None else learning_rate, optimizer)
        variables = canonical_variables(model)

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            logits = model(batch["x"], training=True)  # batch statistics, as the reference's is_training
            return logits, model.loss(batch["y"], logits)

        return EagerModel(
            variables=variables,
            output_and_loss=output_and_loss,
            train_step=lambda batch: model.train_on_batch(batch["x"], batch["y"]),
            trainable=tuple(f"dnn/{v.path}" for v in model.trainable_variables),
            model=model,
        )

    return EagerParityModel(spec=IRIS_BATCH_SPEC, draw_weights=draw, build=build)


EXAMPLES = (
    Example(
        "s004_optimizers_batchnorm",
        "TensorFlow API: GradientDescent/Adam/RMSProp(momentum) with batch normalisation and early stopping",
        run,
        parity_model=parity_model,
        missing="Seed B has prose only; the network, data and early-stopping rule are ours",
        tags=("seed_b", "trainable", "iris"),
        migration=(
            "layers.batch_normalization + UPDATE_OPS control dependency, GradientDescent/Adam/RMSProp "
            "optimizers, a hand-written early-stopping loop",
            "keras.layers.BatchNormalization(momentum=0.9, epsilon=0.001), SGD/TF1Adam/TF1RMSProp (slot 1), "
            "Model.fit + keras.callbacks.EarlyStopping",
        ),
    ),
)
