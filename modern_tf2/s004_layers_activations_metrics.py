"""s004_layers_activations_metrics: the "useful operations" of Seed B:128-156 (prose only), in Keras 3.

The reference's small MNIST CNN with Keras 3 layers in place of TF1's `tf.layers`: Conv2D(16, 5x5,
"same", ReLU) "conv1" -> MaxPooling2D(2x2) -> Flatten -> Dense(64, ReLU) "dense1" -> Dropout(rate 0.4)
-> Dense(10) "logits"; Glorot-uniform kernels and zero biases (both libraries' defaults); mean sparse
softmax cross-entropy; Adam(0.001) with TF1's epsilon 1e-8 pinned; batches of 64 from the data module's
`next_batch`, one `train_on_batch` per step (Keras' compiled train step; `training=True` switches
Dropout on, as the reference's is_training feed does). Keras `Dropout` takes the drop rate, like
TF1's `tf.layers.dropout`. The TF1 `tf.metrics` streaming accuracy / mean loss / mean
per-class accuracy become compiled Keras metrics accumulated by `Model.evaluate` over test batches of
100 (`MeanPerClassAccuracy` is written here: Keras 3 has none; it keeps TF1's definition, the mean over
all classes of correct/total with 0 for an absent class). The activations are tabulated with
`keras.ops` (leaky ReLU's slope pinned to 0.2, tf.nn's default; Keras' is 0.2 as well).

Parity hooks: batch {"x": [N, 28, 28, 1] in [0, 1], "y": class ids}; "conv1/kernel" [5, 5, 1, 16],
"conv1/bias", "dense1/kernel" [3136, 64], "dense1/bias", "logits/kernel", "logits/bias" <-> the Keras
variables of the same paths (same layouts: Flatten of NHWC pools in the reference's reshape order);
the model is built without Dropout (randomness off); forward gives the logits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import layer_variables
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import glorot_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.001
DROPOUT_RATE = 0.4
BATCH_SIZE = 64
STEPS = 500
SMOKE_STEPS = 40
EVAL_BATCH = 100
ACTIVATION_INPUTS = (-2.0, -0.5, 0.0, 0.5, 2.0)


@keras.saving.register_keras_serializable(package="tfmigrate")
class MeanPerClassAccuracy(keras.metrics.Metric):  # type: ignore[misc]  # tensorflow/keras are untyped
    """TF1's `tf.metrics.mean_per_class_accuracy` for class ids and logits: a streaming confusion
    count, then the mean over all `num_classes` of (correct / total), 0 for a class never seen."""

    def __init__(self, num_classes: int, name: str = "mean_per_class_accuracy", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.num_classes = num_classes
        self.correct = self.add_variable(shape=(num_classes,), initializer="zeros", name="correct")
        self.total = self.add_variable(shape=(num_classes,), initializer="zeros", name="total")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        labels = keras.ops.reshape(keras.ops.cast(y_true, "int32"), (-1,))
        predictions = keras.ops.argmax(y_pred, axis=-1)
        hits = keras.ops.cast(keras.ops.equal(labels, keras.ops.cast(predictions, "int32")), "float32")
        one_hot = keras.ops.one_hot(labels, self.num_classes)
        self.total.assign_add(keras.ops.sum(one_hot, axis=0))
        self.correct.assign_add(keras.ops.sum(one_hot * hits[:, None], axis=0))

    def result(self) -> Any:
        return keras.ops.mean(keras.ops.divide_no_nan(self.correct, self.total))

    def reset_state(self) -> None:
        self.correct.assign(keras.ops.zeros((self.num_classes,)))
        self.total.assign(keras.ops.zeros((self.num_classes,)))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "num_classes": self.num_classes}


def cnn(learning_rate: float, *, dropout_rate: float = DROPOUT_RATE, seed: int | None = None) -> keras.Model:
    """The layers of Seed B's prose as one small classifier (see the module docstring), compiled."""

    def glorot(offset: int) -> keras.initializers.Initializer:
        return keras.initializers.GlorotUniform(seed=None if seed is None else seed + offset)

    layers: list[Any] = [
        keras.Input((28, 28, 1), name="x"),
        keras.layers.Conv2D(
            16, 5, padding="same", activation="relu", kernel_initializer=glorot(0), name="conv1"
        ),
        keras.layers.MaxPooling2D(pool_size=2, strides=2, name="pool1"),
        keras.layers.Flatten(name="flat"),
        keras.layers.Dense(64, activation="relu", kernel_initializer=glorot(1), name="dense1"),
    ]
    if dropout_rate > 0.0:
        layers.append(keras.layers.Dropout(dropout_rate, seed=seed, name="dropout"))
    layers.append(keras.layers.Dense(10, kernel_initializer=glorot(2), name="logits"))
    model = keras.Sequential(layers, name="cnn")
    model.compile(
        optimizer=adam(learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy"), MeanPerClassAccuracy(10)],
        jit_compile=False,
    )
    model.optimizer.build(model.trainable_variables)
    return model


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy draws like the layers' default initializers (exactly the reference's)."""
    return {
        "conv1/kernel": glorot_uniform(rng, [5, 5, 1, 16]),
        "conv1/bias": np.zeros([16], np.float32),
        "dense1/kernel": glorot_uniform(rng, [14 * 14 * 16, 64]),
        "dense1/bias": np.zeros([64], np.float32),
        "logits/kernel": glorot_uniform(rng, [64, 10]),
        "logits/bias": np.zeros([10], np.float32),
    }


def _activation_table() -> dict[str, list[float]]:
    """The activations Seed B means, with keras.ops, on a few inputs."""
    activations = {
        "relu": keras.ops.relu,
        "relu6": keras.ops.relu6,
        "elu": keras.ops.elu,
        "selu": keras.ops.selu,
        "leaky_relu": lambda t: keras.ops.leaky_relu(t, negative_slope=0.2),  # tf.nn's alpha, pinned
        "softplus": keras.ops.softplus,
        "softsign": keras.ops.softsign,
        "sigmoid": keras.ops.sigmoid,
        "tanh": keras.ops.tanh,
    }
    inputs = keras.ops.convert_to_tensor(ACTIVATION_INPUTS, dtype="float32")
    return {name: [round(float(v), 6) for v in np.asarray(fn(inputs))] for name, fn in activations.items()}


def _test_batches(images: np.ndarray, labels: np.ndarray) -> tf.data.Dataset:
    return tf.data.Dataset.from_tensor_slices((images, labels.astype(np.int32))).batch(EVAL_BATCH)


def run(config: RunConfig) -> Metrics:
    """Train the CNN a few hundred steps, score it with Keras metrics, tabulate activations."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=False, seed=config.seed, smoke=config.smoke
    )
    model = cnn(LEARNING_RATE, seed=config.seed)

    def train_batches() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for _ in range(steps):
            batch_x, batch_y = mnist.train.next_batch(BATCH_SIZE)
            yield batch_x, batch_y.astype(np.int32)

    losses = [float(model.train_on_batch(x, y, return_dict=True)["loss"]) for x, y in train_batches()]
    scores = model.evaluate(_test_batches(mnist.test.images, mnist.test.labels), verbose=0, return_dict=True)
    print(f"test accuracy {scores['accuracy']:.4f}, mean loss {scores['loss']:.4f}")
    table = _activation_table()
    for name, values in table.items():
        print(f"{name:>10}: {values}")
    metrics: Metrics = {
        "steps": steps,
        "first_loss": losses[0],
        "last_loss": losses[-1],
        "test_accuracy": float(scores["accuracy"]),
        "test_mean_loss": float(scores["loss"]),
        "test_mean_per_class_accuracy": float(scores["mean_per_class_accuracy"]),
        "activation_inputs": list(ACTIVATION_INPUTS),
    }
    metrics.update({f"activation_{name}": values for name, values in table.items()})
    return metrics


