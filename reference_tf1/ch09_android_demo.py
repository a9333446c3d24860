"""ch09_android_demo — TensorFlow's Android demo (TF Classify / Detect / Stylize) (Seed A L9593-9715).

The section is a how-to, not a program: download the prebuilt APK or build it with Android Studio or Bazel
(`bazel build -c opt //tensorflow/examples/android:tensorflow_demo` after uncommenting the
`android_sdk_repository` / `android_ndk_repository` entries of WORKSPACE, L9677-9697), then
`adb install -r bazel-bin/tensorflow/examples/android/tensorflow_demo.apk` on an Android >= 5.0 device.
None of that can run here (no Bazel, Android SDK/NDK or device; the nightly APK URL is gone), and there is no
Python in it.

What can honestly be shown is the Python side of the contract: the TF Classify activity loads a frozen
GraphDef asset (`tensorflow_inception_graph.pb`) and a labels file
(`imagenet_comp_graph_label_strings.txt`), feeds a 224x224 RGB frame normalised as (pixel - 117) / 1 to the
node `input` and reads class probabilities from `output`, keeping at most 3 results above 0.1. This module
builds a tiny stand-in classifier with those node names (seeded weights, the five flower labels of
ch09_retrain_inception_flowers instead of ImageNet's), freezes its variables into constants
(`graph_util.convert_variables_to_constants`, the TF1 way of producing such an asset), writes the two asset
files under `logdir/android_assets/`, reloads the GraphDef and classifies one synthetic frame the way the
Java `TensorFlowImageClassifier` does. It also reports whether `bazel` and `adb` are on PATH.
"""

from __future__ import annotations

import shutil

import numpy as np
import tensorflow as tf

from reference_tf1._ch08_ch10_common import make_logdir
from reference_tf1.ch09_retrain_inception_flowers import FLOWERS
from tfmigrate.book.runtime import Example, Metrics, RunConfig

INPUT_SIZE = 224
IMAGE_MEAN = 117
IMAGE_STD = 1.0
INPUT_NAME = "input"
OUTPUT_NAME = "output"
MODEL_FILE = "tensorflow_inception_graph.pb"
LABEL_FILE = "imagenet_comp_graph_label_strings.txt"
MAX_RESULTS = 3
THRESHOLD = 0.1


def freeze_stand_in_classifier(seed: int) -> tf.compat.v1.GraphDef:
    """A tiny classifier with the demo's node names, its variables frozen to constants."""
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(seed)
        images = tf.compat.v1.placeholder(tf.float32, [None, INPUT_SIZE, INPUT_SIZE, 3], name=INPUT_NAME)
        pooled = tf.reduce_mean(images, axis=[1, 2]) / 128.0
        weights = tf.compat.v1.Variable(
            tf.compat.v1.truncated_normal([3, len(FLOWERS)], stddev=1.0), name="W"
        )
        biases = tf.compat.v1.Variable(tf.zeros([len(FLOWERS)]), name="b")
        tf.nn.softmax(tf.matmul(pooled, weights) + biases, name=OUTPUT_NAME)
        init = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        return tf.compat.v1.graph_util.convert_variables_to_constants(
            sess, graph.as_graph_def(), [OUTPUT_NAME]
        )


def classify_like_android(
    graph_def: tf.compat.v1.GraphDef, pixels: np.ndarray, labels: list[str]
) -> list[tuple[str, float]]:
    """TensorFlowImageClassifier.recognizeImage: normalise, feed `input`, fetch `output`, top 3 above 0.1."""
    float_values = (pixels.astype(np.float32) - IMAGE_MEAN) / IMAGE_STD
    graph = tf.Graph()
    with graph.as_default():
        tf.import_graph_def(graph_def, name="")
    with tf.compat.v1.Session(graph=graph) as sess:
        outputs = sess.run(f"{OUTPUT_NAME}:0", {f"{INPUT_NAME}:0": float_values[None]})[0]
    ranked = sorted(
        ((labels[i], float(p)) for i, p in enumerate(outputs) if p > THRESHOLD), key=lambda r: -r[1]
    )
    return ranked[:MAX_RESULTS]


def run(config: RunConfig) -> Metrics:
    tools = {tool: shutil.which(tool) is not None for tool in ("bazel", "adb")}
    print("bazel on PATH:", tools["bazel"], "| adb on PATH:", tools["adb"])
    print("Not runnable here: bazel build //tensorflow/examples/android:tensorflow_demo; adb install -r ...")
    assets = make_logdir(config) / "android_assets"
    assets.mkdir(parents=True, exist_ok=True)
    graph_def = freeze_stand_in_classifier(config.seed)
    (assets / MODEL_FILE).write_bytes(graph_def.SerializeToString())
    (assets / LABEL_FILE).write_text("\n".join(FLOWERS) + "\n")
    print(
        f"wrote {assets / MODEL_FILE} ({len(graph_def.node)} nodes, no variables) and {assets / LABEL_FILE}"
    )

    loaded = tf.compat.v1.GraphDef()
    loaded.ParseFromString((assets / MODEL_FILE).read_bytes())
    labels = (assets / LABEL_FILE).read_text().split()
    frame = np.random.default_rng(config.seed).integers(0, 256, size=(INPUT_SIZE, INPUT_SIZE, 3))
    recognitions = classify_like_android(loaded, frame, labels)
    for label, confidence in recognitions:
        print(f"Recognition: {label} ({confidence * 100:.1f}%)")
    return {
        "bazel_available": tools["bazel"],
        "adb_available": tools["adb"],
        "graph_nodes": len(graph_def.node),
        "variable_ops": sum(
            node.op.startswith("Variable") or node.op == "VarHandleOp" for node in graph_def.node
        ),
        "input_name": INPUT_NAME,
        "output_name": OUTPUT_NAME,
        "recognitions": [label for label, _ in recognitions],
    }


EXAMPLES = (
    Example(
        "ch09_android_demo",
        "Android demo: the frozen-GraphDef asset TF Classify loads (APK build/install not runnable)",
        run,
        missing="the Android build and install (Bazel, SDK/NDK, adb, a device): only the frozen graph and "
        "labels assets the demo loads are produced and exercised from Python",
    ),
)
