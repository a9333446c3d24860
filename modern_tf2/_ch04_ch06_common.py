"""Helpers shared by the chapter 4 (CNN) and chapter 6 (RNN) modern modules.

* `lstm_to_keras` / `lstm_from_keras`: TF1 `BasicLSTMCell` weights <-> Keras `LSTMCell` weights;
* `make_logdir`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from tfmigrate.book.runtime import RunConfig


def make_logdir(config: RunConfig, prefix: str) -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    logdir = Path(config.logdir) if config.logdir is not None else Path(tempfile.mkdtemp(prefix=prefix))
    logdir.mkdir(parents=True, exist_ok=True)
    return logdir


# --- LSTM weights: TF1 BasicLSTMCell layout <-> Keras LSTMCell ------------------------------------------


def _tf1_to_keras_columns(hidden: int) -> np.ndarray:
    """Column order turning TF1's gate blocks (i, j, f, o) into Keras' (i, f, c, o); j is Keras' c."""
    i, j, f, o = (np.arange(k * hidden, (k + 1) * hidden) for k in range(4))
    return np.concatenate([i, f, j, o])


def _keras_to_tf1_columns(hidden: int) -> np.ndarray:
    """The inverse permutation: Keras (i, f, c, o) -> TF1 (i, j, f, o). (It is the same swap of the
    middle blocks, but written out so that nobody has to check that.)"""
    return np.argsort(_tf1_to_keras_columns(hidden))


def lstm_to_keras(
    kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TF1 (kernel [in + h, 4h], bias [4h]) -> Keras (kernel [in, 4h], recurrent_kernel [h, 4h], bias [4h]).

    Rows 0..in-1 of the TF1 kernel multiply x_t, the rest h_{t-1}; columns are re-ordered i, j, f, o ->
    i, f, c, o; TF1 adds `forget_bias` to the f pre-activation at run time, Keras has no such term, so it is
    folded into the f block of the bias.
    """
    hidden = kernel.shape[1] // 4
    n_in = kernel.shape[0] - hidden
    columns = _tf1_to_keras_columns(hidden)
    k = np.asarray(kernel, np.float32)[:, columns]
    b = np.asarray(bias, np.float32)[columns].copy()
    b[hidden : 2 * hidden] += np.float32(forget_bias)
    return k[:n_in], k[n_in:], b


def lstm_from_keras(
    kernel: np.ndarray, recurrent_kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray]:
    """Keras (kernel, recurrent_kernel, bias) -> TF1 (kernel, bias): the inverse of `lstm_to_keras`.

    For weights pass the cell's forget bias (it is taken back out of the f block); for GRADIENTS pass 0.0:
    d loss / d bias is the same whether the constant is stored in the bias or added at run time.
    """
    hidden = kernel.shape[1] // 4
    columns = _keras_to_tf1_columns(hidden)
    b = np.asarray(bias, np.float32).copy()
    b[hidden : 2 * hidden] -= np.float32(forget_bias)
    stacked = np.concatenate([np.asarray(kernel, np.float32), np.asarray(recurrent_kernel, np.float32)])
    return stacked[:, columns], b[columns]
