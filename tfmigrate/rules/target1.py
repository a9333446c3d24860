"""TensorFlow 0.x → 1.x (the 1.15 API): every rule of tf_upgrade.py, corrected, plus what it missed.

Rule ids are stable: never renumber a row; retire an id rather than reuse it.
TFM10xx symbol renames, TFM11xx keyword renames, TFM12xx argument orders, TFM13xx initializer calls,
TFM14xx `tf.reverse`, TFM15xx methods that cannot be recognised by name.
"""

from __future__ import annotations

from tfmigrate.rules.model import (
    ArgKind,
    ArgumentReorder,
    BareReferenceToCall,
    KeywordRename,
    MethodRenameWarning,
    Param,
    ReverseBoolMask,
    RuleSet,
    SymbolRename,
)

AXIS, SIZES, TENSOR, TENSORS, FLAG, NAME, ANY = (
    ArgKind.AXIS,
    ArgKind.SIZES,
    ArgKind.TENSOR,
    ArgKind.TENSORS,
    ArgKind.FLAG,
    ArgKind.NAME,
    ArgKind.ANY,
)

TF = "tensorflow"

NOT_IN_TF_UPGRADE = "Not in tf_upgrade.py; 0.x code uses it and TensorFlow 1.0 changed it."


def _renames() -> tuple[SymbolRename, ...]:
    rows = [
        # Summaries
        ("TFM1001", "contrib.deprecated.scalar_summary", "summary.scalar"),
        ("TFM1002", "contrib.deprecated.histogram_summary", "summary.histogram"),
        ("TFM1003", "train.SummaryWriter", "summary.FileWriter"),
        ("TFM1004", "scalar_summary", "summary.scalar"),
        ("TFM1005", "histogram_summary", "summary.histogram"),
        ("TFM1006", "audio_summary", "summary.audio"),
        ("TFM1007", "image_summary", "summary.image"),
        ("TFM1008", "merge_summary", "summary.merge"),
        ("TFM1009", "merge_all_summaries", "summary.merge_all"),
        # Variables and initializers
        ("TFM1010", "all_variables", "global_variables"),
        ("TFM1012", "initialize_all_variables", "global_variables_initializer"),
        ("TFM1013", "initialize_variables", "variables_initializer"),
        ("TFM1014", "initialize_local_variables", "local_variables_initializer"),
        # NumPy-style names
        ("TFM1015", "inv", "reciprocal"),
        ("TFM1016", "listdiff", "setdiff1d"),
        ("TFM1017", "list_diff", "setdiff1d"),
        ("TFM1018", "mul", "multiply"),
        ("TFM1019", "neg", "negative"),
        ("TFM1020", "sub", "subtract"),
        ("TFM1021", "select", "where"),
        # Batch math ops: the non-batched op now handles batches
        ("TFM1022", "batch_matrix_diag", "matrix_diag"),
        ("TFM1025", "batch_matrix_transpose", "matrix_transpose"),
        ("TFM1026", "batch_matrix_determinant", "matrix_determinant"),
        ("TFM1027", "batch_matrix_inverse", "matrix_inverse"),
        ("TFM1028", "batch_cholesky", "cholesky"),
        ("TFM1029", "batch_cholesky_solve", "cholesky_solve"),
        ("TFM1030", "batch_matrix_solve", "matrix_solve"),
        ("TFM1031", "batch_matrix_triangular_solve", "matrix_triangular_solve"),
        ("TFM1032", "batch_matrix_solve_ls", "matrix_solve_ls"),
        ("TFM1033", "batch_self_adjoint_eig", "self_adjoint_eig"),
        ("TFM1034", "batch_self_adjoint_eigvals", "self_adjoint_eigvals"),
        ("TFM1035", "batch_svd", "svd"),
        ("TFM1036", "batch_fft", "fft"),
        ("TFM1037", "batch_ifft", "ifft"),
        ("TFM1038", "batch_fft2d", "fft2d"),
        ("TFM1039", "batch_ifft2d", "ifft2d"),
        ("TFM1040", "batch_fft3d", "fft3d"),
        ("TFM1041", "batch_ifft3d", "ifft3d"),
        ("TFM1042", "batch_matmul", "matmul"),
        # Miscellaneous
        ("TFM1043", "complex_abs", "abs"),
        ("TFM1044", "image.per_image_whitening", "image.per_image_standardization"),
        ("TFM1045", "pack", "stack"),
        ("TFM1046", "unpack", "unstack"),
        ("TFM1047", "op_scope", "name_scope"),
        # Missed by tf_upgrade.py
        ("TFM1048", "nn.rnn", "nn.static_rnn"),
        ("TFM1049", "nn.bidirectional_rnn", "nn.static_bidirectional_rnn"),
        ("TFM1050", "nn.state_saving_rnn", "nn.static_state_saving_rnn"),
        ("TFM1064", "arg_max", "argmax"),
        ("TFM1065", "arg_min", "argmin"),
        ("TFM1066", "GraphKeys.VARIABLES", "GraphKeys.GLOBAL_VARIABLES"),
        ("TFM1067", "initialize_all_tables", "tables_initializer"),
    ]
    missed = {"TFM1048", "TFM1049", "TFM1050", "TFM1064", "TFM1065", "TFM1066", "TFM1067"}
    table = [
        SymbolRename(
            rule_id, f"{TF}.{old}", f"{TF}.{new}", note=NOT_IN_TF_UPGRADE if rule_id in missed else ""
        )
        for rule_id, old, new in rows
    ]
    table += [
        SymbolRename(
            "TFM1011",
            f"{TF}.VARIABLES",
            f"{TF}.GraphKeys.GLOBAL_VARIABLES",
            note="tf_upgrade.py writes `tf.GLOBAL_VARIABLES`, which no TensorFlow release has: "
            "the collection key lives on `tf.GraphKeys`.",
        ),
        SymbolRename(
            "TFM1023",
            f"{TF}.batch_band_part",
            f"{TF}.matrix_band_part",
            note="tf_upgrade.py writes `tf.band_part`, which never existed; the 1.x name is "
            "`tf.matrix_band_part`.",
        ),
        SymbolRename(
            "TFM1024",
            f"{TF}.batch_set_diag",
            f"{TF}.matrix_set_diag",
            note="tf_upgrade.py writes `tf.set_diag`, which never existed; the 1.x name is "
            "`tf.matrix_set_diag`.",
        ),
        # Modules: `tf.nn.seq2seq` moved to contrib, and the 0.x private module paths of the RNN code
        # (`tensorflow.models.rnn`, `tensorflow.python.ops`) became the public `tf.nn` API.
        SymbolRename(
            "TFM1051", f"{TF}.nn.seq2seq", f"{TF}.contrib.legacy_seq2seq", prefix=True, note=NOT_IN_TF_UPGRADE
        ),
        SymbolRename(
            "TFM1052",
            f"{TF}.models.rnn.rnn_cell",
            f"{TF}.nn.rnn_cell",
            prefix=True,
            note="0.x examples imported the cells from the private `tensorflow.models.rnn` package.",
        ),
        SymbolRename(
            "TFM1053",
            f"{TF}.python.ops.rnn_cell",
            f"{TF}.nn.rnn_cell",
            prefix=True,
            note="`tensorflow.python.ops` is private; the public home of the cells is `tf.nn.rnn_cell`.",
        ),
        SymbolRename(
            "TFM1054",
            f"{TF}.models.rnn.rnn",
            f"{TF}.nn",
            prefix=True,
            note="Its functions continue through the `tf.nn` renames (`rnn` → `static_rnn`).",
        ),
        SymbolRename(
            "TFM1055",
            f"{TF}.python.ops.rnn",
            f"{TF}.nn",
            prefix=True,
            note="Its functions continue through the `tf.nn` renames (`rnn` → `static_rnn`).",
        ),
        SymbolRename(
            "TFM1056",
            f"{TF}.models.rnn.seq2seq",
            f"{TF}.contrib.legacy_seq2seq",
            prefix=True,
            note=NOT_IN_TF_UPGRADE,
        ),
        SymbolRename(
            "TFM1057",
            f"{TF}.python.ops.seq2seq",
            f"{TF}.contrib.legacy_seq2seq",
            prefix=True,
            note=NOT_IN_TF_UPGRADE,
        ),
    ]
    return tuple(sorted(table, key=lambda row: row.rule_id))


