"""Hypothesis profiles for the parity properties.

`ci` (the default under CI=true): derandomized, few examples per example pair, no deadline (graph
building and tracing take seconds). `thorough`: many examples, random. `dev`: a quick local default.
Select with HYPOTHESIS_PROFILE=ci|thorough|dev.

At the end of a session (run without xdist: workers keep their own records), a table gives, per example
pair and device, how many drawn cases were compared and the largest difference seen for each quantity.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=1,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=30,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@dataclass
class Seen:
    """What the parity properties saw for one example pair on one device."""

    compared: int = 0
    discarded: int = 0
    largest: dict[str, float] = field(default_factory=dict)


SEEN: defaultdict[tuple[str, str], Seen] = defaultdict(Seen)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not SEEN:
        return
    quantities = sorted({q for seen in SEEN.values() for q in seen.largest}, key=_quantity_order)
    terminalreporter.write_sep("-", f"parity cases (profile {settings().max_examples} examples max)")
    header = f"{'example':36} {'device':6} {'cases':>5} {'skipped':>7} " + " ".join(
        f"{q:>10}" for q in quantities
    )
    terminalreporter.write_line(header + "   (largest |modern - reference| per quantity)")
    for (example_id, device), seen in sorted(SEEN.items()):
        cells = " ".join(f"{seen.largest[q]:10.2e}" if q in seen.largest else f"{'':>10}" for q in quantities)
        terminalreporter.write_line(
            f"{example_id:36} {device:6} {seen.compared:5d} {seen.discarded:7d} {cells}"
        )
    total = sum(seen.compared for seen in SEEN.values())
    terminalreporter.write_line(f"{total} cases compared over {len(SEEN)} example pairs and devices")


def _quantity_order(quantity: str) -> tuple[int, str]:
    order = ("forward", "loss", "gradients")
    return (order.index(quantity), quantity) if quantity in order else (len(order), quantity)
