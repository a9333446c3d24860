"""Helpers shared by the chapter 2, chapter 7 and Seed B ("TensorFlow API") modern modules.

* `make_logdir`, and event-file reading (`summary_values`), since TF2 keeps `summary_iterator` only in
  its TF1 API;
* the iris pieces of the Seed B examples (`iris_dnn` as a Keras functional model, with the canonical
  names "dnn/hiddenlayer_<k>/kernel" ... mapped onto Keras variable paths "hiddenlayer_<k>/kernel");
* the chapter 7 pieces (`matpow`, the matrices, GPU detection).

Variable layouts are the same in both trees for everything here: Dense kernels [in, out], Conv2D kernels
[h, w, in, out], biases and batch-norm vectors [units]. Only the names differ (Keras layer names cannot
contain "/", so the reference's "dnn/" scope is dropped on the Keras side).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from tensorflow.core.util import event_pb2

from modern_tf2._parity import EagerModel, Tensors
from modern_tf2._tf1_optimizers import adam
from tfmigrate.book import initializers
from tfmigrate.book.runtime import RunConfig, TensorSpec, Weights

# --- logs --------------------------------------------------------------------------------


def make_logdir(config: RunConfig, *parts: str) -> Path:
    """config.logdir (or a fresh temporary directory) joined with `parts`, created."""
    root = Path(tempfile.mkdtemp(prefix="tfmigrate-")) if config.logdir is None else config.logdir
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def summary_values(logdir: Path) -> dict[str, list[tuple[int, Any]]]:
    """Every summary value in the event files under `logdir`, by tag: [(step, value)] in step order.

    tf.summary (v2) writes scalars and histograms as tensors; scalars come back as Python floats,
    histograms as numpy arrays of their buckets.
    """
    found: dict[str, list[tuple[int, Any]]] = {}
    for event_file in sorted(logdir.glob("events.out.tfevents.*")):
        for record in tf.data.TFRecordDataset(str(event_file)):
            event = event_pb2.Event.FromString(record.numpy())
            for value in event.summary.value:
                array = tf.make_ndarray(value.tensor) if value.HasField("tensor") else value.simple_value
                item = float(array) if np.ndim(array) == 0 else np.asarray(array)
                found.setdefault(value.tag, []).append((event.step, item))
    return {tag: sorted(items, key=lambda pair: pair[0]) for tag, items in found.items()}


# --- Seed B: iris -------------------------------------------------------------------------------------------

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
    """Iris as float32 features [N, 4] / int32 labels, split 120/30 by a seeded permutation (as reference)."""
    from tfmigrate.book.data import iris

    all_features, all_labels, _names = iris.load()
    order = np.random.RandomState(seed).permutation(len(all_labels))
    features = np.asarray(all_features, np.float32)[order]
    labels = np.asarray(all_labels, np.int32)[order]
    return features[n_test:], labels[n_test:], features[:n_test], labels[:n_test]


def as_feature_dict(features: np.ndarray) -> dict[str, np.ndarray]:
    """[N, 4] iris rows -> Seed B's feature dictionary."""
    return {name: features[:, k] for k, name in enumerate(IRIS_FEATURES)}


IRIS_BATCH_SPEC = {
    "x": TensorSpec((4,), low=0.0, high=8.0),
    "y": TensorSpec((), dtype="int32", kind="index", low=0, high=3),
}
"""A batch of iris rows (features in cm) and class ids."""


class IrisBatches:
    """`next_batch()` over shuffled epochs of the iris rows (numpy, seeded; the reference's order).

    A short last batch is skipped. `dataset()` wraps the same sequence as an endless tf.data pipeline.
    """

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

    def dataset(self) -> tf.data.Dataset:
        """The batches of `next_batch()`, in the same order, as a tf.data.Dataset (not prefetched, so a
        run that stops early has drawn exactly the batches it trained on)."""

        def generate() -> Iterator[tuple[np.ndarray, np.ndarray]]:
            while True:
                yield self.next_batch()

        return tf.data.Dataset.from_generator(
            generate,
            output_signature=(
                tf.TensorSpec([self._batch_size, 4], tf.float32),
                tf.TensorSpec([self._batch_size], tf.int32),
            ),
        )


def iris_dnn(
    inputs: keras.KerasTensor,
    *,
    hidden_units: Sequence[int] = (10, 10),
    n_classes: int = 3,
    dropout_rate: float = 0.0,
    batch_norm: bool = False,
    batch_norm_momentum: float = 0.99,
    seed: int | None = None,
) -> keras.KerasTensor:
    """The premade DNNClassifier's network as Keras 3 layers (the reference's `iris_dnn`).

    Hidden layers "hiddenlayer_<k>" (ReLU; Glorot-uniform kernels, zero biases), optionally each followed
    by "batchnorm_<k>" before the ReLU (momentum and epsilon pinned; TF1's moving-average semantics:
    TF1 `decay` = Keras `momentum`, both average towards the batch mean and the biased batch variance
    with weight 1 - momentum, in the training forward pass; Keras writes it m * momentum + x * (1 -
    momentum) where TF1 writes m - (m - x) * (1 - momentum), one float32 rounding apart, 1.2e-7 at most
    in the parity tests) and by Dropout(rate) after it, then "logits". Returns the logits tensor.
    """
    net = inputs
    for k, units in enumerate(hidden_units):
        net = keras.layers.Dense(
            units,
            activation=None if batch_norm else "relu",
            kernel_initializer=keras.initializers.GlorotUniform(seed=None if seed is None else seed + k),
            bias_initializer="zeros",
            name=f"hiddenlayer_{k}",
        )(net)
        if batch_norm:
            net = keras.layers.BatchNormalization(
                momentum=batch_norm_momentum, epsilon=0.001, center=True, scale=True, name=f"batchnorm_{k}"
            )(net)
            net = keras.layers.ReLU(name=f"relu_{k}")(net)
        if dropout_rate > 0.0:
            net = keras.layers.Dropout(dropout_rate, seed=seed, name=f"dropout_{k}")(net)
    return keras.layers.Dense(
        n_classes,
        kernel_initializer=keras.initializers.GlorotUniform(seed=None if seed is None else seed + 100),
        bias_initializer="zeros",
        name="logits",
    )(net)


