"""Small helpers for the chapter 8-10 reference tests: drawing parity batches from a model's batch_spec."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tfmigrate.book.runtime import Batch, TensorSpec


def draw_batch(spec: Mapping[str, TensorSpec], size: int, seed: int) -> Batch:
    """One batch of `size` rows following each TensorSpec's kind (real / one_hot / index)."""
    rng = np.random.default_rng(seed)
    batch: Batch = {}
    for name, item in spec.items():
        shape = (size, *item.shape)
        if item.kind == "one_hot":
            ids = rng.integers(0, item.depth, size=shape[:-1])
            batch[name] = np.eye(item.depth, dtype=np.float32)[ids]
        elif item.kind == "index":
            batch[name] = rng.integers(int(item.low), int(item.high), size=shape).astype(item.dtype)
        else:
            batch[name] = rng.uniform(item.low, item.high, size=shape).astype(item.dtype)
    return batch


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
