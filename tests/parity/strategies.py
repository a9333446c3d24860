"""Hypothesis strategies for parity: batches from an example's declared inputs, seeds, learning rates."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tfmigrate.book.runtime import Batch, TensorSpec

MAX_BATCH = 6


def tensor(spec: TensorSpec, batch_size: int) -> st.SearchStrategy[np.ndarray]:
    shape = (batch_size, *spec.shape)
    if spec.kind == "one_hot":
        classes_shape = shape[:-1]
        classes = hnp.arrays(
            np.int64, classes_shape, elements=st.integers(0, spec.depth - 1), fill=st.nothing()
        )
        return classes.map(lambda c: np.eye(spec.depth, dtype=np.float32)[c])
    if spec.kind == "index":
        return hnp.arrays(spec.dtype, shape, elements=st.integers(int(spec.low), int(spec.high) - 1))
    elements = st.floats(
        float(spec.low),
        float(spec.high),
        width=32,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )
    # Large inputs: draw a few values and let the rest come from a seeded generator in the same range,
    # so that every element is set (hypothesis' `fill` would repeat one value) without slow draws.
    if int(np.prod(shape)) > 256:
        return st.tuples(elements, st.integers(0, 2**32 - 1)).map(
            lambda pair: _dense(shape, spec, pair[0], pair[1])
        )
    return hnp.arrays(np.float32, shape, elements=elements, fill=st.nothing())


def _dense(shape: tuple[int, ...], spec: TensorSpec, anchor: float, seed: int) -> np.ndarray:
    values = np.random.default_rng(seed).uniform(spec.low, spec.high, size=shape).astype(np.float32)
    values.flat[0] = anchor
    return values


@st.composite
def batches(draw: st.DrawFn, spec: Mapping[str, TensorSpec], count: int) -> list[Batch]:
    batch_size = draw(st.integers(1, MAX_BATCH))
    return [{name: draw(tensor(s, batch_size)) for name, s in spec.items()} for _ in range(count)]


seeds = st.integers(0, 2**31 - 1)
learning_rates = st.sampled_from([1e-4, 3e-4, 1e-3, 3e-3, 1e-2])
