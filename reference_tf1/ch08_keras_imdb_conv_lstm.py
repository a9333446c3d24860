"""ch08_keras_imdb_conv_lstm — IMDB classifier, Conv1D before the LSTM (Seed A L8388-8430, L8438-8488).

Same program as ch08_keras_imdb_lstm (data, compile, fit, evaluate; shared code in that module) with two
layers added after the embedding: a 1-D convolution (kernel 3, 32 filters, ReLU, "same" padding) and max
pooling over regions of 2, feeding the LSTM(100). The book reports `Accuracy: 86.36%` (L8429).

The listing does not run as printed; fixed at the spot:
* `Conv1D(..., num_filter=32)`: not a Conv1D argument in any Keras (TypeError); Keras 1 called it
  `nb_filter` (and the kernel `filter_length`, as the walkthrough says), Keras 2 `filters`.
* `GlobalMaxPooling1D()` returns [batch, 32], which LSTM rejects ("expected ndim=3, found ndim=2"); the text
  says "the size of the region to which max pooling is applied is equal to 2" (L8402), i.e.
  `MaxPooling1D(pool_size=2)`, the classic form of this example.
* It mixes Keras 2 `load_data(num_words=...)` with Keras 1 `fit(nb_epoch=3)` (-> `epochs`).
Keras 2.0.2 defaults are pinned as in ch08_keras_imdb_lstm (LSTM hard_sigmoid, Adam epsilon 1e-8, ...);
Conv1D: glorot_uniform kernel, zero bias.
"""

from __future__ import annotations

from typing import Any

import tensorflow as tf

from reference_tf1.ch08_keras_imdb_lstm import (
    LEARNING_RATE,
    adam,
    embedding_layer,
    imdb_parity,
    lstm_layer,
    run_imdb,
)
from tfmigrate.book.runtime import Example, Metrics, RunConfig


def build_model(learning_rate: float = LEARNING_RATE) -> Any:
    """Embedding -> Conv1D(32, 3, relu, same) -> MaxPooling1D(2) -> LSTM(100) -> Dense(1, sigmoid)."""
    model = tf.keras.Sequential()
    model.add(embedding_layer())
    # Book: Conv1D(padding="same", activation="relu", kernel_size=3, num_filter=32) -- `num_filter` does
    # not exist (Keras 1: nb_filter, Keras 2: filters).
    model.add(
        tf.keras.layers.Conv1D(
            filters=32,
            kernel_size=3,
            padding="same",
            activation="relu",
            kernel_initializer="glorot_uniform",
            bias_initializer="zeros",
            name="conv1d",
        )
    )
    # Book: GlobalMaxPooling1D() -- its 2-D output cannot feed the LSTM; the text means pooling regions of 2.
    model.add(tf.keras.layers.MaxPooling1D(pool_size=2, name="max_pooling1d"))
    model.add(lstm_layer())
    model.add(
        tf.keras.layers.Dense(1, activation="sigmoid", kernel_initializer="glorot_uniform", name="dense")
    )
    model.compile(loss="binary_crossentropy", optimizer=adam(learning_rate), metrics=["accuracy"])
    return model


def run(config: RunConfig) -> Metrics:
    return run_imdb(config, build_model)


def parity_model() -> Any:
    return imdb_parity(build_model)


EXAMPLES = (
    Example(
        "ch08_keras_imdb_conv_lstm",
        "Keras Conv1D + MaxPooling1D + LSTM sentiment classifier on IMDB",
        run,
        parity_model=parity_model,
        missing="the IMDB reviews (download): synthetic reviews in Keras' imdb.npz format",
    ),
)
