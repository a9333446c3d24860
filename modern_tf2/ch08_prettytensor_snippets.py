"""ch08_prettytensor_snippets: Pretty Tensor's normal and sequential modes (Seed A L8496-8531), as plain
Keras 3. Spec: reference_tf1/ch08_prettytensor_snippets.py.

Pretty Tensor (prettytensor 0.7.4) is a dead TF1-only library; what it offered, a chainable way to stack
layers, is what `keras.Sequential` does today, so both fragments become Keras models with Pretty Tensor's
defaults (the reference re-implements the library in TF1 graph code with the same ones):
* normal mode, `wrap(x).fully_connected(256, relu).fully_connected(128, sigmoid).fully_connected(64, tanh)
  .softmax_classifier(10)` -> a `keras.Sequential` built in one expression;
* sequential mode, `seq = wrap(x).sequential(); seq.flatten(); seq.fully_connected(200, relu);
  seq.fully_connected(10, activation_fn=None); seq.softmax(labels)` -> an empty `keras.Sequential` grown
  with `.add(...)` statement by statement, then softmax and the batch-mean cross-entropy against the labels.
Every fully connected layer: Xavier-uniform weights (keras GlorotUniform: the same U(+-sqrt(6/(in+out)))),
zero bias, no weight decay (no defaults scope in the fragments). Both run forward on the reference's seeded
random input; nothing is trained (the fragments have no optimizer), so there are no parity hooks.

NAMES: the Keras layers carry Pretty Tensor's scope names ("fully_connected", "fully_connected_1", ...,
"softmax_classifier"; its counter runs across both chains, hence "fully_connected_3" / "_4" in the second);
a layer's kernel is Pretty Tensor's "<scope>/weights" and its bias "<scope>/bias" (`pt_variable_names`),
which is how the metrics list them.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch08_ch10_common import pt_dense_initializer, pt_variable_names
from tfmigrate.book.runtime import Example, Metrics, RunConfig

BATCH = 8
SMOKE_BATCH = 4


def fully_connected(
    size: int, activation: Callable[..., tf.Tensor] | str | None, name: str
) -> keras.layers.Dense:
    """Pretty Tensor's fully_connected(size, activation_fn): Xavier-uniform weights, zero bias."""
    return keras.layers.Dense(
        size,
        activation=activation,
        kernel_initializer=pt_dense_initializer(),
        bias_initializer="zeros",
        name=name,
    )


def normal_mode() -> keras.Sequential:
    """The chained expression of the first fragment (`softmax_classifier(10)`: linear layer + softmax)."""
    return keras.Sequential(
        [
            keras.Input((784,)),
            fully_connected(256, "relu", "fully_connected"),
            fully_connected(128, "sigmoid", "fully_connected_1"),
            fully_connected(64, "tanh", "fully_connected_2"),
            fully_connected(10, None, "softmax_classifier"),
            keras.layers.Softmax(name="softmax"),
        ],
        name="normal_mode",
    )


def sequential_mode() -> keras.Sequential:
    """The second fragment: one statement per layer, each replacing the head (Keras' `add`)."""
    seq = keras.Sequential(name="sequential_mode")
    seq.add(keras.Input((28, 28, 1)))
    seq.add(keras.layers.Flatten(name="flatten"))
    seq.add(fully_connected(200, "relu", "fully_connected_3"))
    seq.add(fully_connected(10, None, "fully_connected_4"))
    return seq


def softmax_with_loss(logits: tf.Tensor, labels: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """Pretty Tensor's `softmax(labels)`: probabilities, batch-mean cross-entropy (no label gradient)."""
    per_example = tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(labels), logits=logits)
    return tf.nn.softmax(logits), tf.reduce_mean(per_example)


def variable_names(model: keras.Model) -> list[str]:
    return sorted(name for layer in model.layers if layer.weights for name in pt_variable_names(layer))


def run(config: RunConfig) -> Metrics:
    batch = SMOKE_BATCH if config.smoke else BATCH
    rng = np.random.default_rng(config.seed)
    examples = rng.uniform(0.0, 1.0, size=(batch, 784)).astype(np.float32)
    label_ids = rng.integers(0, 10, size=batch)
    labels_value = np.eye(10, dtype=np.float32)[label_ids]
    keras.utils.set_random_seed(config.seed)

    normal = normal_mode()
    seq = sequential_mode()

    @tf.function
    def forward(x: tf.Tensor, images: tf.Tensor, labels: tf.Tensor) -> tuple[tf.Tensor, ...]:
        return (normal(x), *softmax_with_loss(seq(images), labels))

    normal_probabilities, sequential_probabilities, sequential_loss = (
        t.numpy() for t in forward(examples, examples.reshape(-1, 28, 28, 1), labels_value)
    )
    normal_variables, sequential_variables = variable_names(normal), variable_names(seq)
    print("normal mode: softmax shape", normal_probabilities.shape, "row sums", normal_probabilities.sum(1))
    print("normal mode variables:", normal_variables)
    print("sequential mode: softmax shape", sequential_probabilities.shape, "loss", sequential_loss)
    print("sequential mode variables:", sequential_variables)
    return {
        "normal_softmax_shape": list(normal_probabilities.shape),
        "normal_row_sum_max_error": float(np.max(np.abs(normal_probabilities.sum(1) - 1.0))),
        "normal_variables": normal_variables,
        "sequential_softmax_shape": list(sequential_probabilities.shape),
        "sequential_loss": float(sequential_loss),
        "sequential_variables": sequential_variables,
    }


EXAMPLES = (
    Example(
        "ch08_prettytensor_snippets",
        "Pretty Tensor chaining: normal mode and sequential mode (forward only)",
        run,
        missing="fragments only (no data, no training): run forward on seeded random input; "
        "Pretty Tensor's chaining expressed with keras.Sequential",
        tags=("ch08", "prettytensor"),
        migration=(
            "prettytensor wrap(x).fully_connected(...).softmax_classifier(10) chains and .sequential() mode "
            "(a TF1-only library)",
            "keras.Sequential built in one expression / grown with .add(), Xavier-uniform (GlorotUniform) "
            "weights and zero biases pinned",
        ),
    ),
)
