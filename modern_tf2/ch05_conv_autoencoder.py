"""ch05_conv_autoencoder: a convolutional denoising autoencoder on MNIST.

Seed A: walkthrough L5992-6292, output L6296-6312, listing L6354-6526. The reference's `cae()` as a Keras
model: reshape to 28x28x1; three `Conv2D(5x5, strides 2, "same")` 1->16->32->64 (28->14->7->4), then three
`Conv2DTranspose(5x5, strides 2, "same")` 64->32->16->1 (4->7->14->28); every layer sigmoid then dropout;
all kernels and biases `RandomNormal(stddev=0.1)`. Cost `sum((cae(x) - reshape(y))^2)` over the batch;
Adam 0.001 (TF1's epsilon 1e-8 and float32 betas pinned); batches of 128; 5 epochs; input = clean batch
+ 0.3 * normal noise (a seeded tf.random.Generator), target the clean batch (`mean_img` is zeros); keep
probability 0.7 in training = Keras Dropout(rate=0.3) with `training=True`.

TF1 -> here:
* `tf.nn.conv2d_transpose(x, W, output_shape=tf.stack([N, 7, 7, 32]), strides, "SAME")`: the output
  shape is explicit in TF1, implied in Keras. Keras' Conv2DTranspose("same") gives `input * stride` (8,
  not 7) unless `output_padding` is set; with it, the size is `(input - 1) * 2 + 5 - 2 * 2 + output_padding`,
  so output_padding 0, 1, 1 gives 7, 14, 28. Keras then calls `tf.nn.conv_transpose` with that explicit
  output shape and "SAME", the same Conv2DBackpropInput op as TF1, so the padding split matches too.
* Filter layouts: TF1's conv2d_transpose filter is [h, w, out, in] and so is Keras' Conv2DTranspose
  kernel (`kernel_size + (filters, input_channels)`), e.g. weights/cd3 [5, 5, 32, 64] -> cd3/kernel
  [5, 5, 32, 64] unchanged; Conv2D kernels are [h, w, in, out] in both. No transposition anywhere.
* The book's cost calls `cae()` a second time instead of using `pred`: in training (dropout on) that call
  draws its own masks and is the only one that gets gradients. Here the training step calls the model
  once, for the cost (`pred` is not needed to train); with dropout off both are the same function.

Weight mapping (reference name/layout -> Keras variable, the same layouts):
    weights/ce1..ce3 -> ce1..ce3/kernel [5, 5, in, out]    biases/be1..be3 -> ce1..ce3/bias
    weights/cd3..cd1 -> cd3..cd1/kernel [5, 5, out, in]    biases/bd3..bd1 -> cd3..cd1/bias

jit_compile: not used; on 2 CPU cores XLA made the step 8x slower (281 ms vs 35 ms per 128-image step;
XLA's CPU convolutions are slower than TensorFlow's own kernels) and took 4.4 s to compile.
"""

from __future__ import annotations

from collections.abc import Mapping

import keras
import numpy as np
import tensorflow as tf
from keras import ops

from modern_tf2._ch03_ch05_common import Trainer, batch_stream, planned_epochs
from modern_tf2._parity import EagerParityModel
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

DIM = 784
N1, N2, N3 = 16, 32, 64
KSIZE = 5
LEARNING_RATE = 0.001
BATCH_SIZE = 128
N_EPOCHS = 5
TRAIN_KEEP_PROB = 0.7
NOISE_STDDEV = 0.3
N_EXAMPLES = 5

WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "ce1": (KSIZE, KSIZE, 1, N1),
    "ce2": (KSIZE, KSIZE, N1, N2),
    "ce3": (KSIZE, KSIZE, N2, N3),
    "cd3": (KSIZE, KSIZE, N2, N3),
    "cd2": (KSIZE, KSIZE, N1, N2),
    "cd1": (KSIZE, KSIZE, 1, N1),
}
BIAS_SHAPES: dict[str, tuple[int, ...]] = {
    "be1": (N1,),
    "be2": (N2,),
    "be3": (N3,),
    "bd3": (N2,),
    "bd2": (N1,),
    "bd1": (1,),
}
BIAS_OF = dict(zip(WEIGHT_SHAPES, BIAS_SHAPES, strict=True))
"""Keras layer (= the reference's weight key) -> the reference's bias key."""
DECODER: dict[str, tuple[int, int]] = {"cd3": (N2, 0), "cd2": (N1, 1), "cd1": (1, 1)}
"""Conv2DTranspose layer -> (filters, output_padding): sizes 4 -> 7 -> 14 -> 28, see the module docstring."""
KERAS_VARIABLES = {
    **{f"weights/{layer}": f"{layer}/kernel" for layer in WEIGHT_SHAPES},
    **{f"biases/{bias}": f"{layer}/bias" for layer, bias in BIAS_OF.items()},
}


