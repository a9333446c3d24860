"""s004_savedmodel_builder: export a trained model and load it back (Seed B:199-221), with
`tf.saved_model` and a Keras `.keras` file.

The iris classifier of s004_saver_restore is trained as there, then saved in the two TF2 formats:
* `tf.saved_model.save` of a small `tf.Module` around the model whose tf.function `predict` (input
  "features" float32 [None, 4] -> {"probabilities"}) is also the "predict" signature -- what the
  reference built with `SavedModelBuilder.add_meta_graph_and_variables` + `predict_signature_def`.
  `tf.saved_model.load` (no session) gives back both the signature and the restored `predict` function;
  TF2's SavedModel is tagged "serve" (Seed B used the TRAINING tag, which the v2 API does not write);
* `model.save("<export_dir>.keras")`, reloaded with `keras.models.load_model` (architecture, weights and
  optimizer state in one file).
The three loaded predictions on the test rows must equal the originals. As Seed B warns, a stale export
directory is removed first (`tf.saved_model.save` would write into it).

Parity hooks: as s004_saver_restore (same network).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    draw_iris_dnn,
    iris_classifier,
    iris_classifier_parity,
    iris_split,
    make_logdir,
)
from modern_tf2._parity import EagerParityModel
from tfmigrate.book.runtime import Example, Metrics, RunConfig

LEARNING_RATE = 0.01
BATCH_SIZE = 30
STEPS = 400
SMOKE_STEPS = 100
SIGNATURE_KEY = "predict"


class Serving(tf.Module):  # type: ignore[misc]  # tensorflow/keras are untyped
    """What the SavedModel holds: the model's variables and a `predict` function (also a signature)."""

    def __init__(self, model: keras.Model) -> None:
        super().__init__(name="iris_serving")
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="features")])  # type: ignore[untyped-decorator]
    def predict(self, features: tf.Tensor) -> dict[str, tf.Tensor]:
        return {"probabilities": tf.nn.softmax(self.model(features, training=False), name="probabilities")}


def keras_path(export_dir: Path) -> Path:
    """Where the .keras file goes: beside the SavedModel directory."""
    return export_dir.with_name(export_dir.name + ".keras")


def train_and_export(
    export_dir: Path, steps: int, seed: int, test_x: np.ndarray, batches: IrisBatches
) -> np.ndarray:
    """Train, then save as a SavedModel and as a .keras file; returns the test probabilities."""
    model = iris_classifier(LEARNING_RATE, seed=seed)
    for _ in range(steps):
        batch_x, batch_y = batches.next_batch()
        model.train_on_batch(batch_x, batch_y)
    probabilities: np.ndarray = keras.ops.softmax(model(test_x, training=False)).numpy()
    serving = Serving(model)
    tf.saved_model.save(serving, str(export_dir), signatures={SIGNATURE_KEY: serving.predict})
    model.save(keras_path(export_dir))
    return probabilities


def load_and_predict(export_dir: Path, test_x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seed B:219-221 the TF2 way: predictions through the signature, the restored function, the .keras."""
    loaded: Any = tf.saved_model.load(str(export_dir))
    features = tf.constant(test_x, tf.float32)
    by_signature = loaded.signatures[SIGNATURE_KEY](features=features)["probabilities"].numpy()
    by_function = loaded.predict(features)["probabilities"].numpy()
    reloaded = keras.models.load_model(keras_path(export_dir))
    by_keras = keras.ops.softmax(reloaded(test_x, training=False)).numpy()
    return by_signature, by_function, by_keras


def run(config: RunConfig) -> Metrics:
    """Train, export, load back, compare the predictions."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    export_dir = make_logdir(config) / "saved_model"
    if export_dir.exists():
        shutil.rmtree(export_dir)  # "If it already exists, you have to remove it" (Seed B:209)
    train_x, train_y, test_x, test_y = iris_split(config.seed)
    batches = IrisBatches(train_x, train_y, BATCH_SIZE, config.seed)

    original = train_and_export(export_dir, steps, config.seed, test_x, batches)
    loaded = load_and_predict(export_dir, test_x)
    max_diff = float(max(np.max(np.abs(original - values)) for values in loaded))
    accuracy = float(np.mean(np.argmax(loaded[0], 1) == test_y))
    print(f"loaded {export_dir}: max |original - loaded| = {max_diff}, test accuracy {accuracy:.3f}")
    return {
        "steps": steps,
        "export_files": sorted(str(p.relative_to(export_dir)) for p in export_dir.rglob("*") if p.is_file()),
        "keras_file": keras_path(export_dir).name,
        "loaded_equals_original": all(np.array_equal(original, values) for values in loaded),
        "max_abs_diff": max_diff,
        "test_accuracy": accuracy,
        "export_dir": str(export_dir),
    }


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=draw_iris_dnn,
        build=lambda learning_rate: iris_classifier_parity(
            LEARNING_RATE if learning_rate is None else learning_rate
        ),
    )


EXAMPLES = (
    Example(
        "s004_savedmodel_builder",
        "TensorFlow API: SavedModelBuilder export and saved_model.loader.load",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "iris", "saving"),
        migration=(
            "saved_model.builder.SavedModelBuilder + add_meta_graph_and_variables, saved_model.loader.load",
            "tf.saved_model.save of a tf.Module with a signature + tf.saved_model.load; "
            "model.save('.keras') + keras.models.load_model",
        ),
    ),
)
