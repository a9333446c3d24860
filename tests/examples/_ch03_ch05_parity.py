"""The parity check shared by test_modern_ch03.py and test_modern_ch05.py.

Both trees' hooks get the same numpy weights (the reference's `initial_weights`) and the same batches;
the reference is the expected side (numpy's allclose is asymmetric). Every comparison prints its maximum
absolute difference as "PARITY <example> <quantity> <max abs diff>" (visible with pytest -s).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tfmigrate.book.runtime import Batch, ParityModel, Weights

RTOL = 1e-5
ATOL = 1e-6
UPDATE_RTOL = 1e-4
"""Weights after K steps are also compared as updates (w_K - w_0), to 1e-4 of the largest update of the
same variable plus one float32 spacing of the weight: the updates can be far smaller than ATOL (the book's
saturated autoencoders move their weights by ~1e-6 a step), where a plain weight comparison would prove
nothing; and an update far below the weight's own precision is rounded to one of two neighbouring floats
when it is applied (TF1's `var -= mom` and Keras' `var -= lr * g / sqrt(ms + eps)` agree to about 1e-7
relative before that rounding)."""


def max_abs_diff(actual: np.ndarray | float, expected: np.ndarray | float) -> float:
    return float(np.max(np.abs(np.asarray(actual, np.float64) - np.asarray(expected, np.float64))))


def report(example_id: str, quantity: str, diff: float) -> None:
    print(f"PARITY {example_id} {quantity} {diff:.3g}")


def check_parity(
    example_id: str,
    reference: ParityModel,
    modern: ParityModel,
    weights: Weights,
    batches: Sequence[Batch],
    *,
    label: str = "",
    learning_rate: float | None = None,
) -> dict[str, float]:
    """forward, loss, gradients and weights after 1 and 3 steps; returns the max abs diffs by quantity."""
    name = f"{example_id}{label}"
    diffs: dict[str, float] = {}

    expected_out, actual_out = reference.forward(weights, batches[0]), modern.forward(weights, batches[0])
    assert actual_out.shape == expected_out.shape
    np.testing.assert_allclose(actual_out, expected_out, rtol=RTOL, atol=ATOL, err_msg=f"{name} forward")
    diffs["forward"] = max_abs_diff(actual_out, expected_out)

    expected_loss, actual_loss = reference.loss(weights, batches[0]), modern.loss(weights, batches[0])
    assert np.isfinite(expected_loss)
    np.testing.assert_allclose(actual_loss, expected_loss, rtol=RTOL, atol=ATOL, err_msg=f"{name} loss")
    diffs["loss"] = max_abs_diff(actual_loss, expected_loss)

    expected_grads, actual_grads = (
        reference.gradients(weights, batches[0]),
        modern.gradients(weights, batches[0]),
    )
    assert sorted(actual_grads) == sorted(expected_grads) == sorted(weights)
    for key in sorted(weights):
        assert actual_grads[key].shape == weights[key].shape, key
        np.testing.assert_allclose(
            actual_grads[key], expected_grads[key], rtol=RTOL, atol=ATOL, err_msg=f"{name} d/d{key}"
        )
    diffs["gradients"] = max(max_abs_diff(actual_grads[k], expected_grads[k]) for k in weights)

    for steps in (1, 3):
        expected_w = reference.train_steps(weights, batches[:steps], learning_rate)
        actual_w = modern.train_steps(weights, batches[:steps], learning_rate)
        assert sorted(actual_w) == sorted(expected_w) == sorted(weights)
        worst_update = 0.0
        for key in sorted(weights):
            np.testing.assert_allclose(
                actual_w[key], expected_w[key], rtol=RTOL, atol=ATOL, err_msg=f"{name} {key} after {steps}"
            )
            expected_update = expected_w[key].astype(np.float64) - weights[key]
            actual_update = actual_w[key].astype(np.float64) - weights[key]
            scale = float(np.max(np.abs(expected_update)))
            assert scale > 0, f"{name}: {key} did not move in {steps} steps"
            allowed = UPDATE_RTOL * scale + np.spacing(np.abs(expected_w[key])).astype(np.float64)
            excess = np.abs(actual_update - expected_update) - allowed
            assert np.all(excess <= 0), f"{name} {key} update after {steps}: off by {excess.max():.3g}"
            worst_update = max(worst_update, max_abs_diff(actual_update, expected_update) / scale)
        diffs[f"weights_after_{steps}"] = max(max_abs_diff(actual_w[k], expected_w[k]) for k in weights)
        diffs[f"update_after_{steps}_relative"] = worst_update

    for quantity, diff in diffs.items():
        report(name, quantity, diff)
    return diffs
