"""ch08_prettytensor_digit_classifier — Pretty Tensor MNIST classifier (Seed A L8544-8689, L8695-8782).

The book trains, with Pretty Tensor, either `multilayer_fully_connected` (flatten -> fully_connected(100) ->
fully_connected(100) -> softmax_classifier(10), the default `--model=full`, which produced the printed
accuracies) or `lenet5` (conv2d(5, 20) -> max_pool(2, 2) -> conv2d(5, 50) -> max_pool(2, 2) -> flatten ->
fully_connected(500) -> softmax_classifier(10)), both under `pt.defaults_scope(activation_fn=tf.nn.relu,
l2loss=0.00001)`. Fixed-size placeholders [50, 28, 28, 1] / [50, 10]; `GradientDescentOptimizer(0.01)` applied
with `pt.apply_optimizer` (cross-entropy + 1e-5 * l2_loss of every weight matrix); 10 epochs; each epoch
reshuffles the training set (`data_utils.permute_data`), trains EPOCH_SIZE = 60000 // 50 batches in order
(`pt.train.Runner.train_model` with `feed_numpy`), then averages the test-batch accuracy over TEST_SIZE =
10000 // 50 batches (`runner.evaluate_model`), printed as `Accuracy [0.8994]` ... `[0.94980001]` (L8688).

Pretty Tensor (dead, TF1-only) is not installed: `reference_tf1._ch08_pretty` re-implements the used subset
(wrap, defaults_scope, fully_connected, conv2d, max_pool, softmax_classifier, evaluate_classifier,
apply_optimizer) with Pretty Tensor's initialisers (Xavier-uniform dense weights, He-normal ReLU conv
weights, zero biases) and loss averaging; the Runner loop is written out here. The data: MNIST via
`tfmigrate.book.data.mnist` (tutorial layout with validation_size=0, i.e. all training images, as
`data_utils.mnist(training=True)` had), reshaped to [N, 28, 28, 1] and centred to [-0.5, 0.5] the way
prettytensor's `data_utils` scaled pixels ((p - 255/2) / 255). EPOCH_SIZE and TEST_SIZE are computed from the
data set sizes (the book's 60000 // 50 and 10000 // 50 assume the full MNIST files).

Listing defects fixed: `import prettystensor as pt` / `from prettynsor.tutorial import data_utils` (L8696,
L8700), the placeholders defined twice, the module-level `FLAGS` redefinition, glued `\\n` line breaks; the
listing prints `('epoch', n)` / `('accuracy', [acc])` (Py2 tuples) while the shown output reads
`epoch = n` / `Accuracy [acc]` — the shown output's format is printed. `tf.app.flags` is not used (flags
parse sys.argv); the model choice is the `model` argument ("full" by default, as the book's flag).
`config.steps` overrides the number of epochs.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1 import _ch08_pretty as pt
from reference_tf1._parity import GraphModel, GraphParityModel
from tfmigrate.book.data import mnist
from tfmigrate.book.initializers import xavier_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

BATCH_SIZE = 50
EPOCHS = 10
LEARNING_RATE = 0.01
L2LOSS = 0.00001
MODEL = "full"
PRINT_EVERY = 100


def multilayer_fully_connected(images: tf.Tensor, labels: tf.Tensor, books: pt.Books) -> pt.SoftmaxResult:
    """Two fully connected ReLU layers of 100 units and a softmax classifier (the book's 'full' model)."""
    wrapped = pt.wrap(images, books)
    with pt.defaults_scope(activation_fn=tf.nn.relu, l2loss=L2LOSS):
        return wrapped.flatten().fully_connected(100).fully_connected(100).softmax_classifier(10, labels)


def lenet5(images: tf.Tensor, labels: tf.Tensor, books: pt.Books) -> pt.SoftmaxResult:
    """The LeNet-5 style 'conv' model."""
    wrapped = pt.wrap(images, books)
    with pt.defaults_scope(activation_fn=tf.nn.relu, l2loss=L2LOSS):
        return (
            wrapped.conv2d(5, 20)
            .max_pool(2, 2)
            .conv2d(5, 50)
            .max_pool(2, 2)
            .flatten()
            .fully_connected(500)
            .softmax_classifier(10, labels)
        )


def build(
    weights: Mapping[str, np.ndarray] | None,
    learning_rate: float | tf.Tensor,
    batch_size: int | None = BATCH_SIZE,
    model: str = MODEL,
) -> GraphModel:
    """The graph of `main()`: placeholders, the chosen model, accuracy and the Pretty Tensor train op."""
    image_placeholder = tf.compat.v1.placeholder(tf.float32, [batch_size, 28, 28, 1])
    labels_placeholder = tf.compat.v1.placeholder(tf.float32, [batch_size, 10])
    books = pt.Books(initial_values=weights)
    if model == "full":
        result = multilayer_fully_connected(image_placeholder, labels_placeholder, books)
    elif model == "conv":
        result = lenet5(image_placeholder, labels_placeholder, books)
    else:
        raise ValueError(f"model must be full or conv: {model}")
    assert result.loss is not None
    accuracy = result.softmax.evaluate_classifier(labels_placeholder)
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate)
    train_op = pt.apply_optimizer(optimizer, [result.loss], books)
    assert books.total_loss is not None
    return GraphModel(
        inputs={"x": image_placeholder, "y": labels_placeholder},
        variables=dict(books.variables),
        output=result.softmax.tensor,
        loss=books.total_loss,
        train_op=train_op,
        extra={"accuracy": accuracy, "cross_entropy": result.loss},
    )


