"""ch04_emotion_data_explore: a first look at the emotion data set (Seed A L4347-4427), for TensorFlow 2.
Spec: reference_tf1/ch04_emotion_data_explore.py.

The book's only TensorFlow here is `tf.flags` (FLAGS.data_dir = "EmotionDetector/"), which TF2 no longer
has; the command line's --data-dir (RunConfig.data_dir) takes its place, so this module needs no TensorFlow
at all. It prints the shapes of the training images and labels and of the test images (labelled "test labels
shape", as in the book), then the first image's shape and one-hot label, and writes that image as
`image_0.png` under `config.logdir` instead of `plt.show()`. Data: tfmigrate.book.data.fer2013 (synthetic
faces in the Kaggle CSV schema, the book's split sizes); `--smoke` reads the small set.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from modern_tf2._ch04_ch06_common import make_logdir
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

    picture = make_logdir(config, "emotion-") / "image_0.png"
    # 0..1 -> 0..255 grey; the channel axis dropped (the book's np.resize(image_0, (48, 48))).
    Image.fromarray(np.rint(image_0[..., 0] * 255.0).astype(np.uint8)).save(picture)

    label = int(np.argmax(label_0))
    return {
        "train_images_shape": list(train_images.shape),
        "train_labels_shape": list(train_labels.shape),
        "validation_images_shape": list(valid_images.shape),
        "validation_labels_shape": list(valid_labels.shape),
        "test_images_shape": list(test_images.shape),
        "image_0_shape": list(image_0.shape),
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
        migration=(
            "tf.flags (FLAGS.data_dir) and matplotlib's plt.imshow/plt.show",
            "the --data-dir command-line flag (tf.flags is gone in TF2) and a PNG written under --logdir",
        ),
    ),
)
