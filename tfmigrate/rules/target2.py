"""TensorFlow 1.x → code that runs on TensorFlow 2.21 (what tf_upgrade_v2 does), after the 0.x rules.

Two styles. `symbols` (default) keeps `import tensorflow as tf` and points every reference at what
TensorFlow 2.21 has: the TF 2.x name of the very same function when there is one (derived from the API
snapshot, so `tf.log` → `tf.math.log` is certain), the TF 2.x function of the same name where it means
the same for the call at hand (`keep_dims` → `keepdims`), a bespoke rewrite where a rename cannot keep
the meaning (dropout's keep_prob, the v1 cross-entropy's gradient), and `tf.compat.v1.*` otherwise.
`import` rewrites the imports to `tensorflow.compat.v1` and leaves the rest as the author wrote it.

Ids: TFM200x generated families, TFM20xx same-meaning functions, TFM21xx call rewrites, TFM22xx
removed APIs, TFM23xx notices, TFM24xx statements added to a file, TFM25xx private modules.
"""

from __future__ import annotations

from enum import StrEnum

from tfmigrate.api import ApiName, ApiSnapshot
from tfmigrate.findings import Severity
from tfmigrate.rules import target1, transforms
from tfmigrate.rules.model import (
    ApiNotice,
    CallTransform,
    ExternalModule,
    FixSafety,
    Preamble,
    RuleSet,
    SameMeaningInTF2,
    SymbolRename,
)

TF = "tensorflow"
COMPAT = "tensorflow.compat.v1"

IDENTICAL = "TFM2001"
NO_TF2_NAME = "TFM2002"
TF2_NAME_DIFFERS = "TFM2003"
COMPAT_IMPORT = "TFM2005"
LEGACY_KERAS = "TFM2301"
MISSING_IN_TF2 = "TFM2900"


class CompatStyle(StrEnum):
    SYMBOLS = "symbols"
    IMPORT = "import"


_REDUCE_ALIASES = (("reduction_indices", "axis"), ("keep_dims", "keepdims"))


def _same_meaning() -> tuple[SameMeaningInTF2, ...]:
    moved = {"count_nonzero": "math.count_nonzero"}
    rows: list[tuple[str, tuple[tuple[str, str | None], ...], str]] = [
        ("reduce_sum", _REDUCE_ALIASES, ""),
        ("reduce_mean", _REDUCE_ALIASES, ""),
        ("reduce_max", _REDUCE_ALIASES, ""),
        ("reduce_min", _REDUCE_ALIASES, ""),
        ("reduce_prod", _REDUCE_ALIASES, ""),
        ("reduce_all", _REDUCE_ALIASES, ""),
        ("reduce_any", _REDUCE_ALIASES, ""),
        ("reduce_logsumexp", _REDUCE_ALIASES, ""),
        ("math.reduce_sum", _REDUCE_ALIASES, ""),
        ("math.reduce_mean", _REDUCE_ALIASES, ""),
        ("math.reduce_max", _REDUCE_ALIASES, ""),
        ("math.reduce_min", _REDUCE_ALIASES, ""),
        ("math.reduce_prod", _REDUCE_ALIASES, ""),
        ("count_nonzero", (*_REDUCE_ALIASES, ("input_tensor", "input")), ""),
        ("argmax", (("dimension", "axis"),), "The default output_type is int64 in both."),
        ("argmin", (("dimension", "axis"),), "The default output_type is int64 in both."),
        ("expand_dims", (("dim", "axis"),), ""),
        ("squeeze", (("squeeze_dims", "axis"),), ""),
        ("nn.softmax", (("dim", "axis"),), ""),
        ("nn.log_softmax", (("dim", "axis"),), ""),
        ("nn.l2_normalize", (("dim", "axis"),), ""),
        ("norm", (("keep_dims", "keepdims"),), ""),
        ("nn.moments", (("keep_dims", "keepdims"),), ""),
        ("reverse_sequence", (("seq_dim", "seq_axis"), ("batch_dim", "batch_axis")), ""),
        (
            "nn.conv2d",
            (("filter", "filters"), ("use_cudnn_on_gpu", None)),
            "use_cudnn_on_gpu is gone: TensorFlow always uses cuDNN on a GPU.",
        ),
        ("nn.conv2d_transpose", (("value", "input"), ("filter", "filters")), ""),
        ("nn.max_pool", (("value", "input"),), "data_format defaults to NHWC for 4-D input in both."),
        ("nn.avg_pool", (("value", "input"),), "data_format defaults to NHWC for 4-D input in both."),
        (
            "nn.sparse_softmax_cross_entropy_with_logits",
            (),
            "Labels are integers: no gradient flows into them.",
        ),
        ("nn.sigmoid_cross_entropy_with_logits", (), ""),
        ("constant", (), "verify_shape is gone; calls that pass it keep the v1 function."),
        ("convert_to_tensor", (("preferred_dtype", "dtype_hint"),), ""),
        (
            "gradients",
            (("colocate_gradients_with_ops", None),),
            "colocate_gradients_with_ops only placed ops; TF 2.x always colocates.",
        ),
        ("boolean_mask", (), ""),
        ("gather", (), ""),
        ("pad", (), ""),
        ("shape", (), ""),
        ("size", (), ""),
        ("cond", (), "strict, fn1 and fn2 are gone; calls that pass them keep the v1 function."),
        ("name_scope", (), "TF 2.x takes the name only; calls with default_name or values keep the v1 one."),
        ("Variable", (), "VariableV1's extra arguments (use_resource, expected_shape...) keep the v1 class."),
        # Append only: the position gives the rule id.
        ("math.count_nonzero", (*_REDUCE_ALIASES, ("input_tensor", "input")), ""),
    ]
    return tuple(
        SameMeaningInTF2(
            f"TFM20{index:02d}", f"{TF}.{path}", aliases, note, f"{TF}.{moved[path]}" if path in moved else ""
        )
        for index, (path, aliases, note) in enumerate(rows, start=11)
    )


