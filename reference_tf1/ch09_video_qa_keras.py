"""ch09_video_qa_keras — tf.keras video question answering (Seed A L9459-9571; "Not runnable code!" L9573).

The book sketches (from a 2017 TensorFlow Dev Summit talk) a model that answers questions about videos: each
frame of a video `Input(shape=(None, 150, 150, 3))` goes through a frozen ImageNet `InceptionV3(
include_top=False, pooling='avg')` applied with `TimeDistributed`, an `LSTM(256)` encodes the frame vectors;
the question `Input(shape=(100,), dtype='int32')` goes through `Embedding(10000, 256, mask_zero=True)` and an
`LSTM(128)`; the two vectors are concatenated -> `Dense(128, relu)` -> `Dense(1000)` logits over an answer
vocabulary, trained with `tf.AdamOptimizer()` and softmax cross-entropy on logits, fed by
`tf.inputs.pandas_input_fn` into a `tf.training.Experiment`. The book itself says it does not run.

Built here in TF1 graph mode with legacy Keras 2 (tf_keras, as ch08), on seeded synthetic tensors: 2 videos
of 2 frames and 2 questions of 100 word ids (zero-padded); one forward pass and one training step.
* InceptionV3's ImageNet weights cannot be downloaded, and even `InceptionV3(weights=None)` on 150x150 frames
  is far too slow for a CPU smoke run: a small frozen CNN (two stride-2 ReLU convolutions and global average
  pooling) stands in as the per-frame encoder, frozen (`trainable = False`) as the book freezes Inception.
* Defects fixed at the spot: `tk.` for `tf.` (x4), `pool='avg'` (-> `pooling`), `encodedframes` vs
  `encoded_frames`, `tf.layers.LSTM` (-> `tf.keras.layers.LSTM`), `Input(shape=(100))` (an int, not a tuple),
  `tk.keras.layers.concat` (-> `concatenate`), `Model(, outputs)` (syntax error; the inputs are the video and
  the question), `tf.AdamOptimizer` (-> `tf.compat.v1.train.AdamOptimizer`, TF1 defaults: lr 0.001,
  epsilon 1e-8), `tf.softmax_crossentropy_with_logits` (-> `tf.compat.v1.nn.softmax_cross_entropy_with_logits`
  with keywords). `tf.inputs.pandas_input_fn` and `tf.training.Experiment` never existed (Estimator-era
  plans; tf.estimator is gone from TF 2.21 too): `train_on_batch` replaces the experiment.
* LSTM `recurrent_activation='hard_sigmoid'` is pinned, Keras 2's default of the time (see ch08).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from reference_tf1._parity import KerasGraphParityModel, keras_graph_session
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec

FRAME_SHAPE = (150, 150, 3)
QUESTION_LENGTH = 100
VOCABULARY = 10000
ANSWERS = 1000
LEARNING_RATE = 0.001  # tf.train.AdamOptimizer() default
N_VIDEOS, N_FRAMES = 2, 2


def frame_encoder() -> Any:
    """Stands in for InceptionV3(weights='imagenet', include_top=False, pooling='avg'): a vector per frame."""
    return tf.keras.Sequential(
        [
            tf.keras.layers.Conv2D(
                16, 3, strides=2, activation="relu", input_shape=FRAME_SHAPE, name="conv_a"
            ),
            tf.keras.layers.Conv2D(32, 3, strides=2, activation="relu", name="conv_b"),
            tf.keras.layers.GlobalAveragePooling2D(name="avg_pool"),
        ],
        name="frame_cnn",
    )


def softmax_crossentropy_with_logits(y_true: tf.Tensor, y_pred: tf.Tensor) -> tf.Tensor:
    """Book: `tf.softmax_crossentropy_with_logits`: the TF1 op, with keywords (0.x order swaps them)."""
    return tf.compat.v1.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)


def build_model(learning_rate: float = LEARNING_RATE) -> Any:
    """The book's ~15 lines, fixed (see the module docstring), with the small frozen frame encoder."""
    video = tf.keras.layers.Input(shape=(None, *FRAME_SHAPE), name="video")
    cnn = frame_encoder()  # book: tk.keras.applications.InceptionV3(weights='imagenet', ..., pool='avg')
    cnn.trainable = False
    encoded_frames = tf.keras.layers.TimeDistributed(cnn, name="time_distributed")(
        video
    )  # book: tk., encodedframes
    encoded_vid = tf.keras.layers.LSTM(256, recurrent_activation="hard_sigmoid", name="video_lstm")(
        encoded_frames
    )  # book: tf.layers.LSTM

    question = tf.keras.layers.Input(shape=(QUESTION_LENGTH,), dtype="int32", name="question")  # book: (100)
    x = tf.keras.layers.Embedding(VOCABULARY, 256, mask_zero=True, name="embedding")(question)
    encoded_q = tf.keras.layers.LSTM(128, recurrent_activation="hard_sigmoid", name="question_lstm")(x)

    x = tf.keras.layers.concatenate([encoded_vid, encoded_q], name="concat")  # book: tk.keras.layers.concat
    x = tf.keras.layers.Dense(128, activation=tf.nn.relu, name="dense")(x)
    outputs = tf.keras.layers.Dense(ANSWERS, name="logits")(x)

    model = tf.keras.models.Model([video, question], outputs)  # book: Model(, outputs)
    model.compile(
        optimizer=tf.compat.v1.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8),
        loss=softmax_crossentropy_with_logits,
    )
    return model


