"""ch04_emotion_cnn: the chapter 4 emotion-recognition CNN (Seed A walkthrough L4452-4766, output L4770-4787,
listing L4795-4997), rewritten for TensorFlow 2 / Keras 3. Spec: reference_tf1/ch04_emotion_cnn.py.

The same model, as a `keras.Sequential`: Conv2D 5x5x1->32 SAME + bias, ReLU, 2x2 max-pool (48 -> 24);
Conv2D 3x3x32->64 + bias, ReLU, pool (24 -> 12); Flatten 12*12*64 = 9216; Dense 9216->256 ReLU; Dropout(rate
0.5); Dense 256->7 logits; softmax for the probabilities. Kernels TruncatedNormal(stddev 0.02) (cut at 2
sigma, as TF1's truncated_normal), biases zeros. The book's dropout is hard-coded and ALWAYS active --
training, validation and inference alike -- so run() and ch04_emotion_test_own_image call the model with
training=True everywhere (the dropout is the only layer that looks at the flag); the parity hooks pass
training=False (the reference hooks use keep 1.0).
Loss: mean softmax cross-entropy + 1e-2 * sum of `tf.nn.l2_loss` (sum(x**2) / 2) of the conv kernels and
biases ONLY, in the reference's collection order (W_conv1, b_conv1, W_conv2, b_conv2) -- written out rather
than as Keras kernel_regularizers, which would also need the 1/2 folded into the factor.
Optimizer: TF1's Adam (modern_tf2._tf1_optimizers: 1e-3, beta_1 0.9, beta_2 0.999 as float32 values, epsilon
1e-8 pinned: TF1's default; Keras' is 1e-7); its `iterations` counter plays the book's global_step.
Training: the book's `get_next_batch` (sequential slices at (step * 128) % (n - 128)) as a tf.data map over
the step numbers, one tf.function step per batch; every 10 steps the training loss (recomputed after the
step, with a fresh dropout draw, as the reference does) is printed and the summaries (scalars Entropy,
Reg_loss; histograms of every W and b) are written with tf.summary (v2) under logdir; every 100 steps the
loss on the whole validation set is printed and a checkpoint `model.ckpt-<step>` (model, optimizer) is saved
with a tf.train.CheckpointManager (max_to_keep 5, TF1 Saver's default); a shortened run also saves its last
step; an existing checkpoint in logdir is restored first ("Model Restored!"). `config.steps` replaces
MAX_ITERATIONS (1001); `--smoke` does 11 iterations on the data module's smoke set.
jit_compile: not used -- on 2 CPU cores XLA made the step slower (see ch04_mnist_cnn; same conv kernels).

Parity hooks: weights "W_conv1", "b_conv1", "W_conv2", "b_conv2", "W_fc1", "b_fc1", "W_fc2", "b_fc2".
Mapping (same layouts, renamed): W_conv1/b_conv1 -> conv1.kernel/bias (HWIO), W_conv2/b_conv2 ->
conv2.kernel/bias, W_fc1/b_fc1 -> fc_1.kernel/bias [9216, 256], W_fc2/b_fc2 -> fc_2.kernel/bias [256, 7]
(Flatten of NHWC [12, 12, 64] has the reference's tf.reshape order). A fresh Adam per train_steps call.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch04_ch06_common import make_logdir
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import fer2013 as EmotionDetectorUtils
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

BATCH_SIZE = 128
LEARNING_RATE = 1e-3
MAX_ITERATIONS = 1001
REGULARIZATION = 1e-2
IMAGE_SIZE = 48
NUM_LABELS = 7
VALIDATION_PERCENT = 0.1
ADAM_BETA_1 = 0.9  # TF1 AdamOptimizer defaults (computed in float32, as TF1 does: see _tf1_optimizers)
ADAM_BETA_2 = 0.999
ADAM_EPSILON = 1e-8  # TF1 AdamOptimizer default, pinned (Keras: 1e-7)
FC_DROPOUT_RATE = 0.5  # the book's hard-coded keep probability 0.5, as a rate
WEIGHT_STDDEV = 0.02
CHECKPOINTS_KEPT = 5  # TF1 Saver's max_to_keep

SMOKE_ITERATIONS = 11

FLAT_SIZE = IMAGE_SIZE // 4  # 12: the book's IMAGE_SIZE / 4 under Python 2

# Reference name -> (Keras layer, attribute).
VARIABLES: dict[str, tuple[str, str]] = {
    "W_conv1": ("conv1", "kernel"),
    "b_conv1": ("conv1", "bias"),
    "W_conv2": ("conv2", "kernel"),
    "b_conv2": ("conv2", "bias"),
    "W_fc1": ("fc_1", "kernel"),
    "b_fc1": ("fc_1", "bias"),
    "W_fc2": ("fc_2", "kernel"),
    "b_fc2": ("fc_2", "bias"),
}
WEIGHT_SHAPES: dict[str, tuple[int, ...]] = {
    "W_conv1": (5, 5, 1, 32),
    "W_conv2": (3, 3, 32, 64),
    "W_fc1": (FLAT_SIZE * FLAT_SIZE * 64, 256),
    "W_fc2": (256, NUM_LABELS),
}
BIAS_SHAPES: dict[str, tuple[int, ...]] = {
    "b_conv1": (32,),
    "b_conv2": (64,),
    "b_fc1": (256,),
    "b_fc2": (NUM_LABELS,),
}
REGULARIZED = ("W_conv1", "b_conv1", "W_conv2", "b_conv2")


def build_model(seed: int | None = None) -> keras.Sequential:
    """The book's `emotion_cnn`; call it with training=True for the book's always-on dropout."""
    layers = keras.layers

    def kernel_init(k: int) -> keras.initializers.Initializer:
        return keras.initializers.TruncatedNormal(
            stddev=WEIGHT_STDDEV, seed=None if seed is None else seed + k
        )

    def pool() -> keras.layers.MaxPooling2D:
        return layers.MaxPooling2D(pool_size=2, strides=2, padding="same")

    return keras.Sequential(
        [
            keras.Input((IMAGE_SIZE, IMAGE_SIZE, 1), name="input"),
            layers.Conv2D(
                32, 5, padding="same", activation="relu", kernel_initializer=kernel_init(0), name="conv1"
            ),
            pool(),
            layers.Conv2D(
                64, 3, padding="same", activation="relu", kernel_initializer=kernel_init(1), name="conv2"
            ),
            pool(),
            layers.Flatten(),
            layers.Dense(256, activation="relu", kernel_initializer=kernel_init(2), name="fc_1"),
            layers.Dropout(FC_DROPOUT_RATE, seed=seed, name="fc_1_dropout"),
            layers.Dense(NUM_LABELS, kernel_initializer=kernel_init(3), name="fc_2"),
        ],
        name="emotion_cnn",
    )


def model_variables(model: keras.Model) -> dict[str, Any]:
    """The model's variables under the reference (book) names."""
    return {name: getattr(model.get_layer(layer), attr) for name, (layer, attr) in VARIABLES.items()}