_CASTS = (
    ("to_float", "float32"),
    ("to_double", "float64"),
    ("to_int32", "int32"),
    ("to_int64", "int64"),
    ("to_bfloat16", "bfloat16"),
    ("to_complex64", "complex64"),
    ("to_complex128", "complex128"),
)


def _call_transforms() -> tuple[CallTransform, ...]:
    rows = [
        CallTransform(
            "TFM2101",
            f"{TF}.nn.dropout",
            transforms.dropout_keep_prob_to_rate,
            "tf.nn.dropout's second argument is the drop rate in TF 2.x: keep_prob becomes "
            "rate=1 - keep_prob.",
            FixSafety.REVIEW,
            "h = tf.nn.dropout(h, keep_prob)",
            "h = tf.nn.dropout(h, rate=1 - keep_prob)",
        ),
        CallTransform(
            "TFM2102",
            f"{TF}.nn.softmax_cross_entropy_with_logits",
            transforms.softmax_cross_entropy_v1_to_v2,
            "The v1 softmax cross-entropy stops the gradient into labels; TF 2.x's does not: labels are "
            "wrapped in tf.stop_gradient.",
            FixSafety.REVIEW,
            "loss = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z)",
            "loss = tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(y), logits=z)",
        ),
        CallTransform(
            "TFM2110",
            f"{TF}.contrib.layers.xavier_initializer",
            transforms.xavier_initializer,
            "tf.contrib is gone: xavier_initializer becomes tf.compat.v1.glorot_uniform_initializer "
            "(uniform=False: glorot_normal, 0.3 % narrower).",
            FixSafety.REVIEW,
            "init = tf.contrib.layers.xavier_initializer()",
            "init = tf.compat.v1.glorot_uniform_initializer()",
        ),
        CallTransform(
            "TFM2111",
            f"{TF}.contrib.layers.fully_connected",
            transforms.fully_connected_to_dense,
            "tf.contrib is gone: fully_connected becomes tf.compat.v1.layers.dense with its ReLU default "
            "written out.",
            FixSafety.REVIEW,
            "h = tf.contrib.layers.fully_connected(x, 64)",
            "h = tf.compat.v1.layers.dense(x, 64, activation=tf.nn.relu)",
        ),
    ]
    for index, (function, dtype) in enumerate(_CASTS, start=3):
        rows.append(
            CallTransform(
                f"TFM210{index}",
                f"{TF}.{function}",
                transforms.make_cast(dtype),
                f"tf.{function} is gone in TF 2.x: it becomes tf.cast(x, tf.{dtype}).",
                FixSafety.SAFE,
                f"y = tf.{function}(x)",
                f"y = tf.cast(x, tf.{dtype})",
            )
        )
    return tuple(rows)


def _removed_api_renames() -> tuple[SymbolRename, ...]:
    moved = "tf.contrib was removed in TensorFlow 2.0"
    return (
        SymbolRename(
            "TFM2201",
            f"{TF}.contrib.rnn",
            f"{COMPAT}.nn.rnn_cell",
            prefix=True,
            reason=f"{moved}; the cells live on",
        ),
        SymbolRename("TFM2202", f"{TF}.contrib.rnn.static_rnn", f"{COMPAT}.nn.static_rnn", reason=moved),
        SymbolRename(
            "TFM2203",
            f"{TF}.contrib.rnn.static_bidirectional_rnn",
            f"{COMPAT}.nn.static_bidirectional_rnn",
            reason=moved,
        ),
        SymbolRename(
            "TFM2204",
            f"{TF}.contrib.rnn.static_state_saving_rnn",
            f"{COMPAT}.nn.static_state_saving_rnn",
            reason=moved,
        ),
        SymbolRename("TFM2205", f"{TF}.contrib.layers.flatten", f"{COMPAT}.layers.flatten", reason=moved),
        SymbolRename(
            "TFM2206",
            f"{TF}.examples.tutorials.mnist.input_data",
            "tfmigrate.compat.mnist_input_data",
            prefix=True,
            reason="tf.examples was removed; tfmigrate ships the same read_data_sets (see docs/target2.md)",
        ),
    )


