"""ch04_emotion_cnn: the chapter 4 emotion-recognition CNN (Seed A walkthrough L4452-4766, output L4770-4787,
listing L4795-4997), as a TF1 graph on `tf.compat.v1`.

Model: conv 5x5x1->32 SAME + bias, ReLU, 2x2 max-pool (48 -> 24); conv 3x3x32->64 + bias, ReLU, pool (24 ->
12); flatten 12*12*64 = 9216 (the prose says "9,126"); FC 9216->256 ReLU; dropout with keep probability 0.5
HARD-CODED (`prob=0.5`), so it is active in training, validation and inference alike (the `dropout_prob`
placeholder the book creates is never used); FC 256->7 logits; `output = softmax(pred)` named "output", the
input placeholder named "input" (ch04_emotion_test_own_image looks both up by name).
Weights `get_variable(name, initializer=truncated_normal(stddev=0.02))`, biases `constant(0.0)`.
Loss: mean softmax cross-entropy + 1e-2 * sum of `l2_loss` of the conv weights and biases only (collection
"losses"); Adam(1e-3, epsilon 1e-8 pinned) with `global_step`. Hyper-parameters L4563-4568.
Training (`main`): sequential batches (`get_next_batch`), "Training Loss" and summaries every 10 steps,
validation loss on the whole validation set and a checkpoint `model.ckpt-<step>` every 100 steps, 1001
iterations. Summaries (histograms of W/b, scalars Entropy, Reg_loss) and checkpoints go to `config.logdir`.

Book run (real Kaggle data, 3761/417/1312): validation loss 1.962719 at step 0 ... 0.851074 at step 1000.
Here the data are tfmigrate.book.data.fer2013's synthetic faces in the same CSV schema and split.

Bugs fixed (each marked at the spot): positional softmax_cross_entropy_with_logits(pred, label) in the
walkthrough (silently swapped on TF >= 1.5, keywords here); `IMAGE_SIZE / 4` (Python 2 integer division);
0.x `tf.merge_all_summaries`/`tf.scalar_summary`; statements split over lines; `tf.app.run()` indented
inside `main`, so the listing never ran.

`config.steps` replaces MAX_ITERATIONS; a shortened run also saves its last step (the book's 1001 iterations
end on step 1000, a multiple of 100, so the book's run ends with a checkpoint too). `--smoke`: 11 iterations
on the data module's smoke set (270 train / 30 validation / 60 test).
Parity hooks: weights "W_conv1", "b_conv1", "W_conv2", "b_conv2", "W_fc1", "b_fc1", "W_fc2", "b_fc2" (the
book's variable names), with the hard-coded dropout switched off (keep 1.0) and a fresh Adam per call.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1._parity import GraphModel, GraphParityModel, placeholders, trainable_variables
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
ADAM_EPSILON = 1e-8  # TF1 AdamOptimizer default, pinned (Keras: 1e-7)
FC_KEEP_PROB = 0.5  # the book's hard-coded `prob = 0.5` (keep probability of tf.nn.dropout in TF1)
WEIGHT_STDDEV = 0.02

SMOKE_ITERATIONS = 11

# The book writes IMAGE_SIZE / 4: 12 under Python 2's integer division (12.0 in Python 3, a shape TypeError).
FLAT_SIZE = IMAGE_SIZE // 4

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


def add_to_regularization_loss(W: tf.Variable, b: tf.Variable) -> None:
    tf.compat.v1.add_to_collection("losses", tf.nn.l2_loss(W))
    tf.compat.v1.add_to_collection("losses", tf.nn.l2_loss(b))


def weight_variable(
    shape: tuple[int, ...], name: str, initial: Mapping[str, np.ndarray] | None, stddev: float = WEIGHT_STDDEV
) -> tf.Variable:
    """The book's `weight_variable`; `initial[name]`, when given, replaces the truncated normal draw."""
    value = (
        tf.constant(np.asarray(initial[name], np.float32))
        if initial is not None
        else tf.compat.v1.truncated_normal(shape, stddev=stddev)
    )
    return tf.compat.v1.get_variable(name, initializer=value)


def bias_variable(shape: tuple[int, ...], name: str, initial: Mapping[str, np.ndarray] | None) -> tf.Variable:
    value = (
        tf.constant(np.asarray(initial[name], np.float32))
        if initial is not None
        else tf.constant(0.0, shape=shape)
    )
    return tf.compat.v1.get_variable(name, initializer=value)


