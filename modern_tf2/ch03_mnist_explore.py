"""ch03_mnist_explore: load MNIST in the book's `mnist_data` layout and look at the first training image.

Seed A: L2570-2637 (REPL session). Same data helper and printed lines as the reference: the four shapes
([N, 28, 28, 1] images, one-hot labels, train and test only), then train image 0 and its label ("label set
= [0 0 0 0 0 1 0 0 0 0]", a 5 in the book's data). The book's snippet needs no TensorFlow at all; the
modern version reads image 0 through the tf.data pipeline the chapter 3 trainers use
(`Dataset.from_tensor_slices`), and `tf.reshape`s it to 28x28 where the book `np.resize`s it. The
`plt.imshow` of the image is left out (no display, matplotlib not needed).
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def run(config: RunConfig) -> Metrics:
    __input = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    print(__input.train.images.shape)
    print(__input.train.labels.shape)
    print(__input.test.images.shape)
    print(__input.test.labels.shape)

    train = tf.data.Dataset.from_tensor_slices((__input.train.images, __input.train.labels))
    image_0, label_0 = next(iter(train))
    image_0 = tf.reshape(image_0, (28, 28))
    label_0 = label_0.numpy()
    print("label set =", label_0)

    return {
        "train_images_shape": list(__input.train.images.shape),
        "train_labels_shape": list(__input.train.labels.shape),
        "test_images_shape": list(__input.test.images.shape),
        "test_labels_shape": list(__input.test.labels.shape),
        "validation": __input.validation is not None,
        "image_0_shape": list(image_0.shape),
        "image_0_mean_intensity": float(tf.reduce_mean(image_0)),
        "label_0": [float(v) for v in label_0],
        "label_0_digit": int(np.argmax(label_0)),
    }


EXAMPLES = (
    Example(
        "ch03_mnist_explore",
        "Explore MNIST in the book's [N, 28, 28, 1] layout",
        run,
        migration=(
            "the book's mnist_data helper + numpy (np.resize of train image 0)",
            "the same data helper read through tf.data.Dataset.from_tensor_slices; tf.reshape",
        ),
    ),
)
