"""numpy draws of the initialisers the book's examples use, for the parity hooks' `initial_weights(seed)`.

Both trees draw their parity weights with these functions, from the same `numpy.random.Generator` in the
same order, so that `initial_weights(seed)` returns the very same arrays in reference_tf1 and modern_tf2.
Each function says which TensorFlow / Keras initialiser it stands for; all return float32 arrays. The
examples' own `run()` keeps using TensorFlow's initialisers (these are for the hooks only).

numpy only: no TensorFlow import here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def truncated_normal(
    rng: np.random.Generator, shape: Sequence[int], stddev: float, mean: float = 0.0
) -> np.ndarray:
    """TF1's `truncated_normal(shape, mean, stddev)` (and Keras' TruncatedNormal): normal draws farther
    than 2 standard deviations from the mean are drawn again, until none is."""
    values = rng.normal(mean, stddev, size=tuple(shape))
    outside = np.abs(values - mean) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(mean, stddev, size=int(outside.sum()))
        outside = np.abs(values - mean) > 2.0 * stddev
    return values.astype(np.float32)


def random_normal(
    rng: np.random.Generator, shape: Sequence[int], stddev: float = 1.0, mean: float = 0.0
) -> np.ndarray:
    """TF1's `random_normal(shape, mean, stddev)` (TF1's default stddev is 1.0; Keras' RandomNormal 0.05)."""
    return rng.normal(mean, stddev, size=tuple(shape)).astype(np.float32)


def random_uniform(rng: np.random.Generator, shape: Sequence[int], low: float, high: float) -> np.ndarray:
    """TF1's `random_uniform(shape, low, high)`, Keras' `RandomUniform(low, high)`: uniform in [low, high)."""
    return rng.uniform(low, high, size=tuple(shape)).astype(np.float32)


def fans(shape: Sequence[int]) -> tuple[float, float]:
    """(fan_in, fan_out) as TF1's variance-scaling and Keras' initialisers compute them: a dense kernel
    [in, out] gives (in, out); a convolution kernel [k..., in, out] multiplies both by the receptive field."""
    if len(shape) < 2:
        raise ValueError(f"fans of a variable of shape {tuple(shape)} are not defined here")
    receptive = float(np.prod(shape[:-2])) if len(shape) > 2 else 1.0
    return shape[-2] * receptive, shape[-1] * receptive


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """Glorot (Xavier) uniform, U(-l, l) with l = sqrt(6 / (fan_in + fan_out)): TF1's default initialiser of
    `get_variable` and `tf.compat.v1.layers`, and Keras' (2 and 3) default kernel initialiser."""
    fan_in, fan_out = fans(shape)
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return random_uniform(rng, shape, -limit, limit)


def xavier_uniform(
    rng: np.random.Generator, n_inputs: int, n_outputs: int, shape: Sequence[int]
) -> np.ndarray:
    """Pretty Tensor's `xavier_init(n_inputs, n_outputs)`: U(-l, l), l = sqrt(6 / (n_inputs + n_outputs)),
    with the fans given explicitly (for convolutions it passes in * k * k and depth * k * k)."""
    limit = math.sqrt(6.0 / (n_inputs + n_outputs))
    return random_uniform(rng, shape, -limit, limit)


def orthogonal(rng: np.random.Generator, shape: Sequence[int], gain: float = 1.0) -> np.ndarray:
    """Keras' Orthogonal (the LSTM recurrent-kernel default): Q of the QR decomposition of a standard normal
    matrix, with the signs of R's diagonal folded in, reshaped to `shape` and scaled by `gain`."""
    rows = int(np.prod(shape[:-1]))
    cols = int(shape[-1])
    flat = rng.normal(0.0, 1.0, size=(max(rows, cols), min(rows, cols)))
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return (gain * q.reshape(tuple(shape))).astype(np.float32)


def unit_forget_bias(units: int) -> np.ndarray:
    """A Keras LSTM bias with `unit_forget_bias=True`: zeros, ones in the forget block (gates i, f, c, o).

    Not a draw: it takes nothing from the generator."""
    return np.concatenate([np.zeros(units), np.ones(units), np.zeros(2 * units)]).astype(np.float32)
