"""s004_layers_activations_metrics: the "useful operations" of Seed B:128-156 (prose only).

Seed B names the mid-level layers -- `tf.dense` (no such function; it is `tf.layers.dense(inputs,
units)`), `conv2d(filters=...)`, `dropout`, `max_pooling2d` -- their `activation` parameter, the
`tf.nn` activations, and the `tf.metrics` module. Here they are put together in a small MNIST CNN
(book-layout images): conv2d(16 filters, 5x5, ReLU) -> max_pooling2d(2x2) -> dense(64, ReLU) ->
dropout -> dense(10), trained with Adam (TF1 defaults pinned), then scored with streaming
`tf.compat.v1.metrics` (accuracy, mean loss, per-class mean accuracy) over test batches. The
`tf.nn` activations are tabulated on a few inputs. Note `tf.compat.v1.layers.dropout` takes the drop
*rate* (0.4 here) and a `training` switch, unlike `tf.compat.v1.nn.dropout`'s keep_prob.

Parity hooks: batch {"x": [N, 28, 28, 1] in [0, 1], "y": class ids}; weights "conv1/kernel",
"conv1/bias", "dense1/kernel", "dense1/bias", "logits/kernel", "logits/bias" (Glorot-uniform kernels,
zero biases: the layers' defaults); dropout off; forward gives the logits; loss is the mean sparse
softmax cross-entropy.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import GLOROT_UNIFORM, adam, initializer
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import glorot_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

LEARNING_RATE = 0.001
DROPOUT_RATE = 0.4
BATCH_SIZE = 64
STEPS = 500
SMOKE_STEPS = 40
EVAL_BATCH = 100
ACTIVATION_INPUTS = (-2.0, -0.5, 0.0, 0.5, 2.0)


def cnn(init: Mapping[str, InitialValue] | None, learning_rate: float | tf.Tensor) -> GraphModel:
    """The layers of Seed B's prose as one small classifier (see the module docstring)."""
    x = tf.compat.v1.placeholder(tf.float32, [None, 28, 28, 1], name="x")
    y = tf.compat.v1.placeholder(tf.int32, [None], name="y")
    is_training = tf.compat.v1.placeholder_with_default(False, [], name="is_training")
    zeros = tf.compat.v1.zeros_initializer()
    conv = tf.compat.v1.layers.conv2d(
        x,
        filters=16,
        kernel_size=5,
        padding="same",
        activation=tf.nn.relu,
        kernel_initializer=initializer(init, "conv1/kernel", GLOROT_UNIFORM()),
        bias_initializer=initializer(init, "conv1/bias", zeros),
        name="conv1",
    )
    pool = tf.compat.v1.layers.max_pooling2d(conv, pool_size=2, strides=2)
    flat = tf.reshape(pool, [-1, 14 * 14 * 16])
    dense = tf.compat.v1.layers.dense(
        flat,
        units=64,
        activation=tf.nn.relu,
        kernel_initializer=initializer(init, "dense1/kernel", GLOROT_UNIFORM()),
        bias_initializer=initializer(init, "dense1/bias", zeros),
        name="dense1",
    )
    dropped = tf.compat.v1.layers.dropout(dense, rate=DROPOUT_RATE, training=is_training)
    logits = tf.compat.v1.layers.dense(
        dropped,
        units=10,
        kernel_initializer=initializer(init, "logits/kernel", GLOROT_UNIFORM()),
        bias_initializer=initializer(init, "logits/bias", zeros),
        name="logits",
    )
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
    train_op = adam(learning_rate).minimize(loss)
    variables = {v.op.name: v for v in tf.compat.v1.trainable_variables()}
    predictions = tf.argmax(logits, 1, output_type=tf.int32)
    return GraphModel(
        inputs={"x": x, "y": y},
        variables=variables,
        output=logits,
        loss=loss,
        train_op=train_op,
        deterministic_feed={is_training: False},
        extra={"is_training": is_training, "predictions": predictions},
    )


