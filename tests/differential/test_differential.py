"""Differential execution: 0.x programs, converted with --target 2 and run on TensorFlow 2.21 (eager),
compute what a numpy oracle of the 0.x semantics says they compute.

Two layers: every template once with each spelling and argument style (deterministic; gives the
coverage listing), and random programs of several templates drawn by hypothesis (DIFFERENTIAL_EXAMPLES
sets the budget; derandomized in CI). A planted bug, a reorder row with two arguments swapped, must be
caught.
"""

from __future__ import annotations

import dataclasses
import os
import types
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from tests.differential import programs
from tests.differential.conftest import COVERAGE
from tfmigrate.engine.convert import convert_source
from tfmigrate.findings import Finding
from tfmigrate.rules import select
from tfmigrate.rules.model import RuleSet

RULES = select("2", "symbols")
EXAMPLES = int(os.environ.get("DIFFERENTIAL_EXAMPLES", "25"))

# Rules with numeric meaning: each must be exercised by the deterministic layer.
NUMERIC_RULES = {
    "TFM1004",  # scalar_summary
    "TFM1005",  # histogram_summary
    "TFM1006",  # audio_summary
    "TFM1007",  # image_summary
    "TFM1008",  # merge_summary
    "TFM1015",  # inv
    "TFM1016",  # listdiff
    "TFM1017",  # list_diff
    "TFM1018",  # mul
    "TFM1019",  # neg
    "TFM1020",  # sub
    "TFM1021",  # select
    "TFM1022",  # batch_matrix_diag
    "TFM1025",  # batch_matrix_transpose
    "TFM1026",  # batch_matrix_determinant
    "TFM1027",  # batch_matrix_inverse
    "TFM1042",  # batch_matmul
    "TFM1045",  # pack
    "TFM1046",  # unpack
    "TFM1064",  # arg_max
    "TFM1065",  # arg_min
    "TFM1101",  # reduction_indices (reduce_*), one id per function below
    "TFM1104",
    "TFM1105",
    "TFM1106",
    "TFM1107",
    "TFM1108",
    "TFM1109",
    "TFM1111",  # expand_dims dim
    "TFM1112",  # argmax dimension
    "TFM1113",  # argmin dimension
    "TFM1114",  # concat concat_dim
    "TFM1116",  # split split_dim
    "TFM1118",  # split num_split
    "TFM1121",  # reverse_sequence seq_dim
    "TFM1122",  # reverse_sequence batch_dim
    "TFM1123",  # squeeze squeeze_dims
    "TFM1124",  # batch_matmul adj_x
    "TFM1125",  # batch_matmul adj_y
    "TFM1126",  # arg_max dimension
    "TFM1127",  # arg_min dimension
    "TFM1128",  # sigmoid cross-entropy targets
    "TFM1129",  # weighted cross-entropy targets
    "TFM1201",  # concat order
    "TFM1202",  # split order
    "TFM1204",  # svd order
    "TFM1206",  # softmax cross-entropy order
    "TFM1207",  # sparse softmax cross-entropy order
    "TFM1208",  # sigmoid cross-entropy order
    "TFM1130",  # scalar_summary tags
    "TFM1131",  # scalar_summary values
    "TFM1132",  # histogram_summary tag
    "TFM1133",  # image_summary tag
    "TFM1134",  # image_summary max_images
    "TFM1135",  # audio_summary tag
    "TFM1210",  # nce_loss order
    "TFM1211",  # sampled_softmax_loss order
    "TFM1212",  # batch_matmul order
    "TFM1213",  # weighted cross-entropy order
    "TFM1301",  # ones_initializer(shape)
    "TFM1302",  # zeros_initializer(shape)
    "TFM1401",  # reverse bool mask
    "TFM2001",  # renamed to the same function (log, random_normal...)
    "TFM2011",  # keep_dims → keepdims
    "TFM2029",  # softmax dim → axis
    "TFM2101",  # dropout keep_prob → rate
    "TFM2102",  # v1 cross-entropy → stop_gradient(labels)
    "TFM2103",  # to_float
    "TFM2104",  # to_double
    "TFM2106",  # to_int64
}

TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}


def in_graph(build: Callable[[], Any]) -> Any:
    """`build()` traced into a graph and run: for ops TensorFlow 2.21 has no eager kernel for."""
    import tensorflow as tf

    return tf.function(build)()


def run(
    program: programs.Program, inputs: programs.Inputs, rules: RuleSet = RULES
) -> tuple[list[Any], set[str]]:
    conversion = convert_source(program.source, rules)
    assert conversion.parsed, conversion.findings
    errors = [f for f in conversion.findings if f.severity.value == "error"]
    assert errors == [], errors
    namespace = types.ModuleType("converted_program")
    namespace.in_graph = in_graph  # type: ignore[attr-defined]
    exec(compile(conversion.text, "<converted>", "exec"), namespace.__dict__)
    outputs = namespace.program(**inputs)
    return [np.asarray(value) for value in outputs], _fired(conversion.findings)