def _parity_build(learning_rate: float | None) -> EagerModel:
    model = cnn(LEARNING_RATE if learning_rate is None else learning_rate, dropout_rate=0.0)
    variables = layer_variables(model)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        logits = model(batch["x"], training=False)
        return logits, model.loss(batch["y"], logits)

    return EagerModel(
        variables=variables,
        output_and_loss=output_and_loss,
        train_step=lambda batch: model.train_on_batch(batch["x"], batch["y"]),
        model=model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec={"x": TensorSpec((28, 28, 1)), "y": TensorSpec((), dtype="int32", kind="index", low=0, high=10)},
        draw_weights=draw_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "s004_layers_activations_metrics",
        "TensorFlow API: dense/conv2d/max_pooling2d/dropout layers, tf.nn activations, tf.metrics",
        run,
        parity_model=parity_model,
        missing="Seed B has prose only (and refers to examples of its own book); the model is ours",
        tags=("seed_b", "trainable", "mnist"),
        migration=(
            "tf.layers.conv2d/max_pooling2d/dense/dropout, tf.nn activations, tf.metrics streaming ops, "
            "AdamOptimizer(epsilon=1e-8)",
            "keras.layers Conv2D/MaxPooling2D/Dense/Dropout, keras.ops activations, compiled keras.metrics "
            "+ Model.evaluate, TF1's Adam (epsilon 1e-8, float32 betas)",
        ),
    ),
)