def draw_weights(rng: np.random.Generator) -> Weights:
    """numpy draws like the layers' default initializers."""
    return {
        "conv1/kernel": glorot_uniform(rng, [5, 5, 1, 16]),
        "conv1/bias": np.zeros([16], np.float32),
        "dense1/kernel": glorot_uniform(rng, [14 * 14 * 16, 64]),
        "dense1/bias": np.zeros([64], np.float32),
        "logits/kernel": glorot_uniform(rng, [64, 10]),
        "logits/bias": np.zeros([10], np.float32),
    }


def _activation_table() -> dict[str, list[float]]:
    """The `tf.nn` activations Seed B means, on a few inputs."""
    activations = {
        "relu": tf.nn.relu,
        "relu6": tf.nn.relu6,
        "elu": tf.nn.elu,
        "selu": tf.nn.selu,
        "leaky_relu": lambda t: tf.nn.leaky_relu(t, alpha=0.2),  # TF's default alpha, pinned
        "softplus": tf.nn.softplus,
        "softsign": tf.nn.softsign,
        "sigmoid": tf.nn.sigmoid,
        "tanh": tf.nn.tanh,
    }
    with tf.Graph().as_default() as graph:
        inputs = tf.constant(ACTIVATION_INPUTS, dtype=tf.float32)
        outputs = {name: fn(inputs) for name, fn in activations.items()}
        with tf.compat.v1.Session(graph=graph) as sess:
            values = sess.run(outputs)
    return {name: [round(float(v), 6) for v in value] for name, value in values.items()}


def run(config: RunConfig) -> Metrics:
    """Train the CNN a few hundred steps, score it with tf.compat.v1.metrics, tabulate activations."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="book", one_hot=False, seed=config.seed, smoke=config.smoke
    )
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(config.seed)
        model = cnn(None, LEARNING_RATE)
        x, y = model.inputs["x"], model.inputs["y"]
        predictions = model.extra["predictions"]
        accuracy, accuracy_update = tf.compat.v1.metrics.accuracy(labels=y, predictions=predictions)
        mean_loss, mean_loss_update = tf.compat.v1.metrics.mean(model.loss)
        per_class, per_class_update = tf.compat.v1.metrics.mean_per_class_accuracy(
            labels=y, predictions=predictions, num_classes=10
        )
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            losses = []
            for _ in range(steps):
                batch_x, batch_y = mnist.train.next_batch(BATCH_SIZE)
                feed = {x: batch_x, y: batch_y.astype(np.int32), model.extra["is_training"]: True}
                _, loss = sess.run([model.train_op, model.loss], feed)
                losses.append(float(loss))
            # The metrics' counters are local variables: initialise them, then stream the test set.
            sess.run(tf.compat.v1.local_variables_initializer())
            images, labels = mnist.test.images, mnist.test.labels.astype(np.int32)
            for start in range(0, len(labels), EVAL_BATCH):
                batch = {x: images[start : start + EVAL_BATCH], y: labels[start : start + EVAL_BATCH]}
                sess.run([accuracy_update, mean_loss_update, per_class_update], batch)
            test_accuracy, test_loss, test_per_class = sess.run([accuracy, mean_loss, per_class])
    print(f"test accuracy {test_accuracy:.4f}, mean loss {test_loss:.4f}")
    table = _activation_table()
    for name, values in table.items():
        print(f"{name:>10}: {values}")
    metrics: Metrics = {
        "steps": steps,
        "first_loss": losses[0],
        "last_loss": losses[-1],
        "test_accuracy": float(test_accuracy),
        "test_mean_loss": float(test_loss),
        "test_mean_per_class_accuracy": float(test_per_class),
        "activation_inputs": list(ACTIVATION_INPUTS),
    }
    metrics.update({f"activation_{name}": values for name, values in table.items()})
    return metrics


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""
    return GraphParityModel(
        spec={"x": TensorSpec((28, 28, 1)), "y": TensorSpec((), dtype="int32", kind="index", low=0, high=10)},
        draw_weights=draw_weights,
        build=cnn,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "s004_layers_activations_metrics",
        "TensorFlow API: dense/conv2d/max_pooling2d/dropout layers, tf.nn activations, tf.metrics",
        run,
        parity_model=parity_model,
        missing="Seed B has prose only (and refers to examples of its own book); the model is ours",
        tags=("seed_b", "trainable", "mnist"),
    ),
)
