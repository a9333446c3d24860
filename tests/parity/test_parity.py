"""Both trees compute the same numbers: forward, loss, gradients and parameters after 1 and 3 steps.

For every example trainable in both trees, hypothesis draws the weight seed, the batch size, the
input values (within each example's declared domain, no subnormals) and the learning rate. Runs on
every device TensorFlow sees; GPU cases skip (with the reason) where there is none.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given

import modern_tf2  # noqa: F401  (before TensorFlow: legacy Keras for the reference tree)
import reference_tf1  # noqa: F401
from tests.parity import strategies
from tests.parity.conftest import SEEN
from tfmigrate.book.runtime import discover
from tfmigrate.parity import harness

REFERENCE = discover("reference_tf1")
MODERN = discover("modern_tf2")
PAIRS = sorted(
    example_id
    for example_id, example in REFERENCE.items()
    if example.parity_model is not None
    and example_id in MODERN
    and MODERN[example_id].parity_model is not None
)
DEVICES = ["cpu", "gpu"]


def require(device: str) -> None:
    import tensorflow as tf

    if device == "gpu":
        if not tf.config.list_physical_devices("GPU"):
            pytest.skip("TensorFlow sees no GPU on this machine")
        tf.config.experimental.enable_tensor_float_32_execution(False)
        tf.config.experimental.enable_op_determinism()


def reference_is_finite(result: harness.ParityResult) -> bool:
    return all("non-finite reference" not in comparison.detail for comparison in result.comparisons)


@pytest.mark.tf
def test_every_trainable_reference_example_is_compared() -> None:
    trainable = sorted(i for i, e in REFERENCE.items() if e.parity_model is not None)
    assert trainable and trainable == PAIRS


@pytest.mark.tf
@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("example_id", PAIRS)
def test_parity(example_id: str, device: str) -> None:
    require(device)
    reference = REFERENCE[example_id].parity_model()  # type: ignore[misc]
    modern = MODERN[example_id].parity_model()  # type: ignore[misc]
    spec = reference.batch_spec()

    @given(seed=strategies.seeds, drawn=strategies.batches(spec, 3), learning_rate=strategies.learning_rates)
    def check(seed: int, drawn: list[dict[str, np.ndarray]], learning_rate: float) -> None:
        weights = reference.initial_weights(seed)
        result = harness.compare(
            example_id,
            reference,
            modern,
            weights=weights,
            batches=drawn,
            learning_rate=learning_rate,
            device=device,
        )
        seen = SEEN[example_id, device]
        # A model that overflows on some drawn input diverges in both trees: parity is about finite numbers.
        if not reference_is_finite(result):
            seen.discarded += 1
        assume(reference_is_finite(result))
        seen.compared += 1
        for comparison in result.comparisons:
            seen.largest[comparison.quantity] = max(
                seen.largest.get(comparison.quantity, 0.0), comparison.max_abs
            )
        failures = [c for c in result.comparisons if not c.passed]
        assert failures == [], failures

    check()
