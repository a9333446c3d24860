"""ch05_autoencoder: a fully connected sigmoid autoencoder on MNIST (784-256-128-256-784).

Seed A: walkthrough L5232-5452, output L5456-5472, listing L5486-5573. The reference's model and
hyperparameters, as four Keras Dense layers: kernels AND biases `RandomNormal(stddev=1.0)` (TF1's
`random_normal` default stddev is 1.0, Keras' 0.05; Keras biases default to zeros), sigmoid everywhere;
cost `mean((X - y_pred)^2)`; RMSProp 0.01 with TF1's semantics (`TF1RMSProp`: Keras 3's RMSprop update
with rho 0.9, momentum 0, epsilon 1e-10 inside the sqrt pinned and its mean-square slots started at 1.0
instead of 0); batches of 256; 10 epochs over the tutorial layout (flat 784); the cost printed per epoch
is the last batch's. At the end the first `examples_to_show = 4` test images are reconstructed (the
book plots them; their mean squared error is reported instead).

Weight mapping (reference name/layout -> Keras variable; the layouts are the same, kernels [in, out]):
    weights/encoder_h1 -> encoder_h1/kernel    biases/encoder_b1 -> encoder_h1/bias
    weights/encoder_h2 -> encoder_h2/kernel    biases/encoder_b2 -> encoder_h2/bias
    weights/decoder_h1 -> decoder_h1/kernel    biases/decoder_b1 -> decoder_h1/bias
    weights/decoder_h2 -> decoder_h2/kernel    biases/decoder_b2 -> decoder_h2/bias

jit_compile: not used; measured on 2 CPU cores (batch 256) XLA was no faster: 7.2 ms vs 6.4 ms per step.
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

LEARNING_RATE = 0.01
TRAINING_EPOCHS = 10
BATCH_SIZE = 256
DISPLAY_STEP = 1
EXAMPLES_TO_SHOW = 4
N_HIDDEN_1 = 256  # 1st layer num features
N_HIDDEN_2 = 128  # 2nd layer num features
N_INPUT = 784  # MNIST data input (img shape: 28*28)

LAYERS: dict[str, tuple[str, int, int]] = {
    # Keras layer = the reference's weight key: (its bias key, fan in, width)
    "encoder_h1": ("encoder_b1", N_INPUT, N_HIDDEN_1),
    "encoder_h2": ("encoder_b2", N_HIDDEN_1, N_HIDDEN_2),
    "decoder_h1": ("decoder_b1", N_HIDDEN_2, N_HIDDEN_1),
    "decoder_h2": ("decoder_b2", N_HIDDEN_1, N_INPUT),
}
KERAS_VARIABLES = {
    **{f"weights/{layer}": f"{layer}/kernel" for layer in LAYERS},
    **{f"biases/{bias}": f"{layer}/bias" for layer, (bias, _, _) in LAYERS.items()},
}


def build_model() -> keras.Model:
    """X [N, 784] -> encoder 256 -> 128 -> decoder 256 -> 784, all sigmoid: y_pred."""
    X = keras.Input((N_INPUT,), name="X")
    h = X
    for layer, (_, _, width) in LAYERS.items():
        h = keras.layers.Dense(
            width,
            activation="sigmoid",
            kernel_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
            bias_initializer=keras.initializers.RandomNormal(mean=0.0, stddev=1.0),
            name=layer,
        )(h)
    return keras.Model(X, h, name="autoencoder")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """(cost, y_pred): the mean over every pixel of the batch."""
    y_true = batch["X"]
    y_pred = model(y_true, training=training)
    cost = ops.mean(ops.square(y_true - y_pred))
    return cost, y_pred


def make_trainer(learning_rate: float = LEARNING_RATE) -> Trainer:
    return Trainer(build_model(), objective, rmsprop(learning_rate))


def run(config: RunConfig) -> Metrics:
    keras.utils.set_random_seed(config.seed)
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    trainer = make_trainer()
    batches = batch_stream((mnist.train.images,), BATCH_SIZE, config.seed)

    total_batch = int(mnist.train.num_examples / BATCH_SIZE)
    epochs = planned_epochs(TRAINING_EPOCHS, total_batch, config.steps)
    steps = 0
    costs: list[float] = []
    for epoch in range(epochs):
        for _ in range(total_batch):
            if config.steps is not None and steps >= config.steps:
                break
            (batch_xs,) = next(batches)
            c, _ = trainer.train_step({"X": batch_xs}, LEARNING_RATE)
            steps += 1
        if epoch % DISPLAY_STEP == 0:
            print("Epoch:", f"{epoch + 1:04d}", "cost=", f"{float(c):.9f}")
            costs.append(float(c))
    print("Optimization Finished!")
    encode_decode = trainer.model(mnist.test.images[:EXAMPLES_TO_SHOW], training=False).numpy()

    shown_mse = float(np.mean((encode_decode - mnist.test.images[:EXAMPLES_TO_SHOW]) ** 2))
    return {
        "final_cost": costs[-1],
        "epoch_costs": costs,
        "test_examples_shown_mse": shown_mse,
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
    """Parity hooks: batch {"X": [N, 784] in [0, 1]}; forward gives the reconstruction `y_pred`."""
    return EagerParityModel(
        spec={"X": TensorSpec((N_INPUT,))},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, lambda step: LEARNING_RATE
        ),
    )


EXAMPLES = (
    Example(
        "ch05_autoencoder",
        "Sigmoid autoencoder 784-256-128-256-784 on MNIST (RMSProp)",
        run,
        parity_model=parity_model,
        migration=(
            "weight/bias dicts of tf.Variable(random_normal), placeholders + Session.run feed loop, "
            "RMSPropOptimizer(0.01) (slot starts at 1.0)",
            "keras.layers.Dense(kernel/bias_initializer=RandomNormal(stddev=1.0)), tf.data + tf.function "
            "step with GradientTape, TF1's RMSProp (decay 0.9, epsilon 1e-10, slot from 1.0)",
        ),
    ),
)
