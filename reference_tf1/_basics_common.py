"""Helpers shared by the chapter 2, chapter 7 and Seed B ("TensorFlow API") reference modules.

* `make_logdir`, `initializer` (a layer variable's initialiser: given numpy values or the default), and
  the optimizers with every TF1 default that Keras changed pinned;
* the iris helpers of the Seed B examples (the book's two hard-coded rows, a seeded train/test split);
* the chapter 7 pieces (`matpow`, the matrices, GPU detection, the devices a run used).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from reference_tf1._parity import GraphModel, InitialValue
from tfmigrate.book import initializers
from tfmigrate.book.runtime import RunConfig, TensorSpec, Weights


def make_logdir(config: RunConfig, *parts: str) -> Path:
    """config.logdir (or a fresh temporary directory) joined with `parts`, created."""
    root = Path(tempfile.mkdtemp(prefix="tfmigrate-")) if config.logdir is None else config.logdir
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


GLOROT_UNIFORM = tf.compat.v1.glorot_uniform_initializer
"""The TF1 default kernel initializer, passed explicitly: left to `tf.compat.v1.layers` (tf-keras), an
unseeded Keras initializer draws its seed from Python's `random`, ignoring the graph seed."""


def initializer(weights: Mapping[str, InitialValue] | None, name: str, default: Any) -> Any:
    """The initializer of layer variable `name`: the given numpy value, else the layer's own default."""
    if weights is None:
        return default
    return tf.compat.v1.constant_initializer(np.asarray(weights[name], np.float32))


