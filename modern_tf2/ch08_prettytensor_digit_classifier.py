"""ch08_prettytensor_digit_classifier: the Pretty Tensor MNIST classifier (Seed A L8544-8689, listing
L8695-8782), as plain Keras 3 with a tf.function training step. Spec:
reference_tf1/ch08_prettytensor_digit_classifier.py.

The book's two Pretty Tensor models, under `pt.defaults_scope(activation_fn=tf.nn.relu, l2loss=0.00001)`,
become `keras.Sequential` models with Pretty Tensor's defaults pinned:
* "full" (the default, which printed the book's accuracies): Flatten -> Dense(100, relu) -> Dense(100, relu)
  -> Dense(10) ("softmax_classifier", linear) -> softmax;
* "conv" (LeNet-5 style): Conv2D(20, 5, SAME, relu) -> MaxPooling2D(2, 2, SAME) -> Conv2D(50, 5, SAME, relu)
  -> MaxPooling2D(2, 2, SAME) -> Flatten -> Dense(500, relu) -> Dense(10) -> softmax.
Defaults: dense weights Xavier-uniform (GlorotUniform), ReLU conv weights He-normal NOT truncated
(RandomNormal(stddev sqrt(2 / (in * k * k))); keras' HeNormal truncates), biases zero; every weight matrix
(the classifier's too) carries `WeightDecay(1e-5)` = 1e-5 * tf.nn.l2_loss(W), Pretty Tensor's l2loss.
Loss: batch-mean softmax cross-entropy (labels get no gradient, as TF1's op) + the model's regularisation
losses, what `pt.apply_optimizer` minimised; keras.optimizers.SGD(0.01) in a tf.function step (the
reference: GradientDescentOptimizer(0.01)).
Training as the reference's Runner loop: each epoch permutes the training set with numpy
(`RandomState(seed)`, data_utils.permute_data), a tf.data pipeline serves its EPOCH_SIZE = N // 50 batches
of 50 in that order, the loss is printed every 100 steps, then the mean accuracy over the TEST_SIZE = N // 50
test batches is printed as `epoch = n` / `Accuracy [acc]` (L8688). Data: tfmigrate.book.data.mnist
(tutorial layout, validation_size=0), [N, 28, 28, 1] centred to [-0.5, 0.5] as prettytensor's data_utils.
jit_compile: off (`JIT_COMPILE`): XLA was slower on 2 CPU cores ("full": 1.46 vs 1.25 ms per step of 50;
"conv": 57 vs 27 ms).

WEIGHT MAPPING (reference / Pretty Tensor name -> Keras 3 variable; same layouts): "<scope>/weights" ->
layer "<scope>".kernel ([in, out] dense, [k, k, in, out] conv), "<scope>/bias" -> layer "<scope>".bias, for
scopes fully_connected, fully_connected_1, softmax_classifier ("full") and conv2d, conv2d_1,
fully_connected, softmax_classifier ("conv"). `config.steps` overrides the number of epochs.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch08_ch10_common import (
    WeightDecay,
    pt_dense_initializer,
    pt_relu_conv_initializer,
    pt_variable_names,
)
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.data import mnist
from tfmigrate.book.initializers import xavier_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

BATCH_SIZE = 50
EPOCHS = 10
LEARNING_RATE = 0.01
L2LOSS = 0.00001
MODEL = "full"
PRINT_EVERY = 100
JIT_COMPILE = False
FULL_SCOPES = (
    ("fully_connected", 784, 100),
    ("fully_connected_1", 100, 100),
    ("softmax_classifier", 100, 10),
)


def _dense(size: int, activation: str | None, name: str, seed: int | None) -> keras.layers.Dense:
    return keras.layers.Dense(
        size,
        activation=activation,
        kernel_initializer=pt_dense_initializer(seed),
        bias_initializer="zeros",
        kernel_regularizer=WeightDecay(L2LOSS),
        name=name,
    )


def _conv(depth: int, in_depth: int, name: str, seed: int | None) -> keras.layers.Conv2D:
    return keras.layers.Conv2D(
        depth,
        5,
        padding="same",
        activation="relu",
        kernel_initializer=pt_relu_conv_initializer(in_depth * 5 * 5, seed),
        bias_initializer="zeros",
        kernel_regularizer=WeightDecay(L2LOSS),
        name=name,
    )


def _sub(seed: int | None, k: int) -> int | None:
    return None if seed is None else seed + k


def multilayer_fully_connected(seed: int | None = None) -> keras.Sequential:
    """The 'full' model; its output is the classifier's logits (softmax applied by `predictions`)."""
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Flatten(name="flatten"),
            _dense(100, "relu", "fully_connected", _sub(seed, 0)),
            _dense(100, "relu", "fully_connected_1", _sub(seed, 1)),
            _dense(10, None, "softmax_classifier", _sub(seed, 2)),
        ],
        name="multilayer_fully_connected",
    )


def lenet5(seed: int | None = None) -> keras.Sequential:
    """The 'conv' model."""
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            _conv(20, 1, "conv2d", _sub(seed, 0)),
            keras.layers.MaxPooling2D(2, 2, padding="same", name="max_pool"),
            _conv(50, 20, "conv2d_1", _sub(seed, 1)),
            keras.layers.MaxPooling2D(2, 2, padding="same", name="max_pool_1"),
            keras.layers.Flatten(name="flatten"),
            _dense(500, "relu", "fully_connected", _sub(seed, 2)),
            _dense(10, None, "softmax_classifier", _sub(seed, 3)),
        ],
        name="lenet5",
    )


