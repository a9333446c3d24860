"""Helpers shared by the chapter 2, chapter 7 and Seed B ("TensorFlow API") modern modules.

* `make_logdir`, and numpy draws of the initialisers these examples use (`truncated_normal`,
  `glorot_uniform`), made exactly as reference_tf1's, so that `initial_weights(seed)` returns the same
  arrays in both trees (this tree does not import the TF1 one);
* the optimizers with every TF1 default that Keras changed pinned (`sgd`, `adam`, `TF1RMSprop` /
  `rmsprop_momentum`, `adagrad_estimator`);
* `EagerModel` (what a module's parity build returns) and `EagerParityModel`, the generic ParityModel
  implementation: a fresh model and optimizer per call, weights mapped by canonical (reference) name,
  the module's own training step, all randomness off;
* `write_scalar` / `write_histogram`: what tf.summary.scalar / histogram write, without the tensorboard
  package they live in (tensorflow-cpu does not install it; calling them raises TBNotInstalledError):
  `tf.summary.write` of the same tensors with the same plugin metadata, usable inside a tf.function;
* event-file reading (`summary_values`), since TF2 keeps `summary_iterator` only in its TF1 API;
* the iris pieces of the Seed B examples (`iris_dnn` as a Keras functional model, with the canonical
  names "dnn/hiddenlayer_<k>/kernel" ... mapped onto Keras variable paths "hiddenlayer_<k>/kernel");
* the chapter 7 pieces (`matpow`, the matrices, GPU detection).

Variable layouts are the same in both trees for everything here: Dense kernels [in, out], Conv2D kernels
[h, w, in, out], biases and batch-norm vectors [units]. Only the names differ (Keras layer names cannot
contain "/", so the reference's "dnn/" scope is dropped on the Keras side).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from tensorflow.core.framework import summary_pb2
from tensorflow.core.util import event_pb2

from tfmigrate.book.runtime import Batch, RunConfig, TensorSpec, Weights

# --- logs and initial values --------------------------------------------------------------------------------


def make_logdir(config: RunConfig, *parts: str) -> Path:
    """config.logdir (or a fresh temporary directory) joined with `parts`, created."""
    root = Path(tempfile.mkdtemp(prefix="tfmigrate-")) if config.logdir is None else config.logdir
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def truncated_normal(rng: np.random.Generator, shape: Sequence[int], stddev: float) -> np.ndarray:
    """Like TF1's `truncated_normal(shape, stddev=stddev)` (draws beyond 2 sigma redrawn), in numpy.

    The same draws in the same order as reference_tf1's helper; run() uses
    keras.initializers.TruncatedNormal, which also cuts at 2 sigma.
    """
    values = rng.normal(0.0, stddev, size=tuple(shape))
    outside = np.abs(values) > 2.0 * stddev
    while outside.any():
        values[outside] = rng.normal(0.0, stddev, size=int(outside.sum()))
        outside = np.abs(values) > 2.0 * stddev
    return values.astype(np.float32)


def glorot_uniform(rng: np.random.Generator, shape: Sequence[int]) -> np.ndarray:
    """Glorot uniform (TF1 layers' default kernel initializer, Keras' too), in numpy."""
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=tuple(shape)).astype(np.float32)


def _plugin_metadata(plugin: str, data_class: int) -> bytes:
    metadata: bytes = summary_pb2.SummaryMetadata(
        plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin), data_class=data_class
    ).SerializeToString()
    return metadata


_SCALAR_METADATA = _plugin_metadata("scalars", summary_pb2.DATA_CLASS_SCALAR)
_HISTOGRAM_METADATA = _plugin_metadata("histograms", summary_pb2.DATA_CLASS_TENSOR)


def write_scalar(name: str, value: Any, step: Any) -> Any:
    """`tf.summary.scalar(name, value, step)`: a float32 scalar for TensorBoard's "scalars" plugin."""
    return tf.summary.write(name, tf.cast(value, tf.float32), step=step, metadata=_SCALAR_METADATA)


def write_histogram(name: str, values: Any, step: Any, buckets: int = 30) -> Any:
    """`tf.summary.histogram(name, values, step)`: [buckets, 3] rows (left edge, right edge, count).

    Graph-safe (no Python floats), so it can sit in a tf.function training step; when every value is
    equal (a zero-initialised bias) the range is widened by 1 and all counts land in the first bucket.
    """
    data = tf.reshape(tf.cast(values, tf.float64), [-1])
    low, high = tf.reduce_min(data), tf.reduce_max(data)
    high = tf.where(high > low, high, low + 1.0)
    counts = tf.cast(tf.histogram_fixed_width(data, tf.stack([low, high]), nbins=buckets), tf.float64)
    edges = tf.linspace(low, high, buckets + 1)
    table = tf.stack([edges[:-1], edges[1:], counts], axis=1)
    return tf.summary.write(name, table, step=step, metadata=_HISTOGRAM_METADATA)


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


