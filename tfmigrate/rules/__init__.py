"""The rule sets, by target: `select(1)` for the 0.x → 1.x API, `select(2, style)` for TensorFlow 2.21."""

from __future__ import annotations

from tfmigrate.rules.model import RuleSet

TARGETS = ("1", "2")
STYLES = ("symbols", "import")


def select(target: str, style: str = "symbols") -> RuleSet:
    """The rule set for a target (and, for target 2, a compat style); imports only what it needs."""
    if target == "1":
        from tfmigrate.rules.target1 import RULES

        return RULES
    if target == "2":
        from tfmigrate import api
        from tfmigrate.rules import target2

        return target2.build(target2.CompatStyle(style), api.load())
    raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
