"""ch08_keras_imdb_lstm — Keras LSTM sentiment classifier on IMDB (Seed A L8214-8319, listing L8337-8380).

The book (Keras 2.0.2 on TF 1.0): `imdb.load_data(nb_words=5000)`, `pad_sequences(maxlen=500)`,
`Sequential([Embedding(5000, 32, input_length=500), LSTM(100), Dense(1, activation='sigmoid')])`,
`compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])`, `fit(validation_data=(X_test,
y_test), nb_epoch=3, batch_size=64)`, then `Accuracy: 86.79%` from `evaluate` on the test set.

TF1 graph-mode port: legacy Keras 2 (`tf.keras` = tf_keras 2.21 under TF_USE_LEGACY_KERAS=1) builds the model
into a `tf.Graph` whose `tf.compat.v1.Session` is the Keras backend session, so `fit` runs tf_keras' v1
(Session-based) training loop, as Keras 2.0.2 did on TF 1.0. Data: `tfmigrate.book.data.imdb` (synthetic
reviews in Keras' imdb.npz format, Keras' load_data post-processing; 25,000/25,000, or 500/500 in smoke mode).

Keras 1 -> 2 -> 3 traps, each commented at its spot:
* `imdb.load_data(nb_words=5000)`: Keras 2 `num_words`. Keras 3 silently ignores `nb_words` (it falls into
  **kwargs), returns the whole vocabulary, and `Embedding(5000, ...)` then fails on indices >= 5000.
* `from keras.layers.embeddings import Embedding`: module gone (Keras >= 2.9); `keras.layers.Embedding`.
* `fit(nb_epoch=3)`: `epochs` (TypeError in Keras 3). `Embedding(input_length=)` only warns in Keras 3.
* Defaults of Keras 2.0.2 that later versions changed, pinned here so the modern tree can mirror them:
  LSTM `recurrent_activation='hard_sigmoid'` (tf.keras/Keras >= 2.3 default 'sigmoid'; and Keras 3's
  hard_sigmoid is relu6(x + 3) / 6, not clip(0.2 x + 0.5, 0, 1)), Adam `epsilon=1e-8` (later 1e-7),
  Embedding `RandomUniform(-0.05, 0.05)`, glorot_uniform kernels, orthogonal recurrent kernel,
  unit_forget_bias.

`numpy.random.seed(7)` of the book becomes `numpy.random.seed(config.seed)` plus the graph-level TF seed (the
book's seed never seeded TensorFlow). The printed epoch lines show `16750/16750`, i.e. the book's run used a
33 % validation split rather than the listing's `validation_data`; the listing is followed here.
Smoke mode: one epoch on 128 training and 64 test reviews (same code path). `config.steps` overrides the
number of epochs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import tensorflow as tf

from reference_tf1._parity import KerasGraphParityModel, keras_graph_session
from tfmigrate.book.data import imdb
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec

TOP_WORDS = 5000
MAX_REVIEW_LENGTH = 500
EMBEDDING_VECTOR_LENGTH = 32
EPOCHS = 3
BATCH_SIZE = 64
LEARNING_RATE = 0.001  # Keras 2.0.2's Adam default
SMOKE_EPOCHS = 1
SMOKE_TRAIN, SMOKE_TEST = 128, 64


def adam(learning_rate: float = LEARNING_RATE) -> Any:
    """'adam' as Keras 2.0.2 defined it: Adam(lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-8, decay=0)."""
    return tf.keras.optimizers.legacy.Adam(
        learning_rate=learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-8
    )


def lstm_layer() -> Any:
    """LSTM(100) with Keras 2.0.2's defaults spelled out (recurrent_activation changed in Keras 2.3)."""
    return tf.keras.layers.LSTM(
        100,
        activation="tanh",
        recurrent_activation="hard_sigmoid",
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        unit_forget_bias=True,
        name="lstm",
    )


