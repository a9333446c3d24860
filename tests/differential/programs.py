"""Small TensorFlow 0.x programs over the API the rules touch, each with its numpy-computed expectation.

A template writes one expression in the 0.x dialect (argument order and keyword names of 0.x), with
the spelling chosen by the caller: positional or keyword arguments, and the module alias in use
(`tf`, `tfx`, or `from tensorflow import nn`). The expected value comes from `oracle`, which follows
the 0.x documentation, never from tfmigrate or TensorFlow 2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tests.differential import oracle

Inputs = dict[str, np.ndarray]


@dataclass(frozen=True)
class Spelling:
    """How a program names TensorFlow: the import lines, and the prefixes for tf.* and tf.nn.*."""

    imports: str
    tf: str
    nn: str


SPELLINGS = (
    Spelling("import tensorflow as tf\n", "tf", "tf.nn"),
    Spelling("import tensorflow as tfx\n", "tfx", "tfx.nn"),
    Spelling("import tensorflow as tf\nfrom tensorflow import nn\n", "tf", "nn"),
)


@dataclass(frozen=True)
class Expression:
    code: str
    expected: Callable[[Inputs], object]


Template = Callable[[Spelling, bool, st.DrawFn], Expression]
"""(spelling, keywords, draw) -> an expression; `keywords` asks for the 0.x keyword names."""


def _axis(draw: st.DrawFn) -> int:
    return draw(st.sampled_from([0, 1]))


def mul(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(f"{s.tf}.mul(a, b)", lambda i: i["a"] * i["b"])


def sub(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(f"{s.tf}.sub(a, b)", lambda i: i["a"] - i["b"])


def neg(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(f"{s.tf}.neg(a)", lambda i: -i["a"])


def inv(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(f"{s.tf}.inv(a)", lambda i: 1.0 / i["a"])


def select(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(
        f"{s.tf}.select({s.tf}.greater(a, b), a, b)", lambda i: np.where(i["a"] > i["b"], i["a"], i["b"])
    )


def concat(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis = _axis(draw)
    args = (
        f"concat_dim={axis}, values=[a, b]"
        if kw
        else draw(st.sampled_from([f"{axis}, [a, b]", f"{axis}, values=[a, b]"]))
    )
    return Expression(f"{s.tf}.concat({args})", lambda i: oracle.concat(axis, [i["a"], i["b"]]))


def split(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis, pick = 0, draw(st.sampled_from([0, 1]))
    args = f"split_dim={axis}, num_split=2, value=a" if kw else f"{axis}, 2, a"
    return Expression(f"{s.tf}.split({args})[{pick}]", lambda i: oracle.split(axis, 2, i["a"])[pick])


def pack(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(f"{s.tf}.pack([a, b])", lambda i: np.stack([i["a"], i["b"]]))


def unpack(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    pick = draw(st.sampled_from([0, 1]))
    return Expression(f"{s.tf}.unpack(a)[{pick}]", lambda i: i["a"][pick])


_REDUCTIONS = {
    "reduce_sum": np.sum,
    "reduce_mean": np.mean,
    "reduce_max": np.max,
    "reduce_min": np.min,
    "reduce_prod": np.prod,
}


def _reduction(name: str) -> Template:
    function = _REDUCTIONS[name]

    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        axis, keep = _axis(draw), draw(st.booleans())
        keep_text = f", keep_dims={keep}" if keep or kw else ""
        return Expression(
            f"{s.tf}.{name}(a, reduction_indices={axis}{keep_text})",
            lambda i: function(i["a"], axis=axis, keepdims=keep),
        )

    template.__name__ = name
    return template


def logsumexp(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis = _axis(draw)
    return Expression(
        f"{s.tf}.reduce_logsumexp(a, reduction_indices={axis})",
        lambda i: np.log(np.exp(i["a"].astype(np.float64)).sum(axis=axis)),
    )


def _argmax(name: str) -> Template:
    function = np.argmax if "max" in name else np.argmin

    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        axis = _axis(draw)
        args = f"a, dimension={axis}" if kw else f"a, {axis}"
        return Expression(f"{s.tf}.{name}({args})", lambda i: function(i["a"], axis=axis))

    template.__name__ = name
    return template


def expand_and_squeeze(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis = _axis(draw)
    return Expression(
        f"{s.tf}.squeeze({s.tf}.expand_dims(a, dim={axis}), squeeze_dims=[{axis}])", lambda i: i["a"]
    )


def softmax_xent(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = "logits=a, labels=p" if kw else "a, p"
    return Expression(
        f"{s.nn}.softmax_cross_entropy_with_logits({args})",
        lambda i: oracle.softmax_cross_entropy_with_logits(i["a"], i["p"]),
    )


def sparse_xent(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = "logits=a, labels=k" if kw else "a, k"
    return Expression(
        f"{s.nn}.sparse_softmax_cross_entropy_with_logits({args})",
        lambda i: oracle.sparse_softmax_cross_entropy_with_logits(i["a"], i["k"]),
    )


def sigmoid_xent(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = "logits=a, targets=q" if kw else "a, q"
    return Expression(
        f"{s.nn}.sigmoid_cross_entropy_with_logits({args})",
        lambda i: oracle.sigmoid_cross_entropy_with_logits(i["a"], i["q"]),
    )


def weighted_xent(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    weight = draw(st.sampled_from([0.5, 2.0]))
    args = f"logits=a, targets=q, pos_weight={weight}" if kw else f"a, q, {weight}"
    return Expression(
        f"{s.nn}.weighted_cross_entropy_with_logits({args})",
        lambda i: oracle.weighted_cross_entropy_with_logits(i["a"], i["q"], weight),
    )


_SAMPLED_VALUES = "sampled_values=(sampled, true_count, sampled_count)"


def _sampled_loss(name: str) -> Template:
    oracle_function = getattr(oracle, name)
    # sampled_softmax_loss removes accidental hits by default; the oracle does not model that.
    tail = ", remove_accidental_hits=False" if name == "sampled_softmax_loss" else ""

    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        if kw:
            args = "weights=class_w, biases=class_b, inputs=a, labels=label_ids, num_sampled=2, num_classes=5"
        else:
            args = "class_w, class_b, a, label_ids, 2, 5"
        return Expression(
            f"{s.nn}.{name}({args}, {_SAMPLED_VALUES}{tail})",
            lambda i: oracle_function(
                i["class_w"],
                i["class_b"],
                i["a"],
                i["label_ids"],
                (i["sampled"], i["true_count"], i["sampled_count"]),
            ),
        )

    template.__name__ = name
    return template


def _summary(s: Spelling, call: str) -> str:
    """The Summary protocol buffer a 0.x summary call serialises (eager: the op returns the bytes)."""
    return f"{s.tf}.Summary.FromString({call}.numpy())"


def scalar_summary(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = 'tags="loss", values=a[0, 0]' if kw else '"loss", a[0, 0]'
    return Expression(
        f"{_summary(s, f'{s.tf}.scalar_summary({args})')}.value[0].simple_value", lambda i: i["a"][0, 0]
    )


def histogram_summary(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = 'tag="weights", values=a' if kw else '"weights", a'
    summary = _summary(s, f"{s.tf}.histogram_summary({args})")
    return Expression(
        f"(lambda h: [h.num, h.sum, h.min, h.max])({summary}.value[0].histo)",
        lambda i: [i["a"].size, i["a"].astype(np.float64).sum(), i["a"].min(), i["a"].max()],
    )


def merge_summary(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    parts = f'[{s.tf}.scalar_summary("x", a[0, 0]), {s.tf}.scalar_summary("y", b[1, 2])]'
    args = f"inputs={parts}" if kw else parts
    return Expression(
        # merge refuses to run eagerly: traced by the harness's `in_graph`, as image_summary is.
        f"[value.simple_value for value in {s.tf}.Summary.FromString("
        f"in_graph(lambda: {s.tf}.merge_summary({args})).numpy()).value]",
        lambda i: [i["a"][0, 0], i["b"][1, 2]],
    )


def image_summary(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    count = draw(st.sampled_from([1, 2]))
    images = f"{s.tf}.reshape(q, [2, 1, 3, 1])"
    args = f'tag="inputs", tensor={images}, max_images={count}' if kw else f'"inputs", {images}, {count}'
    # TF 2.21 cannot run ImageSummary eagerly (its bad_color attribute): `in_graph` is the test
    # harness's tf.function, given to every program (a Session here would switch eager off for good).
    summary = f"{s.tf}.Summary.FromString(in_graph(lambda: {s.tf}.image_summary({args})).numpy())"
    return Expression(
        f"[(value.image.height, value.image.width) for value in {summary}.value]",
        lambda i: [(1, 3)] * count,
    )


def audio_summary(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    count = draw(st.sampled_from([1, 2]))
    if kw:
        args = f'tag="speech", tensor=q, sample_rate=8000, max_outputs={count}'
    else:
        args = f'"speech", q, 8000, {count}'
    summary = _summary(s, f"{s.tf}.audio_summary({args})")
    return Expression(
        f"[(value.audio.sample_rate, value.audio.length_frames) for value in {summary}.value]",
        lambda i: [(8000, 3)] * count,
    )


def batch_matmul(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    adj_x, adj_y = draw(st.booleans()), draw(st.booleans())
    args = f"m, n, adj_x={adj_x}, adj_y={adj_y}" if kw else f"m, n, {adj_x}, {adj_y}"
    return Expression(
        f"{s.tf}.batch_matmul({args})", lambda i: oracle.batch_matmul(i["m"], i["n"], adj_x, adj_y)
    )


_LINEAR_ALGEBRA: dict[str, tuple[str, Callable[[Inputs], object]]] = {
    "batch_matrix_transpose": ("w", lambda i: np.swapaxes(i["w"], -1, -2)),
    "batch_matrix_determinant": ("w", lambda i: np.linalg.det(i["w"].astype(np.float64))),
    "batch_matrix_inverse": ("w", lambda i: np.linalg.inv(i["w"].astype(np.float64))),
    "batch_matrix_diag": ("a", lambda i: np.stack([np.diag(row) for row in i["a"]])),
}


def _linear_algebra(name: str) -> Template:
    argument, expected = _LINEAR_ALGEBRA[name]

    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        return Expression(f"{s.tf}.{name}({argument})", expected)

    template.__name__ = name
    return template


def svd(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = "w, compute_uv=False" if kw else "w, False"
    return Expression(f"{s.tf}.svd({args})", lambda i: oracle.svd_values(i["w"].astype(np.float64)))


def reverse(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    mask = [draw(st.booleans()), draw(st.booleans())]
    args = f"a, dims={mask}" if kw else f"a, {mask}"
    return Expression(f"{s.tf}.reverse({args})", lambda i: oracle.reverse(i["a"], mask))


def reverse_sequence(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    return Expression(
        f"{s.tf}.reverse_sequence(a, lengths, seq_dim=1, batch_dim=0)",
        lambda i: oracle.reverse_sequence(i["a"], i["lengths"], 1, 0),
    )


_CASTS = {"to_float": ("j", np.float32), "to_double": ("j", np.float64), "to_int64": ("a", np.int64)}


def _cast(name: str) -> Template:
    source, dtype = _CASTS[name]

    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        return Expression(f"{s.tf}.{name}({source})", lambda i: i[source].astype(dtype))

    template.__name__ = name
    return template


def dropout_keep_all(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    args = "a, keep_prob=1.0" if kw else "a, 1.0"
    return Expression(f"{s.nn}.dropout({args})", lambda i: i["a"])


def softmax_dim(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis = _axis(draw)

    def expected(i: Inputs) -> object:
        shifted = np.exp(i["a"] - i["a"].max(axis=axis, keepdims=True))
        return shifted / shifted.sum(axis=axis, keepdims=True)

    return Expression(f"{s.nn}.softmax(a, dim={axis})", expected)


def _initializer(name: str, value: float) -> Template:
    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        return Expression(f"{s.tf}.{name}([2, 3])", lambda i: np.full((2, 3), value, dtype=np.float32))

    template.__name__ = name
    return template


def _listdiff(name: str) -> Template:
    def template(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
        return Expression(
            f"{s.tf}.{name}(x, y)[0]",
            lambda i: np.array([v for v in i["x"] if v not in set(i["y"].tolist())]),
        )

    template.__name__ = name
    return template


def count_nonzero(s: Spelling, kw: bool, draw: st.DrawFn) -> Expression:
    axis = _axis(draw)
    return Expression(
        f"{s.tf}.count_nonzero(j, reduction_indices={axis})", lambda i: np.count_nonzero(i["j"], axis=axis)
    )


TEMPLATES: dict[str, Template] = {
    template.__name__: template
    for template in (
        mul,
        sub,
        neg,
        inv,
        select,
        concat,
        split,
        pack,
        unpack,
        *(_reduction(name) for name in _REDUCTIONS),
        logsumexp,
        *(_argmax(name) for name in ("argmax", "argmin", "arg_max", "arg_min")),
        expand_and_squeeze,
        softmax_xent,
        sparse_xent,
        sigmoid_xent,
        weighted_xent,
        *(_sampled_loss(name) for name in ("nce_loss", "sampled_softmax_loss")),
        scalar_summary,
        histogram_summary,
        merge_summary,
        image_summary,
        audio_summary,
        batch_matmul,
        *(_linear_algebra(name) for name in _LINEAR_ALGEBRA),
        svd,
        reverse,
        reverse_sequence,
        *(_cast(name) for name in _CASTS),
        dropout_keep_all,
        softmax_dim,
        _initializer("ones_initializer", 1.0),
        _initializer("zeros_initializer", 0.0),
        _listdiff("listdiff"),
        _listdiff("list_diff"),
        count_nonzero,
    )
}

_VALUES = st.floats(0.5, 2.0, width=32, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    probabilities = draw(
        hnp.arrays(np.float32, (2, 3), elements=st.floats(0.0625, 1.0, width=32), fill=st.nothing())
    )
    conditioned = draw(hnp.arrays(np.float32, (2, 3, 3), elements=_VALUES, fill=st.nothing()))
    return {
        "a": draw(hnp.arrays(np.float32, (2, 3), elements=_VALUES, fill=st.nothing())),
        "b": draw(hnp.arrays(np.float32, (2, 3), elements=_VALUES, fill=st.nothing())),
        "p": probabilities / probabilities.sum(axis=1, keepdims=True),
        "q": draw(hnp.arrays(np.float32, (2, 3), elements=st.floats(0.0, 1.0, width=32), fill=st.nothing())),
        "k": draw(hnp.arrays(np.int32, (2,), elements=st.integers(0, 2))),
        "j": draw(hnp.arrays(np.int32, (2, 3), elements=st.integers(-5, 5))),
        "m": draw(hnp.arrays(np.float32, (2, 3, 3), elements=_VALUES, fill=st.nothing())),
        "n": draw(hnp.arrays(np.float32, (2, 3, 3), elements=_VALUES, fill=st.nothing())),
        # Diagonally dominant: determinant and inverse are well conditioned.
        "w": conditioned + 6.0 * np.eye(3, dtype=np.float32),
        "lengths": draw(hnp.arrays(np.int64, (2,), elements=st.integers(1, 3))),
        "x": np.arange(6, dtype=np.int32),
        "y": draw(hnp.arrays(np.int32, (2,), elements=st.integers(0, 5))),
        **_sampled_loss_inputs(draw(st.randoms(use_true_random=False)).randrange(2**32)),
    }


def fixed_inputs(seed: int) -> Inputs:
    """Inputs in the same domains as `inputs()`, from a numpy generator (for non-hypothesis tests)."""
    rng = np.random.default_rng(seed)

    def values(shape: tuple[int, ...]) -> np.ndarray:
        return rng.uniform(0.5, 2.0, size=shape).astype(np.float32)

    probabilities = rng.uniform(0.05, 1.0, size=(2, 3)).astype(np.float32)
    return {
        "a": values((2, 3)),
        "b": values((2, 3)),
        "p": probabilities / probabilities.sum(axis=1, keepdims=True),
        "q": rng.uniform(0.0, 1.0, size=(2, 3)).astype(np.float32),
        "k": rng.integers(0, 3, size=(2,)).astype(np.int32),
        "j": rng.integers(-5, 6, size=(2, 3)).astype(np.int32),
        "m": values((2, 3, 3)),
        "n": values((2, 3, 3)),
        "w": values((2, 3, 3)) + 6.0 * np.eye(3, dtype=np.float32),
        "lengths": rng.integers(1, 4, size=(2,)).astype(np.int64),
        "x": np.arange(6, dtype=np.int32),
        "y": rng.integers(0, 6, size=(2,)).astype(np.int32),
        **_sampled_loss_inputs(seed),
    }


def _sampled_loss_inputs(seed: int) -> Inputs:
    """Five classes of three features, one true label per row, two sampled classes and expected counts."""
    rng = np.random.default_rng(seed)
    return {
        "class_w": rng.uniform(-1.0, 1.0, size=(5, 3)).astype(np.float32),
        "class_b": rng.uniform(-0.5, 0.5, size=(5,)).astype(np.float32),
        "label_ids": rng.integers(0, 5, size=(2, 1)).astype(np.int64),
        "sampled": rng.choice(5, size=2, replace=False).astype(np.int64),
        "true_count": rng.uniform(0.1, 1.0, size=(2, 1)).astype(np.float32),
        "sampled_count": rng.uniform(0.1, 1.0, size=(2,)).astype(np.float32),
    }


PARAMETERS = "a, b, p, q, k, j, m, n, w, lengths, x, y, class_w, class_b, label_ids, sampled, true_count, sampled_count"


@dataclass(frozen=True)
class Program:
    source: str
    expressions: tuple[Expression, ...]
    templates: tuple[str, ...]


@st.composite
def programs(
    draw: st.DrawFn,
    names: tuple[str, ...] | None = None,
    spelling: Spelling | None = None,
    keywords: bool | None = None,
) -> Program:
    """A module with `program(...)` returning one value per chosen template (random unless fixed)."""
    spelling = spelling or draw(st.sampled_from(SPELLINGS))
    chosen = names or tuple(draw(st.lists(st.sampled_from(sorted(TEMPLATES)), min_size=1, max_size=4)))
    expressions = tuple(
        TEMPLATES[name](spelling, draw(st.booleans()) if keywords is None else keywords, draw)
        for name in chosen
    )
    body = ",\n        ".join(expression.code for expression in expressions)
    source = f"{spelling.imports}\n\ndef program({PARAMETERS}):\n    return (\n        {body},\n    )\n"
    return Program(source, expressions, chosen)
