"""Parity checks shared by the chapter 8-10 modern tests: every hook of both trees on the same numpy weights
and batches (expected values: the reference's), recording the largest absolute difference per quantity."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.examples._ch04_ch06_helpers import assert_parity

RTOL, ATOL = 1e-5, 1e-6
TOL = {"rtol": RTOL, "atol": ATOL}


def check_parity(
    example: str,
    ref: Any,
    mod: Any,
    weights: dict[str, np.ndarray],
    batches: list[dict[str, np.ndarray]],
    weights_tol: dict[str, float] | None = None,
) -> dict[str, float]:
    """Forward, loss, every gradient (rtol 1e-5, atol 1e-6) and the weights after 1 and 3 training steps
    (`weights_tol`, default the same) of both trees; returns {quantity: max abs difference}."""
    batch = batches[0]
    diffs = {
        "forward": assert_parity(
            example, "forward", ref.forward(weights, batch), mod.forward(weights, batch), **TOL
        ),
        "loss": assert_parity(example, "loss", ref.loss(weights, batch), mod.loss(weights, batch), **TOL),
    }
    grads = ref.gradients(weights, batch)
    assert max(float(np.abs(g).max()) for g in grads.values()) > 1e-4, "gradients too small to compare"
    diffs["gradients"] = assert_parity(example, "gradients", grads, mod.gradients(weights, batch), **TOL)
    for n in (1, 3):
        diffs[f"weights after {n} steps"] = assert_parity(
            example,
            f"weights after {n} steps",
            ref.train_steps(weights, batches[:n]),
            mod.train_steps(weights, batches[:n]),
            **(weights_tol or TOL),
        )
    return diffs


def assert_same_initial_weights(ref: Any, mod: Any, seed: int) -> None:
    """Both trees draw the very same numpy arrays under the same names."""
    expected, actual = ref.initial_weights(seed), mod.initial_weights(seed)
    assert list(actual) == list(expected)
    for name in expected:
        assert actual[name].dtype == np.float32, name
        np.testing.assert_array_equal(actual[name], expected[name], err_msg=name)
