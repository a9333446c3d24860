"""s004_estimator_iris_input_fn: an Estimator trained from an `input_fn` over iris features (Seed B:105-126),
the Keras 3 way.

`tf.estimator` is gone from TensorFlow 2.21. Its TF2 replacement is a Keras model fed by tf.data: the
input functions here return a `tf.data.Dataset` of (feature dict, labels), or the book's numpy pair,
exactly as in the reference, and `DNNClassifier` keeps the bits of the Estimator the fragment uses --
`train(input_fn, steps)` (Keras `Model.fit` for `steps` batches), `evaluate` (accuracy and mean loss,
Keras metrics) and `predict` -- over checkpoints in `model_dir` (`tf.train.CheckpointManager`; a new
classifier on the same directory resumes, as an Estimator did).

The same model as the reference's canned DNNClassifier: the four numeric features concatenated in
name order (PetalLength, PetalWidth, SepalLength, SepalWidth: `input_layer` sorted the columns, here the
`FeatureColumns` layer does), ReLU layers "hiddenlayer_0/1" of 10 units and "logits" (Glorot-uniform
kernels, zero biases), the sparse softmax cross-entropy summed over the batch (TF 1.x canned
estimators' `Reduction.SUM`: `reduction="sum"`), and Adagrad(0.05) with accumulators starting at 0.1
and no epsilon (`adagrad_estimator`: Keras' epsilon 1e-7 inside the sqrt pinned to 0, TF1 has none).

Parity hooks: batch {"x": [N, 4] in Seed B's column order, "y": class ids}; the names
"dnn/hiddenlayer_k/kernel" ... "dnn/logits/bias" <-> Keras paths "hiddenlayer_k/kernel" ... (same
layouts; the first kernel's rows in name order in both trees); forward gives the logits; training by
`train_on_batch`, i.e. the train step `fit` runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import (
    IRIS_BATCH_SPEC,
    IRIS_FEATURES,
    as_feature_dict,
    book_input_fn_rows,
    canonical_variables,
    draw_iris_dnn,
    iris_dnn,
    iris_split,
    make_logdir,
)
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adagrad
from tfmigrate.book.runtime import Example, Metrics, RunConfig

STEPS = 1000
SMOKE_STEPS = 200
BATCH_SIZE = 100
HIDDEN_UNITS = (10, 10)
N_CLASSES = 3
LEARNING_RATE = 0.05

InputFn = Callable[[], Any]


def input_fn() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Seed B's input_fn (B:106-112), verbatim: two iris rows and their labels."""
    return book_input_fn_rows()


@keras.saving.register_keras_serializable(package="tfmigrate")
class FeatureColumns(keras.layers.Layer):  # type: ignore[misc]  # tensorflow/keras are untyped
    """`input_layer(features, [numeric_column(name) ...])`: one float column per name, in sorted order."""

    def __init__(self, names: Sequence[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.names = sorted(names)

    def call(self, features: Mapping[str, Any]) -> Any:
        return keras.ops.stack([keras.ops.cast(features[name], "float32") for name in self.names], axis=-1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "names": list(self.names)}


def make_model(learning_rate: float = LEARNING_RATE, seed: int | None = None) -> keras.Model:
    """The canned DNNClassifier's network on a dict of features, compiled with its loss and optimizer."""
    inputs = {name: keras.Input(shape=(), name=name) for name in IRIS_FEATURES}
    net = FeatureColumns(IRIS_FEATURES, name="input_layer")(inputs)
    logits = iris_dnn(net, hidden_units=HIDDEN_UNITS, n_classes=N_CLASSES, seed=seed)
    model = keras.Model(inputs, logits, name="dnn")
    model.compile(
        optimizer=adagrad(learning_rate, initial_accumulator_value=0.1),
        # TF 1.x canned estimators summed the per-example losses (losses.Reduction.SUM).
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction="sum"),
        jit_compile=False,
    )
    model.optimizer.build(model.trainable_variables)  # slots exist before a checkpoint is restored
    return model


def _dataset(fn: InputFn) -> tuple[tf.data.Dataset, bool]:
    """The input_fn's data as a Dataset, and whether it was one (numpy pairs become one full batch)."""
    result = fn()
    if isinstance(result, tf.data.Dataset):
        return result, True
    features, labels = result if isinstance(result, tuple) else (result, None)
    features = {name: np.asarray(value, np.float32) for name, value in features.items()}
    data = features if labels is None else (features, np.asarray(labels, np.int32))
    return tf.data.Dataset.from_tensors(data), False


class DNNClassifier:
    """The bits of `tf.estimator.DNNClassifier` the fragment uses, over checkpoints in `model_dir`."""

    def __init__(self, model_dir: Path, seed: int) -> None:
        self.model_dir = model_dir
        self.model = make_model(seed=seed)
        self.last_loss = float("nan")
        checkpoint = tf.train.Checkpoint(model=self.model, optimizer=self.model.optimizer)
        # The Estimator's Saver kept the last 5 checkpoints ("model.ckpt-<global step>").
        self.manager = tf.train.CheckpointManager(
            checkpoint, str(model_dir), max_to_keep=5, checkpoint_name="model.ckpt"
        )
        if self.manager.latest_checkpoint is not None:
            checkpoint.restore(self.manager.latest_checkpoint).assert_consumed()

    @property
    def global_step(self) -> int:
        return int(self.model.optimizer.iterations.numpy())

    def train(self, input_fn: InputFn, steps: int) -> DNNClassifier:
        """`steps` optimizer steps on the input_fn's batches (numpy input: the same batch every step)."""
        dataset, is_dataset = _dataset(input_fn)
        if not is_dataset:
            dataset = dataset.repeat()
        history = self.model.fit(dataset, steps_per_epoch=steps, epochs=1, shuffle=False, verbose=0)
        self.last_loss = float(history.history["loss"][-1])
        self.manager.save(checkpoint_number=self.global_step)
        return self

    def evaluate(self, input_fn: InputFn, steps: int | None = None) -> dict[str, float]:
        """Accuracy and mean per-example loss over the input_fn's data (one pass, or `steps` batches)."""
        dataset, _ = _dataset(input_fn)
        if steps is not None:
            dataset = dataset.take(steps)
        accuracy = keras.metrics.SparseCategoricalAccuracy()
        average_loss = keras.metrics.Mean()
        for features, labels in dataset:
            logits = self.model(features, training=False)
            accuracy.update_state(labels, logits)
            average_loss.update_state(
                keras.losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)
            )
        return {
            "accuracy": float(accuracy.result()),
            "average_loss": float(average_loss.result()),
            "global_step": self.global_step,
        }

    def predict(self, input_fn: InputFn) -> tuple[np.ndarray, np.ndarray]:
        """Class ids and probabilities for the input_fn's features (one batch)."""
        dataset, _ = _dataset(input_fn)
        element = next(iter(dataset))
        features = element[0] if isinstance(element, tuple) else element
        probabilities = keras.ops.softmax(self.model(features, training=False)).numpy()
        return np.argmax(probabilities, axis=1).astype(np.int32), probabilities


