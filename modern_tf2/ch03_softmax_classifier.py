"""ch03_softmax_classifier: the softmax MNIST classifier, exported as a SavedModel for the loader.

Seed A: walkthrough L2659-2871, saver snippet L2909-2913, listing L3026-3090. The reference's model and
hyperparameters: one softmax layer (W [784, 10], b [10], zeros) on [N, 28, 28, 1] images; loss
`-mean(Y_ * log(Y)) * 1000` (100 x the mean per-example cross-entropy, no clipping, as in the book);
plain gradient descent 0.005 (keras.optimizers.SGD without momentum: `var -= lr * grad`, TF1's update);
batches of 100; 10 epochs over the book's `mnist_data` layout; summaries "cost"/"accuracy" per step
under `log_mnist_softmax`.

TF1 -> here: the placeholders and the Session feed loop became a tf.data pipeline and a tf.function
step with GradientTape (`_ch03_ch05_common.Trainer`). The Saver checkpoint + meta graph (found again by
the tensor names "input:0"/"output:0") became a SavedModel whose serving signature takes `input`
([None, 28, 28, 1] float32) and returns `output` (the softmax), see `SoftmaxServing`; ch03_softmax_loader
calls it by those names.

Weight mapping (reference name/layout -> Keras variable; the layouts are the same):
    W [784, 10] -> output/kernel      b [10] -> output/bias
(the Dense layer is named "output" after the reference's softmax tensor).

jit_compile: not used; the step is one [100, 784] x [784, 10] matmul, too small for XLA to matter.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from keras import ops

from modern_tf2._ch03_ch05_common import Trainer, accuracy, batch_stream, make_logdir, planned_epochs
from modern_tf2._parity import EagerParityModel
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LOGS_PATH = "log_mnist_softmax"
SAVED_MODEL_DIR = "saved_mnist_cnn"
"""The reference's checkpoint name ("saved_mnist_cnn.ckpt"), as a SavedModel directory."""
BATCH_SIZE = 100
# The book also sets `learning_rate = 0.5` and never uses it; the optimizer gets 0.005 literally.
LEARNING_RATE = 0.005
TRAINING_EPOCHS = 10
LOADER_IMAGE = 100
"""The test image ch03_softmax_loader classifies (L2967)."""

KERAS_VARIABLES = {"W": "output/kernel", "b": "output/bias"}


def build_model() -> keras.Model:
    """X [N, 28, 28, 1] -> reshape 784 -> Y = softmax(XX W + b), W and b zeros as in the book."""
    X = keras.Input((28, 28, 1), name="input")
    XX = keras.layers.Reshape((784,), name="reshape")(X)
    Y = keras.layers.Dense(
        10, activation="softmax", kernel_initializer="zeros", bias_initializer="zeros", name="output"
    )(XX)
    return keras.Model(X, Y, name="softmax_classifier")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """The book's loss, `log(Y)` unclipped: (cross_entropy, Y)."""
    Y = model(batch["X"], training=training)
    cross_entropy = -ops.mean(batch["Y_"] * ops.log(Y)) * 1000.0
    return cross_entropy, Y


def make_trainer(learning_rate: float = LEARNING_RATE) -> Trainer:
    return Trainer(build_model(), objective, gradient_descent(learning_rate))


class SoftmaxServing(tf.Module):  # type: ignore[misc]  # tensorflow is untyped
    """What the SavedModel holds: the model and a serving signature named like the reference's tensors."""

    def __init__(self, model: keras.Model) -> None:
        super().__init__(name="softmax_serving")
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 28, 28, 1], tf.float32, name="input")])  # type: ignore[untyped-decorator]
    def serve(self, images: tf.Tensor) -> dict[str, tf.Tensor]:
        return {"output": self.model(images, training=False)}


def export(model: keras.Model, export_dir: Path) -> str:
    """Write the SavedModel (signature "serving_default": input -> output); returns its path."""
    serving = SoftmaxServing(model)
    tf.saved_model.save(serving, str(export_dir), signatures={"serving_default": serving.serve})
    return str(export_dir)


