"""ch03_mnist_explore: load MNIST in the book's `mnist_data` layout and look at the first training image.

Seed A: L2570-2637 (REPL session). `read_data_sets("data")` gives [N, 28, 28, 1] images with one-hot labels,
train and test only (the book: 60,000 and 10,000; the offline subset is smaller); the REPL prints the four
shapes, `np.resize`s train image 0 to 28x28 and prints its label ("label set = [0 0 0 0 0 1 0 0 0 0]",
a 5 in the book's data). The `plt.imshow` of the image is left out (no display, matplotlib not needed).

No TensorFlow here: the book's snippet only uses its data helper and numpy.
"""

from __future__ import annotations

import numpy as np

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

    image_0 = __input.train.images[0]
    image_0 = np.resize(image_0, (28, 28))
    label_0 = __input.train.labels[0]
    print("label set =", label_0)

    return {
        "train_images_shape": list(__input.train.images.shape),
        "train_labels_shape": list(__input.train.labels.shape),
        "test_images_shape": list(__input.test.images.shape),
        "test_labels_shape": list(__input.test.labels.shape),
        "validation": __input.validation is not None,
        "image_0_shape": list(image_0.shape),
        "image_0_mean_intensity": float(image_0.mean()),
        "label_0": [float(v) for v in label_0],
        "label_0_digit": int(np.argmax(label_0)),
    }


EXAMPLES = (Example("ch03_mnist_explore", "Explore MNIST in the book's [N, 28, 28, 1] layout", run),)
