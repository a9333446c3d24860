"""ch08_keras_imdb_lstm: Keras LSTM sentiment classifier on IMDB (Seed A L8214-8319, listing L8337-8380),
rewritten for Keras 3 (`import keras`). Spec: reference_tf1/ch08_keras_imdb_lstm.py.

Same program as the reference: `imdb.load_data(num_words=5000)` (tfmigrate.book.data.imdb: synthetic
reviews in Keras' imdb.npz format; 25,000/25,000, or 128/64 in smoke mode), `pad_sequences(maxlen=500)`,
`keras.Sequential([Embedding(5000, 32), LSTM(100), Dense(1, sigmoid)])`, binary cross-entropy, Adam,
`fit(validation_data=(X_test, y_test), epochs=3, batch_size=64)`, `evaluate` -> `Accuracy: xx.xx%`.
`fit` runs Keras 3's tf.function train step (the reference: legacy Keras 2's Session loop).

Keras 2.0.2's defaults, which later Keras versions changed, are pinned exactly as in the reference:
* LSTM `recurrent_activation=keras2_hard_sigmoid` (modern_tf2._ch08_ch10_common): Keras 2's
  hard_sigmoid clip(0.2 x + 0.5, 0, 1). Keras 3's `keras.activations.hard_sigmoid` is relu6(x + 3) / 6 =
  clip(x / 6 + 0.5, 0, 1), a DIFFERENT function, so the name "hard_sigmoid" cannot be used here;
* Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8) (Keras 3's default epsilon is 1e-7), as
  `TF1Adam` (modern_tf2._tf1_optimizers.adam): Keras 2 computed in float32 (1 - beta of the float32 beta)
  and updated the Embedding's sparse gradient with the repeated-word rows summed and TF1's sparse formula;
  Keras 3's Adam squares each slice on its own (a word repeated in a batch would get sum(g_i^2) instead of
  (sum g_i)^2 in its second moment);
* Embedding `RandomUniform(-0.05, 0.05)`, glorot_uniform kernels, orthogonal recurrent kernel, zero biases
  with unit_forget_bias=True;
* jit_compile=False (Keras' "auto" is off on CPU anyway). XLA measurably helps here: 310 vs 370 ms per
  `train_on_batch` of 64 reviews (first batch 3.7 s vs 1.8 s to compile), ~20 s saved per full epoch; it
  stays off by default so that the parity-checked train step is the one run() uses (the benchmark can set
  `JIT_COMPILE = True`).
Keras 1 -> 3 traps of the listing: `nb_words` (silently ignored by Keras 3's loader) -> `num_words`;
`keras.layers.embeddings` (gone) -> `keras.layers.Embedding`; `nb_epoch` -> `epochs`; `input_length` (only a
warning in Keras 3) is replaced by a `keras.Input((500,), dtype="int32")`.

WEIGHT MAPPING (reference name -> Keras 3 variable; layouts identical, gate order i, f, c, o in both):
"embedding/embeddings" [5000, 32] -> layer "embedding".embeddings; "lstm/lstm_cell/kernel" [32, 400],
"lstm/lstm_cell/recurrent_kernel" [100, 400], "lstm/lstm_cell/bias" [400] -> layer "lstm".cell.kernel /
.recurrent_kernel / .bias (Keras 2 and 3 both store the unit forget bias IN the bias; no run-time term);
"dense/kernel" [100, 1], "dense/bias" -> layer "dense". Only the model-name prefix of the Keras 3 path
differs (`_ch08_ch10_common.reference_names`).
`config.steps` overrides the number of epochs.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np

from modern_tf2._ch08_ch10_common import keras2_hard_sigmoid, lstm_weights
from modern_tf2._parity import EagerParityModel, compiled_keras
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book.data import imdb
from tfmigrate.book.initializers import glorot_uniform, random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

TOP_WORDS = 5000
MAX_REVIEW_LENGTH = 500
EMBEDDING_VECTOR_LENGTH = 32
LSTM_UNITS = 100
EPOCHS = 3
BATCH_SIZE = 64
LEARNING_RATE = 0.001  # Keras 2.0.2's Adam default
SMOKE_EPOCHS = 1
SMOKE_TRAIN, SMOKE_TEST = 128, 64
JIT_COMPILE = False


def lstm_layer(seed: int | None = None) -> keras.layers.LSTM:
    """LSTM(100) with Keras 2.0.2's defaults spelled out (recurrent_activation: Keras 2's hard_sigmoid)."""
    return keras.layers.LSTM(
        LSTM_UNITS,
        activation="tanh",
        recurrent_activation=keras2_hard_sigmoid,
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
        recurrent_initializer=keras.initializers.Orthogonal(seed=None if seed is None else seed + 1),
        bias_initializer="zeros",
        unit_forget_bias=True,
        name="lstm",
    )


def embedding_layer(seed: int | None = None) -> keras.layers.Embedding:
    # Keras 1/2.0 imported this from keras.layers.embeddings (removed).
    return keras.layers.Embedding(
        TOP_WORDS,
        EMBEDDING_VECTOR_LENGTH,
        embeddings_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=seed),
        name="embedding",
    )


def dense_output(seed: int | None = None) -> keras.layers.Dense:
    return keras.layers.Dense(
        1,
        activation="sigmoid",
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
        bias_initializer="zeros",
        name="dense",
    )


def compile_model(model: keras.Model, learning_rate: float) -> keras.Model:
    model.compile(
        loss="binary_crossentropy",
        optimizer=adam(learning_rate),  # Keras 2.0.2's 'adam': TF1's Adam
        metrics=["accuracy"],
        jit_compile=JIT_COMPILE,
    )
    return model


def _seed(seed: int | None, k: int) -> int | None:
    return None if seed is None else seed + 10 * k


def build_model(learning_rate: float = LEARNING_RATE, seed: int | None = None) -> keras.Model:
    """Embedding(5000, 32) -> LSTM(100) -> Dense(1, sigmoid), compiled as in the book."""
    model = keras.Sequential(
        [
            keras.Input((MAX_REVIEW_LENGTH,), dtype="int32"),  # book: Embedding(..., input_length=500)
            embedding_layer(_seed(seed, 0)),
            lstm_layer(_seed(seed, 1)),
            dense_output(_seed(seed, 2)),
        ],
        name="sequential",
    )
    return compile_model(model, learning_rate)


def load_padded(config: RunConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The book's data preparation: top 5,000 words, sequences pre-padded/truncated to 500."""
    # Book: imdb.load_data(nb_words=top_words); Keras 3 would silently ignore `nb_words`.
    (X_train, y_train), (X_test, y_test) = imdb.load_data(
        num_words=TOP_WORDS, smoke=config.smoke, data_dir=config.data_dir
    )
    if config.smoke:
        X_train, y_train = X_train[:SMOKE_TRAIN], y_train[:SMOKE_TRAIN]
        X_test, y_test = X_test[:SMOKE_TEST], y_test[:SMOKE_TEST]
    X_train = imdb.pad_sequences(X_train, maxlen=MAX_REVIEW_LENGTH).astype(np.int32)
    X_test = imdb.pad_sequences(X_test, maxlen=MAX_REVIEW_LENGTH).astype(np.int32)
    return X_train, y_train.astype(np.float32), X_test, y_test.astype(np.float32)


