"""How close the two trees must be: one table, per quantity and dtype, both rtol and atol always given.

A value passes when |actual - expected| <= atol + rtol * |expected| element-wise, with `expected` from
reference_tf1 (numpy's assert_allclose rule; asymmetric, so the reference is the yardstick).

Why these numbers:
- forward, loss, gradients (float32): rtol 1e-5, atol 1e-6. Both trees run the same kernels on the same
  weights; what differs is the order of floating-point reductions (graph vs eager, fused ops), which
  stays within a few float32 ulps of the values (measured: at most 1.9e-6 absolute on forward outputs,
  ~1e-7 relative on gradients).
- parameters after K <= 10 training steps: rtol 1e-5, atol 1e-5, TensorFlow's own migration guide's
  bound for the first 10 steps. Each step feeds the gradients' rounding differences back into the next
  forward pass, and adaptive optimizers (Adam, RMSProp) divide by the root of small second moments, so
  the differences can grow with K. Measured after 3 steps, with every default pinned: at most 4.9e-7
  (most examples below 1e-7). A wrong pin is far above it: Keras' Adam epsilon (1e-7 for 1e-8) moves
  the five-layer net's weights by 1.5e-3 after one step, and Python-float instead of float32 betas
  moved the emotion CNN's by 1.2e-5 after three (found by the hypothesis tests).
- GPU against CPU (same implementation): 10x the CPU bounds, with TF32 off and op determinism on; the
  kernels differ (cuDNN), the precision does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Quantity(StrEnum):
    FORWARD = "forward"
    LOSS = "loss"
    GRADIENTS = "gradients"
    PARAMETERS = "parameters"


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def scaled(self, factor: float) -> Tolerance:
        return Tolerance(self.rtol * factor, self.atol * factor)

    def __str__(self) -> str:
        return f"rtol {self.rtol:g} atol {self.atol:g}"


FLOAT32: dict[Quantity, Tolerance] = {
    Quantity.FORWARD: Tolerance(rtol=1e-5, atol=1e-6),
    Quantity.LOSS: Tolerance(rtol=1e-5, atol=1e-6),
    Quantity.GRADIENTS: Tolerance(rtol=1e-5, atol=1e-6),
    Quantity.PARAMETERS: Tolerance(rtol=1e-5, atol=1e-5),
}

MAX_STEPS = 10
"""The parameter bound holds for up to this many steps; longer runs need a statistical comparison."""

GPU_VERSUS_CPU_FACTOR = 10.0


def tolerance(quantity: Quantity, *, steps: int = 0, cross_device: bool = False) -> Tolerance:
    """The bound for one quantity (float32 is the only dtype the book's models train in)."""
    if quantity is Quantity.PARAMETERS and steps > MAX_STEPS:
        raise ValueError(f"parameter parity is defined for at most {MAX_STEPS} steps, not {steps}")
    bound = FLOAT32[quantity]
    return bound.scaled(GPU_VERSUS_CPU_FACTOR) if cross_device else bound
