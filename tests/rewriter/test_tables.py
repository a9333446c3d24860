"""The rule tables checked against the API they target: TensorFlow 2.21's tf.compat.v1 (the 1.15 API).

Run with tf-keras and TF_USE_LEGACY_KERAS=1 (tests/conftest.py sets it), so that tf.compat.v1.nn.rnn_cell
exists. The only targets that TensorFlow 2.21 cannot have are under tf.contrib, listed below.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from tfmigrate.rules.model import SymbolRename
from tfmigrate.rules.target1 import RULES

CONTRIB_TARGETS = {"tensorflow.contrib.legacy_seq2seq"}


def _target_of(row: SymbolRename) -> str:
    return row.new


def test_rename_targets_are_final() -> None:
    for row in RULES.renames:
        assert RULES.rename(row.new) is None, f"{row.rule_id}: {row.new} is renamed again"


def test_contrib_targets_are_exactly_the_listed_exceptions() -> None:
    contrib = {row.new for row in RULES.renames if row.new.startswith("tensorflow.contrib")}
    assert contrib == CONTRIB_TARGETS


@pytest.fixture(scope="module")
def compat_v1() -> Any:
    tf = pytest.importorskip("tensorflow")
    return tf.compat.v1


def _lookup(compat_v1: Any, qualified: str) -> Any:
    assert qualified.startswith("tensorflow.")
    node = compat_v1
    for part in qualified.split(".")[1:]:
        assert hasattr(node, part), f"tf.compat.v1 has no {qualified[len('tensorflow.') :]}"
        node = getattr(node, part)
    return node


def _parameters(function: Any) -> set[str]:
    return set(inspect.signature(function).parameters)


def _new_function(qualified: str) -> str:
    renamed = RULES.rename(qualified)
    return renamed[0] if renamed else qualified


@pytest.mark.tf
@pytest.mark.parametrize(
    "row", [r for r in RULES.renames if r.new not in CONTRIB_TARGETS], ids=lambda r: r.rule_id
)
def test_rename_target_exists_in_tf_compat_v1(compat_v1: Any, row: SymbolRename) -> None:
    _lookup(compat_v1, row.new)


@pytest.mark.tf
@pytest.mark.parametrize("row", RULES.keyword_renames, ids=lambda r: r.rule_id)
def test_new_keyword_is_in_the_target_signature(compat_v1: Any, row: Any) -> None:
    function = _lookup(compat_v1, _new_function(row.function))
    assert row.new in _parameters(function)


@pytest.mark.tf
@pytest.mark.parametrize("row", RULES.reorders, ids=lambda r: r.rule_id)
def test_inserted_keywords_are_in_the_target_signature(compat_v1: Any, row: Any) -> None:
    function = _lookup(compat_v1, _new_function(row.function))
    parameters = _parameters(function)
    assert {param.name for param in row.old_params} <= parameters
    if row.new_params is not None:
        positional = [
            name
            for name, p in inspect.signature(function).parameters.items()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        assert positional[: len(row.new_params)] == [param.name for param in row.new_params]


@pytest.mark.tf
def test_initializer_factories_and_reverse_exist(compat_v1: Any) -> None:
    for row in RULES.bare_to_call:
        factory = _lookup(compat_v1, row.function)
        assert callable(factory())
    for reverse in RULES.reverse_masks:
        assert reverse.new_param in _parameters(_lookup(compat_v1, reverse.function))
