"""s004_savedmodel_builder: export with `SavedModelBuilder`, load with `saved_model.loader.load`
(Seed B:199-221).

The iris classifier of s004_saver_restore (`_basics_common.iris_classifier`) is trained, exported with
`tf.compat.v1.saved_model.builder.SavedModelBuilder(export_dir)` +
`add_meta_graph_and_variables(sess, [tag_constants.TRAINING])`, then loaded into a fresh graph and
session with `tf.compat.v1.saved_model.loader.load(sess, [TRAINING], export_dir)`; the loaded model's
predictions on the test rows must equal the originals.

Fixes: Seed B never calls `builder.save()`, so nothing would be written; the `loader.load(` call lacks
its closing parenthesis. As Seed B warns, the export directory must not exist: a stale one is removed.
A "predict" signature is added so the loader can find the input and output tensors without knowing
their names (they are also looked up by name, as with the Saver).

Parity hooks: as s004_saver_restore (same network).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    draw_iris_dnn,
    iris_classifier,
    iris_split,
    make_logdir,
)
from reference_tf1._parity import GraphParityModel
from tfmigrate.book.runtime import Example, Metrics, RunConfig

LEARNING_RATE = 0.01
BATCH_SIZE = 30
STEPS = 400
SMOKE_STEPS = 100
SIGNATURE_KEY = "predict"


def train_and_export(
    export_dir: Path, steps: int, seed: int, test_x: np.ndarray, batches: IrisBatches
) -> np.ndarray:
    """Train, then save the session's graph and variables as a SavedModel; returns test probabilities."""
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(seed)
        model = iris_classifier(None, LEARNING_RATE)
        features, labels = model.inputs["x"], model.inputs["y"]
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for _ in range(steps):
                batch_x, batch_y = batches.next_batch()
                feed = {features: batch_x, labels: batch_y, model.extra["is_training"]: True}
                sess.run(model.train_op, feed)
            probabilities: np.ndarray = sess.run(model.extra["probabilities"], {features: test_x})

            builder = tf.compat.v1.saved_model.builder.SavedModelBuilder(str(export_dir))
            signature = tf.compat.v1.saved_model.signature_def_utils.predict_signature_def(
                inputs={"features": features}, outputs={"probabilities": model.extra["probabilities"]}
            )
            builder.add_meta_graph_and_variables(
                sess,
                [tf.compat.v1.saved_model.tag_constants.TRAINING],
                signature_def_map={SIGNATURE_KEY: signature},
            )
        builder.save()  # missing in Seed B: without it nothing is written
    return probabilities


def load_and_predict(export_dir: Path, test_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Seed B:219-221 in a fresh graph; predictions through the signature and through tensor names."""
    with tf.Graph().as_default() as graph, tf.compat.v1.Session(graph=graph) as sess:
        meta_graph = tf.compat.v1.saved_model.loader.load(
            sess, [tf.compat.v1.saved_model.tag_constants.TRAINING], str(export_dir)
        )
        signature = meta_graph.signature_def[SIGNATURE_KEY]
        features = graph.get_tensor_by_name(signature.inputs["features"].name)
        probabilities = graph.get_tensor_by_name(signature.outputs["probabilities"].name)
        by_signature = sess.run(probabilities, {features: test_x})
        by_name = sess.run("probabilities:0", {"features:0": test_x, "is_training:0": False})
    return by_signature, by_name


def run(config: RunConfig) -> Metrics:
    """Train, export, load into a new graph, compare the predictions."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    export_dir = make_logdir(config) / "saved_model"
    if export_dir.exists():
        shutil.rmtree(export_dir)  # "If it already exists, you have to remove it" (Seed B:209)
    train_x, train_y, test_x, test_y = iris_split(config.seed)
    batches = IrisBatches(train_x, train_y, BATCH_SIZE, config.seed)

    original = train_and_export(export_dir, steps, config.seed, test_x, batches)
    by_signature, by_name = load_and_predict(export_dir, test_x)
    max_diff = float(max(np.max(np.abs(original - by_signature)), np.max(np.abs(original - by_name))))
    accuracy = float(np.mean(np.argmax(by_signature, 1) == test_y))
    print(f"loaded {export_dir}: max |original - loaded| = {max_diff}, test accuracy {accuracy:.3f}")
    return {
        "steps": steps,
        "export_files": sorted(str(p.relative_to(export_dir)) for p in export_dir.rglob("*") if p.is_file()),
        "loaded_equals_original": bool(
            np.array_equal(original, by_signature) and np.array_equal(original, by_name)
        ),
        "max_abs_diff": max_diff,
        "test_accuracy": accuracy,
        "export_dir": str(export_dir),
    }


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""
    return GraphParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=draw_iris_dnn,
        build=lambda weights, lr: iris_classifier(weights, lr),
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "s004_savedmodel_builder",
        "TensorFlow API: SavedModelBuilder export and saved_model.loader.load",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "iris", "saving"),
    ),
)