def run(config: RunConfig) -> Metrics:
    """Train the classifier from input functions, evaluate it, predict the book's two rows."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    model_dir = make_logdir(config, "iris_dnn_classifier")
    for stale in model_dir.glob("*"):
        stale.unlink()  # a fresh model: the classifier would resume from an old checkpoint here
    train_x, train_y, test_x, test_y = iris_split(config.seed)

    def train_input_fn() -> tf.data.Dataset:
        dataset = tf.data.Dataset.from_tensor_slices((as_feature_dict(train_x), train_y))
        return dataset.shuffle(1000, seed=config.seed).repeat().batch(BATCH_SIZE)

    def eval_input_fn() -> tf.data.Dataset:
        return tf.data.Dataset.from_tensor_slices((as_feature_dict(test_x), test_y)).batch(BATCH_SIZE)

    estimator = DNNClassifier(model_dir, config.seed)
    estimator.train(input_fn=train_input_fn, steps=steps)
    # Seed B: estimator.test(input_fn=input_train) -- no such method; `evaluate` is the Estimator's call.
    test_result = estimator.evaluate(input_fn=eval_input_fn)
    book_rows_result = estimator.evaluate(input_fn=input_fn)
    class_ids, probabilities = estimator.predict(input_fn=input_fn)
    print(f"Test set accuracy: {test_result['accuracy']:0.3f}")
    print(f"Seed B's two rows: predicted {class_ids.tolist()}, labels {input_fn()[1].tolist()}")
    return {
        "steps": steps,
        "global_step": test_result["global_step"],
        "last_train_loss": estimator.last_loss,
        "test_accuracy": test_result["accuracy"],
        "test_average_loss": test_result["average_loss"],
        "book_rows_accuracy": book_rows_result["accuracy"],
        "book_rows_predicted": [int(v) for v in class_ids],
        "book_rows_labels": [int(v) for v in input_fn()[1]],
        "book_rows_max_probability": [float(v) for v in probabilities.max(axis=1)],
        "model_dir": str(model_dir),
    }


def _features(x: tf.Tensor) -> dict[str, tf.Tensor]:
    return {name: x[:, k] for k, name in enumerate(IRIS_FEATURES)}


def _parity_build(learning_rate: float | None) -> EagerModel:
    model = make_model(LEARNING_RATE if learning_rate is None else learning_rate)
    variables = canonical_variables(model)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        logits = model(_features(batch["x"]), training=False)
        return logits, model.loss(batch["y"], logits)

    return EagerModel(
        variables=variables,
        output_and_loss=output_and_loss,
        train_step=lambda batch: model.train_on_batch(_features(batch["x"]), batch["y"]),
        model=model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=lambda rng: draw_iris_dnn(rng, hidden_units=HIDDEN_UNITS, n_classes=N_CLASSES),
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "s004_estimator_iris_input_fn",
        "TensorFlow API: Estimator-style train/evaluate of a DNN classifier from iris input functions",
        run,
        parity_model=parity_model,
        missing=(
            "tf.estimator no longer exists in TF 2.21: its train/evaluate/predict over model_dir "
            "checkpoints are kept as a small class around a Keras model"
        ),
        tags=("seed_b", "trainable", "iris"),
        migration=(
            "tf.estimator.DNNClassifier(train/evaluate with input_fn), AdagradOptimizer(acc 0.1), SUM loss",
            "Keras functional model fed by tf.data (Model.fit), keras.optimizers.Adagrad("
            "initial_accumulator_value=0.1, epsilon=0), reduction='sum', tf.train.CheckpointManager",
        ),
    ),
)
