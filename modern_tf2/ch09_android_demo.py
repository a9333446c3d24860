"""ch09_android_demo: TensorFlow's Android demo (TF Classify / Detect / Stylize) (Seed A L9593-9715), the
TensorFlow 2 way. Spec: reference_tf1/ch09_android_demo.py.

The section is a how-to, not a program: download the prebuilt APK or build it with Android Studio or Bazel
(`bazel build -c opt //tensorflow/examples/android:tensorflow_demo` after editing WORKSPACE, L9677-9697),
then `adb install -r ...tensorflow_demo.apk`. None of that can run here (no Bazel, Android SDK/NDK, device,
nor the demo's sources, which TensorFlow dropped with its TF1 Android library): see `missing`.

What can honestly be shown is the model side of the contract, in its TF2 form. The 2017 demo loaded a
frozen GraphDef asset (`tensorflow_inception_graph.pb`, nodes `input` / `output`) through the TF1 Java
`TensorFlowInferenceInterface`; Android apps today ship a TensorFlow Lite flatbuffer and run it with the
TFLite (LiteRT) `Interpreter`. So this module builds the reference's tiny stand-in classifier (mean colour
/ 128 -> [3, 5] weights (truncated normal, stddev 1) + zero biases -> softmax over the five flower labels of
ch09_retrain_inception_flowers) as a `tf.Module` whose tf.function takes a [None, 224, 224, 3] float32
`input` and returns `output`, converts it with `tf.lite.TFLiteConverter.from_concrete_functions`, writes
`tensorflow_inception_graph.tflite` and the labels file under `logdir/android_assets/`, and classifies one
synthetic frame the way the demo's classifier does: (pixel - 117) / 1, feed `input`, read `output`, keep at
most 3 results above 0.1. The interpreter is LiteRT's (`ai_edge_litert`) when installed, else
`tf.lite.Interpreter` (deprecated in favour of LiteRT, still shipped by TF 2.21; its deprecation warning is
silenced here). The converted model's output is checked against the tf.function's. It also reports whether
`bazel` and `adb` are on PATH.
"""

from __future__ import annotations

import shutil
import warnings
from typing import Any

import numpy as np
import tensorflow as tf

from modern_tf2._ch08_ch10_common import make_logdir
from modern_tf2.ch09_retrain_inception_flowers import FLOWERS
from tfmigrate.book.runtime import Example, Metrics, RunConfig

INPUT_SIZE = 224
IMAGE_MEAN = 117
IMAGE_STD = 1.0
INPUT_NAME = "input"
OUTPUT_NAME = "output"
MODEL_FILE = "tensorflow_inception_graph.tflite"
LABEL_FILE = "imagenet_comp_graph_label_strings.txt"
MAX_RESULTS = 3
THRESHOLD = 0.1


class StandInClassifier(tf.Module):
    """A tiny classifier with the demo's input and output names."""

    def __init__(self, seed: int) -> None:
        super().__init__(name="stand_in_classifier")
        initial = tf.random.truncated_normal([3, len(FLOWERS)], stddev=1.0, seed=seed)
        self.W = tf.Variable(initial, name="W")
        self.b = tf.Variable(tf.zeros([len(FLOWERS)]), name="b")

    @tf.function(
        input_signature=[tf.TensorSpec([None, INPUT_SIZE, INPUT_SIZE, 3], tf.float32, name=INPUT_NAME)]
    )
    def __call__(self, images: tf.Tensor) -> dict[str, tf.Tensor]:
        pooled = tf.reduce_mean(images, axis=[1, 2]) / 128.0
        return {OUTPUT_NAME: tf.nn.softmax(tf.matmul(pooled, self.W) + self.b)}


def to_tflite(model: StandInClassifier) -> bytes:
    """The TFLite flatbuffer an Android app bundles as an asset (weights baked in, like the frozen graph)."""
    converter = tf.lite.TFLiteConverter.from_concrete_functions(
        [model.__call__.get_concrete_function()], model
    )
    return bytes(converter.convert())