def make_variables(
    initial: Mapping[str, np.ndarray] | None = None,
) -> tuple[dict[str, tf.Variable], dict[str, tf.Variable]]:
    """The book's module-level `weights` and `biases` dicts (created in the current graph)."""
    weights = {
        "wc1": weight_variable(WEIGHT_SHAPES["W_conv1"], "W_conv1", initial),
        "wc2": weight_variable(WEIGHT_SHAPES["W_conv2"], "W_conv2", initial),
        "wf1": weight_variable(WEIGHT_SHAPES["W_fc1"], "W_fc1", initial),
        "wf2": weight_variable(WEIGHT_SHAPES["W_fc2"], "W_fc2", initial),
    }
    biases = {
        "bc1": bias_variable(BIAS_SHAPES["b_conv1"], "b_conv1", initial),
        "bc2": bias_variable(BIAS_SHAPES["b_conv2"], "b_conv2", initial),
        "bf1": bias_variable(BIAS_SHAPES["b_fc1"], "b_fc1", initial),
        "bf2": bias_variable(BIAS_SHAPES["b_fc2"], "b_fc2", initial),
    }
    return weights, biases


def max_pool_2x2(x: tf.Tensor) -> tf.Tensor:
    return tf.compat.v1.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="SAME")


def emotion_cnn(
    dataset: tf.Tensor,
    weights: Mapping[str, tf.Variable],
    biases: Mapping[str, tf.Variable],
    prob: float = FC_KEEP_PROB,
) -> tf.Tensor:
    """Logits `pred`. `prob` is the book's hard-coded 0.5 in run(); the parity hooks pass 1.0."""
    with tf.name_scope("conv1"):
        tf.compat.v1.summary.histogram("W_conv1", weights["wc1"])
        tf.compat.v1.summary.histogram("b_conv1", biases["bc1"])
        conv_1 = tf.compat.v1.nn.conv2d(dataset, weights["wc1"], strides=[1, 1, 1, 1], padding="SAME")
        h_conv1 = tf.nn.bias_add(conv_1, biases["bc1"])
        h_1 = tf.nn.relu(h_conv1)
        h_pool1 = max_pool_2x2(h_1)
        add_to_regularization_loss(weights["wc1"], biases["bc1"])

    with tf.name_scope("conv2"):
        tf.compat.v1.summary.histogram("W_conv2", weights["wc2"])
        tf.compat.v1.summary.histogram("b_conv2", biases["bc2"])
        conv_2 = tf.compat.v1.nn.conv2d(h_pool1, weights["wc2"], strides=[1, 1, 1, 1], padding="SAME")
        h_conv2 = tf.nn.bias_add(conv_2, biases["bc2"])
        h_2 = tf.nn.relu(h_conv2)
        h_pool2 = max_pool_2x2(h_2)
        add_to_regularization_loss(weights["wc2"], biases["bc2"])

    with tf.name_scope("fc_1"):
        image_size = FLAT_SIZE  # book: IMAGE_SIZE / 4 under Python 2 integer division
        h_flat = tf.reshape(h_pool2, [-1, image_size * image_size * 64])
        tf.compat.v1.summary.histogram("W_fc1", weights["wf1"])
        tf.compat.v1.summary.histogram("b_fc1", biases["bf1"])
        h_fc1 = tf.nn.relu(tf.matmul(h_flat, weights["wf1"]) + biases["bf1"])
        # Always-on dropout, as the book has it (keep_prob semantics of TF1's tf.nn.dropout).
        h_fc1_dropout = tf.compat.v1.nn.dropout(h_fc1, keep_prob=prob)

    with tf.name_scope("fc_2"):
        tf.compat.v1.summary.histogram("W_fc2", weights["wf2"])
        tf.compat.v1.summary.histogram("b_fc2", biases["bf2"])
        pred = tf.matmul(h_fc1_dropout, weights["wf2"]) + biases["bf2"]
    return pred


def loss(pred: tf.Tensor, label: tf.Tensor) -> tf.Tensor:
    # Keywords: the walkthrough's positional (pred, label) would be read as (labels, logits) by TF >= 1.5.
    cross_entropy_loss = tf.reduce_mean(
        tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits=pred, labels=label)
    )
    tf.compat.v1.summary.scalar("Entropy", cross_entropy_loss)
    reg_losses = tf.add_n(tf.compat.v1.get_collection("losses"))
    tf.compat.v1.summary.scalar("Reg_loss", reg_losses)  # book: 0.x tf.scalar_summary
    return cross_entropy_loss + REGULARIZATION * reg_losses


def train(loss: tf.Tensor, step: tf.Variable, rate: float = LEARNING_RATE) -> tf.Operation:
    return tf.compat.v1.train.AdamOptimizer(rate, epsilon=ADAM_EPSILON).minimize(loss, global_step=step)