def loss(model: keras.Model, pred: tf.Tensor, label: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    """(total loss, cross-entropy, L2 sum): mean xent + 1e-2 * sum of l2_loss of the conv W and b only."""
    cross_entropy_loss = tf.reduce_mean(keras.losses.categorical_crossentropy(label, pred, from_logits=True))
    variables = model_variables(model)
    reg_losses = tf.add_n([tf.nn.l2_loss(variables[name]) for name in REGULARIZED])
    return cross_entropy_loss + REGULARIZATION * reg_losses, cross_entropy_loss, reg_losses


def make_optimizer(rate: float = LEARNING_RATE) -> keras.optimizers.Optimizer:
    return adam(rate, beta_1=ADAM_BETA_1, beta_2=ADAM_BETA_2, epsilon=ADAM_EPSILON)


def make_train_step(
    model: keras.Model, optimizer: keras.optimizers.Optimizer, *, training: bool = True
) -> Any:
    """One Adam step; `training` is the dropout switch (the book's dropout is always on: True)."""
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function
    def train_step(x: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            total, _, _ = loss(model, model(x, training=training), y)
        optimizer.apply_gradients(zip(tape.gradient(total, variables), variables, strict=True))
        return total

    return train_step


def batches(images: np.ndarray, labels: np.ndarray, iterations: int) -> tf.data.Dataset:
    """The book's `get_next_batch(images, labels, step)` for step = 0 .. iterations - 1, as tf.data."""
    images_t, labels_t = tf.constant(images), tf.constant(labels)
    n = int(images.shape[0])

    def get_next_batch(step: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        offset = (step * BATCH_SIZE) % (n - BATCH_SIZE)
        return images_t[offset : offset + BATCH_SIZE], labels_t[offset : offset + BATCH_SIZE]

    return tf.data.Dataset.range(iterations).map(get_next_batch).prefetch(2)


def checkpointing(model: keras.Model, optimizer: keras.optimizers.Optimizer, logs_dir: Path) -> Any:
    """A CheckpointManager writing `logs_dir/model.ckpt-<step>` (the reference's file names)."""
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    return tf.train.CheckpointManager(
        checkpoint, str(logs_dir), max_to_keep=CHECKPOINTS_KEPT, checkpoint_name="model.ckpt"
    )


def train_model(config: RunConfig, logs_dir: Path) -> Metrics:
    """The listing's `main()`: trains, writes summaries and checkpoints under `logs_dir`."""
    train_images, train_labels, valid_images, valid_labels, test_images = EmotionDetectorUtils.read_data(
        config.data_dir, smoke=config.smoke
    )
    print(f"Train size: {train_images.shape[0]}")
    print(f"Validation size: {valid_images.shape[0]}")
    print(f"Test size: {test_images.shape[0]}")
    iterations = MAX_ITERATIONS
    if config.steps is not None:
        iterations = config.steps
    elif config.smoke:
        iterations = SMOKE_ITERATIONS

    model = build_model(config.seed)
    optimizer = make_optimizer()
    train_step = make_train_step(model, optimizer)  # builds the Adam slots, so a restore fills them at once

    @tf.function
    def evaluate(x: tf.Tensor, y: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        return loss(model, model(x, training=True), y)  # the book's dropout stays on here too

    logs_dir.mkdir(parents=True, exist_ok=True)
    manager = checkpointing(model, optimizer, logs_dir)
    restored = False
    if manager.latest_checkpoint:
        manager.checkpoint.restore(manager.latest_checkpoint).assert_existing_objects_matched()
        restored = True
        print("Model Restored!")
    summary_writer = tf.summary.create_file_writer(str(logs_dir))
    valid_x, valid_y = tf.constant(valid_images), tf.constant(valid_labels)

    validation_losses: list[float] = []
    train_losses: list[float] = []
    last_checkpoint = ""
    for step, (batch_image, batch_label) in enumerate(batches(train_images, train_labels, iterations)):
        train_step(batch_image, batch_label)
        if step % 10 == 0:
            train_loss, entropy, reg_loss = evaluate(batch_image, batch_label)
            with summary_writer.as_default(step=step):
                tf.summary.scalar("Entropy", entropy, step)
                tf.summary.scalar("Reg_loss", reg_loss, step)
                for name, var in model_variables(model).items():
                    tf.summary.histogram(name, var, step)
            train_losses.append(float(train_loss))
            print(f"Training Loss: {float(train_loss):f}")

        if step % 100 == 0:
            valid_loss = float(evaluate(valid_x, valid_y)[0])
            validation_losses.append(valid_loss)
            print(f"{datetime.now()} Validation Loss: {valid_loss:f}")
            last_checkpoint = manager.save(checkpoint_number=step)
        elif step == iterations - 1:
            # Only shortened runs get here (the book's 1001 iterations end on step 1000).
            last_checkpoint = manager.save(checkpoint_number=step)
    summary_writer.close()

    return {
        "train_size": int(train_images.shape[0]),
        "validation_size": int(valid_images.shape[0]),
        "test_size": int(test_images.shape[0]),
        "iterations": iterations,
        "restored": restored,
        "training_losses": train_losses[-10:],
        "validation_losses": validation_losses[-11:],
        "final_validation_loss": validation_losses[-1] if validation_losses else None,
        "checkpoint": last_checkpoint,
    }


def run(config: RunConfig) -> Metrics:
    return train_model(config, make_logdir(config, "emotion-"))


class Parity(EagerParityModel):
    """Parity hooks: the Keras model with the dropout off, xent + L2 of the conv W/b, TF1's Adam."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((IMAGE_SIZE, IMAGE_SIZE, 1)),
                "y": TensorSpec((NUM_LABELS,), kind="one_hot", depth=NUM_LABELS),
            },
            draw_weights=self.draw_weights,
            build=self.build,
        )

    @staticmethod
    def draw_weights(rng: np.random.Generator) -> Weights:
        weights: Weights = {}
        for (w_name, w_shape), (b_name, b_shape) in zip(
            WEIGHT_SHAPES.items(), BIAS_SHAPES.items(), strict=True
        ):
            weights[w_name] = truncated_normal(rng, w_shape, WEIGHT_STDDEV)
            weights[b_name] = np.zeros(b_shape, np.float32)
        return weights

    @staticmethod
    def build(rate: float | None) -> EagerModel:
        model = build_model()
        step = make_train_step(model, make_optimizer(LEARNING_RATE if rate is None else rate), training=False)

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            pred = model(batch["x"], training=False)
            return pred, loss(model, pred, batch["y"])[0]

        return EagerModel(
            variables=model_variables(model),
            output_and_loss=output_and_loss,
            train_step=lambda batch: step(batch["x"], batch["y"]),
            model=model,
        )


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_emotion_cnn",
        title="Emotion recognition CNN (FER-2013-style faces), checkpoints + TensorBoard",
        run=run,
        parity_model=Parity,
        tags=("ch04", "fer2013", "cnn", "checkpoint", "tensorboard"),
        migration=(
            "get_variable + tf.nn conv/pool, 'losses' collection of l2_loss, tf.train.AdamOptimizer, "
            "summary.FileWriter/merge_all, tf.train.Saver every 100 steps",
            "keras.Sequential, explicit tf.nn.l2_loss of the conv W/b, TF1's Adam (epsilon 1e-8, float32 "
            "betas), "
            "tf.data batches + tf.function step, tf.summary (v2), tf.train.CheckpointManager",
        ),
    ),
)