def make_interpreter(model_content: bytes) -> Any:
    """LiteRT's Interpreter when installed, else TF 2.21's (deprecated) tf.lite.Interpreter."""
    try:
        from ai_edge_litert.interpreter import Interpreter  # type: ignore[import-not-found]
    except ImportError:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*tf.lite.Interpreter is deprecated.*")
            return tf.lite.Interpreter(model_content=model_content)
    return Interpreter(model_content=model_content)


def classify_like_android(
    model_content: bytes, pixels: np.ndarray, labels: list[str]
) -> tuple[list[tuple[str, float]], np.ndarray]:
    """The demo's recognizeImage: normalise, feed `input`, run, read `output`, top 3 above 0.1."""
    float_values = ((pixels.astype(np.float32) - IMAGE_MEAN) / IMAGE_STD)[None]
    interpreter = make_interpreter(model_content)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], float_values)
    interpreter.invoke()
    outputs = np.array(interpreter.get_tensor(interpreter.get_output_details()[0]["index"])[0])
    ranked = sorted(
        ((labels[i], float(p)) for i, p in enumerate(outputs) if p > THRESHOLD), key=lambda r: -r[1]
    )
    return ranked[:MAX_RESULTS], outputs


def run(config: RunConfig) -> Metrics:
    tools = {tool: shutil.which(tool) is not None for tool in ("bazel", "adb")}
    print("bazel on PATH:", tools["bazel"], "| adb on PATH:", tools["adb"])
    print("Not runnable here: bazel build //tensorflow/examples/android:tensorflow_demo; adb install -r ...")
    assets = make_logdir(config) / "android_assets"
    assets.mkdir(parents=True, exist_ok=True)
    model = StandInClassifier(config.seed)
    flatbuffer = to_tflite(model)
    (assets / MODEL_FILE).write_bytes(flatbuffer)
    (assets / LABEL_FILE).write_text("\n".join(FLOWERS) + "\n")
    print(f"wrote {assets / MODEL_FILE} ({len(flatbuffer)} bytes) and {assets / LABEL_FILE}")

    labels = (assets / LABEL_FILE).read_text().split()
    frame = np.random.default_rng(config.seed).integers(0, 256, size=(INPUT_SIZE, INPUT_SIZE, 3))
    recognitions, outputs = classify_like_android((assets / MODEL_FILE).read_bytes(), frame, labels)
    expected = model(((frame.astype(np.float32) - IMAGE_MEAN) / IMAGE_STD)[None])[OUTPUT_NAME].numpy()[0]
    for label, confidence in recognitions:
        print(f"Recognition: {label} ({confidence * 100:.1f}%)")
    return {
        "bazel_available": tools["bazel"],
        "adb_available": tools["adb"],
        "tflite_bytes": len(flatbuffer),
        "input_name": INPUT_NAME,
        "output_name": OUTPUT_NAME,
        "recognitions": [label for label, _ in recognitions],
        "tflite_max_abs_diff": float(np.max(np.abs(outputs - expected))),
    }


EXAMPLES = (
    Example(
        "ch09_android_demo",
        "Android demo: the model asset TF Classify loads, as TFLite (APK build/install not runnable)",
        run,
        missing="the Android build and install (Bazel, SDK/NDK, adb, a device, the TF1 demo sources): only "
        "the classifier asset and labels the app loads are produced (as TFLite) and exercised from Python",
        tags=("ch09", "android", "tflite"),
        migration=(
            "frozen GraphDef asset (convert_variables_to_constants) loaded by the TF1 Android "
            "TensorFlowInferenceInterface, built with Bazel",
            "tf.lite.TFLiteConverter.from_concrete_functions flatbuffer run by the TFLite/LiteRT Interpreter",
        ),
    ),
)