def _notices() -> tuple[ApiNotice, ...]:
    return (
        ApiNotice(
            "TFM2210",
            f"{TF}.contrib",
            Severity.ERROR,
            "tf.contrib was removed in TensorFlow 2.0 and this name has no mapping here; port it by hand "
            "(tf-slim, tensorflow-addons or Keras have most of it)",
            prefix=True,
        ),
        ApiNotice(
            "TFM2211",
            f"{TF}.estimator",
            Severity.ERROR,
            "tf.estimator was removed in TensorFlow 2.16; port the model_fn to Keras (Model.fit) or a "
            "tf.function training loop",
            prefix=True,
        ),
        ApiNotice(
            "TFM2212",
            f"{TF}.examples",
            Severity.ERROR,
            "tf.examples was removed; only the MNIST input_data module has a replacement here",
            prefix=True,
        ),
        ApiNotice(
            "TFM2302",
            f"{TF}.train.AdamOptimizer",
            Severity.INFO,
            "kept as the TF 1.x Adam (epsilon 1e-8); Keras' Adam defaults to epsilon 1e-7: pin it if you "
            "move to keras.optimizers.Adam",
        ),
        ApiNotice(
            "TFM2303",
            f"{TF}.train.RMSPropOptimizer",
            Severity.INFO,
            "kept as the TF 1.x RMSProp (mean-square slot starts at 1.0, epsilon 1e-10 inside the square "
            "root); Keras' RMSprop starts at 0 with epsilon 1e-7 outside it: the updates differ",
        ),
        ApiNotice(
            "TFM2304",
            f"{TF}.train.AdagradOptimizer",
            Severity.INFO,
            "kept as the TF 1.x Adagrad (no epsilon); Keras' Adagrad adds epsilon 1e-7 and defaults to "
            "learning_rate 0.001 (TF 1.x had no default)",
        ),
        ApiNotice(
            "TFM2305",
            f"{TF}.train.MomentumOptimizer",
            Severity.INFO,
            "kept as the TF 1.x Momentum; keras.optimizers.SGD(momentum=...) computes the same update",
        ),
        ApiNotice(
            "TFM2306",
            f"{TF}.random_normal_initializer",
            Severity.INFO,
            "kept as the TF 1.x initializer (stddev 1.0); keras.initializers.RandomNormal defaults to "
            "stddev 0.05",
        ),
        ApiNotice(
            "TFM2307",
            f"{TF}.truncated_normal_initializer",
            Severity.INFO,
            "kept as the TF 1.x initializer (stddev 1.0); keras.initializers.TruncatedNormal defaults to "
            "stddev 0.05",
        ),
        ApiNotice(
            "TFM2308",
            f"{TF}.random_uniform_initializer",
            Severity.INFO,
            "kept as the TF 1.x initializer (range [0, 1)); keras.initializers.RandomUniform defaults to "
            "[-0.05, 0.05)",
        ),
        ApiNotice(
            "TFM2501",
            f"{TF}.python",
            Severity.WARNING,
            "tensorflow.python is TensorFlow's private implementation: not part of the API, it may differ or "
            "be missing in TensorFlow 2.21; use the public tf.* name",
            prefix=True,
        ),
    )


_GRAPH_MODE = frozenset(
    f"{COMPAT}.{name}"
    for name in (
        "placeholder",
        "placeholder_with_default",
        "sparse_placeholder",
        "Session",
        "InteractiveSession",
        "train.Saver",
        "summary.FileWriter",
        "global_variables_initializer",
        "local_variables_initializer",
        "initialize_all_variables",
        "train.GradientDescentOptimizer",
        "train.AdamOptimizer",
        "train.RMSPropOptimizer",
        "train.AdagradOptimizer",
        "train.MomentumOptimizer",
        "get_default_graph",
    )
)


