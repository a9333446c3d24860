"""ch08_keras_imdb_conv_lstm: IMDB classifier with a Conv1D before the LSTM (Seed A L8388-8430, listing
L8438-8488), rewritten for Keras 3. Spec: reference_tf1/ch08_keras_imdb_conv_lstm.py.

Same program as ch08_keras_imdb_lstm (data, compile, fit, evaluate; shared code in that module, Keras 2.0.2
defaults pinned there: LSTM recurrent activation = Keras 2's hard_sigmoid as a custom function, Adam epsilon
1e-8 with duplicate Embedding rows summed, glorot/orthogonal/unit-forget-bias initialisers) with two layers
after the embedding: Conv1D(filters=32, kernel_size=3, padding="same", relu; glorot_uniform kernel, zero
bias) and MaxPooling1D(pool_size=2), feeding the LSTM(100).
The listing's fixes are the reference's: `num_filter` -> `filters`; `GlobalMaxPooling1D` (2-D output the
LSTM rejects) -> `MaxPooling1D(pool_size=2)`, as the text says (L8402); `nb_epoch` -> `epochs`.

WEIGHT MAPPING: as ch08_keras_imdb_lstm, plus "conv1d/kernel" [3, 32, 32] (width, in, out; the same layout
in Keras 2 and 3) and "conv1d/bias" [32] -> layer "conv1d".
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from modern_tf2._ch08_ch10_common import lstm_weights
from modern_tf2.ch08_keras_imdb_lstm import (
    EMBEDDING_VECTOR_LENGTH,
    LEARNING_RATE,
    LSTM_UNITS,
    MAX_REVIEW_LENGTH,
    TOP_WORDS,
    compile_model,
    dense_output,
    embedding_layer,
    imdb_parity,
    lstm_layer,
    run_imdb,
)
from tfmigrate.book.initializers import glorot_uniform, random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, Weights

FILTERS = 32
KERNEL_SIZE = 3


def build_model(learning_rate: float = LEARNING_RATE, seed: int | None = None) -> keras.Model:
    """Embedding -> Conv1D(32, 3, relu, same) -> MaxPooling1D(2) -> LSTM(100) -> Dense(1, sigmoid)."""

    def sub(k: int) -> int | None:
        return None if seed is None else seed + 10 * k

    model = keras.Sequential(
        [
            keras.Input((MAX_REVIEW_LENGTH,), dtype="int32"),
            embedding_layer(sub(0)),
            # Book: Conv1D(padding="same", activation="relu", kernel_size=3, num_filter=32): `filters`.
            keras.layers.Conv1D(
                filters=FILTERS,
                kernel_size=KERNEL_SIZE,
                padding="same",
                activation="relu",
                kernel_initializer=keras.initializers.GlorotUniform(seed=sub(3)),
                bias_initializer="zeros",
                name="conv1d",
            ),
            # Book: GlobalMaxPooling1D() -- its 2-D output cannot feed the LSTM; pooling regions of 2.
            keras.layers.MaxPooling1D(pool_size=2, name="max_pooling1d"),
            lstm_layer(sub(1)),
            dense_output(sub(2)),
        ],
        name="sequential",
    )
    return compile_model(model, learning_rate)


def run(config: RunConfig) -> Metrics:
    return run_imdb(config, build_model)


def initial_weights(rng: np.random.Generator) -> Weights:
    """The reference's draws in layer order: embedding, conv1d, LSTM, dense."""
    weights: Weights = {
        "embedding/embeddings": random_uniform(rng, (TOP_WORDS, EMBEDDING_VECTOR_LENGTH), -0.05, 0.05)
    }
    weights["conv1d/kernel"] = glorot_uniform(rng, (KERNEL_SIZE, EMBEDDING_VECTOR_LENGTH, FILTERS))
    weights["conv1d/bias"] = np.zeros(FILTERS, np.float32)
    weights.update(lstm_weights(rng, "lstm", FILTERS, LSTM_UNITS))
    weights["dense/kernel"] = glorot_uniform(rng, (LSTM_UNITS, 1))
    weights["dense/bias"] = np.zeros(1, np.float32)
    return weights


def parity_model() -> Any:
    return imdb_parity(build_model, initial_weights)


EXAMPLES = (
    Example(
        "ch08_keras_imdb_conv_lstm",
        "Keras Conv1D + MaxPooling1D + LSTM sentiment classifier on IMDB",
        run,
        parity_model=parity_model,
        missing="the IMDB reviews (download): synthetic reviews in Keras' imdb.npz format",
        tags=("ch08", "keras", "imdb", "lstm", "conv"),
        migration=(
            "Keras 1/2 mix in a Session loop: Conv1D(num_filter=) + GlobalMaxPooling1D (both "
            "broken), fit(nb_epoch=), LSTM's default hard_sigmoid, Adam epsilon 1e-8",
            "Keras 3: Conv1D(filters=32) + MaxPooling1D(2), fit(epochs=), LSTM(recurrent_activation="
            "Keras 2's hard_sigmoid), Adam(epsilon=1e-8) summing duplicate Embedding rows",
        ),
    ),
)
