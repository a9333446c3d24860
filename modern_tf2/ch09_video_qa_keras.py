"""ch09_video_qa_keras: video question answering with Keras (Seed A L9459-9571; "Not runnable code!" L9573),
built with Keras 3. Spec: reference_tf1/ch09_video_qa_keras.py.

The book's sketch, with the reference's fixes and stand-ins: each frame of a video `Input((None, 150, 150,
3))` goes through a frozen per-frame CNN applied with `TimeDistributed` (InceptionV3(weights='imagenet',
include_top=False, pooling='avg') in the book: not downloadable, and too slow on CPU even with
weights=None, so the reference's small CNN stands in: Conv2D(16, 3, stride 2, relu) -> Conv2D(32, 3,
stride 2, relu) -> GlobalAveragePooling2D, `trainable = False`), an `LSTM(256)` encodes the frame vectors;
the question `Input((100,), int32)` -> `Embedding(10000, 256, mask_zero=True)` -> `LSTM(128)`; concatenate
-> `Dense(128, relu)` -> `Dense(1000)` logits; softmax cross-entropy on the logits (keras'
CategoricalCrossentropy(from_logits=True), batch mean); Adam with TF1's defaults (learning_rate 0.001,
beta_1 0.9, beta_2 0.999, epsilon 1e-8 -- Keras 3: 1e-7) as `TF1Adam` (modern_tf2._tf1_optimizers), which
computes in float32 and updates the Embedding's sparse gradient as TF1's AdamOptimizer did: repeated-word
rows summed, then TF1's sparse formula (Keras 3's Adam squares each row separately).
`tf.inputs.pandas_input_fn` / `tf.training.Experiment` never existed: one `train_on_batch` on seeded
synthetic tensors (2 videos x 2 frames, 2 zero-padded questions) replaces the experiment. Both LSTMs pin
Keras 2's recurrent activation, hard_sigmoid = clip(0.2 x + 0.5, 0, 1) (`keras2_hard_sigmoid`; Keras 3's
hard_sigmoid is relu6(x + 3) / 6, another function), as the reference does; Embedding RandomUniform(-0.05,
0.05), glorot kernels, orthogonal recurrent kernels, unit forget bias.
Compiled with jit_compile=False (`JIT_COMPILE`).

WEIGHT MAPPING (reference / legacy Keras 2 name -> Keras 3 variable; same layouts, LSTM gates i, f, c, o in
both): "conv_a/kernel" [3, 3, 3, 16], "conv_a/bias", "conv_b/kernel" [3, 3, 16, 32], "conv_b/bias" -> the
frozen frame CNN's layers; "embedding/embeddings" [10000, 256]; "video_lstm/lstm_cell/{kernel [32, 1024],
recurrent_kernel [256, 1024], bias [1024]}"; "question_lstm/lstm_cell/{kernel [256, 512], recurrent_kernel
[128, 512], bias [512]}"; "dense/kernel" [384, 128], "dense/bias"; "logits/kernel" [128, 1000],
"logits/bias". Only Keras 3's model-name path prefixes differ (`reference_names`).
"""

from __future__ import annotations

import keras
import numpy as np

from modern_tf2._ch08_ch10_common import keras2_hard_sigmoid, lstm_weights
from modern_tf2._parity import EagerParityModel, compiled_keras
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.initializers import glorot_uniform, random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

FRAME_SHAPE = (150, 150, 3)
QUESTION_LENGTH = 100
VOCABULARY = 10000
ANSWERS = 1000
LEARNING_RATE = 0.001  # tf.train.AdamOptimizer() default
N_VIDEOS, N_FRAMES = 2, 2
JIT_COMPILE = False


def _seeded(seed: int | None, k: int) -> int | None:
    return None if seed is None else seed + k


def frame_encoder(seed: int | None = None) -> keras.Sequential:
    """Stands in for InceptionV3(weights='imagenet', include_top=False, pooling='avg'): a vector per frame."""
    return keras.Sequential(
        [
            keras.Input(FRAME_SHAPE),
            keras.layers.Conv2D(
                16,
                3,
                strides=2,
                activation="relu",
                kernel_initializer=keras.initializers.GlorotUniform(_seeded(seed, 0)),
                name="conv_a",
            ),
            keras.layers.Conv2D(
                32,
                3,
                strides=2,
                activation="relu",
                kernel_initializer=keras.initializers.GlorotUniform(_seeded(seed, 1)),
                name="conv_b",
            ),
            keras.layers.GlobalAveragePooling2D(name="avg_pool"),
        ],
        name="frame_cnn",
    )


def _lstm(units: int, name: str, seed: int | None) -> keras.layers.LSTM:
    return keras.layers.LSTM(
        units,
        recurrent_activation=keras2_hard_sigmoid,
        kernel_initializer=keras.initializers.GlorotUniform(seed),
        recurrent_initializer=keras.initializers.Orthogonal(seed=_seeded(seed, 1)),
        unit_forget_bias=True,
        name=name,
    )