def _keyword_renames() -> tuple[KeywordRename, ...]:
    reductions = [
        "count_nonzero",
        "reduce_all",
        "reduce_any",
        "reduce_max",
        "reduce_mean",
        "reduce_min",
        "reduce_prod",
        "reduce_sum",
        "reduce_logsumexp",
        "reduce_join",
    ]
    rows = [
        KeywordRename(f"TFM11{index:02d}", f"{TF}.{function}", "reduction_indices", "axis")
        for index, function in enumerate(reductions, start=1)
    ]
    rows += [
        KeywordRename("TFM1111", f"{TF}.expand_dims", "dim", "axis"),
        KeywordRename("TFM1112", f"{TF}.argmax", "dimension", "axis"),
        KeywordRename("TFM1113", f"{TF}.argmin", "dimension", "axis"),
        KeywordRename("TFM1114", f"{TF}.concat", "concat_dim", "axis"),
        KeywordRename("TFM1115", f"{TF}.sparse_concat", "concat_dim", "axis"),
        KeywordRename("TFM1116", f"{TF}.split", "split_dim", "axis"),
        KeywordRename("TFM1117", f"{TF}.sparse_split", "split_dim", "axis"),
        KeywordRename("TFM1118", f"{TF}.split", "num_split", "num_or_size_splits"),
        KeywordRename("TFM1119", f"{TF}.sparse_reduce_sum", "reduction_axes", "axis"),
        KeywordRename("TFM1120", f"{TF}.sparse_reduce_sum_sparse", "reduction_axes", "axis"),
        KeywordRename("TFM1121", f"{TF}.reverse_sequence", "seq_dim", "seq_axis"),
        KeywordRename("TFM1122", f"{TF}.reverse_sequence", "batch_dim", "batch_axis"),
        KeywordRename("TFM1123", f"{TF}.squeeze", "squeeze_dims", "axis"),
        KeywordRename("TFM1124", f"{TF}.batch_matmul", "adj_x", "adjoint_a"),
        KeywordRename("TFM1125", f"{TF}.batch_matmul", "adj_y", "adjoint_b"),
        KeywordRename("TFM1126", f"{TF}.arg_max", "dimension", "axis", note=NOT_IN_TF_UPGRADE),
        KeywordRename("TFM1127", f"{TF}.arg_min", "dimension", "axis", note=NOT_IN_TF_UPGRADE),
        KeywordRename(
            "TFM1128",
            f"{TF}.nn.sigmoid_cross_entropy_with_logits",
            "targets",
            "labels",
            note=NOT_IN_TF_UPGRADE + " Found by the differential tests: 0.x called the labels targets.",
        ),
        KeywordRename(
            "TFM1129",
            f"{TF}.nn.weighted_cross_entropy_with_logits",
            "targets",
            "labels",
            note=NOT_IN_TF_UPGRADE + " TensorFlow 2 removed the targets keyword.",
        ),
        *_summary_keyword_renames(),
    ]
    return tuple(rows)


