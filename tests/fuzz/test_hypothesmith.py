"""Fuzzing the rewriter with arbitrary valid Python (hypothesmith), plain and with TensorFlow spliced in.

Properties: tfmigrate never raises; its output parses; code that never mentions TensorFlow comes back
byte-identical; a second run changes nothing. Inputs that libcst itself cannot round-trip exactly are
rejected first (and counted), as LibCST's own fuzz tests do.

Budgets: a small derandomized run by default (CI); FUZZ_EXAMPLES=10000 for a large local run, whose
counts are printed at the end of the session (see conftest.py).
"""

from __future__ import annotations

import ast
import os

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.fuzz.conftest import COUNTS
from tfmigrate.engine.convert import convert_source
from tfmigrate.rules import select

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 200,
    database=None,
    suppress_health_check=list(HealthCheck),
)
RULE_SETS = {
    "target1": select("1"),
    "target2": select("2", "symbols"),
    "target2-import": select("2", "import"),
}

TF_SNIPPETS = [
    "y = tf.mul(a, b)\n",
    "z = tf.concat(1, [a, b])\n",
    "w = tfx.reduce_sum(x, reduction_indices=[1], keep_dims=True)\n",
    "loss = tf.nn.softmax_cross_entropy_with_logits(logits, labels)\n",
    "h = nn.dropout(h, keep_prob)\n",
    "tf.scalar_summary('cost', cost)\n",
    "init = tf.initialize_all_variables()\n",
    "p = tf.placeholder(tf.float32, [None, 784])\n",
    "s = tf.split(0, 2, x)\n",
    "r = tf.reverse(x, [False, True])\n",
    "i = tf.zeros_initializer\n",
    "c = tf.contrib.layers.xavier_initializer()\n",
    "f = tf.to_float(x)\n",
    "def helper(tf):\n    return tf.mul(1, 2)\n",
    "cells = [tf.nn.rnn_cell.BasicLSTMCell(n) for n in sizes]\n",
]
TF_IMPORTS = "import tensorflow as tf\nimport tensorflow as tfx\nfrom tensorflow import nn\n"


def round_trips(source: str) -> bool:
    try:
        compile(source, "<fuzz>", "exec")
        return cst.parse_module(source).code == source
    except Exception:
        return False


def check(source: str, rules_name: str, *, tensorflow_free: bool) -> None:
    rules = RULE_SETS[rules_name]
    result = convert_source(source, rules)
    COUNTS["converted"] += 1
    if not result.parsed:
        COUNTS["unparsed by tfmigrate"] += 1
        assert result.text == source
        return
    ast.parse(result.text)
    if tensorflow_free:
        assert result.text == source, "code without TensorFlow was changed"
        assert result.findings == ()
    second = convert_source(result.text, rules)
    assert second.text == result.text, "a second run changed the output"
    if result.changed:
        COUNTS["changed"] += 1


@FUZZ_SETTINGS
@given(source=hypothesmith.from_grammar(), rules_name=st.sampled_from(sorted(RULE_SETS)))
def test_arbitrary_python_is_left_alone(source: str, rules_name: str) -> None:
    COUNTS["generated"] += 1
    if not round_trips(source):
        COUNTS["rejected: libcst cannot round-trip"] += 1
        assume(False)
    check(source, rules_name, tensorflow_free="tensorflow" not in source)


@FUZZ_SETTINGS
@given(
    source=hypothesmith.from_grammar(),
    snippets=st.lists(st.sampled_from(TF_SNIPPETS), min_size=1, max_size=4),
    position=st.floats(0, 1),
    rules_name=st.sampled_from(sorted(RULE_SETS)),
)
def test_tensorflow_spliced_into_arbitrary_python(
    source: str, snippets: list[str], position: float, rules_name: str
) -> None:
    COUNTS["generated (spliced)"] += 1
    if not source.endswith("\n"):
        source += "\n"
    if not round_trips(source):
        COUNTS["rejected: libcst cannot round-trip"] += 1
        assume(False)
    statements = cst.parse_module(source).body
    cut = int(position * len(statements))
    module = cst.parse_module(source)
    before = "".join(module.code_for_node(s) for s in statements[:cut])
    after = source[len(module.code_for_node(module.with_changes(body=statements[:cut], footer=()))) :]
    spliced = TF_IMPORTS + before + "".join(snippets) + after
    if not round_trips(spliced):
        COUNTS["rejected: splice does not compile"] += 1
        assume(False)
    check(spliced, rules_name, tensorflow_free=False)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # libcst drops a blank line before trailing whitespace at the end of a file; tfmigrate splices its
        # edits into the original text, so the tail survives.
        ("A\n\n ", "A\n\n "),
        (
            "import tensorflow as tf\nx = tf.mul(1, 2)\n\n ",
            "import tensorflow as tf\nx = tf.multiply(1, 2)\n\n ",
        ),
    ],
)
def test_text_libcst_cannot_round_trip_is_not_lost(source: str, expected: str) -> None:
    assert cst.parse_module(source).code != source or source == expected
    assert convert_source(source, RULE_SETS["target1"]).text == expected