def build_model(model: str = MODEL, seed: int | None = None) -> keras.Sequential:
    if model == "full":
        return multilayer_fully_connected(seed)
    if model == "conv":
        return lenet5(seed)
    raise ValueError(f"model must be full or conv: {model}")


def cross_entropy(logits: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
    """Pretty Tensor's softmax(labels) loss: batch-mean softmax cross-entropy, no gradient into labels."""
    return tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(labels), logits=logits)
    )


def total_loss(
    model: keras.Model, images: tf.Tensor, labels: tf.Tensor
) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    """(softmax, cross-entropy, cross-entropy + weight decay): what pt.apply_optimizer minimised."""
    logits = model(images, training=False)
    xent = cross_entropy(logits, labels)
    return tf.nn.softmax(logits), xent, tf.add_n([xent, *model.losses])


def accuracy_of(probabilities: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
    """Pretty Tensor's evaluate_classifier: the fraction of argmax matches."""
    correct = tf.equal(tf.argmax(probabilities, 1), tf.argmax(labels, 1))
    return tf.reduce_mean(tf.cast(correct, tf.float32))


def make_train_step(model: keras.Model, learning_rate: float) -> Any:
    """One SGD step on (cross-entropy + weight decay) as a tf.function; returns the cross-entropy."""
    optimizer = gradient_descent(learning_rate)
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function(jit_compile=JIT_COMPILE)
    def train_step(images: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            _, xent, loss = total_loss(model, images, labels)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        return xent

    return train_step


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


def run(config: RunConfig, model_name: str = MODEL) -> Metrics:
    train_images, train_labels, test_images, test_labels = load_mnist(config)
    epoch_size = len(train_images) // BATCH_SIZE
    test_size = len(test_images) // BATCH_SIZE
    epochs = config.steps if config.steps is not None else EPOCHS
    permutation_rng = np.random.RandomState(config.seed)  # data_utils.permute_data used numpy's global RNG
    keras.utils.set_random_seed(config.seed)

    model = build_model(model_name, seed=config.seed)
    train_step = make_train_step(model, LEARNING_RATE)

    @tf.function
    def test_accuracy(images: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
        return accuracy_of(total_loss(model, images, labels)[0], labels)

    test_batches = (
        tf.data.Dataset.from_tensor_slices((test_images, test_labels))
        .take(test_size * BATCH_SIZE)
        .batch(BATCH_SIZE, drop_remainder=True)
    )
    accuracies: list[float] = []
    step = 0
    for epoch in range(epochs):
        order = permutation_rng.permutation(len(train_images))
        train_images, train_labels = train_images[order], train_labels[order]
        batches = (
            tf.data.Dataset.from_tensor_slices((train_images, train_labels))
            .batch(BATCH_SIZE, drop_remainder=True)
            .prefetch(tf.data.AUTOTUNE)
        )
        for images, labels in batches:
            loss = float(train_step(images, labels))
            step += 1
            if step % PRINT_EVERY == 0:
                print(f"[{step}] loss: {loss:g}")
        accuracy = float(np.mean([float(test_accuracy(images, labels)) for images, labels in test_batches]))
        accuracies.append(accuracy)
        print(f"epoch = {epoch + 1}")
        print(f"Accuracy [{accuracy:.8g}]")
    return {
        "model": model_name,
        "epochs": epochs,
        "epoch_size": epoch_size,
        "test_size": test_size,
        "accuracy_per_epoch": accuracies,
        "final_accuracy": accuracies[-1] if accuracies else float("nan"),
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """The 'full' model's weights as the reference draws them: Xavier-uniform matrices, zero biases."""
    weights: Weights = {}
    for scope, n_in, n_out in FULL_SCOPES:
        weights[f"{scope}/weights"] = xavier_uniform(rng, n_in, n_out, [n_in, n_out])
        weights[f"{scope}/bias"] = np.zeros(n_out, np.float32)
    return weights


def _parity_build(learning_rate: float | None) -> EagerModel:
    """The 'full' model: softmax output, cross-entropy + weight decay, SGD(0.01) steps (run()'s step)."""
    model = build_model("full")
    step = make_train_step(model, LEARNING_RATE if learning_rate is None else learning_rate)
    variables: dict[str, Any] = {}
    for scope, _, _ in FULL_SCOPES:
        variables.update(pt_variable_names(model.get_layer(scope)))

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        probabilities, _, loss = total_loss(model, batch["x"], batch["y"])
        return probabilities, loss

    return EagerModel(
        variables=variables,
        output_and_loss=output_and_loss,
        train_step=lambda batch: step(batch["x"], batch["y"]),
        model=model,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks: the 'full' model's variables under Pretty Tensor's names (the reference's)."""
    return EagerParityModel(
        spec={
            "x": TensorSpec((28, 28, 1), low=-0.5, high=0.5),
            "y": TensorSpec((10,), kind="one_hot", depth=10),
        },
        draw_weights=initial_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch08_prettytensor_digit_classifier",
        "Pretty Tensor digit classifier (multilayer fully connected / LeNet-5), MNIST",
        run,
        parity_model=parity_model,
        missing="prettytensor (TF1-only) expressed as keras.Sequential with its defaults; offline MNIST "
        "subset (8,000 train / 2,000 test) instead of the 60,000/10,000 download",
        tags=("ch08", "prettytensor", "mnist"),
        migration=(
            "prettytensor defaults_scope(relu, l2loss=1e-5) chains, pt.apply_optimizer("
            "GradientDescentOptimizer(0.01)), pt.train.Runner feed loop",
            "keras.Sequential with GlorotUniform / non-truncated He-normal kernels and a WeightDecay "
            "(1e-5 * l2_loss) regularizer, keras SGD(0.01) in a tf.function step, tf.data batches",
        ),
    ),
)
