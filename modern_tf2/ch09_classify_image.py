"""ch09_classify_image: classifying a photo with the retrained model (Seed A L9134-9182, output
L9194-9200), rewritten for TensorFlow 2. Spec: reference_tf1/ch09_classify_image.py.

The book's `classify_image.py` reads the JPEG bytes and the labels file, parses `retrained_graph.pb` into a
GraphDef, imports it, runs `final_result:0` feeding the bytes to `DecodeJpeg/contents:0`, and prints every
class with its score, best first (`daisy (score = 0.99071)` ... for a daisy photo).
TF2: `tf.io.read_file` / `tf.io.gfile.GFile` for the files, `tf.saved_model.load` of the SavedModel that
ch09_retrain_inception_flowers exports, and its serving signature called with the bytes as `contents`,
returning `final_result` -- no graph, no session, no tensor names. If
`logdir/tensorflow_files/retrained_model` is not there yet, that example's pipeline runs first
(smoke-sized under --smoke). The photo is the first synthetic daisy of its flower_photos; `sys.argv[1]`
becomes the `image_path` argument of `classify`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf

from modern_tf2 import ch09_retrain_inception_flowers as retrain
from modern_tf2._ch08_ch10_common import make_logdir
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def predict(image_path: Path, model_dir: Path) -> np.ndarray:
    """The retrained model's class probabilities [1, classes] for one JPEG file."""
    image_data = tf.io.read_file(str(image_path))
    model = tf.saved_model.load(str(model_dir))
    serving = model.signatures["serving_default"]
    return np.asarray(serving(**{retrain.JPEG_INPUT_NAME: image_data})[retrain.FINAL_TENSOR_NAME])


def classify(image_path: Path, model_dir: Path, labels_path: Path) -> list[tuple[str, float]]:
    """The book's script: (label, score) for every class, highest score first (and printed)."""
    label_lines = [line.rstrip() for line in tf.io.gfile.GFile(str(labels_path))]
    network_predictions = predict(image_path, model_dir)
    # Sort the result by confidence to show the flower labels accordingly
    top_predictions = network_predictions[0].argsort()[::-1]
    results = []
    for prediction in top_predictions:
        flower_type = label_lines[prediction]
        score = float(network_predictions[0][prediction])
        print(f"{flower_type} (score = {score:.5f})")
        results.append((flower_type, score))
    return results


def run(config: RunConfig) -> Metrics:
    paths = retrain.Paths(make_logdir(config) / "tensorflow_files")
    retrained_now = not ((paths.output_model / "saved_model.pb").exists() and paths.output_labels.exists())
    if retrained_now:
        print(f"{paths.output_model} not found: running ch09_retrain_inception_flowers first")
        retrain.run(config)
    image_path = sorted((paths.image_dir / "daisy").glob("*.jpg"))[0]
    print(f"python classify_image.py {image_path.relative_to(paths.root)}")
    results = classify(image_path, paths.output_model, paths.output_labels)
    scores = [score for _, score in results]
    return {
        "image": str(image_path.relative_to(paths.root)),
        "labels": [label for label, _ in results],
        "scores": scores,
        "top_label": results[0][0],
        "score_sum": float(np.sum(scores)),
        "retrained_first": retrained_now,
    }


EXAMPLES = (
    Example(
        "ch09_classify_image",
        "classify_image.py: load the retrained SavedModel and score a flower photo",
        run,
        missing="the Inception v3 graph retrained on flower_photos and the daisy photo: uses the stand-in "
        "model exported by ch09_retrain_inception_flowers and one of its synthetic daisies",
        tags=("ch09", "savedmodel", "inference"),
        migration=(
            "tf.gfile.FastGFile + tf.GraphDef.ParseFromString + tf.import_graph_def, Session.run of "
            "'final_result:0' fed 'DecodeJpeg/contents:0'",
            "tf.io.read_file / tf.io.gfile.GFile, tf.saved_model.load and its serving signature "
            "(contents -> final_result)",
        ),
    ),
)