def get_next_batch(images: np.ndarray, labels: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    offset = (step * BATCH_SIZE) % (images.shape[0] - BATCH_SIZE)
    batch_images = images[offset : offset + BATCH_SIZE]
    batch_labels = labels[offset : offset + BATCH_SIZE]
    return batch_images, batch_labels


@dataclass
class _Graph:
    graph: tf.Graph
    input_dataset: tf.Tensor
    input_labels: tf.Tensor
    loss_val: tf.Tensor
    train_op: tf.Operation
    summary_op: tf.Tensor
    init: tf.Operation
    saver: tf.compat.v1.train.Saver


def _build(seed: int) -> _Graph:
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(seed)
        weights, biases = make_variables()
        global_step = tf.compat.v1.Variable(0, trainable=False)
        # Created as in the book but never used: the dropout below is hard-coded.
        _dropout_prob = tf.compat.v1.placeholder(tf.float32)
        input_dataset = tf.compat.v1.placeholder(tf.float32, [None, IMAGE_SIZE, IMAGE_SIZE, 1], name="input")
        input_labels = tf.compat.v1.placeholder(tf.float32, [None, NUM_LABELS])
        pred = emotion_cnn(input_dataset, weights, biases)
        tf.nn.softmax(pred, name="output")
        loss_val = loss(pred, input_labels)
        train_op = train(loss_val, global_step)
        summary_op = tf.compat.v1.summary.merge_all()  # book (walkthrough): 0.x tf.merge_all_summaries
        init = tf.compat.v1.global_variables_initializer()
        saver = tf.compat.v1.train.Saver()
    return _Graph(graph, input_dataset, input_labels, loss_val, train_op, summary_op, init, saver)


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

    g = _build(config.seed)
    logs_dir.mkdir(parents=True, exist_ok=True)
    checkpoint_prefix = os.path.join(logs_dir, "model.ckpt")  # book: FLAGS.logs_dir + 'model.ckpt'
    validation_losses: list[float] = []
    train_losses: list[float] = []
    last_checkpoint = ""
    restored = False
    with tf.compat.v1.Session(graph=g.graph) as sess:
        sess.run(g.init)
        # The book passes sess.graph_def (deprecated); the Graph gives TensorBoard the same picture.
        summary_writer = tf.compat.v1.summary.FileWriter(str(logs_dir), sess.graph)
        ckpt = tf.compat.v1.train.get_checkpoint_state(str(logs_dir))
        if ckpt and ckpt.model_checkpoint_path:
            g.saver.restore(sess, ckpt.model_checkpoint_path)
            restored = True
            print("Model Restored!")

        for step in range(iterations):
            batch_image, batch_label = get_next_batch(train_images, train_labels, step)
            feed_dict = {g.input_dataset: batch_image, g.input_labels: batch_label}

            sess.run(g.train_op, feed_dict=feed_dict)
            if step % 10 == 0:
                train_loss, summary_str = sess.run([g.loss_val, g.summary_op], feed_dict=feed_dict)
                summary_writer.add_summary(summary_str, global_step=step)
                train_losses.append(float(train_loss))
                print(f"Training Loss: {train_loss:f}")

            if step % 100 == 0:
                valid_loss = sess.run(
                    g.loss_val, feed_dict={g.input_dataset: valid_images, g.input_labels: valid_labels}
                )
                validation_losses.append(float(valid_loss))
                print(f"{datetime.now()} Validation Loss: {valid_loss:f}")
                last_checkpoint = g.saver.save(sess, checkpoint_prefix, global_step=step)
            elif step == iterations - 1:
                # Only shortened runs get here (see the module docstring): keep their final weights.
                last_checkpoint = g.saver.save(sess, checkpoint_prefix, global_step=step)
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
    logs_dir = Path(config.logdir) if config.logdir is not None else Path(tempfile.mkdtemp(prefix="emotion-"))
    return train_model(config, logs_dir)


class Parity(GraphParityModel):
    """Parity hooks: `emotion_cnn` with the hard-coded dropout off, `loss` (xent + L2 of the conv weights and
    biases), Adam(1e-3, epsilon 1e-8) with a global step."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((IMAGE_SIZE, IMAGE_SIZE, 1)),
                "y": TensorSpec((NUM_LABELS,), kind="one_hot", depth=NUM_LABELS),
            },
            draw_weights=self._initial,
            build=self._build_graph,
            learning_rate=LEARNING_RATE,
        )

    @staticmethod
    def _initial(rng: np.random.Generator) -> Weights:
        weights: Weights = {}
        for (w_name, w_shape), (b_name, b_shape) in zip(
            WEIGHT_SHAPES.items(), BIAS_SHAPES.items(), strict=True
        ):
            weights[w_name] = truncated_normal(rng, w_shape, WEIGHT_STDDEV)
            weights[b_name] = np.zeros(b_shape, np.float32)
        return weights

    def _build_graph(self, weights: Mapping[str, np.ndarray], rate: tf.Tensor) -> GraphModel:
        inputs = placeholders(self.batch_spec())
        w, b = make_variables(weights)
        pred = emotion_cnn(inputs["x"], w, b, prob=1.0)
        loss_val = loss(pred, inputs["y"])
        variables = trainable_variables()  # the global step below is not a weight
        train_op = train(loss_val, tf.compat.v1.Variable(0, trainable=False), rate)
        return GraphModel(inputs, variables, pred, loss_val, train_op)


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch04_emotion_cnn",
        title="Emotion recognition CNN (FER-2013-style faces), checkpoints + TensorBoard",
        run=run,
        parity_model=Parity,
        tags=("ch04", "fer2013", "cnn", "checkpoint", "tensorboard"),
    ),
)