def build_model(learning_rate: float = LEARNING_RATE, seed: int | None = None) -> keras.Model:
    """The book's ~15 lines, fixed as in the reference, with the small frozen frame encoder."""
    video = keras.Input(shape=(None, *FRAME_SHAPE), name="video")
    cnn = frame_encoder(seed)  # book: tk.keras.applications.InceptionV3(weights='imagenet', ..., pool='avg')
    cnn.trainable = False
    encoded_frames = keras.layers.TimeDistributed(cnn, name="time_distributed")(video)
    encoded_vid = _lstm(256, "video_lstm", _seeded(seed, 10))(encoded_frames)

    question = keras.Input(shape=(QUESTION_LENGTH,), dtype="int32", name="question")  # book: shape=(100)
    x = keras.layers.Embedding(
        VOCABULARY,
        256,
        mask_zero=True,
        embeddings_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=_seeded(seed, 20)),
        name="embedding",
    )(question)
    encoded_q = _lstm(128, "question_lstm", _seeded(seed, 30))(x)

    x = keras.layers.concatenate([encoded_vid, encoded_q], name="concat")  # book: tk.keras.layers.concat
    x = keras.layers.Dense(
        128,
        activation="relu",
        kernel_initializer=keras.initializers.GlorotUniform(_seeded(seed, 40)),
        name="dense",
    )(x)
    outputs = keras.layers.Dense(
        ANSWERS, kernel_initializer=keras.initializers.GlorotUniform(_seeded(seed, 50)), name="logits"
    )(x)

    model = keras.Model([video, question], outputs, name="video_qa")  # book: Model(, outputs)
    model.compile(
        optimizer=adam(learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8),  # tf.AdamOptimizer()
        loss=keras.losses.CategoricalCrossentropy(
            from_logits=True
        ),  # book: tf.softmax_crossentropy_with_logits
        jit_compile=JIT_COMPILE,
    )
    return model


def synthetic_batch(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reference's batch: 2 videos x 2 frames in [0, 1], 2 zero-padded questions, 2 one-hot answers."""
    rng = np.random.default_rng(seed)
    videos = rng.uniform(0.0, 1.0, size=(N_VIDEOS, N_FRAMES, *FRAME_SHAPE)).astype(np.float32)
    questions = np.zeros((N_VIDEOS, QUESTION_LENGTH), np.int32)
    for row, length in enumerate(rng.integers(5, 20, size=N_VIDEOS)):
        questions[row, :length] = rng.integers(1, VOCABULARY, size=length)
    answers = np.eye(ANSWERS, dtype=np.float32)[rng.integers(0, ANSWERS, size=N_VIDEOS)]
    return videos, questions, answers


def run(config: RunConfig) -> Metrics:
    videos, questions, answers = synthetic_batch(config.seed)
    keras.utils.set_random_seed(config.seed)
    model = build_model(seed=config.seed)
    model.summary()
    logits = model.predict([videos, questions], batch_size=N_VIDEOS, verbose=0)
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


def initial_weights(rng: np.random.Generator) -> Weights:
    """The reference's draws in layer order: frame CNN, embedding, video and question LSTMs, dense, logits."""
    weights: Weights = {
        "conv_a/kernel": glorot_uniform(rng, (3, 3, 3, 16)),
        "conv_a/bias": np.zeros(16, np.float32),
        "conv_b/kernel": glorot_uniform(rng, (3, 3, 16, 32)),
        "conv_b/bias": np.zeros(32, np.float32),
        "embedding/embeddings": random_uniform(rng, (VOCABULARY, 256), -0.05, 0.05),
    }
    weights.update(lstm_weights(rng, "video_lstm", 32, 256))
    weights.update(lstm_weights(rng, "question_lstm", 256, 128))
    weights["dense/kernel"] = glorot_uniform(rng, (384, 128))
    weights["dense/bias"] = np.zeros(128, np.float32)
    weights["logits/kernel"] = glorot_uniform(rng, (128, ANSWERS))
    weights["logits/bias"] = np.zeros(ANSWERS, np.float32)
    return weights


def parity_model() -> EagerParityModel:
    """Keras' compiled loss and its train_on_batch step; frozen weights go in and come out too."""
    return EagerParityModel(
        spec={
            "video": TensorSpec((N_FRAMES, *FRAME_SHAPE)),
            "question": TensorSpec((QUESTION_LENGTH,), dtype="int32", kind="index", low=0, high=VOCABULARY),
            "y": TensorSpec((ANSWERS,), kind="one_hot", depth=ANSWERS),
        },
        draw_weights=initial_weights,
        build=lambda learning_rate: compiled_keras(
            build_model(LEARNING_RATE if learning_rate is None else learning_rate),
            inputs=["video", "question"],
        ),
    )


EXAMPLES = (
    Example(
        "ch09_video_qa_keras",
        "Video question answering with Keras (TimeDistributed CNN + LSTMs), structure only",
        run,
        parity_model=parity_model,
        missing='"Not runnable code!" in the book; no video/question data, no InceptionV3 ImageNet weights: '
        "a small frozen CNN stands in; forward pass and one Adam step on synthetic tensors",
        tags=("ch09", "keras", "lstm"),
        migration=(
            "tf.keras sketch with typos (tk., pool=, Model(, outputs)), tf.AdamOptimizer, "
            "tf.softmax_crossentropy_with_logits, tf.inputs.pandas_input_fn + tf.training.Experiment",
            "Keras 3 functional Model (TimeDistributed frozen CNN, LSTMs with Keras 2's hard_sigmoid), "
            "CategoricalCrossentropy(from_logits=True), Adam(epsilon=1e-8), train_on_batch",
        ),
    ),
)
