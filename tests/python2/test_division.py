"""Python 2 integer division: which `/` are changed to `//`, which are reported, which are left alone."""

from __future__ import annotations

import pytest

from tfmigrate.python2 import upgrade_python2

CHANGED, WARNED, NOTHING = "changed", "warned", "nothing"

# (Python 2 snippet whose last line with a `/` holds exactly one `/` or `/=`, expected outcome for it)
CASES = [
    ("y = a / b", WARNED),
    ("for i in range(n):\n    y = i / 2", CHANGED),
    ("for i in xrange(n):\n    y = -i / 2000", CHANGED),
    ("i = 0\nwhile True:\n    i = i + 1\n    y = i / 3", CHANGED),
    ("i = 0\ni = i + 0.5\ny = i / 2", WARNED),
    ("x = 5\ndef f():\n    x = 2.0\n    return x / 2", NOTHING),
    ("from numpy import *\nx = 5\ny = x / 2", WARNED),
    ("range = lambda n: [0.5]\nfor i in range(3):\n    y = i / 2", WARNED),
    ('exec "x = 1.5"\nx = 5\ny = x / 2', WARNED),
    ('exec "x = 1.5" in {}\nx = 5\ny = x / 2', CHANGED),
    ("x = 2 ** 3\ny = x / 2", CHANGED),
    ("x = 2 ** -1\ny = x / 2", WARNED),
    ("a, b = 1, 2\ny = a / b", CHANGED),
    ("a, b = f()\ny = a / b", WARNED),
    ("n = len(x)\nm = n * 2 - 1\ny = m / 3", CHANGED),
    ("y = x / 2.0", NOTHING),
    ("y = 1. / x", NOTHING),
    ("y = 1e3 / x", NOTHING),
    ("y = float(n) / n", NOTHING),
    ("y = 0x10 / 3", CHANGED),
    ("y = 10L / 3", CHANGED),
    ("y = -7 / 2", CHANGED),
    ("a = 1\ny = (a if c else 3) / 2", CHANGED),
    ("def f(n=10):\n    return n / 2", WARNED),
    ("globals()['x'] = 0.5\nx = 5\ny = x / 2", WARNED),
    ("class C(object):\n    N = 4\n    M = N / 2", CHANGED),
    ("x = 5\ndef g():\n    global x\n    x = 0.5\ny = x / 2", WARNED),
    ("n = 10\nn /= 4", CHANGED),
    ("n = 10.0\nn /= 4", NOTHING),
    ("z = [i / 2 for i in range(3)]", CHANGED),
    ("z = list(i / 2 for i in range(3))", CHANGED),
    ("i = 0.5\nz = [i / 2 for i in range(3)]", WARNED),  # Python 2 list comprehensions leak `i`
    ("i = 0.5\nz = list(i / 2 for i in range(3))", CHANGED),  # generator expressions do not
    ("for i, x in enumerate(data):\n    y = i / 2", CHANGED),
    ("for i in [1, 2, 3]:\n    y = i / 2", CHANGED),
    ("for i in [1, 2.5]:\n    y = i / 2", WARNED),
    ("with open(f) as n:\n    y = n / 2", WARNED),
    ("f = lambda x: x / 2", WARNED),
    ("x = max(3, 4)\ny = x / 2", CHANGED),
    ("y = abs(-3) / 2", CHANGED),
    ("y = round(7) / 2", NOTHING),  # round() returned a float in Python 2
    ("y = int(a / b)", WARNED),
    ("import tensorflow as tf\ny = tf.ones([3]) / 10", NOTHING),
    ("import tensorflow as tf\ny = tf.ones([3], tf.int32) / 10", WARNED),
    ("import tensorflow as tf\ny = tf.zeros([3], dtype=tf.float64) / 10", NOTHING),
    ("import tensorflow as tf\ny = tf.cast(x, tf.float32) / 10", NOTHING),
    ("import tensorflow as tf\ny = tf.cast(x, tf.int32) / 10", WARNED),
    ("tf = None\ny = tf.ones([3]) / 10", WARNED),  # not TensorFlow
    ("y = '%d' % 3 / 2", WARNED),
    ("from __future__ import division\ny = 7 / 2", NOTHING),
    ("x = 10\ndef f():\n    def g():\n        return x / 3\n    x = 2.5\n    return g", NOTHING),
    ("def f():\n    depth = 3\n    def g():\n        return depth / 2\n    return g", CHANGED),
    ("class C(object):\n    W = 3\n    def m(self):\n        return W / 2", WARNED),
    ("W = 4\nclass C(object):\n    W = 3\n    H = W / 2", CHANGED),
    # Every way of binding a name counts: each of these rebinds an int `n` to something unknown.
    ("n = 5\nwith open(f) as n:\n    pass\ny = n / 2", WARNED),
    ("n = 5\ntry:\n    pass\nexcept ValueError, n:\n    pass\ny = n / 2", WARNED),
    ("n = 5\nimport n\ny = n / 2", WARNED),
    ("n = 5\nfrom m import x as n\ny = n / 2", WARNED),
    ("n = 5\ndef n():\n    pass\ny = n / 2", WARNED),
    ("n = 5\nclass n(object):\n    pass\ny = n / 2", WARNED),
    ("n = 5\nfor n in items():\n    pass\ny = n / 2", WARNED),
    ("n = 5\nn, m = f()\ny = n / 2", WARNED),
    ("n = 5\n[n for n in items()]\ny = n / 2", WARNED),
    ("n = 5\nn += 0.5\ny = n / 2", WARNED),
    ("def f((n, m)):\n    return n / 2", WARNED),
    ("n = 5\ndef f():\n    global n\n    n = g()\ny = n / 2", WARNED),
    ("n = 5\nexec 'n = 1.5'\ny = n / 2", WARNED),
    ("n = 5\nlocals()['n'] = 0.5\ny = n / 2", WARNED),
    ("n = 5\nz = (n for n in items())\ny = n / 2", CHANGED),  # a generator's n is its own
]


