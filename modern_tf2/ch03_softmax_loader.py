"""ch03_softmax_loader: load the softmax classifier's SavedModel and classify test image #100.

Seed A: walkthrough L2921-2997, output L3001-3012, listing L3096-3116. The reference imports the meta
graph ch03_softmax_classifier saved, restores the weights into an InteractiveSession and finds the tensors
by name ("input:0", "output:0"). Here `tf.saved_model.load` returns the exported module and its
"serving_default" signature is called with the same names: `input` in, `output` (the softmax) out.
It prints the probabilities of `mnist.test.images[100]` and their argmax (the book: 0.9838 for a 6).
The plot of the image (matplotlib) is left out.

As in the reference, the image is fed as a batch of one (the book's unbatched feed was a shape error).
The SavedModel is read from `config.logdir`; when there is none (this example run on its own), the
classifier is trained first, into that directory, with the same config (smoke-sized with --smoke).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import tensorflow as tf

from modern_tf2 import ch03_softmax_classifier as softmax_classifier
from modern_tf2._ch03_ch05_common import make_logdir
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import Example, Metrics, RunConfig

IMAGE_INDEX = softmax_classifier.LOADER_IMAGE


def run(config: RunConfig) -> Metrics:
    logdir = make_logdir(config)
    export_dir = logdir / softmax_classifier.SAVED_MODEL_DIR
    trained_here = False
    if not (export_dir / "saved_model.pb").exists():
        print(f"No SavedModel in {logdir}: training ch03_softmax_classifier first")
        softmax_classifier.run(replace(config, logdir=logdir))
        trained_here = True

    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    loaded = tf.saved_model.load(str(export_dir))
    y_conv = loaded.signatures["serving_default"]
    image_b = mnist.test.images[IMAGE_INDEX]
    result = y_conv(input=tf.constant([image_b]))["output"].numpy()
    print(result)
    predicted = tf.argmax(result, 1).numpy()
    print(predicted)

    return {
        "image_index": IMAGE_INDEX,
        "probabilities": [float(p) for p in result[0]],
        "predicted": int(predicted[0]),
        "max_probability": float(np.max(result[0])),
        "real_label": int(np.argmax(mnist.test.labels[IMAGE_INDEX])),
        "trained_classifier_first": trained_here,
    }


EXAMPLES = (
    Example(
        "ch03_softmax_loader",
        "Load the exported softmax classifier (tf.saved_model) and classify test image #100",
        run,
        migration=(
            "InteractiveSession + train.import_meta_graph/restore, get_tensor_by_name('input:0'/'output:0')",
            "tf.saved_model.load and its serving_default signature called with input=..., ['output']",
        ),
    ),
)
