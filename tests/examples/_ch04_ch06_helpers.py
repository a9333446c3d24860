"""Helpers for the chapter 4 and 6 reference tests: batches drawn from a batch_spec, a numpy LSTM cell."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tfmigrate.book.runtime import TensorSpec


def draw_batch(spec: Mapping[str, TensorSpec], n: int, seed: int) -> dict[str, np.ndarray]:
    """A batch of `n` rows for every input of `spec`, drawn as the parity harness would."""
    rng = np.random.default_rng(seed)
    batch: dict[str, np.ndarray] = {}
    for name, s in spec.items():
        if s.kind == "real":
            batch[name] = rng.uniform(s.low, s.high, size=(n, *s.shape)).astype(s.dtype)
        elif s.kind == "one_hot":
            batch[name] = np.eye(s.depth, dtype=s.dtype)[rng.integers(0, s.depth, size=n)]
        elif s.kind == "index":
            batch[name] = rng.integers(int(s.low), int(s.high), size=(n, *s.shape)).astype(s.dtype)
        else:
            raise ValueError(f"unknown kind {s.kind!r}")
    return batch


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(
    x: np.ndarray, h: np.ndarray, c: np.ndarray, kernel: np.ndarray, bias: np.ndarray, forget_bias: float
) -> tuple[np.ndarray, np.ndarray]:
    """One step of TF1's BasicLSTMCell as documented in reference_tf1.ch06_rnn_lstm_mnist (float64)."""
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


def softmax_xent(logits: np.ndarray, labels_one_hot: np.ndarray) -> np.ndarray:
    """Per-row softmax cross-entropy in float64."""
    z = logits.astype(np.float64)
    z = z - z.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    return -(labels_one_hot * log_p).sum(axis=1)


def max_abs_diff(expected: np.ndarray | float, actual: np.ndarray | float) -> float:
    return float(np.max(np.abs(np.asarray(expected, np.float64) - np.asarray(actual, np.float64))))


def assert_parity(
    example: str,
    quantity: str,
    expected: np.ndarray | float | Mapping[str, np.ndarray],
    actual: np.ndarray | float | Mapping[str, np.ndarray],
    *,
    rtol: float,
    atol: float,
) -> float:
    """np.testing.assert_allclose(actual, expected) (expected = the reference tree's value) for one array or
    every array of a weights dict; prints and returns the largest absolute difference seen."""
    if isinstance(expected, Mapping):
        assert isinstance(actual, Mapping)
        assert set(actual) == set(expected), f"{example} {quantity}: names differ"
        for name in sorted(expected):
            np.testing.assert_allclose(
                actual[name], expected[name], rtol=rtol, atol=atol, err_msg=f"{example} {quantity} {name}"
            )
        worst = max(max_abs_diff(expected[name], actual[name]) for name in expected)
    else:
        assert not isinstance(actual, Mapping)
        np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=f"{example} {quantity}")
        worst = max_abs_diff(expected, actual)
    print(f"PARITY {example} {quantity}: max abs diff {worst:.3g}")
    return worst
