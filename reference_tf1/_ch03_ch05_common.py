"""Helpers shared by the chapter 3 (feed-forward MNIST) and chapter 5 (autoencoder) reference modules.

`make_logdir`, `planned_epochs` and the two optimizers these examples use with TF1's defaults pinned
(`adam`, `rmsprop`); the graph-building functions return a `reference_tf1._parity.GraphModel`.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import tensorflow as tf

from tfmigrate.book.runtime import RunConfig


def make_logdir(config: RunConfig) -> Path:
    """The run's log directory: config.logdir (created if needed) or a fresh temporary directory."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix="tfmigrate-"))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir


def planned_epochs(epochs: int, batch_count: int, steps: int | None) -> int:
    """Epochs to run: the book's, or as many as `steps` optimizer steps need (the last one partial)."""
    if steps is None:
        return epochs
    return max(1, math.ceil(steps / max(1, batch_count)))


def adam(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.AdamOptimizer(learning_rate)` with TF1's defaults pinned (Keras' epsilon is 1e-7)."""
    return tf.compat.v1.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8)


def rmsprop(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.RMSPropOptimizer(learning_rate)` with TF1's defaults pinned.

    Keras' RMSprop differs in every one of them (rho 0.9 but epsilon 1e-7 outside the sqrt, and its
    rms slot starts at 0 where TF1's starts at 1.0), so the modern tree must mirror these explicitly.
    """
    return tf.compat.v1.train.RMSPropOptimizer(
        learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, centered=False
    )
