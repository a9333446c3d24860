"""The parity check of the chapter tests: `tfmigrate.parity.harness.compare` and its tolerance policy.

The chapter tests choose the weights and batches that make each example's comparison meaningful (real
digits, unsaturated or scaled weights, random biases, a given learning rate...); the comparison itself,
its quantities and its bounds are the harness' (tfmigrate/parity/tolerances.py), the same as the
hypothesis parity properties use. Every quantity's largest absolute difference is printed as
"PARITY <example> <quantity> <max abs diff>" (visible with pytest -s).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from tfmigrate.book.runtime import Batch, ParityModel, TensorSpec, Weights
from tfmigrate.parity import harness


def check_parity(
    example_id: str,
    reference: ParityModel,
    modern: ParityModel,
    weights: Weights,
    batches: Sequence[Batch],
    *,
    learning_rate: float | None = None,
    label: str = "",
) -> harness.ParityResult:
    """Forward, loss and gradients on batches[0], parameters after 1 and 3 steps: every comparison passes."""
    result = harness.compare(
        example_id, reference, modern, weights=weights, batches=batches, learning_rate=learning_rate
    )
    for comparison in result.comparisons:
        print(f"PARITY {example_id}{label} {comparison.quantity} {comparison.max_abs:.3g}")
    failures = [comparison for comparison in result.comparisons if not comparison.passed]
    assert failures == [], failures
    return result


def draw_batch(spec: Mapping[str, TensorSpec], size: int, seed: int) -> Batch:
    """A batch of `size` rows drawn from the batch spec as the harness draws them, from `seed`."""
    return harness.random_batch(spec, size, np.random.default_rng(seed))


def batches(spec: Mapping[str, TensorSpec], size: int, seeds: Iterable[int]) -> list[Batch]:
    """One batch of `size` rows per seed."""
    return [draw_batch(spec, size, seed) for seed in seeds]


def assert_same_initial_weights(reference: ParityModel, modern: ParityModel, seed: int) -> None:
    """Both trees draw the very same float32 arrays under the same names (and the same batch spec)."""
    assert dict(modern.batch_spec()) == dict(reference.batch_spec())
    expected, actual = reference.initial_weights(seed), modern.initial_weights(seed)
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name].dtype == np.float32, name
        np.testing.assert_array_equal(actual[name], expected[name], err_msg=name)


def check_drawn_parity(
    example_id: str,
    reference: ParityModel,
    modern: ParityModel,
    *,
    seed: int = 0,
    batch_size: int = 8,
    learning_rate: float | None = None,
) -> harness.ParityResult:
    """`check_parity` on the reference's `initial_weights(seed)` (which the modern tree must draw too) and
    three batches drawn from the batch spec."""
    assert_same_initial_weights(reference, modern, seed)
    drawn = batches(reference.batch_spec(), batch_size, [seed + 1000 + k for k in range(3)])
    return check_parity(
        example_id, reference, modern, reference.initial_weights(seed), drawn, learning_rate=learning_rate
    )