def embedding_layer() -> Any:
    # Keras 1/2.0 imported this from keras.layers.embeddings (removed); input_length only warns in Keras 3.
    return tf.keras.layers.Embedding(
        TOP_WORDS,
        EMBEDDING_VECTOR_LENGTH,
        input_length=MAX_REVIEW_LENGTH,
        embeddings_initializer=tf.keras.initializers.RandomUniform(-0.05, 0.05),
        name="embedding",
    )


def build_model(learning_rate: float = LEARNING_RATE) -> Any:
    """Embedding(5000, 32) -> LSTM(100) -> Dense(1, sigmoid), compiled as in the book."""
    model = tf.keras.Sequential()
    model.add(embedding_layer())
    model.add(lstm_layer())
    model.add(
        tf.keras.layers.Dense(1, activation="sigmoid", kernel_initializer="glorot_uniform", name="dense")
    )
    model.compile(loss="binary_crossentropy", optimizer=adam(learning_rate), metrics=["accuracy"])
    return model


def load_padded(config: RunConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The book's data preparation: top 5,000 words, sequences pre-padded/truncated to 500."""
    # Book: imdb.load_data(nb_words=top_words). `nb_words` is the Keras 1 name; Keras 2 renamed it
    # `num_words`, and Keras 3 silently ignores `nb_words` (full vocabulary -> Embedding index errors).
    (X_train, y_train), (X_test, y_test) = imdb.load_data(
        num_words=TOP_WORDS, smoke=config.smoke, data_dir=config.data_dir
    )
    if config.smoke:
        X_train, y_train = X_train[:SMOKE_TRAIN], y_train[:SMOKE_TRAIN]
        X_test, y_test = X_test[:SMOKE_TEST], y_test[:SMOKE_TEST]
    X_train = imdb.pad_sequences(X_train, maxlen=MAX_REVIEW_LENGTH)
    X_test = imdb.pad_sequences(X_test, maxlen=MAX_REVIEW_LENGTH)
    return X_train, y_train.astype(np.float32), X_test, y_test.astype(np.float32)


def run_imdb(config: RunConfig, build: Callable[[], Any]) -> Metrics:
    """The book's program around a model builder (shared with ch08_keras_imdb_conv_lstm)."""
    np.random.seed(config.seed)  # book: numpy.random.seed(7); Keras shuffles with numpy's generator
    X_train, y_train, X_test, y_test = load_padded(config)
    epochs = config.steps if config.steps is not None else (SMOKE_EPOCHS if config.smoke else EPOCHS)
    with keras_graph_session(config.seed):
        model = build()
        model.summary()  # the book wraps this in print(), which also prints "None" (summary returns None)
        # Keras 1 `nb_epoch=3` is `epochs=3` since Keras 2 (TypeError in Keras 3).
        history = model.fit(
            X_train,
            y_train,
            validation_data=(X_test, y_test),
            epochs=epochs,
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


def imdb_parity(build: Callable[[float], Any]) -> KerasGraphParityModel:
    """Parity hooks for an IMDB model: x = 500 word indices in [0, 5000), y = the 0/1 label."""
    return KerasGraphParityModel(
        spec={
            "x": TensorSpec((MAX_REVIEW_LENGTH,), dtype="int32", kind="index", low=0, high=TOP_WORDS),
            "y": TensorSpec((1,), kind="index", low=0, high=2),
        },
        build=build,
        inputs=["x"],
        learning_rate=LEARNING_RATE,
    )


def parity_model() -> KerasGraphParityModel:
    return imdb_parity(build_model)


EXAMPLES = (
    Example(
        "ch08_keras_imdb_lstm",
        "Keras LSTM sentiment classifier on IMDB (Embedding 5000x32, LSTM 100, Dense 1)",
        run,
        parity_model=parity_model,
        missing="the IMDB reviews (download): synthetic reviews in Keras' imdb.npz format",
    ),
)
