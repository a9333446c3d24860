"""ch05_denoising_autoencoder: a denoising autoencoder with dropout on MNIST (784-256-256-784).

Seed A: walkthrough L5591-5790, outputs L5793-5819, listing L5837-5962. The reference's model and
hyperparameters, as Keras layers: two sigmoid Dense layers, each followed by dropout, then a sigmoid
output; kernels and biases `RandomNormal(stddev=1.0)` (TF1's default stddev; Keras' is 0.05 and its
biases default to zeros); cost `mean((y_pred - y)^2)` against the clean batch; RMSProp 0.01 with TF1's
semantics (`TF1RMSProp`: rho 0.9, momentum 0, epsilon 1e-10 inside the sqrt, slots started at 1.0);
batches of 100; `epochs = 110` as in the code (11 in --smoke).

TF1 -> here: `tf.nn.dropout(x, keep_prob)` with a keep-probability placeholder (0.8 in training, 1 in
the test) is `keras.layers.Dropout(rate=0.2)` switched by the `training` flag (Keras takes the DROP rate).
The input noise, `0.3 * np.random.randn` in the book, comes from a seeded `tf.random.Generator`. As in the
reference, the cost summed for the epoch average is computed after the update on the same noisy batch
with dropout still on (a fresh mask, `training=True`); every 10 epochs the average cost is printed and
one random test image is denoised with dropout off (the book's three figures are left out; the
reconstruction's error against the clean image is reported instead).

Weight mapping (reference name/layout -> Keras variable; the layouts are the same, kernels [in, out]):
    weights/h1 -> h1/kernel     biases/b1 -> h1/bias
    weights/h2 -> h2/kernel     biases/b2 -> h2/bias
    weights/out -> out/kernel   biases/out -> out/bias

jit_compile: not used; XLA was no faster for the same-sized dense autoencoder (see ch05_autoencoder).
"""

from __future__ import annotations

from collections.abc import Mapping

import keras
import numpy as np
import tensorflow as tf
from keras import ops

from modern_tf2._ch03_ch05_common import Trainer, batch_stream, planned_epochs
from modern_tf2._parity import EagerParityModel
from modern_tf2._tf1_optimizers import rmsprop
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

# NETWORK PARAMETERS
N_INPUT = 784
N_HIDDEN_1 = 256
N_HIDDEN_2 = 256
N_OUTPUT = 784

EPOCHS = 110
SMOKE_EPOCHS = 11
"""--smoke: 11 epochs of 10 batches, still displaying (and testing) at epochs 0 and 10."""
BATCH_SIZE = 100
DISP_STEP = 10
LEARNING_RATE = 0.01
NOISE_STDDEV = 0.3
TRAIN_KEEP_PROB = 0.8

LAYERS: dict[str, tuple[str, int, int]] = {
    # Keras layer = the reference's weight key: (its bias key, fan in, width)
    "h1": ("b1", N_INPUT, N_HIDDEN_1),
    "h2": ("b2", N_HIDDEN_1, N_HIDDEN_2),
    "out": ("out", N_HIDDEN_2, N_OUTPUT),
}
KERAS_VARIABLES = {
    **{f"weights/{layer}": f"{layer}/kernel" for layer in LAYERS},
    **{f"biases/{bias}": f"{layer}/bias" for layer, (bias, _, _) in LAYERS.items()},
}


def build_model() -> keras.Model:
    """x [N, 784] -> 256 sigmoid -> dropout -> 256 sigmoid -> dropout -> 784 sigmoid: y_pred."""
    x = keras.Input((N_INPUT,), name="x")
    h = x
    for layer, (_, _, width) in LAYERS.items():
        h = keras.layers.Dense(
            width,
            activation="sigmoid",
            kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
            bias_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
            name=layer,
        )(h)
        if layer != "out":
            # TF1's keep_prob 0.8 is Keras' rate 0.2.
            h = keras.layers.Dropout(rate=1.0 - TRAIN_KEEP_PROB, name=f"dropout_{layer}")(h)
    return keras.Model(x, h, name="denoising_autoencoder")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """(cost, y_pred): noisy input x, clean target y."""
    y_pred = model(batch["x"], training=training)
    cost = ops.mean(ops.square(y_pred - batch["y"]))
    return cost, y_pred


def make_trainer(learning_rate: float = LEARNING_RATE) -> Trainer:
    return Trainer(build_model(), objective, rmsprop(learning_rate))


