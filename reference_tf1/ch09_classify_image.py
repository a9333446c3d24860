"""ch09_classify_image — classifying a photo with the retrained graph (Seed A L9134-9182, output L9194-9200).

The book's `classify_image.py` reads the JPEG bytes (`tf.gfile.FastGFile`), the labels file, parses
`retrained_graph.pb` into a `tf.GraphDef`, imports it with `tf.import_graph_def(name='')`, runs
`final_result:0` feeding the bytes to `DecodeJpeg/contents:0`, and prints every class with its score, best
first: `daisy (score = 0.99071)` ... `tulips (score = 0.00032)` for a daisy photo.

Here the graph and labels are the ones ch09_retrain_inception_flowers exports (its Inception stand-in with
the retrained layer); if `logdir/tensorflow_files/retrained_graph.pb` is not there yet, that example's
pipeline is run first (smoke-sized under --smoke). The photo is the first synthetic daisy of its
flower_photos (the book's daisy, 21652746_cc379e0eea_m.jpg, was also one of the training photos). TF1 APIs
kept through `tf.compat.v1`: `gfile.FastGFile`, `gfile.GFile`, `GraphDef`, `Session`; `sys.argv[1]` becomes
the `image_path` argument of `classify`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1 import ch09_retrain_inception_flowers as retrain
from reference_tf1._ch08_ch10_common import make_logdir
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def classify(image_path: Path, graph_path: Path, labels_path: Path) -> list[tuple[str, float]]:
    """The book's script: (label, score) for every class, highest score first (and printed)."""
    provided_image_data = tf.compat.v1.gfile.FastGFile(str(image_path), "rb").read()
    label_lines = [line.rstrip() for line in tf.compat.v1.gfile.GFile(str(labels_path))]
    graph = tf.Graph()
    # Unpersists graph from file
    with graph.as_default(), tf.compat.v1.gfile.FastGFile(str(graph_path), "rb") as f:
        graph_def = tf.compat.v1.GraphDef()
        graph_def.ParseFromString(f.read())
        _ = tf.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as sess:
        softmax_tensor = sess.graph.get_tensor_by_name("final_result:0")
        network_predictions = sess.run(softmax_tensor, {"DecodeJpeg/contents:0": provided_image_data})
    # Sort the result by confidence to show the flower labels accordingly
    top_predictions = network_predictions[0].argsort()[-len(network_predictions[0]) :][::-1]
    results = []
    for prediction in top_predictions:
        flower_type = label_lines[prediction]
        score = float(network_predictions[0][prediction])
        print(f"{flower_type} (score = {score:.5f})")
        results.append((flower_type, score))
    return results


def run(config: RunConfig) -> Metrics:
    paths = retrain.Paths(make_logdir(config) / "tensorflow_files")
    retrained_now = not (paths.output_graph.exists() and paths.output_labels.exists())
    if retrained_now:
        print(f"{paths.output_graph} not found: running ch09_retrain_inception_flowers first")
        retrain.run(config)
    image_path = sorted((paths.image_dir / "daisy").glob("*.jpg"))[0]
    print(f"python classify_image.py {image_path.relative_to(paths.root)}")
    results = classify(image_path, paths.output_graph, paths.output_labels)
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
        "classify_image.py: import the retrained GraphDef and score a flower photo",
        run,
        missing="the Inception v3 graph retrained on flower_photos and the daisy photo: uses the stand-in "
        "graph exported by ch09_retrain_inception_flowers and one of its synthetic daisies",
    ),
)
