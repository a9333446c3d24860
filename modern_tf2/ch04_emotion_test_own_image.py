"""ch04_emotion_test_own_image: the trained emotion CNN on the author's photo (Seed A walkthrough L5012-5066,
output L5070-5080, listing L5088-5124, `testResult` class L5130-5167), for TensorFlow 2 / Keras 3.
Spec: reference_tf1/ch04_emotion_test_own_image.py.

The book restores the graph itself (`import_meta_graph`) and finds its tensors by name ("input:0",
"output:0"). TF2 checkpoints hold variables only, so here the model is rebuilt in code
(modern_tf2.ch04_emotion_cnn.build_model) and its weights restored with
`tf.train.Checkpoint(model=model).restore(tf.train.latest_checkpoint(logdir))` (expect_partial: the
optimizer's slots in the checkpoint are not needed). A checkpoint the REFERENCE tree wrote (TF1 name-based:
"W_conv1", ...) is also accepted: its variables are loaded by those names, the mapping documented in
ch04_emotion_cnn (same layouts).

As in the book: the photo (tfmigrate.book.data.fer2013.author_image_path(), read with Pillow) goes to grey
with `rgb2gray` (values still 0..255, never divided by 255 as the training images were), then
`np.resize(gray, (1, 48, 48, 1))` -- NOT an image resize: the first 2304 grey values, the photo's top rows.
The network's dropout is always active (ch04_emotion_cnn: training=True), so the predicted class varies; the
softmax's argmax is tallied over 1000 evaluations and `testResult` prints a percentage per emotion. Book
result: anger 0.1 %, disgust 0.1 %, fear 29.1 %, happy 50.3 %, sad 0.1 %, surprise 20.0 %, neutral 0.3 %.
The dropout is seeded from config.seed, so the tally is reproducible.

If `config.logdir` holds no checkpoint, ch04_emotion_cnn's smoke training (11 iterations) runs there first,
as the reference does. `config.steps` replaces the 1000 evaluations; `--smoke` does 200.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from PIL import Image

from modern_tf2._ch04_ch06_common import make_logdir
from modern_tf2.ch04_emotion_cnn import VARIABLES, build_model, model_variables, train_model
from tfmigrate.book.data import fer2013 as EmotionDetectorUtils
from tfmigrate.book.runtime import Example, Metrics, RunConfig

NUM_EVALUATIONS = 1000
SMOKE_EVALUATIONS = 200


def rgb2gray(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(np.dot(rgb[..., :3], [0.299, 0.587, 0.114]))


def _py2_str(value: float) -> str:
    """Python 2's str(float) (12 significant digits, ".0" kept): the book's "29.1", not 29.099999999999998."""
    text = format(value, ".12g")
    return text if any(c in text for c in ".enN") else text + ".0"


class testResult:
    """Counts of predicted labels per emotion, printed as percentages."""

    def __init__(self) -> None:
        self.counts = [0] * len(EmotionDetectorUtils.EMOTIONS)

    def evaluate(self, label: int) -> None:
        if 0 <= label < len(self.counts):
            self.counts[label] += 1

    def percentages(self, evaluations: int) -> dict[str, float]:
        return {
            name: (count / float(evaluations)) * 100
            for name, count in zip(EmotionDetectorUtils.EMOTIONS, self.counts, strict=True)
        }

    def display_result(self, evaluations: int) -> None:
        for name, percent in self.percentages(evaluations).items():
            print(name + " = " + _py2_str(percent) + "%")


def restore(model: keras.Model, checkpoint: str) -> str:
    """Load `checkpoint` into `model`; returns "tf2" (object-based) or "tf1" (the reference's names)."""
    names = tf.train.load_checkpoint(checkpoint).get_variable_to_shape_map()
    if all(name in names for name in VARIABLES):  # written by reference_tf1's TF1 Saver
        reader = tf.train.load_checkpoint(checkpoint)
        for name, var in model_variables(model).items():
            var.assign(reader.get_tensor(name))
        return "tf1"
    tf.train.Checkpoint(model=model).restore(checkpoint).expect_partial().assert_existing_objects_matched()
    return "tf2"


def run(config: RunConfig) -> Metrics:
    logs_dir = make_logdir(config, "emotion-")
    checkpoint = tf.train.latest_checkpoint(str(logs_dir))
    trained_now = checkpoint is None
    if checkpoint is None:
        print(f"No checkpoint in {logs_dir}: a smoke run of ch04_emotion_cnn trains one there first.")
        # Its own step count: config.steps means evaluations in this example.
        train_model(RunConfig(smoke=True, seed=config.seed, data_dir=config.data_dir), logs_dir)
        checkpoint = tf.train.latest_checkpoint(str(logs_dir))
        if checkpoint is None:
            raise RuntimeError(f"training left no checkpoint in {logs_dir}")

    img = np.asarray(Image.open(EmotionDetectorUtils.author_image_path()))
    gray = rgb2gray(img)
    # np.resize keeps the first 48*48 values of the flattened photo (its top rows), as the book does.
    image_test = tf.constant(np.resize(gray, (1, 48, 48, 1)), tf.float32)

    num_evaluations = SMOKE_EVALUATIONS if config.smoke else NUM_EVALUATIONS
    if config.steps is not None:
        num_evaluations = config.steps

    model: Any = build_model(config.seed)
    checkpoint_format = restore(model, checkpoint)

    @tf.function
    def predicted_label(x: tf.Tensor) -> tf.Tensor:
        result = tf.nn.softmax(model(x, training=True))  # the book's "output" tensor, dropout on
        return tf.argmax(result, axis=1)[0]

    tResult = testResult()
    for _ in range(num_evaluations):
        tResult.evaluate(int(predicted_label(image_test)))
    tResult.display_result(num_evaluations)

    metrics: Metrics = {
        "checkpoint": checkpoint,
        "checkpoint_format": checkpoint_format,
        "trained_now": trained_now,
        "evaluations": num_evaluations,
        "image_shape": list(img.shape),
    }
    for name, percent in tResult.percentages(num_evaluations).items():
        metrics[f"percent_{name}"] = percent
    return metrics


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_emotion_test_own_image",
        title="Emotion CNN on the author's photo (1000 dropout-noisy evaluations)",
        run=run,
        tags=("ch04", "fer2013", "checkpoint"),
        migration=(
            "tf.train.import_meta_graph + Saver.restore, tensors looked up by name ('input:0', 'output:0')",
            "the Keras model rebuilt in code and tf.train.Checkpoint(model=...).restore(latest_checkpoint); "
            "a tf.function for the dropout-noisy prediction",
        ),
    ),
)