def converted_rule_ids(program: programs.Program, rules: RuleSet = RULES) -> set[str]:
    return _fired(convert_source(program.source, rules).findings)


def _fired(findings: Sequence[Finding]) -> set[str]:
    """Rule ids of the findings, with the rules a finding says it chained (`related`)."""
    return {rule_id for finding in findings for rule_id in (finding.rule_id, *finding.related)}


def check(program: programs.Program, inputs: programs.Inputs, rules: RuleSet = RULES) -> set[str]:
    outputs, fired = run(program, inputs, rules)
    for expression, actual in zip(program.expressions, outputs, strict=True):
        expected = np.asarray(expression.expected(inputs))
        assert actual.shape == expected.shape, (expression.code, actual.shape, expected.shape)
        np.testing.assert_allclose(actual, expected, **TOLERANCE, err_msg=expression.code)
    return fired


DETERMINISTIC = settings(
    max_examples=6, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


def _template_programs(
    template: str, spelling: programs.Spelling, keywords: bool, execute: bool
) -> Counter[str]:
    """Rules fired by the deterministic programs of one template; with `execute`, each is also run and checked.

    The inner test has the same source whichever way it is called, so hypothesis derandomizes it to the
    same draws: the coverage test converts exactly the programs the template tests run.
    """
    fired: Counter[str] = Counter()

    @DETERMINISTIC
    @given(
        program=programs.programs(names=(template,), spelling=spelling, keywords=keywords),
        inputs=programs.inputs(),
    )
    def one(program: programs.Program, inputs: programs.Inputs) -> None:
        fired.update(check(program, inputs) if execute else converted_rule_ids(program))

    one()
    return fired


@pytest.mark.tf
@pytest.mark.parametrize("keywords", [False, True], ids=["positional", "keywords"])
@pytest.mark.parametrize("spelling", programs.SPELLINGS, ids=["tf", "tfx", "from-import"])
@pytest.mark.parametrize("template", sorted(programs.TEMPLATES))
def test_each_template_matches_the_0x_semantics(
    template: str, spelling: programs.Spelling, keywords: bool
) -> None:
    COVERAGE.update(_template_programs(template, spelling, keywords, execute=True))


@pytest.mark.tf
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 200,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(program=programs.programs(), inputs=programs.inputs())
def test_random_programs_match_the_0x_semantics(program: programs.Program, inputs: programs.Inputs) -> None:
    COVERAGE.update(check(program, inputs))


def test_every_numeric_rule_is_exercised_by_the_template_programs() -> None:
    fired: Counter[str] = Counter()
    for template in programs.TEMPLATES:
        for spelling in programs.SPELLINGS:
            for keywords in (False, True):
                fired.update(_template_programs(template, spelling, keywords, execute=False))
    missing = sorted(rule_id for rule_id in NUMERIC_RULES if fired[rule_id] == 0)
    assert missing == []


def _swap_reorder(rules: RuleSet, function: str) -> RuleSet:
    """The rule set with the first two 0.x parameters of one reorder row swapped (a planted bug)."""
    rows = []
    for row in rules.reorders:
        if row.function == function:
            first, second, *rest = row.old_params
            row = dataclasses.replace(row, old_params=(second, first, *rest))
        rows.append(row)
    return dataclasses.replace(rules, reorders=tuple(rows))


@pytest.mark.tf
def test_a_planted_reorder_bug_is_caught() -> None:
    planted = _swap_reorder(RULES, "tensorflow.nn.softmax_cross_entropy_with_logits")
    program = programs.Program(
        "import tensorflow as tf\n\ndef program(" + programs.PARAMETERS + "):\n"
        "    return (tf.nn.softmax_cross_entropy_with_logits(a, p),)\n",
        (programs.softmax_xent(programs.SPELLINGS[0], False, lambda strategy: None),),
        ("softmax_xent",),
    )
    inputs = programs.fixed_inputs(seed=0)
    check(program, inputs)  # the real rule set passes
    with pytest.raises(AssertionError):
        check(program, inputs, planted)


def test_oracle_self_check() -> None:
    """The oracle against hand-computed values, so a wrong oracle cannot hide a wrong rewrite."""
    logits, labels = np.array([[2.0, 1.0, 0.1]]), np.array([[1.0, 0.0, 0.0]])
    expected = -np.log(np.exp(2.0) / np.exp([2.0, 1.0, 0.1]).sum())
    np.testing.assert_allclose(programs.oracle.softmax_cross_entropy_with_logits(logits, labels), [expected])
    assert programs.oracle.reverse(np.array([[1, 2], [3, 4]]), [False, True]).tolist() == [[2, 1], [4, 3]]
    assert [part.tolist() for part in programs.oracle.split(0, 2, np.arange(4))] == [[0, 1], [2, 3]]
