"""ch08_keras_sequential_intro: the Keras programming model (Seed A L8106-8112 version check, L8129-8180),
rewritten for Keras 3 (`import keras`). Spec: reference_tf1/ch08_keras_sequential_intro.py.

The book's Keras 1 fragments as one program on the reference's seeded synthetic data (100 uniform
features, 10 classes given by a fixed random linear teacher): `keras.Sequential` of Dense(64, input 100) +
Activation("relu") + Dense(10) + Activation("softmax"), `compile(categorical_crossentropy, SGD, accuracy)`,
`fit(epochs=5, batch_size=32)`, one `train_on_batch`, then predictions. Keras 3 runs `fit` eagerly around
a tf.function train step (the reference: legacy Keras 2's Session loop).

Keras 1 -> 3 at this spot (same traps as in the reference): `Dense(output_dim=)` -> `units` (TypeError in
Keras 3); `fit(nb_epoch=)` -> `epochs` (TypeError); `predict_classes` / `predict_proba` removed ->
`argmax(predict(x))` / `predict(x)`; 'sgd' pinned to `keras.optimizers.SGD(learning_rate=0.01, momentum=0.0,
nesterov=False)` (Keras 2.0.2's SGD defaults); kernels glorot_uniform and biases zeros spelled out.
Compiled with jit_compile=False (Keras' "auto" already disables XLA on a CPU-only machine; pinned so that
the benchmark can flip `JIT_COMPILE`).

WEIGHT MAPPING (reference name -> Keras 3 variable; same layouts): "dense/kernel" [100, 64] ->
layer "dense".kernel, "dense/bias" -> .bias, "dense_1/kernel" [64, 10] / "dense_1/bias" -> layer "dense_1"
(`_ch08_ch10_common.reference_names` strips the model-name prefix of the Keras 3 path).
`config.steps` overrides the number of epochs.
"""

from __future__ import annotations

import keras
import numpy as np

from modern_tf2._parity import EagerParityModel, compiled_keras
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.initializers import glorot_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

INPUT_DIM = 100
HIDDEN = 64
CLASSES = 10
EPOCHS = 5
BATCH_SIZE = 32
LEARNING_RATE = 0.01  # Keras 2.0.2's SGD default
N_TRAIN, N_TEST = 1000, 200
SMOKE_TRAIN, SMOKE_TEST = 256, 64
JIT_COMPILE = False


def build_model(learning_rate: float = LEARNING_RATE, seed: int | None = None) -> keras.Sequential:
    """The book's two-layer model, compiled as in L8166-8168, with the reference's layer names."""

    def glorot(k: int) -> keras.initializers.Initializer:
        return keras.initializers.GlorotUniform(seed=None if seed is None else seed + k)

    model = keras.Sequential(
        [
            keras.Input((INPUT_DIM,)),
            # Keras 1 `Dense(output_dim=64, input_dim=100)`: `units` (and an Input) in Keras 2/3.
            keras.layers.Dense(HIDDEN, kernel_initializer=glorot(0), bias_initializer="zeros", name="dense"),
            keras.layers.Activation("relu", name="activation"),
            keras.layers.Dense(
                CLASSES, kernel_initializer=glorot(1), bias_initializer="zeros", name="dense_1"
            ),
            keras.layers.Activation("softmax", name="activation_1"),
        ],
        name="sequential",
    )
    sgd = gradient_descent(learning_rate)  # Keras 2's 'sgd': lr 0.01, no momentum, no Nesterov
    model.compile(
        loss="categorical_crossentropy", optimizer=sgd, metrics=["accuracy"], jit_compile=JIT_COMPILE
    )
    return model


def synthetic_data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The reference's data: uniform features, one-hot labels from a fixed random linear teacher."""
    teacher = np.random.default_rng(1234).normal(size=(INPUT_DIM, CLASSES))
    x = np.random.default_rng(seed).uniform(0.0, 1.0, size=(n, INPUT_DIM)).astype(np.float32)
    labels = np.argmax((x - 0.5) @ teacher, axis=1)
    return x, np.eye(CLASSES, dtype=np.float32)[labels]


def run(config: RunConfig) -> Metrics:
    print(f"Keras version: {keras.__version__}  (book: 2.0.2)")
    n_train, n_test = (SMOKE_TRAIN, SMOKE_TEST) if config.smoke else (N_TRAIN, N_TEST)
    X_train, Y_train = synthetic_data(n_train, config.seed)
    X_test, Y_test = synthetic_data(n_test, config.seed + 1)
    epochs = config.steps if config.steps is not None else EPOCHS
    keras.utils.set_random_seed(config.seed)  # Python, numpy and TF generators (fit's shuffling)
    model = build_model(seed=config.seed)
    # Keras 1 `fit(..., nb_epoch=5, ...)`: `epochs` (TypeError in Keras 3).
    history = model.fit(X_train, Y_train, epochs=epochs, batch_size=BATCH_SIZE, verbose=2)
    X_batch, Y_batch = X_train[:BATCH_SIZE], Y_train[:BATCH_SIZE]
    batch_loss, batch_acc = model.train_on_batch(X_batch, Y_batch)
    # `predict_classes` / `predict_proba` were removed: argmax of predict / predict.
    proba = model.predict(X_test, batch_size=BATCH_SIZE, verbose=0)
    classes = np.argmax(proba, axis=-1)
    accuracy = float(np.mean(classes == np.argmax(Y_test, axis=1)))
    print("classes:", classes[:10])
    print("proba[0]:", np.round(proba[0], 4))
    print(f"test accuracy: {accuracy:.4f}")
    return {
        "epochs": epochs,
        "final_loss": float(history.history["loss"][-1]),
        "final_accuracy": float(history.history["accuracy"][-1]),
        "train_on_batch_loss": float(batch_loss),
        "train_on_batch_accuracy": float(batch_acc),
        "test_accuracy": accuracy,
        "first_classes": [int(c) for c in classes[:10]],
        "proba_row_sum": float(np.sum(proba[0])),
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """The reference's draws: glorot_uniform kernels in layer order, zero biases."""
    return {
        "dense/kernel": glorot_uniform(rng, (INPUT_DIM, HIDDEN)),
        "dense/bias": np.zeros(HIDDEN, np.float32),
        "dense_1/kernel": glorot_uniform(rng, (HIDDEN, CLASSES)),
        "dense_1/bias": np.zeros(CLASSES, np.float32),
    }


def parity_model() -> EagerParityModel:
    """Keras' compiled loss (categorical cross-entropy, batch mean) and its train_on_batch SGD step."""
    return EagerParityModel(
        spec={"x": TensorSpec((INPUT_DIM,)), "y": TensorSpec((CLASSES,), kind="one_hot", depth=CLASSES)},
        draw_weights=initial_weights,
        build=lambda learning_rate: compiled_keras(
            build_model(LEARNING_RATE if learning_rate is None else learning_rate), inputs=["x"]
        ),
    )


EXAMPLES = (
    Example(
        "ch08_keras_sequential_intro",
        "Keras Sequential model: Dense/Activation, compile, fit, train_on_batch, predictions",
        run,
        parity_model=parity_model,
        missing="the book gives no data for these fragments: seeded synthetic 100-feature, 10-class data",
        tags=("ch08", "keras"),
        migration=(
            "Keras 1 Sequential (Dense(output_dim=), fit(nb_epoch=), predict_classes/predict_proba) on "
            "legacy Keras 2's Session-based training loop",
            "Keras 3 Sequential (units=, epochs=, argmax(predict)), fit's tf.function train step, "
            "keras.optimizers.SGD(0.01) pinned",
        ),
    ),
)
