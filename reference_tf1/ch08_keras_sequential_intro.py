"""ch08_keras_sequential_intro — the Keras programming model (Seed A L8106-8112 version check, L8129-8180).

The book shows a Keras 1 style `Sequential` model in fragments (no data): Dense(64, input_dim=100) + ReLU,
Dense(10) + softmax, `compile(categorical_crossentropy, 'sgd', accuracy)`, `fit(nb_epoch=5, batch_size=32)`,
`train_on_batch`, `predict_classes` and `predict_proba`. Here the fragments form one program on seeded
synthetic data (100 features, 10 classes given by a fixed random linear "teacher", so that the model has
something to learn), in TF1 graph mode: legacy Keras 2 (`tf.keras` is tf_keras 2.21 under
TF_USE_LEGACY_KERAS=1) building into a `tf.Graph` whose `tf.compat.v1.Session` is the Keras backend session,
i.e. tf_keras' v1 training loop, which is what Keras 2.0.2 on TF 1.0 ran.

Keras 1 -> 2 -> 3 traps at this spot (each is commented where it occurs below):
* `Dense(output_dim=64)`: Keras 2 renamed it `units` (2.0.2 still accepted `output_dim` with a warning);
  Keras 3 raises TypeError.
* `fit(nb_epoch=5)`: Keras 2 `epochs` (2.0.x warned); Keras 3 raises TypeError.
* `predict_classes` / `predict_proba`: gone since TF 2.6 / Keras 3 -> `argmax(predict(x))` / `predict(x)`.
* `optimizer='sgd'`: Keras 2.0.2's SGD(lr=0.01, momentum=0, decay=0, nesterov=False); pinned below.

`config.steps` overrides the number of epochs.
"""

from __future__ import annotations

from importlib.metadata import version

import numpy as np
import tensorflow as tf

from reference_tf1._parity import KerasGraphParityModel, keras_graph_session
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec

INPUT_DIM = 100
HIDDEN = 64
CLASSES = 10
EPOCHS = 5
BATCH_SIZE = 32
LEARNING_RATE = 0.01  # Keras 2.0.2's SGD default
N_TRAIN, N_TEST = 1000, 200
SMOKE_TRAIN, SMOKE_TEST = 256, 64


def build_model(learning_rate: float = LEARNING_RATE) -> tf.keras.Sequential:
    """The book's two-layer model, compiled as in L8166-8168 (layer names as Keras 2 auto-names them)."""
    model = tf.keras.Sequential()
    # Keras 1 `Dense(output_dim=64, input_dim=100)`: `output_dim` is `units` since Keras 2 (TypeError in 3).
    model.add(tf.keras.layers.Dense(units=HIDDEN, input_dim=INPUT_DIM, name="dense"))
    model.add(tf.keras.layers.Activation("relu", name="activation"))
    model.add(tf.keras.layers.Dense(units=CLASSES, name="dense_1"))
    model.add(tf.keras.layers.Activation("softmax", name="activation_1"))
    # 'sgd' pinned to the Keras 2 optimizer with Keras 2.0.2's defaults (lr 0.01, no momentum/decay).
    sgd = tf.keras.optimizers.legacy.SGD(learning_rate=learning_rate, momentum=0.0, nesterov=False)
    model.compile(loss="categorical_crossentropy", optimizer=sgd, metrics=["accuracy"])
    return model


def synthetic_data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Uniform features and one-hot labels from a fixed random linear teacher (the book has no data here)."""
    teacher = np.random.default_rng(1234).normal(size=(INPUT_DIM, CLASSES))
    x = np.random.default_rng(seed).uniform(0.0, 1.0, size=(n, INPUT_DIM)).astype(np.float32)
    labels = np.argmax((x - 0.5) @ teacher, axis=1)
    return x, np.eye(CLASSES, dtype=np.float32)[labels]


def run(config: RunConfig) -> Metrics:
    print(f"Keras (tf_keras) version: {version('tf-keras')}  (book: 2.0.2)")
    n_train, n_test = (SMOKE_TRAIN, SMOKE_TEST) if config.smoke else (N_TRAIN, N_TEST)
    X_train, Y_train = synthetic_data(n_train, config.seed)
    X_test, Y_test = synthetic_data(n_test, config.seed + 1)
    epochs = config.steps if config.steps is not None else EPOCHS
    np.random.seed(config.seed)  # Keras' fit shuffles with numpy's global generator
    with keras_graph_session(config.seed):
        model = build_model()
        # Keras 1 `fit(..., nb_epoch=5, ...)`: `epochs` since Keras 2 (TypeError in Keras 3).
        history = model.fit(X_train, Y_train, epochs=epochs, batch_size=BATCH_SIZE, verbose=2)
        X_batch, Y_batch = X_train[:BATCH_SIZE], Y_train[:BATCH_SIZE]
        batch_loss, batch_acc = model.train_on_batch(X_batch, Y_batch)
        # `predict_classes` / `predict_proba` were removed (TF 2.6 / Keras 3): argmax of predict / predict.
        proba = model.predict(X_test, batch_size=BATCH_SIZE)
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


def parity_model() -> KerasGraphParityModel:
    return KerasGraphParityModel(
        spec={
            "x": TensorSpec((INPUT_DIM,)),
            "y": TensorSpec((CLASSES,), kind="one_hot", depth=CLASSES),
        },
        build=build_model,
        inputs=["x"],
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch08_keras_sequential_intro",
        "Keras Sequential model: Dense/Activation, compile, fit, train_on_batch, predictions",
        run,
        parity_model=parity_model,
        missing="the book gives no data for these fragments: seeded synthetic 100-feature, 10-class data",
    ),
)
