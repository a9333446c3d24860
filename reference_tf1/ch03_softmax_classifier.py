"""ch03_softmax_classifier: the softmax MNIST classifier, saved with a Saver for the loader.

Seed A: walkthrough L2659-2871, saver snippet L2909-2913, listing L3026-3090. A single softmax layer
(W [784, 10], b [10], zeros) on [N, 28, 28, 1] images; loss `-reduce_mean(Y_ * log(Y)) * 1000`
(100 x the mean per-example cross-entropy, no clipping), plain gradient descent 0.005, batches of 100,
10 epochs over the book's 60,000/10,000 `mnist_data` layout. The input placeholder is named "input" and
the softmax "output", which is how ch03_softmax_loader finds them in the checkpoint.

Listing bugs fixed here: the training loop ran after `with tf.Session() as sess:` had closed (the
walkthrough's nesting is used), the listing never called `writer.add_summary` (the walkthrough does), and
`randint(0, N)` could return N (inclusive upper bound) and index past the test set.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch03_ch05_common import make_logdir, planned_epochs
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LOGS_PATH = "log_mnist_softmax"
CHECKPOINT_NAME = "saved_mnist_cnn.ckpt"
"""The listing's name, which its loader also uses (the walkthrough saves "softmax_mnist" but loads
"softmax_mnist.ckpt.meta", a mismatch)."""
BATCH_SIZE = 100
# The book also sets `learning_rate = 0.5` and never uses it; the optimizer gets 0.005 literally.
LEARNING_RATE = 0.005
TRAINING_EPOCHS = 10
LOADER_IMAGE = 100
"""The test image ch03_softmax_loader classifies (L2967)."""


def book_initial_values() -> dict[str, InitialValue]:
    """The book's initialisers: `tf.zeros` for both W and b."""
    return {"W": tf.zeros([784, 10]), "b": tf.zeros([10])}


def draw_weights(rng: np.random.Generator) -> Weights:
    """Zeros, as the book initialises them (nothing random to draw)."""
    del rng
    return {"W": np.zeros([784, 10], np.float32), "b": np.zeros([10], np.float32)}


def build(init: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    """The book's graph, in the current default graph."""
    X = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1], name="input")
    Y_ = tf.compat.v1.placeholder(tf.float32, [None, 10])
    W = tf.compat.v1.Variable(init["W"], name="W")
    b = tf.compat.v1.Variable(init["b"], name="b")
    XX = tf.reshape(X, [-1, 784])
    Y = tf.nn.softmax(tf.matmul(XX, W) + b, name="output")
    cross_entropy = -tf.reduce_mean(Y_ * tf.compat.v1.log(Y)) * 1000.0
    correct_prediction = tf.equal(tf.argmax(Y, 1), tf.argmax(Y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    train_step = tf.compat.v1.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy)
    return GraphModel(
        inputs={"X": X, "Y_": Y_},
        variables={"W": W, "b": b},
        output=Y,
        loss=cross_entropy,
        train_op=train_step,
        extra={"accuracy": accuracy},
    )


def run(config: RunConfig) -> Metrics:
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logdir = make_logdir(config)
    rng = np.random.RandomState(config.seed)

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        model = build(book_initial_values(), LEARNING_RATE)
        X, Y_ = model.inputs["X"], model.inputs["Y_"]
        Y, accuracy = model.output, model.extra["accuracy"]
        tf.compat.v1.summary.scalar("cost", model.loss)
        tf.compat.v1.summary.scalar("accuracy", accuracy)
        summary_op = tf.compat.v1.summary.merge_all()

    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, batch_count, config.steps)
    steps = 0
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(tf.compat.v1.global_variables_initializer())
        writer = tf.compat.v1.summary.FileWriter(str(logdir / LOGS_PATH), graph=graph)
        for epoch in range(epochs):
            for i in range(batch_count):
                if config.steps is not None and steps >= config.steps:
                    break
                batch_x, batch_y = mnist.train.next_batch(BATCH_SIZE)
                _, summary = sess.run([model.train_op, summary_op], feed_dict={X: batch_x, Y_: batch_y})
                writer.add_summary(summary, epoch * batch_count + i)
                steps += 1
            print("Epoch: ", epoch)
        writer.close()

        test_accuracy = accuracy.eval(feed_dict={X: mnist.test.images, Y_: mnist.test.labels})
        print("Accuracy: ", test_accuracy)
        print("done")

        # The book's randint(0, N) includes N; numpy's upper bound is exclusive, as intended.
        num = int(rng.randint(0, mnist.test.images.shape[0]))
        img = mnist.test.images[num]
        classification = sess.run(tf.argmax(Y, 1), feed_dict={X: [img]})
        print("Neural Network predicted", classification[0])
        print("Real label is:", np.argmax(mnist.test.labels[num]))

        # Not in the book: the output for the loader's image, so the save/restore round trip can be
        # checked against what ch03_softmax_loader prints.
        loader_probs = sess.run(Y, feed_dict={X: [mnist.test.images[LOADER_IMAGE]]})[0]

        saver = tf.compat.v1.train.Saver()
        save_path = saver.save(sess, str(logdir / CHECKPOINT_NAME))
        print(f"Model saved to {save_path}")

    return {
        "test_accuracy": float(test_accuracy),
        "random_test_image": num,
        "predicted": int(classification[0]),
        "real_label": int(np.argmax(mnist.test.labels[num])),
        "image_100_probabilities": [float(p) for p in loader_probs],
        "image_100_predicted": int(np.argmax(loader_probs)),
        "checkpoint": save_path,
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "epochs": epochs,
        "steps": steps,
    }


def parity_model() -> GraphParityModel:
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Y (softmax).

    The book's loss takes `log(Y)` unclipped: on dense uniform-random images a few steps at 0.005 push a
    softmax entry to exactly 0 and the loss to NaN (0 * log 0) in both trees; MNIST-like (mostly zero)
    images or a smaller learning rate keep it finite.
    """
    return GraphParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch03_softmax_classifier",
        "Softmax classifier on MNIST, saved with tf.train.Saver",
        run,
        parity_model=parity_model,
    ),
)