def run(config: RunConfig) -> Metrics:
    keras.utils.set_random_seed(config.seed)
    noise = tf.random.Generator.from_seed(config.seed)  # stands in for the book's global np.random
    print("PACKAGES LOADED")
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    testimg = mnist.test.images
    testlabel = mnist.test.labels
    print("MNIST LOADED")

    trainer = make_trainer()
    batches = batch_stream((mnist.train.images,), BATCH_SIZE, config.seed)
    num_batch = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(SMOKE_EPOCHS if config.smoke else EPOCHS, num_batch, config.steps)
    steps = 0
    average_costs: list[float] = []
    test_labels: list[int] = []
    test_errors: list[float] = []
    print("Start Training")
    for epoch in range(epochs):
        total_cost = 0.0
        batches_run = 0
        for _ in range(num_batch):
            if config.steps is not None and steps >= config.steps:
                break
            (batch_xs,) = next(batches)
            batch_xs_noisy = batch_xs + NOISE_STDDEV * noise.normal(tf.shape(batch_xs))
            feeds = {"x": batch_xs_noisy, "y": batch_xs}
            trainer.train_step(feeds, LEARNING_RATE, training=True)
            # As the book: the cost after the update, dropout still on.
            cost, _ = trainer.evaluate(feeds, training=True)
            total_cost += float(cost)
            batches_run += 1
            steps += 1
        # DISPLAY
        if epoch % DISP_STEP == 0:
            # The book divides by num_batch: the same unless --steps cut this epoch short.
            average_cost = total_cost / max(1, batches_run)
            print(f"Epoch {epoch:02d}/{epochs:02d} average cost: {average_cost:.6f}")
            average_costs.append(float(average_cost))

            # Test one
            print("Start Test")
            randidx = int(noise.uniform([], 0, testimg.shape[0], dtype=tf.int32))
            orgvec = testimg[randidx : randidx + 1]
            label = int(np.argmax(testlabel[randidx]))
            print(f"Test label is {label:d}")
            noisyvec = orgvec + NOISE_STDDEV * noise.normal(orgvec.shape)
            outvec = trainer.model(noisyvec, training=False).numpy()
            test_labels.append(label)
            test_errors.append(float(np.mean((outvec - orgvec) ** 2)))
            print("restart Training")

    return {
        "final_average_cost": average_costs[-1],
        "average_costs": average_costs,
        "displayed_epochs": list(range(0, epochs, DISP_STEP)),
        "test_labels": test_labels,
        "test_reconstruction_mse": test_errors,
        "train_examples": int(mnist.train.num_examples),
        "batch_size": BATCH_SIZE,
        "epochs": epochs,
        "steps": steps,
    }


def draw_weights(rng: np.random.Generator) -> Weights:
    """Every weight, then every bias, `random_normal` stddev 1.0: the reference's draws, in its order."""
    weights: Weights = {}
    for layer, (_, fan_in, width) in LAYERS.items():
        weights[f"weights/{layer}"] = random_normal(rng, (fan_in, width), stddev=1.0)
    for bias, _, width in LAYERS.values():
        weights[f"biases/{bias}"] = random_normal(rng, (width,), stddev=1.0)
    return weights


def parity_model() -> EagerParityModel:
    """Parity hooks: batch {"x": noisy input [N, 784], "y": clean target [N, 784] in [0, 1]}.

    The caller supplies the noise (x = y + noise) and dropout is off (training=False; the reference feeds
    keep_prob 1.0). forward gives `y_pred`.
    """
    return EagerParityModel(
        spec={"x": TensorSpec((N_INPUT,), low=-1.0, high=2.0), "y": TensorSpec((N_OUTPUT,))},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, lambda step: LEARNING_RATE
        ),
    )


EXAMPLES = (
    Example(
        "ch05_denoising_autoencoder",
        "Denoising autoencoder with dropout on MNIST (0.3 Gaussian noise, RMSProp)",
        run,
        parity_model=parity_model,
        migration=(
            "tf.nn.dropout(x, keep_prob) with a keep_prob placeholder (0.8/1.0), np.random.randn noise fed "
            "by Session.run, RMSPropOptimizer(0.01) (slot starts at 1.0)",
            "keras.layers.Dropout(rate=0.2) switched by training=, tf.random.Generator noise, tf.function "
            "step with GradientTape, TF1's RMSProp (decay 0.9, epsilon 1e-10, slot from 1.0)",
        ),
    ),
)
