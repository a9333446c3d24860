"""The harness can fail: a planted divergence (Keras' default Adam epsilon in the modern tree) is caught,
and the comparison rules themselves reject what they must."""

from __future__ import annotations

import importlib

import keras
import numpy as np
import pytest

import modern_tf2  # noqa: F401
import reference_tf1  # noqa: F401
from tfmigrate.book.runtime import discover
from tfmigrate.parity import harness
from tfmigrate.parity.tolerances import Tolerance

EXAMPLE = "ch03_five_layer_relu"


@pytest.mark.tf
def test_adam_epsilon_changed_in_one_tree_fails_parity(monkeypatch: pytest.MonkeyPatch) -> None:
    reference = discover("reference_tf1")[EXAMPLE].parity_model()  # type: ignore[misc]
    modern_module = importlib.import_module(f"modern_tf2.{EXAMPLE}")
    optimizers = importlib.import_module("modern_tf2._tf1_optimizers")
    rng = np.random.default_rng(0)
    weights = reference.initial_weights(0)
    batches = [harness.random_batch(reference.batch_spec(), 4, rng) for _ in range(3)]

    honest = harness.compare(
        EXAMPLE, reference, discover("modern_tf2")[EXAMPLE].parity_model(), weights=weights, batches=batches
    )  # type: ignore[misc]
    assert honest.passed

    def keras_default_epsilon(learning_rate: float) -> keras.optimizers.Adam:
        return keras.optimizers.Adam(
            learning_rate=learning_rate,
            beta_1=optimizers.tf1_float32(0.9),
            beta_2=optimizers.tf1_float32(0.999),
            epsilon=1e-7,
        )

    monkeypatch.setattr(modern_module, "adam", keras_default_epsilon)
    planted = harness.compare(
        EXAMPLE, reference, discover("modern_tf2")[EXAMPLE].parity_model(), weights=weights, batches=batches
    )  # type: ignore[misc]
    assert not planted.passed
    assert planted.get("forward").passed and planted.get("gradients").passed
    assert not planted.get("parameters@1").passed and not planted.get("parameters@3").passed


def test_comparison_rules() -> None:
    bound = Tolerance(rtol=1e-5, atol=1e-6)
    assert harness.compare_arrays("x", [1.0, 2.0], [1.0, 2.0 + 1e-5], bound).passed
    assert not harness.compare_arrays("x", [1.0, 2.1], [1.0, 2.0], bound).passed
    assert not harness.compare_arrays("x", [1.0], [1.0, 2.0], bound).passed
    assert not harness.compare_arrays("x", [np.nan], [np.nan], bound).passed
    assert not harness.compare_named("g", {"a": [1.0]}, {"a": [1.0], "b": [2.0]}, bound).passed


def test_a_named_comparison_keeps_why_each_part_failed() -> None:
    """The parity property sets aside cases whose reference overflowed by reading this detail; a NaN in one
    of several named arrays must still say so (found by the thorough profile: softmax weights after 3
    steps at learning rate 0.01 overflowed in both trees and were reported as a plain failure)."""
    bound = Tolerance(rtol=1e-5, atol=1e-6)
    both_nan = harness.compare_named("p", {"W": [np.nan], "b": [1.0]}, {"W": [np.nan], "b": [1.0]}, bound)
    assert not both_nan.passed and "p[W] (non-finite reference values)" in both_nan.detail
    modern_nan = harness.compare_named("p", {"W": [np.nan]}, {"W": [1.0]}, bound)
    assert "non-finite values (modern tree only)" in modern_nan.detail
    assert "non-finite reference" not in modern_nan.detail