def layer_variables(model: keras.Model, prefix: str = "") -> dict[str, keras.Variable]:
    """Every variable of `model` (moving statistics included) as "<prefix><layer name>/<variable name>".

    Built from the layer names rather than `Variable.path`, which differs between functional models
    ("dense1/kernel") and Sequential ones (which prepend the model's name).
    """
    return {
        f"{prefix}{layer.name}/{variable.name}": variable
        for layer in model.layers
        for variable in layer.weights
    }


def canonical_variables(model: keras.Model, scope: str = "dnn") -> dict[str, keras.Variable]:
    """The reference's names for `iris_dnn`'s variables: Keras "hiddenlayer_0/kernel" ->
    "<scope>/hiddenlayer_0/kernel"."""
    return layer_variables(model, prefix=f"{scope}/")


def draw_iris_dnn(
    rng: np.random.Generator,
    *,
    n_inputs: int = 4,
    hidden_units: Sequence[int] = (10, 10),
    n_classes: int = 3,
    batch_norm: bool = False,
    scope: str = "dnn",
) -> Weights:
    """numpy initial weights for `iris_dnn`, drawn exactly as the reference's `draw_iris_dnn`."""
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
    learning_rate: float, *, dropout_rate: float = 0.1, seed: int | None = None
) -> keras.Model:
    """The iris classifier Seed B's saving examples train, save and restore (reference `iris_classifier`).

    Input "features" [N, 4], output the logits; Dropout(0.1) only when called with training=True (the
    reference's "is_training" placeholder); compiled with the mean sparse softmax cross-entropy and Adam
    with TF1's defaults pinned.
    """
    features = keras.Input((4,), name="features")
    logits = iris_dnn(features, dropout_rate=dropout_rate, seed=seed)
    model = keras.Model(features, logits, name="iris_classifier")
    model.compile(
        optimizer=adam(learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")],
        jit_compile=False,
    )
    return model


def iris_classifier_parity(learning_rate: float) -> EagerModel:
    """The parity view of `iris_classifier`: built without dropout (the reference feeds is_training=False;
    Dropout has no variables), trained by `train_on_batch`, i.e. Keras' own train step, as run() is."""
    model = iris_classifier(learning_rate, dropout_rate=0.0)
    model.optimizer.build(model.trainable_variables)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        logits = model(batch["x"], training=False)
        return logits, model.loss(batch["y"], logits)

    return EagerModel(
        variables=canonical_variables(model),
        output_and_loss=output_and_loss,
        train_step=lambda batch: model.train_on_batch(batch["x"], batch["y"]),
        model=model,
    )


# --- Chapter 7 ----------------------------------------------------------------------------------------------

BOOK_MATRIX_SIZE = 10000
"""The book's 10000 x 10000 matrices (L7739-7740): 2 x 10 matmuls of 2e12 FLOP each."""

CPU_MATRIX_SIZE = 256
"""What we use without a GPU (or with --smoke): the book's size takes minutes per run on 2 cores."""


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
    """`np.random.rand(size, size).astype('float32')`, seeded, each divided by `size` (as the reference:
    the book's uniform(0, 1) matrices overflow to inf by the 11th power; the work is unchanged)."""
    rng = np.random.RandomState(seed)
    return [(rng.rand(size, size) / size).astype("float32") for _ in range(count)]


def matpow(m: tf.Tensor, n: int) -> tf.Tensor:
    """The book's recursive `matpow` (L7755-7759): matpow(M, n) = M^(n+1) as n matmuls.

    Traced once inside a tf.function, the recursion unrolls into the same chain of n matmuls the TF1
    graph holds; `n` is a Python int, so it is part of the trace, not a tensor.
    """
    if n < 1:  # the book's "Abstract cases where n < 1"
        return m
    return tf.matmul(m, matpow(m, n - 1))


def numpy_matpow(m: np.ndarray, n: int) -> np.ndarray:
    """matpow in float64 numpy, to check the result."""
    return np.linalg.matrix_power(m.astype(np.float64), n + 1)


def relative_error_vs_numpy(result: np.ndarray, a: np.ndarray, b: np.ndarray, n: int) -> float:
    """max |result - (A^(n+1) + B^(n+1))| / max |A^(n+1) + B^(n+1)|, the reference in float64 numpy."""
    expected = numpy_matpow(a, n) + numpy_matpow(b, n)
    return float(np.max(np.abs(result - expected)) / np.max(np.abs(expected)))