def _params(*pairs: tuple[str, ArgKind]) -> tuple[Param, ...]:
    return tuple(Param(name, kind) for name, kind in pairs)


_SVD_OLD = _params(("tensor", TENSOR), ("compute_uv", FLAG), ("full_matrices", FLAG), ("name", NAME))
_SVD_NEW = _params(("tensor", TENSOR), ("full_matrices", FLAG), ("compute_uv", FLAG), ("name", NAME))
_SAMPLED_LOSS_TAIL = _params(
    ("num_sampled", AXIS),
    ("num_classes", AXIS),
    ("num_true", AXIS),
    ("sampled_values", ANY),
    ("remove_accidental_hits", FLAG),
    ("partition_strategy", NAME),
    ("name", NAME),
)
_SAMPLED_LOSS_OLD = _params(("weights", TENSOR), ("biases", TENSOR), ("inputs", TENSOR), ("labels", TENSOR))
_SAMPLED_LOSS_NEW = _params(("weights", TENSOR), ("biases", TENSOR), ("labels", TENSOR), ("inputs", TENSOR))


def _reorders() -> tuple[ArgumentReorder, ...]:
    return (
        ArgumentReorder(
            "TFM1201",
            f"{TF}.concat",
            old_params=_params(("axis", AXIS), ("values", TENSORS), ("name", NAME)),
            new_params=_params(("values", TENSORS), ("axis", AXIS), ("name", NAME)),
        ),
        ArgumentReorder(
            "TFM1202",
            f"{TF}.split",
            old_params=_params(
                ("axis", AXIS), ("num_or_size_splits", AXIS), ("value", TENSOR), ("name", NAME)
            ),
            new_params=_params(
                ("value", TENSOR),
                ("num_or_size_splits", SIZES),
                ("axis", AXIS),
                ("num", AXIS),
                ("name", NAME),
            ),
        ),
        ArgumentReorder(
            "TFM1203",
            f"{TF}.sparse_split",
            old_params=_params(("axis", AXIS), ("num_split", AXIS), ("sp_input", TENSOR), ("name", NAME)),
            new_params=None,
            note="tf_upgrade.py inserts `num_or_size_splits=` and `value=`, which `tf.sparse_split` does not "
            "accept; its 1.x keywords are `num_split` and `sp_input`.",
        ),
        ArgumentReorder("TFM1204", f"{TF}.svd", old_params=_SVD_OLD, new_params=_SVD_NEW),
        ArgumentReorder(
            "TFM1205",
            f"{TF}.batch_svd",
            old_params=_SVD_OLD,
            new_params=_SVD_NEW,
            note="Not in tf_upgrade.py, which renames `tf.batch_svd` to `tf.svd` but leaves its 0.x argument "
            "order, so `tf.batch_svd(x, False)` silently becomes `full_matrices=False`.",
        ),
        ArgumentReorder(
            "TFM1206",
            f"{TF}.nn.softmax_cross_entropy_with_logits",
            old_params=_params(("logits", TENSOR), ("labels", TENSOR), ("dim", AXIS), ("name", NAME)),
            new_params=None,
            note="TensorFlow 2.x's tf.compat.v1 version takes (labels, logits) positionally, so the 0.x call "
            "runs there with logits and labels swapped: the keywords are essential.",
        ),
        ArgumentReorder(
            "TFM1207",
            f"{TF}.nn.sparse_softmax_cross_entropy_with_logits",
            old_params=_params(("logits", TENSOR), ("labels", TENSOR), ("name", NAME)),
            new_params=None,
        ),
        ArgumentReorder(
            "TFM1208",
            f"{TF}.nn.sigmoid_cross_entropy_with_logits",
            old_params=_params(("logits", TENSOR), ("labels", TENSOR), ("name", NAME)),
            new_params=None,
        ),
        ArgumentReorder(
            "TFM1209",
            f"{TF}.op_scope",
            old_params=_params(("values", TENSORS), ("name", NAME), ("default_name", NAME)),
            new_params=_params(("name", NAME), ("default_name", NAME), ("values", TENSORS)),
        ),
        ArgumentReorder(
            "TFM1210",
            f"{TF}.nn.nce_loss",
            old_params=_SAMPLED_LOSS_OLD + _SAMPLED_LOSS_TAIL,
            new_params=_SAMPLED_LOSS_NEW + _SAMPLED_LOSS_TAIL,
            note=NOT_IN_TF_UPGRADE + " 0.x took (weights, biases, inputs, labels), 1.x (weights, biases, "
            "labels, inputs); both are tensors, so positional calls are reported for review.",
        ),
        ArgumentReorder(
            "TFM1211",
            f"{TF}.nn.sampled_softmax_loss",
            old_params=_SAMPLED_LOSS_OLD + _SAMPLED_LOSS_TAIL,
            new_params=_SAMPLED_LOSS_NEW + _SAMPLED_LOSS_TAIL,
            note=NOT_IN_TF_UPGRADE + " 0.x took (weights, biases, inputs, labels), 1.x (weights, biases, "
            "labels, inputs); both are tensors, so positional calls are reported for review.",
        ),
        ArgumentReorder(
            "TFM1212",
            f"{TF}.batch_matmul",
            old_params=_params(
                ("a", TENSOR), ("b", TENSOR), ("adjoint_a", FLAG), ("adjoint_b", FLAG), ("name", NAME)
            ),
            new_params=_params(("a", TENSOR), ("b", TENSOR), ("transpose_a", FLAG), ("transpose_b", FLAG)),
            note="Not in tf_upgrade.py: its third and fourth positional arguments were adj_x/adj_y, which "
            "`tf.matmul` reads as transpose_a/transpose_b.",
        ),
        ArgumentReorder(
            "TFM1213",
            f"{TF}.nn.weighted_cross_entropy_with_logits",
            old_params=_params(("logits", TENSOR), ("labels", TENSOR), ("pos_weight", ANY), ("name", NAME)),
            new_params=None,
            note=NOT_IN_TF_UPGRADE + " 0.x took (logits, targets, pos_weight), 1.x (targets, logits, "
            "pos_weight): the keywords make the call mean the same under both.",
        ),
    )