def gradient_descent(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.GradientDescentOptimizer`: no hidden defaults."""
    return tf.compat.v1.train.GradientDescentOptimizer(learning_rate)


def adam(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """`tf.train.AdamOptimizer` with TF1's defaults pinned (Keras' epsilon is 1e-7, TF1's 1e-8)."""
    return tf.compat.v1.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8)


def rmsprop_momentum(learning_rate: float | tf.Tensor, momentum: float = 0.9) -> tf.compat.v1.train.Optimizer:
    """`tf.train.RMSPropOptimizer` with momentum, TF1 defaults pinned.

    Keras' RMSprop differs in each: rho 0.9 like TF1's decay, but epsilon 1e-7 outside the sqrt where
    TF1 has 1e-10 inside, and Keras starts the rms slot at 0 where TF1 starts it at 1.0.
    """
    return tf.compat.v1.train.RMSPropOptimizer(
        learning_rate, decay=0.9, momentum=momentum, epsilon=1e-10, centered=False
    )


def adagrad_estimator(learning_rate: float | tf.Tensor) -> tf.compat.v1.train.Optimizer:
    """The premade estimators' default optimizer: `AdagradOptimizer` (accumulators start at 0.1)."""
    return tf.compat.v1.train.AdagradOptimizer(learning_rate, initial_accumulator_value=0.1)


# --- Seed B: iris --------------------------------------------------------------------------------------

IRIS_FEATURES = ("SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
"""The column names of Seed B's input_fn (B:107-110), in the iris CSV's order."""


def book_input_fn_rows() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Seed B's `input_fn()` (B:106-112): two hard-coded iris rows and their labels."""
    features = {
        "SepalLength": np.array([6.4, 5.0]),
        "SepalWidth": np.array([2.8, 2.3]),
        "PetalLength": np.array([5.6, 3.3]),
        "PetalWidth": np.array([2.2, 1.0]),
    }
    labels = np.array([2, 1])
    return features, labels


def iris_split(seed: int, n_test: int = 30) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Iris as float32 features [N, 4] / int32 labels, split 120/30 like TF's iris_training/iris_test CSVs.

    The split is a seeded permutation (the tutorial's CSVs are a fixed random split of the same 150 rows).
    """
    from tfmigrate.book.data import iris

    all_features, all_labels, _names = iris.load()
    order = np.random.RandomState(seed).permutation(len(all_labels))
    features = np.asarray(all_features, np.float32)[order]
    labels = np.asarray(all_labels, np.int32)[order]
    return features[n_test:], labels[n_test:], features[:n_test], labels[:n_test]


def as_feature_dict(features: np.ndarray) -> dict[str, np.ndarray]:
    """[N, 4] iris rows -> Seed B's feature dictionary."""
    return {name: features[:, k] for k, name in enumerate(IRIS_FEATURES)}


def iris_dnn(
    inputs: tf.Tensor,
    weights: Mapping[str, InitialValue] | None,
    *,
    hidden_units: Sequence[int] = (10, 10),
    n_classes: int = 3,
    is_training: tf.Tensor | None = None,
    dropout_rate: float = 0.0,
    batch_norm: bool = False,
    batch_norm_momentum: float = 0.99,
    scope: str = "dnn",
) -> tuple[tf.Tensor, dict[str, tf.Variable]]:
    """The premade DNNClassifier's network (B:105-126's implied model) in `tf.compat.v1.layers`.

    Hidden layers "<scope>/hiddenlayer_<k>" (ReLU; Glorot-uniform kernels and zero biases, the layers'
    defaults), optionally each followed by batch normalisation before the ReLU (Seed B:223-240) and by
    dropout (rate, not keep_prob: `tf.compat.v1.layers.dropout` takes the drop rate), then
    "<scope>/logits". `weights` (numpy, by variable name without ":0") replaces every default
    initializer for the parity hooks. Returns the logits and every variable the network created, by name.
    """
    existing = set(tf.compat.v1.global_variables())
    batch_norm_defaults = {
        "gamma": tf.compat.v1.ones_initializer(),
        "beta": tf.compat.v1.zeros_initializer(),
        "moving_mean": tf.compat.v1.zeros_initializer(),
        "moving_variance": tf.compat.v1.ones_initializer(),
    }
    with tf.compat.v1.variable_scope(scope):
        net = inputs
        for k, units in enumerate(hidden_units):
            name = f"hiddenlayer_{k}"
            net = tf.compat.v1.layers.dense(
                net,
                units,
                activation=None if batch_norm else tf.nn.relu,
                kernel_initializer=initializer(weights, f"{scope}/{name}/kernel", GLOROT_UNIFORM()),
                bias_initializer=initializer(
                    weights, f"{scope}/{name}/bias", tf.compat.v1.zeros_initializer()
                ),
                name=name,
            )
            if batch_norm:
                bn = f"{scope}/batchnorm_{k}"
                net = tf.compat.v1.layers.batch_normalization(
                    net,
                    training=is_training if is_training is not None else False,
                    momentum=batch_norm_momentum,  # TF1/Keras default 0.99; pinned for the modern tree
                    epsilon=0.001,
                    gamma_initializer=initializer(weights, f"{bn}/gamma", batch_norm_defaults["gamma"]),
                    beta_initializer=initializer(weights, f"{bn}/beta", batch_norm_defaults["beta"]),
                    moving_mean_initializer=initializer(
                        weights, f"{bn}/moving_mean", batch_norm_defaults["moving_mean"]
                    ),
                    moving_variance_initializer=initializer(
                        weights, f"{bn}/moving_variance", batch_norm_defaults["moving_variance"]
                    ),
                    name=f"batchnorm_{k}",
                )
                net = tf.nn.relu(net)
            if dropout_rate > 0.0:
                net = tf.compat.v1.layers.dropout(
                    net, rate=dropout_rate, training=is_training if is_training is not None else False
                )
        logits = tf.compat.v1.layers.dense(
            net,
            n_classes,
            kernel_initializer=initializer(weights, f"{scope}/logits/kernel", GLOROT_UNIFORM()),
            bias_initializer=initializer(weights, f"{scope}/logits/bias", tf.compat.v1.zeros_initializer()),
            name="logits",
        )
    created = [v for v in tf.compat.v1.global_variables() if v not in existing]
    return logits, {v.op.name: v for v in created}


def draw_iris_dnn(
    rng: np.random.Generator,
    *,
    n_inputs: int = 4,
    hidden_units: Sequence[int] = (10, 10),
    n_classes: int = 3,
    batch_norm: bool = False,
    scope: str = "dnn",
) -> Weights:
    """numpy initial weights for `iris_dnn`, drawn like its default initializers."""
    weights: Weights = {}
    sizes = [n_inputs, *hidden_units]
    for k, units in enumerate(hidden_units):
        weights[f"{scope}/hiddenlayer_{k}/kernel"] = initializers.glorot_uniform(rng, [sizes[k], units])
        weights[f"{scope}/hiddenlayer_{k}/bias"] = np.zeros([units], np.float32)
        if batch_norm:
            bn = f"{scope}/batchnorm_{k}"
            weights[f"{bn}/gamma"] = np.ones([units], np.float32)
            weights[f"{bn}/beta"] = np.zeros([units], np.float32)
            weights[f"{bn}/moving_mean"] = np.zeros([units], np.float32)
            weights[f"{bn}/moving_variance"] = np.ones([units], np.float32)
    weights[f"{scope}/logits/kernel"] = initializers.glorot_uniform(rng, [sizes[-1], n_classes])
    weights[f"{scope}/logits/bias"] = np.zeros([n_classes], np.float32)
    return weights


def iris_classifier(
    weights: Mapping[str, InitialValue] | None,
    learning_rate: float | tf.Tensor,
    *,
    dropout_rate: float = 0.1,
) -> GraphModel:
    """The small iris classifier that Seed B's saving examples train, save and restore (B:158-221).

    Every tensor the restored graph needs later is named: placeholders "features", "labels" and
    "is_training" (the tensor B:193 looks up; it switches dropout on), outputs "probabilities" and
    "predictions". Loss: mean sparse softmax cross-entropy; Adam with TF1's defaults pinned.
    """
    features = tf.compat.v1.placeholder(tf.float32, [None, 4], name="features")
    labels = tf.compat.v1.placeholder(tf.int32, [None], name="labels")
    is_training = tf.compat.v1.placeholder_with_default(False, [], name="is_training")
    logits, variables = iris_dnn(features, weights, is_training=is_training, dropout_rate=dropout_rate)
    probabilities = tf.nn.softmax(logits, name="probabilities")
    predictions = tf.argmax(logits, 1, output_type=tf.int32, name="predictions")
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    global_step = tf.compat.v1.train.get_or_create_global_step()
    train_op = adam(learning_rate).minimize(loss, global_step=global_step)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32), name="accuracy")
    return GraphModel(
        inputs={"x": features, "y": labels},
        variables=variables,
        output=logits,
        loss=loss,
        train_op=train_op,
        deterministic_feed={is_training: False},
        extra={
            "is_training": is_training,
            "probabilities": probabilities,
            "predictions": predictions,
            "accuracy": accuracy,
            "global_step": global_step,
        },
    )


IRIS_BATCH_SPEC = {
    "x": TensorSpec((4,), low=0.0, high=8.0),
    "y": TensorSpec((), dtype="int32", kind="index", low=0, high=3),
}
"""A batch of iris rows (features in cm) and class ids."""


class IrisBatches:
    """`next_batch()` over shuffled epochs of the iris rows (numpy, seeded); a short last batch is skipped."""

    def __init__(self, features: np.ndarray, labels: np.ndarray, batch_size: int, seed: int) -> None:
        self._features, self._labels, self._batch_size = features, labels, batch_size
        self._rng = np.random.RandomState(seed)
        self._order = self._rng.permutation(len(labels))
        self._pos = 0

    def next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        if self._pos + self._batch_size > len(self._labels):
            self._order, self._pos = self._rng.permutation(len(self._labels)), 0
        index = self._order[self._pos : self._pos + self._batch_size]
        self._pos += self._batch_size
        return self._features[index], self._labels[index]


# --- Chapter 7 ---------------------------------------------------------------------------------------------

BOOK_MATRIX_SIZE = 10000
"""The book's 10000 x 10000 matrices (L7739-7740): 2 x 10 matmuls of 2e12 FLOP each."""

CPU_MATRIX_SIZE = 256
"""What we use without a GPU (or with --smoke): the book's size takes minutes per run on 2 cores."""

CPU_DEVICE = "/job:localhost/replica:0/task:0/cpu:0"
"""The book's own fallback when `/gpu:0` is missing (L7787-7789, L7845)."""


def gpus_seen() -> list[str]:
    """Names of the GPUs TensorFlow can see (empty on the project's CPU-only machines)."""
    return [device.name for device in tf.config.list_physical_devices("GPU")]


def matrix_size(config: RunConfig) -> int:
    """--steps N sets the matrix side (chapter 7 has no training steps); else the book's size on a GPU."""
    if config.steps is not None:
        return int(config.steps)
    if config.smoke or not gpus_seen():
        return CPU_MATRIX_SIZE
    return BOOK_MATRIX_SIZE


def random_matrices(size: int, seed: int, count: int = 2) -> list[np.ndarray]:
    """`np.random.rand(size, size).astype('float32')`, seeded, each divided by `size`.

    The book's uniform(0, 1) matrices have spectral radius ~ size/2, so their 11th power overflows to
    inf in float32 (only the timing mattered in the book). Dividing by the size makes the radius ~ 1/2, so
    A^11 stays finite and can be checked against numpy; the amount of work is unchanged.
    """
    rng = np.random.RandomState(seed)
    return [(rng.rand(size, size) / size).astype("float32") for _ in range(count)]


def matpow(m: tf.Tensor, n: int) -> tf.Tensor:
    """The book's recursive `matpow` (L7755-7759): matpow(M, n) = M^(n+1) as n matmuls."""
    if n < 1:  # the book's "Abstract cases where n < 1"
        return m
    return tf.matmul(m, matpow(m, n - 1))


def numpy_matpow(m: np.ndarray, n: int) -> np.ndarray:
    """matpow in float64 numpy, to check the graph's result."""
    return np.linalg.matrix_power(m.astype(np.float64), n + 1)


def relative_error_vs_numpy(result: np.ndarray, a: np.ndarray, b: np.ndarray, n: int) -> float:
    """max |result - (A^(n+1) + B^(n+1))| / max |A^(n+1) + B^(n+1)|, the reference in float64 numpy."""
    expected = numpy_matpow(a, n) + numpy_matpow(b, n)
    return float(np.max(np.abs(result - expected)) / np.max(np.abs(expected)))


def placement_options() -> tuple[tf.compat.v1.RunOptions, tf.compat.v1.RunMetadata]:
    """RunOptions/RunMetadata that record the partition graphs, i.e. where every node actually ran."""
    return tf.compat.v1.RunOptions(output_partition_graphs=True), tf.compat.v1.RunMetadata()


def devices_used(metadata: tf.compat.v1.RunMetadata) -> list[str]:
    """The devices the placer put the run's nodes on (from the partition graphs)."""
    return sorted({node.device for graph in metadata.partition_graphs for node in graph.node})