# --- optimizers with TF1's defaults -------------------------------------------------------------------------


def sgd(learning_rate: float | keras.optimizers.schedules.LearningRateSchedule) -> keras.optimizers.SGD:
    """`tf.train.GradientDescentOptimizer`: var -= lr * grad, no momentum (Keras' default too)."""
    return keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.0, nesterov=False)


F32_0_9 = float(np.float32(0.9))
F32_0_999 = float(np.float32(0.999))
"""TF1's decay constants as float32 values. TF1's kernels compute `1 - beta` in float32 from the float32
beta (1 - 0.9f = 0.10000002); Keras computes `1 - beta` from the Python float (0.1 in float32), which makes
Adam's second moment differ by 1.3e-5 relatively after one step. Passing the float32-rounded value makes
Keras' `1 - beta` the same float32 number as TF1's."""


def adam(learning_rate: float | keras.optimizers.schedules.LearningRateSchedule) -> keras.optimizers.Adam:
    """`tf.train.AdamOptimizer`: Keras computes the same update in the same order ("epsilon hat");
    TF1's epsilon 1e-8 pinned (Keras: 1e-7) and beta1/beta2 given as float32 values (see F32_0_9)."""
    return keras.optimizers.Adam(learning_rate=learning_rate, beta_1=F32_0_9, beta_2=F32_0_999, epsilon=1e-8)


class TF1RMSprop(keras.optimizers.RMSprop):  # type: ignore[misc]  # tensorflow/keras are untyped
    """TF1's `RMSPropOptimizer` as a Keras 3 optimizer: a custom piece, because Keras starts the
    mean-square slot at 0 where TF1 starts it at 1.0 and writes the update in another rounding order.

    The update is TF1's kernel (training_ops ApplyRMSProp), in its order:
    `ms += (g^2 - ms) * (1 - rho); mom = mom * momentum + g * lr / sqrt(ms + epsilon); var -= mom`
    (Keras 3.15 has the same epsilon-inside-the-sqrt formula but computes rho * ms + (1 - rho) * g^2).
    Give rho as a float32 value (`F32_0_9`) so that `1 - rho` is TF1's float32 number.
    """

    def build(self, var_list: list[Any]) -> None:
        if self.built:
            return
        super().build(var_list)
        # init_scope: a build during a tf.function trace still assigns once, eagerly.
        with tf.init_scope():
            for velocity in self._velocities:
                velocity.assign(tf.ones(velocity.shape, velocity.dtype))

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
        lr = keras.ops.cast(learning_rate, variable.dtype)
        gradient = keras.ops.cast(gradient, variable.dtype)
        ms = self._velocities[self._get_variable_index(variable)]
        self.assign_add(
            ms, keras.ops.multiply(keras.ops.subtract(keras.ops.square(gradient), ms), 1 - self.rho)
        )
        increment = keras.ops.divide(
            keras.ops.multiply(gradient, lr), keras.ops.sqrt(keras.ops.add(ms, self.epsilon))
        )
        if self.momentum > 0:
            mom = self._momentums[self._get_variable_index(variable)]
            self.assign(mom, keras.ops.add(keras.ops.multiply(mom, self.momentum), increment))
            self.assign_sub(variable, mom)
        else:
            self.assign_sub(variable, increment)


def rmsprop_momentum(learning_rate: float, momentum: float = 0.9) -> TF1RMSprop:
    """`tf.train.RMSPropOptimizer(lr, decay=0.9, momentum=0.9, epsilon=1e-10)`, every default pinned."""
    return TF1RMSprop(
        learning_rate=learning_rate, rho=F32_0_9, momentum=momentum, epsilon=1e-10, centered=False
    )


def adagrad_estimator(learning_rate: float) -> keras.optimizers.Adagrad:
    """The premade estimators' `AdagradOptimizer(lr, initial_accumulator_value=0.1)`.

    TF1's Adagrad has no epsilon (`var -= lr * g / sqrt(acc)`); Keras adds epsilon (default 1e-7) inside
    the sqrt, so it is pinned to 0 (the accumulators start at 0.1, so the sqrt is never of 0).
    """
    return keras.optimizers.Adagrad(learning_rate=learning_rate, initial_accumulator_value=0.1, epsilon=0.0)