def _preambles(style: CompatStyle) -> tuple[Preamble, ...]:
    if style is CompatStyle.IMPORT:
        return (
            Preamble(
                "TFM2402",
                _GRAPH_MODE,
                "{v1}.disable_v2_behavior()",
                "Added tf.disable_v2_behavior() after the TensorFlow import: this program or graph-building "
                "module keeps TF 1.x behaviour",
                in_entry_modules=True,
            ),
        )
    return (
        Preamble(
            "TFM2401",
            _GRAPH_MODE,
            "{v1}.disable_eager_execution()",
            "Added tf.compat.v1.disable_eager_execution() after the TensorFlow import: this file builds "
            "graphs (placeholders, sessions, TF 1.x optimizers), which TF 2.x's eager mode rejects",
        ),
    )


def _external_modules() -> tuple[ExternalModule, ...]:
    note = "tf.flags was absl.flags all along; TF 2.x dropped the alias."
    return (
        ExternalModule("TFM2220", f"{TF}.app.flags", "absl.flags", "flags", note=note),
        ExternalModule("TFM2221", f"{TF}.flags", "absl.flags", "flags", note=note),
    )


def _best_tf2_name(names: list[ApiName]) -> ApiName | None:
    """The TF 2.x name to prefer among several names of one object (public, short, not raw_ops)."""
    candidates = [
        n
        for n in names
        if not n.path.startswith(("compat.", "raw_ops.")) and n.only != "keras3" and "._" not in n.path
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda n: ("experimental" in n.path, n.path.count("."), len(n.path), n.path))


def generated_renames(api: ApiSnapshot, handled: set[str]) -> tuple[SymbolRename, ...]:
    """For every TF 1.x name: its TF 2.x name if the same object has one, else its tf.compat.v1 name."""
    rows: list[SymbolRename] = []
    for name in api:
        if not name.path.startswith("compat.v1.") or name.only == "keras3":
            continue
        relative = name.path[len("compat.v1.") :]
        old = f"{TF}.{relative}"
        if old in handled or relative.startswith("compat"):
            continue
        current = api.get(old)
        if name.kind == "module":
            if current is None:
                rows.append(
                    SymbolRename(
                        NO_TF2_NAME,
                        old,
                        f"{COMPAT}.{relative}",
                        prefix=True,
                        reason="TF 2.x has no such module",
                    )
                )
            continue
        if current is not None and current.identity == name.identity:
            continue
        same = _best_tf2_name(api.same_object(name))
        if same is not None:
            rows.append(
                SymbolRename(IDENTICAL, old, same.qualified, reason="the same function under its TF 2.x name")
            )
        elif current is None:
            rows.append(
                SymbolRename(NO_TF2_NAME, old, f"{COMPAT}.{relative}", reason="TF 2.x has no such name")
            )
        else:
            rows.append(
                SymbolRename(
                    TF2_NAME_DIFFERS,
                    old,
                    f"{COMPAT}.{relative}",
                    reason=f"TF 2.x's tf.{relative} is a different function",
                )
            )
    return tuple(rows)


def build(style: CompatStyle, api: ApiSnapshot) -> RuleSet:
    """The target-2 rule set: the 0.x rules, then this target's rows."""
    first = target1.RULES
    if style is CompatStyle.IMPORT:
        compat_import = SymbolRename(
            COMPAT_IMPORT,
            TF,
            COMPAT,
            prefix=True,
            excluded=(f"{TF}.compat",),
            reason="imported as tensorflow.compat.v1",
        )
        renames = (*first.renames, *_removed_api_renames(), compat_import)
        return RuleSet(
            name="target2-import",
            description="TensorFlow 0.x/1.x to TensorFlow 2.21 through `import tensorflow.compat.v1 as tf`.",
            renames=renames,
            keyword_renames=first.keyword_renames,
            reorders=first.reorders,
            bare_to_call=first.bare_to_call,
            reverse_masks=first.reverse_masks,
            method_warnings=first.method_warnings,
            call_transforms=tuple(t for t in _call_transforms() if t.function.startswith(f"{TF}.contrib")),
            notices=_notices(),
            external_modules=_external_modules(),
            preambles=_preambles(style),
            api=api,
        )
    same_meaning = _same_meaning()
    call_transforms = _call_transforms()
    removed = _removed_api_renames()
    handled = {row.function for row in same_meaning} | {row.function for row in call_transforms}
    handled |= {row.old for row in removed}
    return RuleSet(
        name="target2",
        description="TensorFlow 0.x/1.x to TensorFlow 2.21: each reference to its TF 2.x or tf.compat.v1 "
        "name.",
        renames=(*first.renames, *removed),
        keyword_renames=first.keyword_renames,
        reorders=first.reorders,
        bare_to_call=first.bare_to_call,
        reverse_masks=first.reverse_masks,
        method_warnings=first.method_warnings,
        same_meaning=same_meaning,
        call_transforms=call_transforms,
        notices=_notices(),
        external_modules=_external_modules(),
        preambles=_preambles(style),
        generated_renames=generated_renames(api, handled),
        api=api,
    )
