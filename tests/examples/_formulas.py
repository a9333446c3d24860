"""The closed forms the reference tests check the graphs against, in float64 numpy."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax (over the last axis)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def softmax_xent(logits: np.ndarray, labels_one_hot: np.ndarray) -> np.ndarray:
    """Per-row softmax cross-entropy."""
    z = logits.astype(np.float64)
    z = z - z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -(labels_one_hot * log_p).sum(axis=1)


def lstm_step(
    x: np.ndarray, h: np.ndarray, c: np.ndarray, kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray]:
    """One step of TF1's BasicLSTMCell as documented in reference_tf1.ch06_rnn_lstm_mnist."""
    z = np.concatenate([x, h], axis=1) @ kernel.astype(np.float64) + bias.astype(np.float64)
    i, j, f, o = np.split(z, 4, axis=1)
    c = c * sigmoid(f + forget_bias) + sigmoid(i) * np.tanh(j)
    h = np.tanh(c) * sigmoid(o)
    return h, c


def lstm_outputs(xs: np.ndarray, kernel: np.ndarray, bias: np.ndarray, forget_bias: float) -> np.ndarray:
    """Outputs [time, batch, hidden] of the cell run over time-major inputs [time, batch, features]."""
    hidden = kernel.shape[1] // 4
    h = np.zeros((xs.shape[1], hidden))
    c = np.zeros_like(h)
    outputs = []
    for x in xs.astype(np.float64):
        h, c = lstm_step(x, h, c, kernel, bias, forget_bias)
        outputs.append(h)
    return np.stack(outputs)


def max_abs_diff(expected: np.ndarray | float, actual: np.ndarray | float) -> float:
    return float(np.max(np.abs(np.asarray(expected, np.float64) - np.asarray(actual, np.float64))))
