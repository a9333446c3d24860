"""The bespoke call rewrites of target 2: small typed functions, one per semantic change that a rename
cannot express. Each returns None when the call is not in a shape it can convert with certainty (the
engine then keeps the TF 1.x function under tf.compat.v1, which always keeps the meaning).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from tfmigrate.findings import Severity
from tfmigrate.rules.model import CallSite, CallTransformFunction, TransformOutcome

_TIGHT = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.Integer, cst.Float)


def _argument(args: Sequence[cst.Arg], position: int, keyword: str) -> tuple[int, cst.Arg] | None:
    """The argument given at `position` or as `keyword=`, with its index in `args`."""
    positional = 0
    for index, arg in enumerate(args):
        if arg.keyword is not None:
            if arg.keyword.value == keyword:
                return index, arg
        elif arg.star == "":
            if positional == position:
                return index, arg
            positional += 1
    return None


def _has_star(args: Sequence[cst.Arg]) -> bool:
    return any(arg.star for arg in args)


def _keyword_names(args: Sequence[cst.Arg]) -> set[str]:
    return {arg.keyword.value for arg in args if arg.keyword is not None}


def _positional_count(args: Sequence[cst.Arg]) -> int:
    return sum(1 for arg in args if arg.keyword is None and arg.star == "")


def _one_minus(value: cst.BaseExpression) -> cst.BaseExpression:
    """`1 - value`, parenthesised unless `value` is an atom."""
    operand = (
        value
        if isinstance(value, _ATOMS)
        else value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    )
    return cst.BinaryOperation(left=cst.Integer("1"), operator=cst.Subtract(), right=operand)


def already_tf2(site: CallSite, target: str) -> TransformOutcome:
    """The call is already in its TF 2.x form (a second run): keep it, report nothing."""
    return TransformOutcome(site.call, Severity.INFO, "", target)


def dropout_keep_prob_to_rate(site: CallSite) -> TransformOutcome | None:
    """tf.nn.dropout(x, keep_prob) → tf.nn.dropout(x, rate=1 - keep_prob).

    TF 2.x's second argument is the fraction to *drop*; `tf.nn.dropout(x, 0.75)` unconverted would
    drop 75 % instead of keeping 75 %. TF 1.x itself computes `rate = 1 - keep_prob`, so this is exact.
    """
    args = list(site.call.args)
    if _has_star(args):
        return None
    found = _argument(args, 1, "keep_prob")
    if found is None and "rate" in _keyword_names(args):
        return already_tf2(site, "tensorflow.nn.dropout")
    if found is None or "rate" in _keyword_names(args):
        return None
    index, arg = found
    if arg.keyword is None and _positional_count(args) > 2:
        return None  # noise_shape/seed/name given positionally after it: keep the v1 function
    args[index] = arg.with_changes(keyword=cst.Name("rate"), equal=_TIGHT, value=_one_minus(arg.value))
    target = site.render("tensorflow.nn.dropout")
    if target is None:
        return None
    return TransformOutcome(
        site.call.with_changes(
            func=target.with_changes(lpar=site.call.func.lpar, rpar=site.call.func.rpar), args=args
        ),
        Severity.WARNING,
        f"'{site.spelled}(x, keep_prob)': TF 2.x takes the drop rate: converted to rate=1 - keep_prob "
        "(the same computation); check any code that passes a rate where keep_prob was meant",
        "tensorflow.nn.dropout",
    )


def _is_stop_gradient(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute | cst.Name)
        and (
            (node.func.attr.value if isinstance(node.func, cst.Attribute) else node.func.value)
            == "stop_gradient"
        )
    )


def softmax_cross_entropy_v1_to_v2(site: CallSite) -> TransformOutcome | None:
    """The v1 softmax cross-entropy lets no gradient into `labels`; TF 2.x's does. Wrap the labels in
    tf.stop_gradient (what TF 1.x does internally) and rename `dim` to `axis`."""
    args = list(site.call.args)
    if _has_star(args) or _positional_count(args) > 0:
        return None  # 1.x code passes keywords (the sentinel); anything else keeps the v1 function
    labels = _argument(args, -1, "labels")
    if labels is None:
        return None
    index, arg = labels
    if _is_stop_gradient(arg.value) and _argument(args, -1, "dim") is None:
        return already_tf2(site, "tensorflow.nn.softmax_cross_entropy_with_logits")
    if not _is_stop_gradient(arg.value):
        stop_gradient = site.render("tensorflow.stop_gradient")
        if stop_gradient is None:
            return None
        wrapped = cst.Call(func=stop_gradient, args=[cst.Arg(arg.value.with_changes(lpar=(), rpar=()))])
        args[index] = arg.with_changes(value=wrapped)
    dim = _argument(args, -1, "dim")
    if dim is not None:
        if "axis" in _keyword_names(args):
            return None
        args[dim[0]] = dim[1].with_changes(keyword=cst.Name("axis"))
    target = site.render("tensorflow.nn.softmax_cross_entropy_with_logits")
    if target is None:
        return None
    return TransformOutcome(
        site.call.with_changes(
            func=target.with_changes(lpar=site.call.func.lpar, rpar=site.call.func.rpar), args=args
        ),
        Severity.WARNING,
        f"'{site.spelled}': TF 2.x's version back-propagates into labels; converted with "
        "labels=tf.stop_gradient(labels), which is what TF 1.x computed",
        "tensorflow.nn.softmax_cross_entropy_with_logits",
    )


def make_cast(dtype: str) -> CallTransformFunction:
    """tf.to_<type>(x, name) → tf.cast(x, tf.<dtype>, name=name)."""

    def cast(site: CallSite) -> TransformOutcome | None:
        args = list(site.call.args)
        if _has_star(args):
            return None
        value = _argument(args, 0, "x")
        name = _argument(args, 1, "name")
        if value is None or len(args) != 1 + (name is not None):
            return None
        target, dtype_node = site.render("tensorflow.cast"), site.render(f"tensorflow.{dtype}")
        if target is None or dtype_node is None:
            return None
        new_args = [
            cst.Arg(value[1].value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
            cst.Arg(dtype_node),
        ]
        if name is not None:
            new_args[-1] = new_args[-1].with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new_args.append(cst.Arg(name[1].value, keyword=cst.Name("name"), equal=_TIGHT))
        call = site.call.with_changes(
            func=target.with_changes(lpar=site.call.func.lpar, rpar=site.call.func.rpar), args=new_args
        )
        return TransformOutcome(
            call, Severity.INFO, f"Changed '{site.spelled}(x)' to a cast to {dtype}", "tensorflow.cast"
        )

    return cast


def xavier_initializer(site: CallSite) -> TransformOutcome | None:
    """tf.contrib.layers.xavier_initializer(uniform, seed, dtype) → tf.compat.v1.glorot_uniform_initializer.

    The uniform variant is the same distribution (limit sqrt(3 / fan_avg)). The normal variant drew a
    truncated normal with stddev sqrt(1.3 / fan_avg); glorot_normal's is sqrt(1 / fan_avg) / 0.8796, 0.3 %
    narrower, so it is converted with a warning.
    """
    args = list(site.call.args)
    if _has_star(args):
        return None
    uniform = _argument(args, 0, "uniform")
    seed = _argument(args, 1, "seed")
    dtype = _argument(args, 2, "dtype")
    if len(args) != sum(item is not None for item in (uniform, seed, dtype)):
        return None
    normal = False
    if uniform is not None:
        value = uniform[1].value
        if not (isinstance(value, cst.Name) and value.value in ("True", "False")):
            return None
        normal = value.value == "False"
    name = "glorot_normal_initializer" if normal else "glorot_uniform_initializer"
    target = site.render(f"tensorflow.compat.v1.{name}")
    if target is None:
        return None
    kept = [
        cst.Arg(item[1].value, keyword=cst.Name(keyword), equal=_TIGHT)
        for item, keyword in ((seed, "seed"), (dtype, "dtype"))
        if item is not None
    ]
    kept = [
        arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if i < len(kept) - 1
        else arg
        for i, arg in enumerate(kept)
    ]
    call = site.call.with_changes(
        func=target.with_changes(lpar=site.call.func.lpar, rpar=site.call.func.rpar), args=kept
    )
    if normal:
        return TransformOutcome(
            call,
            Severity.WARNING,
            f"'{site.spelled}(uniform=False)' is now tf.compat.v1.glorot_normal_initializer, whose truncated "
            "normal is 0.3 % narrower (stddev sqrt(1/fan_avg)/0.8796 instead of sqrt(1.3/fan_avg))",
            f"tensorflow.compat.v1.{name}",
        )
    return TransformOutcome(
        call,
        Severity.INFO,
        f"Changed '{site.spelled}' to tf.compat.v1.{name} (the same distribution)",
        f"tensorflow.compat.v1.{name}",
    )


_FULLY_CONNECTED_KEYWORDS = {
    "inputs": "inputs",
    "num_outputs": "units",
    "activation_fn": "activation",
    "weights_initializer": "kernel_initializer",
    "biases_initializer": "bias_initializer",
    "weights_regularizer": "kernel_regularizer",
    "biases_regularizer": "bias_regularizer",
    "reuse": "reuse",
    "trainable": "trainable",
    "scope": "name",
}


def fully_connected_to_dense(site: CallSite) -> TransformOutcome | None:
    """tf.contrib.layers.fully_connected(x, n) → tf.compat.v1.layers.dense(x, n, activation=tf.nn.relu).

    fully_connected defaulted to a ReLU; dense defaults to no activation, so the default is written out.
    Both initialise weights with Glorot uniform and biases with zeros. Variables are named
    `.../weights`, `.../biases` before and `.../kernel`, `.../bias` after: old checkpoints do not load.
    """
    args = list(site.call.args)
    if _has_star(args) or _positional_count(args) > 2:
        return None
    keywords = _keyword_names(args)
    if not keywords <= set(_FULLY_CONNECTED_KEYWORDS):
        return None  # normalizer_fn, variables_collections...: no dense equivalent
    new_args = []
    for arg in args:
        if arg.keyword is not None:
            arg = arg.with_changes(keyword=cst.Name(_FULLY_CONNECTED_KEYWORDS[arg.keyword.value]))
        new_args.append(arg)
    if "activation_fn" not in keywords:
        relu = site.render("tensorflow.nn.relu")
        if relu is None:
            return None
        last = new_args[-1]
        if last.comma is cst.MaybeSentinel.DEFAULT:
            new_args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        new_args.append(cst.Arg(relu, keyword=cst.Name("activation"), equal=_TIGHT))
    target = site.render("tensorflow.compat.v1.layers.dense")
    if target is None:
        return None
    call = site.call.with_changes(
        func=target.with_changes(lpar=site.call.func.lpar, rpar=site.call.func.rpar), args=new_args
    )
    return TransformOutcome(
        call,
        Severity.WARNING,
        f"'{site.spelled}' is now tf.compat.v1.layers.dense with activation written out (it defaulted to "
        "ReLU); its variables are named kernel/bias instead of weights/biases, so old checkpoints need a map",
        "tensorflow.compat.v1.layers.dense",
    )