def run_imdb(config: RunConfig, build: Callable[..., keras.Model]) -> Metrics:
    """The book's program around a model builder (shared with ch08_keras_imdb_conv_lstm)."""
    keras.utils.set_random_seed(config.seed)  # book: numpy.random.seed(7); also seeds fit's shuffling
    X_train, y_train, X_test, y_test = load_padded(config)
    epochs = config.steps if config.steps is not None else (SMOKE_EPOCHS if config.smoke else EPOCHS)
    model = build(LEARNING_RATE, config.seed)
    model.summary()
    history = model.fit(
        X_train,
        y_train,
        validation_data=(X_test, y_test),
        epochs=epochs,  # Keras 1 nb_epoch
        batch_size=BATCH_SIZE,
        verbose=2,
    )
    # Final evaluation of the model
    scores = model.evaluate(X_test, y_test, verbose=0)
    print("Accuracy: %.2f%%" % (scores[1] * 100))
    return {
        "train_samples": len(X_train),
        "test_samples": len(X_test),
        "epochs": epochs,
        "epoch_loss": [float(v) for v in history.history["loss"]],
        "epoch_accuracy": [float(v) for v in history.history["accuracy"]],
        "test_loss": float(scores[0]),
        "test_accuracy": float(scores[1]),
    }


def run(config: RunConfig) -> Metrics:
    return run_imdb(config, build_model)


def initial_weights(rng: np.random.Generator) -> Weights:
    """The reference's draws in layer order: embedding, LSTM (glorot, orthogonal, unit forget bias), dense."""
    weights: Weights = {
        "embedding/embeddings": random_uniform(rng, (TOP_WORDS, EMBEDDING_VECTOR_LENGTH), -0.05, 0.05)
    }
    weights.update(lstm_weights(rng, "lstm", EMBEDDING_VECTOR_LENGTH, LSTM_UNITS))
    weights["dense/kernel"] = glorot_uniform(rng, (LSTM_UNITS, 1))
    weights["dense/bias"] = np.zeros(1, np.float32)
    return weights


def imdb_parity(
    build: Callable[[float], keras.Model], draw: Callable[[np.random.Generator], Weights]
) -> EagerParityModel:
    """Parity hooks for an IMDB model: x = 500 word indices in [0, 5000), y = the 0/1 label."""
    return EagerParityModel(
        spec={
            "x": TensorSpec((MAX_REVIEW_LENGTH,), dtype="int32", kind="index", low=0, high=TOP_WORDS),
            "y": TensorSpec((1,), kind="index", low=0, high=2),
        },
        draw_weights=draw,
        build=lambda learning_rate: compiled_keras(
            build(LEARNING_RATE if learning_rate is None else learning_rate), inputs=["x"]
        ),
    )


def parity_model() -> EagerParityModel:
    return imdb_parity(build_model, initial_weights)


EXAMPLES = (
    Example(
        "ch08_keras_imdb_lstm",
        "Keras LSTM sentiment classifier on IMDB (Embedding 5000x32, LSTM 100, Dense 1)",
        run,
        parity_model=parity_model,
        missing="the IMDB reviews (download): synthetic reviews in Keras' imdb.npz format",
        tags=("ch08", "keras", "imdb", "lstm"),
        migration=(
            "Keras 1/2.0.2 in a Session loop: imdb.load_data(nb_words=), keras.layers.embeddings, "
            "LSTM's default hard_sigmoid, fit(nb_epoch=), Adam epsilon 1e-8",
            "Keras 3: load_data(num_words=), keras.layers.Embedding, LSTM(recurrent_activation=Keras 2's "
            "hard_sigmoid as a custom function), fit(epochs=), Adam(epsilon=1e-8) pinned",
        ),
    ),
)