# --- parity hooks -------------------------------------------------------------------------------------------


@dataclass
class EagerModel:
    """What a module's parity build returns: its variables by canonical name and its own computations.

    `variables` holds every weight the hooks exchange (trainable ones and state such as batch-norm moving
    statistics), `trainable` the names that get gradients. `forward`/`loss` take a batch of tensors
    with randomness off; `train_step(batch)` is one step of the module's own training code (the same
    tf.function or Keras train function run() uses), at the learning rate the model was built with.
    """

    variables: dict[str, Any]
    trainable: tuple[str, ...]
    forward: Callable[[dict[str, tf.Tensor]], tf.Tensor]
    loss: Callable[[dict[str, tf.Tensor]], tf.Tensor]
    train_step: Callable[[dict[str, tf.Tensor]], Any]
    extra: dict[str, Any] = field(default_factory=dict)


BuildFn = Callable[[float | None], EagerModel]
"""Builds a fresh model and optimizer (fresh slots); None = the example's own learning rate (schedule)."""


class EagerParityModel:
    """ParityModel hooks for an eager/Keras example: a fresh model per call, weights by canonical name."""

    def __init__(
        self,
        spec: Mapping[str, TensorSpec],
        draw_weights: Callable[[np.random.Generator], Weights],
        build: BuildFn,
    ) -> None:
        self._spec = dict(spec)
        self._draw_weights = draw_weights
        self._build = build

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw_weights(np.random.default_rng(seed))

    def load(self, weights: Weights, learning_rate: float | None = None) -> EagerModel:
        """A fresh model holding `weights`, with a fresh optimizer (None: the example's learning rate)."""
        model = self._build(learning_rate)
        mismatch = set(model.variables) ^ set(weights)
        if mismatch:
            raise KeyError(f"weights do not match the model's variables: {sorted(mismatch)}")
        for name, variable in model.variables.items():
            variable.assign(np.asarray(weights[name], np.float32).reshape(variable.shape))
        return model

    def tensors(self, batch: Batch) -> dict[str, tf.Tensor]:
        """The batch as tensors of the dtypes of the batch spec (class ids stay integers)."""
        return {name: tf.constant(np.asarray(batch[name], spec.dtype)) for name, spec in self._spec.items()}

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        return np.asarray(self.load(weights).forward(self.tensors(batch)))

    def loss(self, weights: Weights, batch: Batch) -> float:
        return float(self.load(weights).loss(self.tensors(batch)))

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        model = self.load(weights)
        names = sorted(model.trainable)
        variables = [model.variables[name] for name in names]

        @tf.function  # type: ignore[untyped-decorator]
        def compute(inputs: dict[str, tf.Tensor]) -> list[tf.Tensor]:
            with tf.GradientTape() as tape:
                loss = model.loss(inputs)
            return list(tape.gradient(loss, variables))

        values = compute(self.tensors(batch))
        return {name: np.asarray(value, np.float32) for name, value in zip(names, values, strict=True)}

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        model = self.load(weights, learning_rate)
        for batch in batches:
            model.train_step(self.tensors(batch))
        return {name: np.asarray(variable.numpy(), np.float32) for name, variable in model.variables.items()}


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
        weights[f"{scope}/hiddenlayer_{k}/kernel"] = glorot_uniform(rng, [sizes[k], units])
        weights[f"{scope}/hiddenlayer_{k}/bias"] = np.zeros([units], np.float32)
        if batch_norm:
            bn = f"{scope}/batchnorm_{k}"
            weights[f"{bn}/gamma"] = np.ones([units], np.float32)
            weights[f"{bn}/beta"] = np.zeros([units], np.float32)
            weights[f"{bn}/moving_mean"] = np.zeros([units], np.float32)
            weights[f"{bn}/moving_variance"] = np.ones([units], np.float32)
    weights[f"{scope}/logits/kernel"] = glorot_uniform(rng, [sizes[-1], n_classes])
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

    def train_step(batch: dict[str, tf.Tensor]) -> None:
        model.train_on_batch(batch["x"], batch["y"])

    variables = canonical_variables(model)
    return EagerModel(
        variables=variables,
        trainable=tuple(variables),
        forward=lambda batch: model(batch["x"], training=False),
        loss=lambda batch: model.loss(batch["y"], model(batch["x"], training=False)),
        train_step=train_step,
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
