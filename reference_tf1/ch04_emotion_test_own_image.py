"""ch04_emotion_test_own_image: the trained emotion CNN on the author's photo (Seed A walkthrough
L5012-5066, output L5070-5080, listing L5088-5124, `testResult` class L5130-5167), on `tf.compat.v1`.

The book reads 'author_image.jpg' with `mpimg.imread` (uint8 RGB for a JPEG), converts it to grey with
`rgb2gray` (0.299 R + 0.587 G + 0.114 B, values still 0..255 -- never divided by 255 as the training images
were), restores the checkpoint with `import_meta_graph` + `restore`, looks up "input:0" and "output:0", and
feeds `np.resize(gray, (1, 48, 48, 1))` 1000 times. Because the network's dropout is hard-coded and always
active (see ch04_emotion_cnn), the predicted class varies between runs; `testResult` tallies the argmaxes
and prints a percentage per emotion. Book result: anger 0.1 %, disgust 0.1 %, fear 29.1 %, happy 50.3 %,
sad 0.1 %, surprise 20.0 %, neutral 0.3 %.

Here: the photo is tfmigrate.book.data.fer2013.author_image_path() (read with Pillow, which is what
matplotlib's imread uses for JPEGs); the checkpoint is the latest one in `config.logdir`. The book restores
'logs/model.ckpt-1000' although its training wrote to 'logs/EmotionDetector_logs/' (a path mismatch); one
directory serves both here. If `config.logdir` holds no checkpoint, ch04_emotion_cnn's smoke training (11
iterations on the small set) runs there first, so this example always runs on its own; for the book's
1001-iteration model run ch04_emotion_cnn (without --smoke) with the same --logdir beforehand.
`config.steps` replaces the 1000 evaluations; `--smoke` does 200.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf
from PIL import Image

from reference_tf1.ch04_emotion_cnn import train_model
from tfmigrate.book.data import fer2013 as EmotionDetectorUtils
from tfmigrate.book.runtime import Example, Metrics, RunConfig

NUM_EVALUATIONS = 1000
SMOKE_EVALUATIONS = 200


def rgb2gray(rgb: np.ndarray) -> np.ndarray:
    return np.asarray(np.dot(rgb[..., :3], [0.299, 0.587, 0.114]))


def _py2_str(value: float) -> str:
    """Python 2's str(float): 12 significant digits, ".0" kept on whole numbers. It printed the book's "29.1"
    where Python 3 prints 29.099999999999998."""
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


def run(config: RunConfig) -> Metrics:
    logs_dir = Path(config.logdir) if config.logdir is not None else Path(tempfile.mkdtemp(prefix="emotion-"))
    checkpoint = tf.compat.v1.train.latest_checkpoint(str(logs_dir))
    trained_now = checkpoint is None
    if checkpoint is None:
        print(f"No checkpoint in {logs_dir}: a smoke run of ch04_emotion_cnn trains one there first.")
        # Its own step count: config.steps means evaluations in this example.
        train_model(RunConfig(smoke=True, seed=config.seed, data_dir=config.data_dir), logs_dir)
        checkpoint = tf.compat.v1.train.latest_checkpoint(str(logs_dir))
        if checkpoint is None:
            raise RuntimeError(f"training left no checkpoint in {logs_dir}")

    img = np.asarray(Image.open(EmotionDetectorUtils.author_image_path()))
    gray = rgb2gray(img)
    # np.resize is NOT an image resize: it takes the first 48*48 = 2304 values of the flattened photo (its
    # top rows), repeating the buffer if it were too short. Kept as the book does it.
    image_test = np.resize(gray, (1, 48, 48, 1))

    num_evaluations = SMOKE_EVALUATIONS if config.smoke else NUM_EVALUATIONS
    if config.steps is not None:
        num_evaluations = config.steps
    tResult = testResult()
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as sess:
        new_saver = tf.compat.v1.train.import_meta_graph(checkpoint + ".meta")
        new_saver.restore(sess, checkpoint)
        x = sess.graph.get_tensor_by_name("input:0")
        y_conv = sess.graph.get_tensor_by_name("output:0")
        # The book calls sess.run(tf.argmax(result, 1)) inside the loop, adding a new op to the graph on
        # every one of the 1000 iterations; one argmax op, built once, gives the same labels.
        result_ph = tf.compat.v1.placeholder(tf.float32, [None, EmotionDetectorUtils.NUM_LABELS])
        argmax = tf.argmax(result_ph, 1)
        for _ in range(num_evaluations):
            result = sess.run(y_conv, feed_dict={x: image_test})
            label = sess.run(argmax, feed_dict={result_ph: result})
            tResult.evaluate(int(label[0]))
    tResult.display_result(num_evaluations)

    metrics: Metrics = {
        "checkpoint": checkpoint,
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
    ),
)
