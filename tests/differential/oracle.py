"""The TensorFlow 0.x semantics of the ops the rules touch, written in numpy from the 0.x documentation.

Each function takes the 0.x argument order and names, so a generated program and its expected value
are built from the same description without going through tfmigrate.
"""

from __future__ import annotations

import numpy as np


def softmax_cross_entropy_with_logits(logits: np.ndarray, labels: np.ndarray, dim: int = -1) -> np.ndarray:
    shifted = logits - logits.max(axis=dim, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))
    return -(labels * log_softmax).sum(axis=dim)


def sparse_softmax_cross_entropy_with_logits(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return -np.take_along_axis(log_softmax, labels[:, None], axis=-1)[:, 0]


def sigmoid_cross_entropy_with_logits(logits: np.ndarray, targets: np.ndarray) -> np.ndarray:
    return np.maximum(logits, 0) - logits * targets + np.log1p(np.exp(-np.abs(logits)))


def weighted_cross_entropy_with_logits(
    logits: np.ndarray, targets: np.ndarray, pos_weight: float
) -> np.ndarray:
    """The 0.x docstring's definition, written out rather than in the stable form TensorFlow uses."""
    sigmoid = 1.0 / (1.0 + np.exp(-logits))
    return -(targets * np.log(sigmoid) * pos_weight + (1.0 - targets) * np.log(1.0 - sigmoid))


def _sampled_logits(
    weights: np.ndarray,
    biases: np.ndarray,
    inputs: np.ndarray,
    labels: np.ndarray,
    sampled_values: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """0.x `_compute_sampled_logits` without accidental-hit removal: logits and targets, true classes first."""
    sampled, true_expected, sampled_expected = sampled_values
    true_logits = np.einsum("bd,btd->bt", inputs, weights[labels]) + biases[labels] - np.log(true_expected)
    sampled_logits = inputs @ weights[sampled].T + biases[sampled] - np.log(sampled_expected)
    num_true = labels.shape[1]
    targets = np.concatenate([np.full_like(true_logits, 1.0 / num_true), np.zeros_like(sampled_logits)], 1)
    return np.concatenate([true_logits, sampled_logits], 1), targets


def nce_loss(
    weights: np.ndarray,
    biases: np.ndarray,
    inputs: np.ndarray,
    labels: np.ndarray,
    sampled_values: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    logits, targets = _sampled_logits(weights, biases, inputs, labels, sampled_values)
    return sigmoid_cross_entropy_with_logits(logits, targets).sum(axis=1)


def sampled_softmax_loss(
    weights: np.ndarray,
    biases: np.ndarray,
    inputs: np.ndarray,
    labels: np.ndarray,
    sampled_values: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> np.ndarray:
    logits, targets = _sampled_logits(weights, biases, inputs, labels, sampled_values)
    return softmax_cross_entropy_with_logits(logits, targets)


def concat(concat_dim: int, values: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(values, axis=concat_dim)


def split(split_dim: int, num_split: int, value: np.ndarray) -> list[np.ndarray]:
    return np.split(value, num_split, axis=split_dim)


def reverse(tensor: np.ndarray, dims: list[bool]) -> np.ndarray:
    axes = tuple(axis for axis, flip in enumerate(dims) if flip)
    return np.flip(tensor, axis=axes) if axes else tensor


def batch_matmul(x: np.ndarray, y: np.ndarray, adj_x: bool = False, adj_y: bool = False) -> np.ndarray:
    left = np.swapaxes(x, -1, -2) if adj_x else x
    right = np.swapaxes(y, -1, -2) if adj_y else y
    return np.matmul(left, right)


def svd_values(tensor: np.ndarray) -> np.ndarray:
    return np.linalg.svd(tensor, compute_uv=False)


def reverse_sequence(values: np.ndarray, lengths: np.ndarray, seq_dim: int, batch_dim: int) -> np.ndarray:
    out = values.copy()
    for batch in range(values.shape[batch_dim]):
        length = int(lengths[batch])
        index = [slice(None)] * values.ndim
        index[batch_dim] = batch
        index[seq_dim] = slice(0, length)
        segment = values[tuple(index)]
        axis = seq_dim - (1 if batch_dim < seq_dim else 0)
        out[tuple(index)] = np.flip(segment, axis=axis)
    return out