def _summary_keyword_renames() -> tuple[KeywordRename, ...]:
    note = (
        "tf_upgrade.py renamed the 0.x summary functions but not their keywords; found by the "
        "differential tests."
    )
    rows = (
        ("TFM1130", "scalar_summary", "tags", "name"),
        ("TFM1131", "scalar_summary", "values", "tensor"),
        ("TFM1132", "histogram_summary", "tag", "name"),
        ("TFM1133", "image_summary", "tag", "name"),
        ("TFM1134", "image_summary", "max_images", "max_outputs"),
        ("TFM1135", "audio_summary", "tag", "name"),
        ("TFM1136", "contrib.deprecated.scalar_summary", "tags", "name"),
        ("TFM1137", "contrib.deprecated.scalar_summary", "values", "tensor"),
        ("TFM1138", "contrib.deprecated.histogram_summary", "tag", "name"),
    )
    return tuple(KeywordRename(rule_id, f"{TF}.{old}", kw, new, note=note) for rule_id, old, kw, new in rows)


def _bare_to_call() -> tuple[BareReferenceToCall, ...]:
    called_with_shape = (
        "tf_upgrade.py only adds `()` to a bare reference; a 0.x call with a shape, which computed the "
        "values, becomes `f()(shape)` here."
    )
    return (
        BareReferenceToCall("TFM1301", f"{TF}.ones_initializer", note=called_with_shape),
        BareReferenceToCall("TFM1302", f"{TF}.zeros_initializer", note=called_with_shape),
    )


def _reverse() -> tuple[ReverseBoolMask, ...]:
    return (
        ReverseBoolMask(
            "TFM1401",
            f"{TF}.reverse",
            tensor_param="tensor",
            old_param="dims",
            new_param="axis",
            note="tf_upgrade.py only reports every call; a literal mask is converted here.",
        ),
    )


def _methods() -> tuple[MethodRenameWarning, ...]:
    return (
        MethodRenameWarning("TFM1501", "pack", "stack", owner="TensorArray"),
        MethodRenameWarning("TFM1502", "unpack", "unstack", owner="TensorArray"),
    )


RULES = RuleSet(
    name="target1",
    description="TensorFlow 0.x to the TensorFlow 1.x API (1.15), as tf_upgrade.py meant to.",
    renames=_renames(),
    keyword_renames=_keyword_renames(),
    reorders=_reorders(),
    bare_to_call=_bare_to_call(),
    reverse_masks=_reverse(),
    method_warnings=_methods(),
)
