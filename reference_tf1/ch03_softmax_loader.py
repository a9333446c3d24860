"""ch03_softmax_loader: restore the softmax classifier's checkpoint and classify test image #100.

Seed A: walkthrough L2921-2997, output L3001-3012, listing L3096-3116. An InteractiveSession imports the
meta graph that ch03_softmax_classifier saved, restores its weights, looks the placeholders up by name
("input:0", "output:0") and prints the softmax probabilities of `mnist.test.images[100]` and their argmax
(the book: 0.9838 for the digit 6). The plot of the image (matplotlib) is left out.

Fixes: the book feeds `image_b` ([28, 28, 1]) to the [None, 28, 28, 1] placeholder unbatched, which is a
shape error; it is fed as a batch of one here. The walkthrough's `import input_data` (unused, and not the
book's helper) is dropped, and both programs use the listing's checkpoint name.

The checkpoint is read from `config.logdir`. When there is none (e.g. this example run on its own), the
classifier is trained first, into that directory, with the same config (smoke-sized with --smoke).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import tensorflow as tf

from reference_tf1 import ch03_softmax_classifier as softmax_classifier
from reference_tf1._ch03_ch05_common import make_logdir
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import Example, Metrics, RunConfig

IMAGE_INDEX = softmax_classifier.LOADER_IMAGE


def run(config: RunConfig) -> Metrics:
    logdir = make_logdir(config)
    checkpoint = logdir / softmax_classifier.CHECKPOINT_NAME
    trained_here = False
    if not checkpoint.with_name(checkpoint.name + ".meta").exists():
        print(f"No checkpoint in {logdir}: training ch03_softmax_classifier first")
        softmax_classifier.run(replace(config, logdir=logdir))
        trained_here = True

    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    graph = tf.Graph()
    with graph.as_default():
        sess = tf.compat.v1.InteractiveSession(graph=graph)
        try:
            new_saver = tf.compat.v1.train.import_meta_graph(str(checkpoint) + ".meta")
            new_saver.restore(sess, str(checkpoint))
            tf.compat.v1.get_default_graph().as_graph_def()  # as in the book; the result is not used
            x = sess.graph.get_tensor_by_name("input:0")
            y_conv = sess.graph.get_tensor_by_name("output:0")
            image_b = mnist.test.images[IMAGE_INDEX]
            # The book feeds `image_b` itself ([28, 28, 1]); the placeholder wants a batch.
            result = sess.run(y_conv, feed_dict={x: [image_b]})
            print(result)
            predicted = sess.run(tf.argmax(result, 1))
            print(predicted)
        finally:
            sess.close()

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
        "Restore the saved softmax classifier (import_meta_graph) and classify test image #100",
        run,
    ),
)
