"""Numerical parity between reference_tf1 and modern_tf2 for one example: same weights, same batches.

Initial weights are drawn once (the reference's `initial_weights(seed)`, numpy arrays under canonical
names) and loaded into both trees through their parity hooks; both get the same batches; the harness
compares the forward outputs, the loss, every gradient, and every parameter after K optimizer steps.
Randomness inside the models (dropout, noise) is off in the hooks of both trees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from tfmigrate.book.runtime import Batch, FastParityModel, ParityModel, TensorSpec, Weights
from tfmigrate.parity.tolerances import Quantity, Tolerance, tolerance


@dataclass(frozen=True)
class Comparison:
    """One quantity compared: the largest absolute difference, the bound, and whether it holds."""

    quantity: str
    max_abs: float
    bound: Tolerance
    passed: bool
    detail: str = ""


@dataclass(frozen=True)
class ParityResult:
    example_id: str
    device: str
    steps: tuple[int, ...]
    comparisons: tuple[Comparison, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(comparison.passed for comparison in self.comparisons)

    def get(self, quantity: str) -> Comparison:
        return next(c for c in self.comparisons if c.quantity == quantity)


def compare_arrays(quantity: str, actual: Any, expected: Any, bound: Tolerance) -> Comparison:
    """|actual - expected| <= atol + rtol * |expected| everywhere; NaN anywhere fails."""
    actual_array = np.asarray(actual, dtype=np.float64)
    expected_array = np.asarray(expected, dtype=np.float64)
    if actual_array.shape != expected_array.shape:
        return Comparison(
            quantity, float("inf"), bound, False, f"shapes {actual_array.shape} vs {expected_array.shape}"
        )
    if actual_array.size == 0:
        return Comparison(quantity, 0.0, bound, True)
    if not np.all(np.isfinite(expected_array)):
        return Comparison(quantity, float("nan"), bound, False, "non-finite reference values")
    if not np.all(np.isfinite(actual_array)):
        return Comparison(quantity, float("nan"), bound, False, "non-finite values (modern tree only)")
    difference = np.abs(actual_array - expected_array)
    passed = bool(np.all(difference <= bound.atol + bound.rtol * np.abs(expected_array)))
    return Comparison(quantity, float(difference.max()), bound, passed)


def compare_named(
    quantity: str, actual: Mapping[str, Any], expected: Mapping[str, Any], bound: Tolerance
) -> Comparison:
    """The worst of the per-name comparisons; differing names fail."""
    if set(actual) != set(expected):
        missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
        return Comparison(
            quantity, float("inf"), bound, False, f"names differ: missing {missing}, extra {extra}"
        )
    parts = [
        compare_arrays(f"{quantity}[{name}]", actual[name], expected[name], bound)
        for name in sorted(expected)
    ]
    worst = max(parts, key=lambda c: (not c.passed, c.max_abs if np.isfinite(c.max_abs) else np.inf))
    failed = [f"{c.quantity} ({c.detail})" if c.detail else c.quantity for c in parts if not c.passed]
    detail = f"failing: {', '.join(failed)}" if failed else ""
    return Comparison(quantity, max(c.max_abs for c in parts), bound, not failed, detail or worst.detail)


def random_batch(spec: Mapping[str, TensorSpec], batch_size: int, rng: np.random.Generator) -> Batch:
    """A batch drawn from the examples' declared input domains (the CLI's inputs; tests use hypothesis)."""
    batch: Batch = {}
    for name, tensor in spec.items():
        shape = (batch_size, *tensor.shape)
        if tensor.kind == "one_hot":
            classes = rng.integers(0, tensor.depth, size=shape[:-1] if tensor.shape else (batch_size,))
            batch[name] = np.eye(tensor.depth, dtype=np.float32)[classes]
        elif tensor.kind == "index":
            batch[name] = rng.integers(int(tensor.low), int(tensor.high), size=shape).astype(tensor.dtype)
        else:
            batch[name] = rng.uniform(tensor.low, tensor.high, size=shape).astype(tensor.dtype)
    return batch


def compare(
    example_id: str,
    reference: ParityModel,
    modern: ParityModel,
    *,
    weights: Weights,
    batches: Sequence[Batch],
    steps: Sequence[int] = (1, 3),
    learning_rate: float | None = None,
    device: str = "cpu",
) -> ParityResult:
    """Compare the two implementations on explicit weights and batches (the first batch for forward,
    loss and gradients; the first K batches, cycled, for K optimizer steps)."""
    first = batches[0]
    modern_values, reference_values = _evaluate(modern, weights, first), _evaluate(reference, weights, first)
    comparisons = [
        compare_arrays(Quantity.FORWARD, modern_values[0], reference_values[0], tolerance(Quantity.FORWARD)),
        compare_arrays(Quantity.LOSS, modern_values[1], reference_values[1], tolerance(Quantity.LOSS)),
        compare_named(
            Quantity.GRADIENTS, modern_values[2], reference_values[2], tolerance(Quantity.GRADIENTS)
        ),
    ]
    chosen = [batches[index % len(batches)] for index in range(max(steps))]
    modern_path = _trajectory(modern, weights, chosen, learning_rate, steps)
    reference_path = _trajectory(reference, weights, chosen, learning_rate, steps)
    for count in steps:
        comparisons.append(
            compare_named(
                f"{Quantity.PARAMETERS}@{count}",
                modern_path[count],
                reference_path[count],
                tolerance(Quantity.PARAMETERS, steps=count),
            )
        )
    return ParityResult(example_id, device, tuple(steps), tuple(comparisons))


def _evaluate(model: ParityModel, weights: Weights, batch: Batch) -> tuple[Any, Any, Weights]:
    """(forward, loss, gradients): from one `evaluate` call when the model offers it."""
    if isinstance(model, FastParityModel):
        return model.evaluate(weights, batch)
    return model.forward(weights, batch), model.loss(weights, batch), model.gradients(weights, batch)


def _trajectory(
    model: ParityModel,
    weights: Weights,
    batches: Sequence[Batch],
    learning_rate: float | None,
    steps: Sequence[int],
) -> dict[int, Weights]:
    """The weights after each requested number of steps: one `trajectory` call when the model offers it."""
    if isinstance(model, FastParityModel):
        path = model.trajectory(weights, batches, learning_rate)
        return {count: path[count - 1] for count in steps}
    return {count: model.train_steps(weights, list(batches[:count]), learning_rate) for count in steps}
