"""ch04_emotion_data_explore: a first look at the emotion data set (Seed A L4347-4427).

The book calls `EmotionDetectorUtils.read_data(FLAGS.data_dir)` (a `tf.flags` string, "EmotionDetector/"),
prints the shapes of the training images and of the test images (labelled "test labels shape" in the book),
then the shape and one-hot label of the first training image, and shows that image with matplotlib.
Book output: train images (3761, 48, 48, 1), train labels (3761, 7), test (1312, 48, 48, 1), image_0
(48, 48, 1), label [0 0 0 1 0 0 0] (happy). Classes: 0 anger, 1 disgust, 2 fear, 3 happy, 4 sad, 5 surprise,
6 neutral (L4339).

Here the data come from tfmigrate.book.data.fer2013 (synthetic faces in the Kaggle CSV schema, the book's
split sizes); `config.data_dir` plays FLAGS.data_dir. No TensorFlow is needed: the book only imports it for
`tf.flags`. Instead of `plt.show()` (no display, and matplotlib is not a dependency) the first image is
written as `image_0.png` under `config.logdir`. `--smoke` reads the data module's small set.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from tfmigrate.book.data import fer2013 as EmotionDetectorUtils
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    train_images, train_labels, valid_images, valid_labels, test_images = EmotionDetectorUtils.read_data(
        config.data_dir, smoke=config.smoke
    )
    print("train images shape = ", train_images.shape)
    print("train labels shape = ", train_labels.shape)
    print("test labels shape = ", test_images.shape)  # the book's label; these are the test images

    image_0 = train_images[0]
    label_0 = train_labels[0]
    print("image_0 shape = ", image_0.shape)
    print("label set = ", label_0)
    image_0 = np.resize(image_0, (48, 48))  # drops the channel axis (same 2304 values)

    out_dir = Path(config.logdir) if config.logdir is not None else Path(tempfile.mkdtemp(prefix="emotion-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    picture = out_dir / "image_0.png"
    # plt.imshow(image_0, cmap='Greys_r') scales min..max to black..white; the PNG keeps 0..1 -> 0..255.
    Image.fromarray(np.rint(image_0 * 255.0).astype(np.uint8)).save(picture)

    label = int(np.argmax(label_0))
    return {
        "train_images_shape": list(train_images.shape),
        "train_labels_shape": list(train_labels.shape),
        "validation_images_shape": list(valid_images.shape),
        "validation_labels_shape": list(valid_labels.shape),
        "test_images_shape": list(test_images.shape),
        "image_0_shape": list(train_images[0].shape),
        "label_0": [float(v) for v in label_0],
        "label_0_emotion": EmotionDetectorUtils.EMOTIONS[label],
        "image_0_png": str(picture),
    }


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_emotion_data_explore",
        title="Emotion data set: shapes and the first face",
        run=run,
        tags=("ch04", "fer2013", "data"),
    ),
)