def load_mnist(config: RunConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All training and test images as [N, 28, 28, 1] in [-0.5, 0.5] (prettytensor data_utils' scaling)."""
    data = mnist.read_data_sets(
        config.data_dir,
        layout="tutorial",
        one_hot=True,
        seed=config.seed,
        smoke=config.smoke,
        validation_size=0,
    )

    def centred(images: np.ndarray) -> np.ndarray:
        return (images.reshape(-1, 28, 28, 1) - np.float32(0.5)).astype(np.float32)

    return centred(data.train.images), data.train.labels, centred(data.test.images), data.test.labels


def run(config: RunConfig, model: str = MODEL) -> Metrics:
    train_images, train_labels, test_images, test_labels = load_mnist(config)
    epoch_size = len(train_images) // BATCH_SIZE
    test_size = len(test_images) // BATCH_SIZE
    epochs = config.steps if config.steps is not None else EPOCHS
    permutation_rng = np.random.RandomState(config.seed)  # data_utils.permute_data used numpy's global RNG

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        handles = build(None, LEARNING_RATE, BATCH_SIZE, model)
        init = tf.compat.v1.global_variables_initializer()
    images, labels = handles.inputs["x"], handles.inputs["y"]
    accuracies: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        step = 0
        for epoch in range(epochs):
            order = permutation_rng.permutation(len(train_images))
            train_images, train_labels = train_images[order], train_labels[order]
            for k in range(epoch_size):
                chunk = slice(k * BATCH_SIZE, (k + 1) * BATCH_SIZE)
                _, loss = sess.run(
                    [handles.train_op, handles.extra["cross_entropy"]],
                    {images: train_images[chunk], labels: train_labels[chunk]},
                )
                step += 1
                if step % PRINT_EVERY == 0:
                    print(f"[{step}] loss: {loss:g}")
            batch_accuracies = [
                sess.run(
                    handles.extra["accuracy"],
                    {
                        images: test_images[k * BATCH_SIZE : (k + 1) * BATCH_SIZE],
                        labels: test_labels[k * BATCH_SIZE : (k + 1) * BATCH_SIZE],
                    },
                )
                for k in range(test_size)
            ]
            accuracy = float(np.mean(batch_accuracies))
            accuracies.append(accuracy)
            # The shown output's format (L8688); the listing's Py2 prints would give ('epoch', n) tuples.
            print(f"epoch = {epoch + 1}")
            print(f"Accuracy [{accuracy:.8g}]")
    return {
        "model": model,
        "epochs": epochs,
        "epoch_size": epoch_size,
        "test_size": test_size,
        "accuracy_per_epoch": accuracies,
        "final_accuracy": accuracies[-1] if accuracies else float("nan"),
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """The 'full' model's weights as Pretty Tensor draws them: Xavier-uniform matrices, zero biases."""
    weights: Weights = {}
    for scope, (n_in, n_out) in {
        "fully_connected": (784, 100),
        "fully_connected_1": (100, 100),
        "softmax_classifier": (100, 10),
    }.items():
        weights[f"{scope}/weights"] = xavier_uniform(rng, n_in, n_out, [n_in, n_out])
        weights[f"{scope}/bias"] = np.zeros(n_out, np.float32)
    return weights


def parity_model() -> GraphParityModel:
    """The 'full' model with an unknown batch size (the loss is then the batch mean, as pt computed it)."""
    return GraphParityModel(
        spec={
            "x": TensorSpec((28, 28, 1), low=-0.5, high=0.5),
            "y": TensorSpec((10,), kind="one_hot", depth=10),
        },
        draw_weights=initial_weights,
        build=lambda weights, lr: build(weights, lr, batch_size=None, model="full"),
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch08_prettytensor_digit_classifier",
        "Pretty Tensor digit classifier (multilayer fully connected / LeNet-5), MNIST",
        run,
        parity_model=parity_model,
        missing="prettytensor (TF1-only) re-implemented in tf.compat.v1; offline MNIST subset "
        "(8,000 train / 2,000 test) instead of the 60,000/10,000 download",
    ),
)
