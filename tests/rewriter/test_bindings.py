"""Name resolution follows Python's scoping rules (the cases tf_upgrade.py and tf_upgrade_v2 get wrong)."""

from __future__ import annotations

import libcst as cst
import pytest

from tfmigrate.engine.bindings import ResolutionKind, collect_bindings


def resolutions(source: str, name: str) -> list[tuple[ResolutionKind, str]]:
    """How every read of `name` in `source` resolves, in source order."""
    module = cst.parse_module(source)
    bindings = collect_bindings(module.body)
    found: list[tuple[ResolutionKind, str]] = []

    class Reads(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            if node.value == name and id(node) in bindings.scope_of_name:
                resolution = bindings.resolve(node)
                found.append((resolution.kind, resolution.qualified))

    module.visit(Reads())
    return found


TF = (ResolutionKind.IMPORT, "tensorflow")
LOCAL = (ResolutionKind.OTHER, "")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import tensorflow as tf\ntf\n", [TF]),
        ("import tensorflow.contrib.slim as tf\ntf\n", [(ResolutionKind.IMPORT, "tensorflow.contrib.slim")]),
        ("from tensorflow import nn as tf\ntf\n", [(ResolutionKind.IMPORT, "tensorflow.nn")]),
        ("import tensorflow as tf\ndef f(tf):\n    tf\ntf\n", [LOCAL, TF]),
        ("import tensorflow as tf\ndef f():\n    tf\n    tf = 1\n", [LOCAL]),
        (
            "import tensorflow as tf\ndef f():\n    global tf\n    tf = 1\n    tf\n",
            [(ResolutionKind.AMBIGUOUS, "tensorflow")],
        ),
        (
            "import tensorflow as tf\nclass C:\n    tf = 1\n    tf\n    def m(self):\n        tf\n",
            [LOCAL, TF],
        ),
        ("import tensorflow as tf\nclass C:\n    tf = 1\n    x = [tf for _ in range(1)]\n", [TF]),
        ("import tensorflow as tf\n[tf for tf in xs]\n[tf for y in tf]\n", [LOCAL, TF, TF]),
        (
            "import tensorflow as tf\ndef f():\n    tf = 1\n    def g():\n        nonlocal tf\n        tf\n",
            [LOCAL],
        ),
        ("import tensorflow as tf\nf = lambda tf: tf\n", [LOCAL]),
        ("try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\ntf\n", [TF]),
        ("def f():\n    import tensorflow as tf\n    tf\ntf\n", [TF, LOCAL]),
        ("import tensorflow as tf\nif (tf := 3):\n    tf\n", [(ResolutionKind.AMBIGUOUS, "tensorflow")]),
        ("from tensorflow import *\ntf\n", [(ResolutionKind.IMPORT, "tensorflow.tf")]),
        ("from . import tf\ntf\n", [LOCAL]),
    ],
)
def test_resolution(source: str, expected: list[tuple[ResolutionKind, str]]) -> None:
    assert resolutions(source, "tf") == expected