def build_model() -> keras.Model:
    """The book's `cae`: x [N, 784] -> [N, 28, 28, 1]."""
    initializer = keras.initializers.RandomNormal(mean=0.0, stddev=0.1)
    rate = 1.0 - TRAIN_KEEP_PROB  # TF1's keep_prob 0.7 is Keras' rate 0.3
    x = keras.Input((DIM,), name="x")
    h = keras.layers.Reshape((28, 28, 1), name="input_r")(x)
    # Encoder
    for layer, filters in (("ce1", N1), ("ce2", N2), ("ce3", N3)):
        h = keras.layers.Conv2D(
            filters,
            KSIZE,
            strides=2,
            padding="same",
            activation="sigmoid",
            kernel_initializer=initializer,
            bias_initializer=initializer,
            name=layer,
        )(h)
        h = keras.layers.Dropout(rate, name=f"dropout_{layer}")(h)
    # Decoder
    for layer, (filters, output_padding) in DECODER.items():
        h = keras.layers.Conv2DTranspose(
            filters,
            KSIZE,
            strides=2,
            padding="same",
            output_padding=output_padding,
            activation="sigmoid",
            kernel_initializer=initializer,
            bias_initializer=initializer,
            name=layer,
        )(h)
        h = keras.layers.Dropout(rate, name=f"dropout_{layer}")(h)
    return keras.Model(x, h, name="cae")


def objective(
    model: keras.Model, batch: Mapping[str, tf.Tensor], training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """(cost, cae(x)): the squared error summed over the whole batch, as the book's cost."""
    out = model(batch["x"], training=training)
    cost = ops.sum(ops.square(out - ops.reshape(batch["y"], (-1, 28, 28, 1))))
    return cost, out


def make_trainer(learning_rate: float = LEARNING_RATE) -> Trainer:
    return Trainer(build_model(), objective, adam(learning_rate))


def run(config: RunConfig) -> Metrics:
    keras.utils.set_random_seed(config.seed)
    noise = tf.random.Generator.from_seed(config.seed)  # stands in for the book's global np.random
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    print("Packages loaded")
    trainer = make_trainer()
    print("Network ready")
    print("Functions ready")

    batches = batch_stream((mnist.train.images,), BATCH_SIZE, config.seed)
    test_batches = batch_stream((mnist.test.images,), N_EXAMPLES, config.seed)
    batches_per_epoch = mnist.train.num_examples // BATCH_SIZE
    n_epochs = planned_epochs(N_EPOCHS, batches_per_epoch, config.steps)
    steps = 0
    costs: list[float] = []
    test_errors: list[float] = []
    # mean_img = np.mean(mnist.train.images, axis=0)  (commented out in the book)
    mean_img = tf.zeros([DIM])
    print("Start training..")
    for epoch_i in range(n_epochs):
        for _ in range(batches_per_epoch):
            if config.steps is not None and steps >= config.steps:
                break
            (batch_xs,) = next(batches)
            trainbatch = batch_xs - mean_img
            trainbatch_noisy = trainbatch + NOISE_STDDEV * noise.normal(tf.shape(trainbatch))
            trainer.train_step({"x": trainbatch_noisy, "y": trainbatch}, LEARNING_RATE, training=True)
            steps += 1
        epoch_cost, _ = trainer.evaluate({"x": trainbatch_noisy, "y": trainbatch}, training=False)
        print(f"[{epoch_i:02d}/{n_epochs:02d}] cost: {float(epoch_cost):.4f}")
        costs.append(float(epoch_cost))
        if (epoch_i % 1) == 0:
            (test_xs,) = next(test_batches)
            test_xs_noisy = test_xs + NOISE_STDDEV * noise.normal(tf.shape(test_xs))
            recon = trainer.model(test_xs_noisy, training=False)
            reconstructed = ops.reshape(recon, (N_EXAMPLES, DIM)) + mean_img
            test_errors.append(float(ops.sum(ops.square(reconstructed - test_xs))) / N_EXAMPLES)

    return {
        "final_cost": costs[-1],
        "epoch_costs": costs,
        "test_reconstruction_sse_per_image": test_errors,
        "train_examples": int(mnist.train.num_examples),
        "batch_size": BATCH_SIZE,
        "epochs": n_epochs,
        "steps": steps,
    }


def draw_weights(rng: np.random.Generator) -> Weights:
    """Every weight, then every bias, `random_normal` stddev 0.1: the reference's draws, in its order."""
    weights: Weights = {}
    for key, shape in WEIGHT_SHAPES.items():
        weights[f"weights/{key}"] = random_normal(rng, shape, stddev=0.1)
    for key, shape in BIAS_SHAPES.items():
        weights[f"biases/{key}"] = random_normal(rng, shape, stddev=0.1)
    return weights


def parity_model() -> EagerParityModel:
    """Parity hooks: batch {"x": noisy input [N, 784], "y": clean target [N, 784] in [0, 1]}.

    The caller supplies the noise; dropout is off (training=False), so the cost's model call equals
    `pred`. forward gives `pred`, shaped [N, 28, 28, 1]. The loss is a sum over the batch.
    """
    return EagerParityModel(
        spec={"x": TensorSpec((DIM,), low=-1.0, high=2.0), "y": TensorSpec((DIM,))},
        draw_weights=draw_weights,
        build=lambda learning_rate: make_trainer().parity(
            KERAS_VARIABLES, learning_rate, lambda step: LEARNING_RATE
        ),
    )


EXAMPLES = (
    Example(
        "ch05_conv_autoencoder",
        "Convolutional denoising autoencoder (Conv2D / Conv2DTranspose) on MNIST",
        run,
        parity_model=parity_model,
        migration=(
            "tf.nn.conv2d / conv2d_transpose with tf.stack'ed output shapes, dropout keep_prob 0.7, "
            "AdamOptimizer(0.001, epsilon=1e-8), Session.run feed loop",
            "keras.layers.Conv2D / Conv2DTranspose(output_padding=0, 1, 1), Dropout(rate=0.3), "
            "tf.function step with GradientTape, TF1's Adam (epsilon 1e-8, float32 betas), tf.data",
        ),
    ),
)