def _outcome(snippet: str) -> str:
    source = snippet + '\nprint "end"\n'  # a Python 2 only line, so that the file is Python 2
    upgrade = upgrade_python2(source)
    assert upgrade is not None and upgrade.converted
    last = max(number for number, line in enumerate(snippet.splitlines(), 1) if "/" in line)
    kinds = {f.rule_id for f in upgrade.findings if f.line == last and f.rule_id.startswith("TFM31")}
    assert len(kinds) <= 1
    line = upgrade.text.splitlines()[last - 1]
    if kinds == {"TFM3101"}:
        assert "//" in line
        return CHANGED
    assert "//" not in line
    return WARNED if kinds == {"TFM3102"} else NOTHING


@pytest.mark.parametrize(("snippet", "expected"), CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_division(snippet: str, expected: str) -> None:
    assert _outcome(snippet) == expected


@pytest.mark.parametrize("numerator", range(-9, 10))
@pytest.mark.parametrize("denominator", [-4, -3, -1, 1, 2, 3, 7])
def test_floor_division_is_python2_division_on_ints(numerator: int, denominator: int) -> None:
    """Python 2's int `/` floors toward negative infinity, which is exactly Python 3's `//`.

    Checked on the expressions the book uses (`-i/d` is `(-i)/d`), against a model of Python 2's
    division that does not go through `//`.
    """
    source = f'i = {numerator}\nd = {denominator}\ny = -i/d\nz = i / d * 3\nprint "end"\n'
    upgrade = upgrade_python2(source)
    assert upgrade is not None
    namespace: dict[str, object] = {}
    exec(upgrade.text.replace('print("end")', ""), namespace)

    def python2_divide(a: int, b: int) -> int:
        quotient = abs(a) // abs(b)
        negative = (a < 0) != (b < 0)
        return -quotient - (1 if negative and quotient * abs(b) != abs(a) else 0) if negative else quotient

    assert namespace["y"] == python2_divide(-numerator, denominator)
    assert namespace["z"] == python2_divide(numerator, denominator) * 3


def test_warning_inside_int_says_when_it_matters() -> None:
    upgrade = upgrade_python2('n = int(a / b)\nprint "end"\n')
    assert upgrade is not None
    (warning,) = [f for f in upgrade.findings if f.rule_id == "TFM3102"]
    assert "negative quotient" in warning.message