def run(config: RunConfig) -> Metrics:
    keras.utils.set_random_seed(config.seed)
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    logdir = make_logdir(config)
    rng = np.random.default_rng(config.seed)

    trainer = make_trainer()
    model = trainer.model
    batches = batch_stream((mnist.train.images, mnist.train.labels), BATCH_SIZE, config.seed)
    writer = tf.summary.create_file_writer(str(logdir / LOGS_PATH))

    batch_count = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, batch_count, config.steps)
    steps = 0
    for epoch in range(epochs):
        for i in range(batch_count):
            if config.steps is not None and steps >= config.steps:
                break
            batch_x, batch_y = next(batches)
            cost, Y = trainer.train_step({"X": batch_x, "Y_": batch_y}, LEARNING_RATE)
            with writer.as_default():
                tf.summary.scalar("cost", cost, step=epoch * batch_count + i)
                tf.summary.scalar("accuracy", accuracy(Y, batch_y), step=epoch * batch_count + i)
            steps += 1
        print("Epoch: ", epoch)
    writer.close()

    test_accuracy = np.float32(accuracy(model(mnist.test.images, training=False), mnist.test.labels))
    print("Accuracy: ", test_accuracy)
    print("done")

    num = int(rng.integers(0, mnist.test.images.shape[0]))
    img = mnist.test.images[num]
    classification = ops.argmax(model(img[np.newaxis], training=False), 1).numpy()
    print("Neural Network predicted", classification[0])
    print("Real label is:", np.argmax(mnist.test.labels[num]))

    # Not in the book: the output for the loader's image, so the export/load round trip can be checked
    # against what ch03_softmax_loader prints.
    loader_probs = model(mnist.test.images[LOADER_IMAGE : LOADER_IMAGE + 1], training=False).numpy()[0]

    save_path = export(model, logdir / SAVED_MODEL_DIR)
    print(f"Model saved to {save_path}")

    return {
        "test_accuracy": float(test_accuracy),
        "random_test_image": num,
        "predicted": int(classification[0]),
        "real_label": int(np.argmax(mnist.test.labels[num])),
        "image_100_probabilities": [float(p) for p in loader_probs],
        "image_100_predicted": int(np.argmax(loader_probs)),
        "saved_model": save_path,
        "train_examples": int(mnist.train.num_examples),
        "test_examples": int(mnist.test.num_examples),
        "epochs": epochs,
        "steps": steps,
    }


def draw_weights(rng: np.random.Generator) -> Weights:
    """Zeros, as the book initialises them (nothing random to draw)."""
    del rng
    return {"W": np.zeros([784, 10], np.float32), "b": np.zeros([10], np.float32)}


def parity_model() -> EagerParityModel:
    """Parity hooks: batch {"X": [N, 28, 28, 1] in [0, 1], "Y_": one-hot}; forward gives Y (softmax).

    As in the reference, `log(Y)` is unclipped: use MNIST-like (mostly zero) images, on which the loss
    stays finite; dense uniform-random images drive a softmax entry to 0 and the loss to NaN in both trees.
    """
    return EagerParityModel(
        spec={"X": TensorSpec((28, 28, 1)), "Y_": TensorSpec((10,), kind="one_hot", depth=10)},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, lambda step: LEARNING_RATE
        ),
    )


EXAMPLES = (
    Example(
        "ch03_softmax_classifier",
        "Softmax classifier on MNIST, exported as a SavedModel",
        run,
        parity_model=parity_model,
        migration=(
            "placeholders + Session.run feed loop, GradientDescentOptimizer(0.005), "
            "summary.FileWriter, train.Saver checkpoint",
            "tf.data + tf.function step with GradientTape, keras.optimizers.SGD(0.005), "
            "tf.summary.create_file_writer + tf.summary.write, "
            "tf.saved_model with an input/output serving signature",
        ),
    ),
)