def synthetic_batch(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """2 videos x 2 frames of 150x150 RGB in [0, 1], 2 zero-padded questions, 2 one-hot answers."""
    rng = np.random.default_rng(seed)
    videos = rng.uniform(0.0, 1.0, size=(N_VIDEOS, N_FRAMES, *FRAME_SHAPE)).astype(np.float32)
    questions = np.zeros((N_VIDEOS, QUESTION_LENGTH), np.int32)
    for row, length in enumerate(rng.integers(5, 20, size=N_VIDEOS)):
        questions[row, :length] = rng.integers(1, VOCABULARY, size=length)
    answers = np.eye(ANSWERS, dtype=np.float32)[rng.integers(0, ANSWERS, size=N_VIDEOS)]
    return videos, questions, answers


def run(config: RunConfig) -> Metrics:
    videos, questions, answers = synthetic_batch(config.seed)
    with keras_graph_session(config.seed):
        model = build_model()
        # Build the training function (the LSTM while-loops' gradients) before the graph first runs: with
        # TF2 control flow, gradients added after a while-loop has executed break the session's graph.
        model._make_train_function()
        model.summary()
        logits = model.predict([videos, questions], batch_size=N_VIDEOS)
        loss_before = float(model.test_on_batch([videos, questions], answers))
        frozen_before = [np.array(w) for w in model.get_layer("time_distributed").get_weights()]
        loss_step = float(model.train_on_batch([videos, questions], answers))
        loss_after = float(model.test_on_batch([videos, questions], answers))
        frozen_after = model.get_layer("time_distributed").get_weights()
        trainable = int(sum(np.prod(w.shape) for w in model.trainable_weights))
        frozen = int(sum(np.prod(w.shape) for w in model.non_trainable_weights))
    encoder_unchanged = all(np.array_equal(a, b) for a, b in zip(frozen_before, frozen_after, strict=True))
    print("logits shape:", logits.shape)
    print(f"loss before/after one Adam step: {loss_before:.4f} -> {loss_after:.4f}")
    print("frozen frame encoder unchanged by the step:", encoder_unchanged)
    return {
        "logits_shape": list(logits.shape),
        "loss_before": loss_before,
        "train_step_loss": loss_step,
        "loss_after": loss_after,
        "trainable_parameters": trainable,
        "frozen_parameters": frozen,
        "frozen_encoder_unchanged": encoder_unchanged,
    }


def parity_model() -> KerasGraphParityModel:
    return KerasGraphParityModel(
        spec={
            "video": TensorSpec((N_FRAMES, *FRAME_SHAPE)),
            "question": TensorSpec((QUESTION_LENGTH,), dtype="int32", kind="index", low=0, high=VOCABULARY),
            "y": TensorSpec((ANSWERS,), kind="one_hot", depth=ANSWERS),
        },
        build=build_model,
        inputs=["video", "question"],
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch09_video_qa_keras",
        "Video question answering with tf.keras (TimeDistributed CNN + LSTMs), structure only",
        run,
        parity_model=parity_model,
        missing='"Not runnable code!" in the book; no video/question data, no InceptionV3 ImageNet weights: '
        "a small frozen CNN stands in; forward pass and one Adam step on synthetic tensors",
    ),
)
