"""Parity checks between a reference_tf1 example's hooks and its modern_tf2 twin (chapter 2, chapter 7, Seed B).

`check_parity` loads the SAME numpy weights (the reference's `initial_weights(seed)`) and the same
batches (drawn from the reference's batch spec) into both trees' hooks and compares, expected = reference:
forward, loss, every gradient, and every weight after 1 and after 3 train_steps. It returns the largest
absolute difference seen per quantity, which the tests print (run pytest with -s to see them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tfmigrate.book.runtime import Batch, ParityModel, TensorSpec, Weights


@dataclass(frozen=True)
class Tolerance:
    """|actual - expected| <= atol + rtol * |expected| for every entry (expected = reference_tf1)."""

    rtol: float
    atol: float


FORWARD = Tolerance(rtol=1e-5, atol=1e-6)
"""Forward pass, loss and gradients on CPU float32 (the brief's bound)."""

STEPS = Tolerance(rtol=1e-5, atol=1e-6)
"""Weights after 1 and 3 optimizer steps -- the same bound for the adaptive optimizers too.

It holds for Adam, Adagrad and TF1's RMSProp because modern_tf2 pins what makes them round differently
(see modern_tf2/_basics_common.py): TF1 computes `1 - beta` in float32 from the float32 beta, so the
modern tree passes beta1/beta2/rho as float32-rounded values; Adagrad's epsilon is 0 as in TF1; RMSProp
uses TF1's slot start (1.0) and update order. Without the float32 betas, Adam's second moment differs by
1.3e-5 relatively after one step, and Adam -- whose step is about lr * m / sqrt(v) whatever the gradient's
scale -- turns that into errors up to 2e-4 (= 6e-3 of the step length) after 3 steps on entries whose
gradients are cancellation residues near epsilon.
"""


def draw_batch(spec: Mapping[str, TensorSpec], size: int, rng: np.random.Generator) -> Batch:
    """One batch of `size` rows following the reference's batch spec."""
    batch: Batch = {}
    for name, tensor in spec.items():
        shape = (size, *tensor.shape)
        if tensor.kind == "one_hot":
            batch[name] = np.eye(tensor.depth, dtype=np.float32)[rng.integers(0, tensor.depth, size=size)]
        elif tensor.kind == "index":
            batch[name] = rng.integers(int(tensor.low), int(tensor.high), size=shape).astype(tensor.dtype)
        else:
            batch[name] = rng.uniform(tensor.low, tensor.high, size=shape).astype(tensor.dtype)
    return batch


def _max_diff(actual: np.ndarray, expected: np.ndarray) -> float:
    return float(
        np.max(np.abs(np.asarray(actual, np.float64) - np.asarray(expected, np.float64)), initial=0.0)
    )


def _assert_weights_close(actual: Weights, expected: Weights, tol: Tolerance, what: str) -> float:
    assert set(actual) == set(expected), f"{what}: names differ: {sorted(set(actual) ^ set(expected))}"
    worst = 0.0
    for name in sorted(expected):
        assert np.shape(actual[name]) == np.shape(expected[name]), f"{what}: {name} has another shape"
        np.testing.assert_allclose(
            actual[name], expected[name], rtol=tol.rtol, atol=tol.atol, err_msg=f"{what}: {name}"
        )
        worst = max(worst, _max_diff(actual[name], expected[name]))
    return worst


def check_parity(
    reference: ParityModel,
    modern: ParityModel,
    *,
    seed: int = 0,
    batch_size: int = 8,
    batches: list[Batch] | None = None,
    learning_rate: float | None = None,
    forward_tol: Tolerance = FORWARD,
    steps_tol: Tolerance = STEPS,
) -> dict[str, float]:
    """Compare both trees' hooks on the reference's initial weights; returns max |modern - reference|.

    `batches` (default: three drawn from the reference's batch spec) feed train_steps; the first one is
    also the batch of forward, loss and gradients. `learning_rate` None is each example's own.
    """
    assert dict(modern.batch_spec()) == dict(reference.batch_spec())
    weights = reference.initial_weights(seed)
    modern_weights = modern.initial_weights(seed)
    assert set(modern_weights) == set(weights)
    for name in weights:  # the same numpy draws in both trees
        np.testing.assert_array_equal(modern_weights[name], weights[name], err_msg=name)

    rng = np.random.default_rng(seed + 1000)
    if batches is None:
        batches = [draw_batch(reference.batch_spec(), batch_size, rng) for _ in range(3)]
    batch = batches[0]
    diffs: dict[str, float] = {}

    expected_forward, actual_forward = reference.forward(weights, batch), modern.forward(weights, batch)
    np.testing.assert_allclose(actual_forward, expected_forward, rtol=forward_tol.rtol, atol=forward_tol.atol)
    diffs["forward"] = _max_diff(actual_forward, expected_forward)

    expected_loss, actual_loss = reference.loss(weights, batch), modern.loss(weights, batch)
    np.testing.assert_allclose(actual_loss, expected_loss, rtol=forward_tol.rtol, atol=forward_tol.atol)
    diffs["loss"] = _max_diff(np.asarray(actual_loss), np.asarray(expected_loss))

    diffs["gradients"] = _assert_weights_close(
        modern.gradients(weights, batch), reference.gradients(weights, batch), forward_tol, "gradients"
    )
    for count in (1, 3):
        diffs[f"weights_after_{count}_steps"] = _assert_weights_close(
            modern.train_steps(weights, batches[:count], learning_rate),
            reference.train_steps(weights, batches[:count], learning_rate),
            steps_tol,
            f"weights after {count} train_steps",
        )
    return diffs
