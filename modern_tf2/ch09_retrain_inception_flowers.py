"""ch09_retrain_inception_flowers: retraining a classifier's last layer (Seed A L9079-9110, prose
L9063-9124), rewritten for TensorFlow 2. Spec: reference_tf1/ch09_retrain_inception_flowers.py.

The book runs TensorFlow's `retrain.py` (Inception v3 GraphDef, cached 2048-d "bottlenecks", a new final
softmax layer trained on them, the retrained graph frozen to `retrained_graph.pb`). As in the reference,
the Inception v3 weights and flower_photos cannot be downloaded, so the same two stand-ins are used:
* the stand-in "Inception" -- JPEG bytes -> decode -> bilinear resize to 64x64 -> (x - 128) / 128 -> three
  ReLU convolutions (stride 2) and a 1x1 one to 2048 channels -> spatial mean -> the [1, 2048] bottleneck,
  its kernels drawn from the reference's fixed numpy seed in the reference's order -- is a `tf.Module`
  (`StandInInception`, kernels as non-trainable tf.Variables, a tf.function `bottleneck(contents)`) saved
  with `tf.saved_model.save` to `model_dir/inception_stand_in` and loaded back with `tf.saved_model.load`
  (the reference writes a GraphDef and re-imports it with tf.import_graph_def, as retrain.py did).
  Resize: `tf.image.resize(method="bilinear")` uses half-pixel centres, TF1's `resize_bilinear` did not
  (align_corners=False, half_pixel_centers=False), so the bottlenecks differ a little from the reference's;
  the retrained layer's parity is checked on given bottlenecks, where both trees compute the same function;
* the seeded synthetic JPEG "flower photos" (daisy, dandelion, roses, sunflowers, tulips), the same
  generator as the reference's.

retrain.py's own logic, kept as the reference keeps it: the hash-based 10 % / 10 % split, the bottleneck
cache (one comma-separated text file per image), the final layer (`FinalLayer`, a tf.Module: final_weights
[2048, 5] truncated normal stddev 0.001, final_biases zeros, final_result = softmax), mean softmax
cross-entropy (labels get no gradient, as TF1's op), plain gradient descent at 0.01 (`var -= lr * grad`, what
GradientDescentOptimizer does) in a tf.function step, 4000 steps of 100 random cached training bottlenecks
(numpy RandomState(seed), as the reference), evaluation every 10 steps on 100 random validation bottlenecks,
the final test on all test images; TensorBoard: tf.summary (v2) scalars/histograms of retrain.py's
summaries (variable mean/stddev/max/min/histogram, pre_activations, activations, cross_entropy, accuracy)
under `summaries_dir/train` and `/validation`.
Export: instead of freezing variables into a GraphDef (`convert_variables_to_constants`), the stand-in and
the retrained layer are saved together as a SavedModel (`RetrainedClassifier`) whose serving signature takes
the JPEG bytes (`contents`, the book's `DecodeJpeg/contents:0`) and returns `final_result`; the labels go to
`retrained_labels.txt`. ch09_classify_image loads both. Everything lives under `logdir/tensorflow_files/`.
`config.steps` overrides the training steps. jit_compile: off (`JIT_COMPILE`): XLA made the step slower
(1.6 vs 1.2 ms per batch of 100).

WEIGHT MAPPING (reference name -> tf.Module variable; same layouts): "final_weights" [2048, 5] ->
FinalLayer.final_weights, "final_biases" [5] -> FinalLayer.final_biases.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf
from PIL import Image

from modern_tf2._ch08_ch10_common import make_logdir
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.initializers import truncated_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

# retrain.py's flag defaults (TF 1.0/1.1).
HOW_MANY_TRAINING_STEPS = 4000
LEARNING_RATE = 0.01
TESTING_PERCENTAGE = 10
VALIDATION_PERCENTAGE = 10
EVAL_STEP_INTERVAL = 10
TRAIN_BATCH_SIZE = 100
TEST_BATCH_SIZE = -1
VALIDATION_BATCH_SIZE = 100
FINAL_TENSOR_NAME = "final_result"
MAX_NUM_IMAGES_PER_CLASS = 2**27 - 1
JIT_COMPILE = False

# The stand-in for Inception v3 (the reference's sizes and seed).
BOTTLENECK_TENSOR_SIZE = 2048  # as Inception v3
JPEG_INPUT_NAME = "contents"  # the book's DecodeJpeg/contents:0
MODEL_INPUT_SIZE = 64  # Inception v3: 299
INPUT_MEAN, INPUT_STD = 128.0, 128.0
STAND_IN_SEED = 20170323  # fixed: the "pretrained" weights do not change with the run's seed
STAND_IN_CONVS = ((5, 3, 32, 2), (3, 32, 64, 2), (3, 64, 128, 2), (1, 128, BOTTLENECK_TENSOR_SIZE, 1))
MODEL_NAME = "inception_stand_in"

# The synthetic flower_photos (the reference's generator).
FLOWERS = ("daisy", "dandelion", "roses", "sunflowers", "tulips")
PHOTO_SIZE = 96
IMAGES_PER_CLASS = 100
SMOKE_IMAGES_PER_CLASS = 20
SMOKE_STEPS = 300
_PETAL_CENTRE = {
    "daisy": ((245, 245, 240), (240, 200, 30)),
    "dandelion": ((250, 215, 20), (235, 190, 10)),
    "roses": ((200, 20, 40), (120, 10, 20)),
    "sunflowers": ((250, 200, 0), (90, 50, 20)),
    "tulips": ((230, 90, 170), (250, 160, 200)),
}


ImageLists = OrderedDict[str, dict[str, Any]]
"""retrain.py's image lists: label -> {"dir": sub-directory, "training" / "testing" / "validation": files}."""


@dataclass(frozen=True)
class Paths:
    """The book's ~/tensorflow_files layout under the run's log directory."""

    root: Path

    @property
    def image_dir(self) -> Path:
        return self.root / "flower_photos"

    @property
    def bottleneck_dir(self) -> Path:
        return self.root / "bottlenecks"

    @property
    def model_dir(self) -> Path:
        return self.root / "inception"

    @property
    def output_model(self) -> Path:
        """The retrained classifier, a SavedModel directory (the reference: retrained_graph.pb)."""
        return self.root / "retrained_model"

    @property
    def output_labels(self) -> Path:
        return self.root / "retrained_labels.txt"

    @property
    def summaries_dir(self) -> Path:
        return self.root / "retrain_logs"


# ----------------------------------------------------------------------------------------------------------
# Stand-in data and model


def make_flower_photos(image_dir: Path, per_class: int, seed: int) -> None:
    """Write `per_class` seeded synthetic JPEG flowers per class: petals around a centre on green noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:PHOTO_SIZE, 0:PHOTO_SIZE].astype(np.float32)
    for label in FLOWERS:
        petal, centre = (np.array(c, np.float32) for c in _PETAL_CENTRE[label])
        (image_dir / label).mkdir(parents=True, exist_ok=True)
        for k in range(per_class):
            image = np.empty((PHOTO_SIZE, PHOTO_SIZE, 3), np.float32)
            image[...] = rng.normal([60, 120, 50], 20, size=(PHOTO_SIZE, PHOTO_SIZE, 3))
            cy, cx = rng.uniform(0.35, 0.65, size=2) * PHOTO_SIZE
            radius = rng.uniform(0.2, 0.32) * PHOTO_SIZE
            petals = int(rng.integers(5, 13))
            phase = rng.uniform(0, 2 * np.pi)
            r = np.hypot(yy - cy, xx - cx)
            angle = np.arctan2(yy - cy, xx - cx)
            petal_edge = radius * (0.6 + 0.4 * np.abs(np.cos(petals * (angle + phase) / 2)))
            shade = rng.uniform(0.85, 1.1)
            image[r < petal_edge] = petal * shade
            image[r < radius * rng.uniform(0.25, 0.45)] = centre * shade
            image += rng.normal(0, 8, size=image.shape)
            pixels = np.clip(image, 0, 255).astype(np.uint8)
            Image.fromarray(pixels).save(image_dir / label / f"{label}_{k:04d}.jpg", quality=90)


class StandInInception(tf.Module):
    """The frozen "pretrained" feature extractor: JPEG bytes -> the [1, 2048] bottleneck."""

    def __init__(self) -> None:
        super().__init__(name="inception_stand_in")
        rng = np.random.default_rng(STAND_IN_SEED)
        self.kernels: list[tf.Variable] = []
        self.strides: list[int] = []
        for k, (size, n_in, n_out, stride) in enumerate(STAND_IN_CONVS):
            kernel = rng.normal(0.0, np.sqrt(2.0 / (size * size * n_in)), size=(size, size, n_in, n_out))
            self.kernels.append(tf.Variable(kernel.astype(np.float32), trainable=False, name=f"conv_{k}"))
            self.strides.append(stride)

    @tf.function(input_signature=[tf.TensorSpec([], tf.string, name=JPEG_INPUT_NAME)], autograph=False)
    def bottleneck(self, contents: tf.Tensor) -> tf.Tensor:
        decoded = tf.io.decode_jpeg(contents, channels=3)
        batched = tf.expand_dims(tf.cast(decoded, tf.float32), 0)
        resized = tf.image.resize(batched, [MODEL_INPUT_SIZE, MODEL_INPUT_SIZE], method="bilinear")
        net = (resized - INPUT_MEAN) / INPUT_STD
        for kernel, stride in zip(self.kernels, self.strides, strict=True):
            net = tf.nn.relu(tf.nn.conv2d(net, kernel, strides=stride, padding="SAME"))
        pooled = tf.reduce_mean(net, axis=[1, 2])
        return tf.reshape(pooled, [1, BOTTLENECK_TENSOR_SIZE])


def write_stand_in_model(model_dir: Path) -> Path:
    """Save the stand-in "Inception" as a SavedModel (what retrain.py would have downloaded)."""
    path = model_dir / MODEL_NAME
    if not (path / "saved_model.pb").exists():
        model_dir.mkdir(parents=True, exist_ok=True)
        module = StandInInception()
        tf.saved_model.save(module, str(path), signatures={"serving_default": module.bottleneck})
    return path


def load_inception(model_dir: Path) -> Any:
    """retrain.py's create_inception_graph, TF2 style: load the saved feature extractor."""
    return tf.saved_model.load(str(model_dir / MODEL_NAME))


# ----------------------------------------------------------------------------------------------------------
# retrain.py's data handling


def create_image_lists(image_dir: Path, testing_percentage: int, validation_percentage: int) -> ImageLists:
    """Split each class's images by a hash of the file name, so the split is stable across runs."""
    result: ImageLists = OrderedDict()
    for sub_dir in sorted(p for p in image_dir.iterdir() if p.is_dir()):
        label_name = re.sub(r"[^a-z0-9]+", " ", sub_dir.name.lower())
        training, testing, validation = [], [], []
        for file in sorted(sub_dir.glob("*.jpg")):
            hash_name = re.sub(r"_nohash_.*$", "", file.name)
            hashed = hashlib.sha1(hash_name.encode()).hexdigest()
            percentage = (int(hashed, 16) % (MAX_NUM_IMAGES_PER_CLASS + 1)) * (
                100.0 / MAX_NUM_IMAGES_PER_CLASS
            )
            if percentage < validation_percentage:
                validation.append(file.name)
            elif percentage < testing_percentage + validation_percentage:
                testing.append(file.name)
            else:
                training.append(file.name)
        result[label_name] = {
            "dir": sub_dir.name,
            "training": training,
            "testing": testing,
            "validation": validation,
        }
    return result


def _image_path(image_lists: ImageLists, label: str, index: int, root: Path, category: str) -> Path:
    files = image_lists[label][category]
    if not files:  # retrain.py: tf.logging.fatal (it warns about classes with fewer than 20 images)
        raise ValueError(f"Label {label} has no images in the category {category}.")
    return root / str(image_lists[label]["dir"]) / str(files[index % len(files)])


class BottleneckCache:
    """retrain.py's bottleneck files: computed once per image with the feature extractor, kept as text."""

    def __init__(self, inception: Any, image_lists: ImageLists, paths: Paths) -> None:
        self.inception = inception
        self.image_lists = image_lists
        self.paths = paths
        self._parsed: dict[Path, np.ndarray] = {}

    def get(self, label: str, index: int, category: str) -> np.ndarray:
        cache = Path(
            str(_image_path(self.image_lists, label, index, self.paths.bottleneck_dir, category)) + ".txt"
        )
        if cache in self._parsed:  # retrain.py re-read the file on every use; same values, memoised
            return self._parsed[cache]
        if not cache.exists():
            cache.parent.mkdir(parents=True, exist_ok=True)
            image_data = tf.io.read_file(
                str(_image_path(self.image_lists, label, index, self.paths.image_dir, category))
            )
            values = np.squeeze(self.inception.bottleneck(image_data).numpy())
            cache.write_text(",".join(str(float(x)) for x in values))
        self._parsed[cache] = np.array([float(x) for x in cache.read_text().split(",")], np.float32)
        return self._parsed[cache]

    def cache_all(self) -> int:
        count = 0
        for label, lists in self.image_lists.items():
            for category in ("training", "testing", "validation"):
                for index in range(len(lists[category])):
                    self.get(label, index, category)
                    count += 1
        print(f"{count} bottleneck files created.")
        return count

    def random_batch(
        self, how_many: int, category: str, rng: np.random.RandomState
    ) -> tuple[np.ndarray, np.ndarray]:
        """`how_many` random (with replacement) bottlenecks of a category, or all of them if how_many < 0."""
        class_count = len(self.image_lists)
        labels = list(self.image_lists)
        if how_many >= 0:
            picks = [
                (int(rng.randint(class_count)), int(rng.randint(MAX_NUM_IMAGES_PER_CLASS + 1)))
                for _ in range(how_many)
            ]
        else:
            picks = [
                (i, k)
                for i, label in enumerate(labels)
                for k in range(len(self.image_lists[label][category]))
            ]
        bottlenecks = [self.get(labels[i], k, category) for i, k in picks]
        ground_truths = np.eye(class_count, dtype=np.float32)[[i for i, _ in picks]]
        return np.array(bottlenecks), ground_truths


# ----------------------------------------------------------------------------------------------------------
# The retrained layer


class FinalLayer(tf.Module):
    """retrain.py's new softmax layer on top of the bottleneck."""

    def __init__(self, class_count: int, seed: int | None = None) -> None:
        super().__init__(name="final_training_ops")
        initial = tf.random.truncated_normal([BOTTLENECK_TENSOR_SIZE, class_count], stddev=0.001, seed=seed)
        self.final_weights = tf.Variable(initial, name="final_weights")
        self.final_biases = tf.Variable(tf.zeros([class_count]), name="final_biases")

    def logits(self, bottleneck: tf.Tensor) -> tf.Tensor:
        return tf.matmul(bottleneck, self.final_weights) + self.final_biases

    def __call__(self, bottleneck: tf.Tensor) -> tf.Tensor:
        return tf.nn.softmax(self.logits(bottleneck), name=FINAL_TENSOR_NAME)


def cross_entropy_mean(logits: tf.Tensor, ground_truth: tf.Tensor) -> tf.Tensor:
    """Mean softmax cross-entropy; the labels get no gradient (TF1's op semantics)."""
    return tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(ground_truth), logits=logits)
    )


def accuracy_of(result: tf.Tensor, ground_truth: tf.Tensor) -> tf.Tensor:
    """retrain.py's add_evaluation_step."""
    correct_prediction = tf.equal(tf.argmax(result, 1), tf.argmax(ground_truth, 1))
    return tf.reduce_mean(tf.cast(correct_prediction, tf.float32))


def variable_summaries(name: str, var: tf.Variable, step: Any) -> None:
    """retrain.py's summaries of a variable (mean, stddev, max, min, histogram), tf.summary v2."""
    mean = tf.reduce_mean(var)
    tf.summary.scalar(f"{name}/summaries/mean", mean, step=step)
    tf.summary.scalar(f"{name}/summaries/stddev", tf.sqrt(tf.reduce_mean(tf.square(var - mean))), step=step)
    tf.summary.scalar(f"{name}/summaries/max", tf.reduce_max(var), step=step)
    tf.summary.scalar(f"{name}/summaries/min", tf.reduce_min(var), step=step)
    tf.summary.histogram(f"{name}/summaries/histogram", var, step=step)


def make_train_step(layer: FinalLayer, learning_rate: float, summaries: bool = False) -> Any:
    """One gradient-descent step (GradientDescentOptimizer: var -= lr * grad) as a tf.function; with
    `summaries`, it also writes retrain.py's training summaries to the default writer at `step`."""
    variables = [layer.final_weights, layer.final_biases]
    optimizer = gradient_descent(learning_rate)
    optimizer.build(variables)

    # autograph=False: no data-dependent Python control flow to convert (saves ~2 s of conversion).
    @tf.function(jit_compile=JIT_COMPILE, autograph=False)
    def train_step(bottleneck: tf.Tensor, ground_truth: tf.Tensor, step: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            logits = layer.logits(bottleneck)
            loss = cross_entropy_mean(logits, ground_truth)
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables, strict=True))
        if summaries:
            variable_summaries("final_training_ops/weights", layer.final_weights, step)
            variable_summaries("final_training_ops/biases", layer.final_biases, step)
            tf.summary.histogram("final_training_ops/Wx_plus_b/pre_activations", logits, step=step)
            tf.summary.histogram("activations", tf.nn.softmax(logits), step=step)
            tf.summary.scalar("cross_entropy", loss, step=step)
            tf.summary.scalar("accuracy", accuracy_of(logits, ground_truth), step=step)
        return loss

    return train_step


class RetrainedClassifier(tf.Module):
    """What gets exported: the stand-in feature extractor and the retrained layer behind one signature."""

    def __init__(self, inception: Any, final_layer: FinalLayer) -> None:
        super().__init__(name="retrained_classifier")
        self.inception = inception
        self.final_layer = final_layer

    @tf.function(input_signature=[tf.TensorSpec([], tf.string, name=JPEG_INPUT_NAME)])
    def classify(self, contents: tf.Tensor) -> dict[str, tf.Tensor]:
        return {FINAL_TENSOR_NAME: self.final_layer(self.inception.bottleneck(contents))}


# ----------------------------------------------------------------------------------------------------------
# main


def train_final_layer(
    paths: Paths, *, images_per_class: int, steps: int, seed: int
) -> tuple[RetrainedClassifier, Metrics]:
    """retrain.py's main() up to the export, on the stand-ins: the trained classifier and its metrics."""
    if not paths.image_dir.exists():
        make_flower_photos(paths.image_dir, images_per_class, seed)
    write_stand_in_model(paths.model_dir)
    inception = load_inception(paths.model_dir)
    image_lists = create_image_lists(paths.image_dir, TESTING_PERCENTAGE, VALIDATION_PERCENTAGE)
    class_count = len(image_lists)
    rng = np.random.RandomState(seed)
    cache = BottleneckCache(inception, image_lists, paths)
    cache.cache_all()

    tf.random.set_seed(seed)
    final_layer = FinalLayer(class_count, seed=seed)
    train_step = make_train_step(final_layer, LEARNING_RATE, summaries=True)

    @tf.function(autograph=False)
    def evaluate(bottleneck: tf.Tensor, ground_truth: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        logits = final_layer.logits(bottleneck)
        return accuracy_of(logits, ground_truth), cross_entropy_mean(logits, ground_truth)

    train_writer = tf.summary.create_file_writer(str(paths.summaries_dir / "train"))
    validation_writer = tf.summary.create_file_writer(str(paths.summaries_dir / "validation"))
    train_accuracy = validation_accuracy = cross_entropy_value = float("nan")
    for i in range(steps):
        train_bottlenecks, train_ground_truth = cache.random_batch(TRAIN_BATCH_SIZE, "training", rng)
        with train_writer.as_default():
            train_step(train_bottlenecks, train_ground_truth, tf.constant(i, tf.int64))
        is_last_step = i + 1 == steps
        if (i % EVAL_STEP_INTERVAL) == 0 or is_last_step:
            train_accuracy, cross_entropy_value = (
                float(v) for v in evaluate(train_bottlenecks, train_ground_truth)
            )
            print(f"{datetime.now()}: Step {i}: Train accuracy = {train_accuracy * 100:.1f}%")
            print(f"{datetime.now()}: Step {i}: Cross entropy = {cross_entropy_value:f}")
            validation_bottlenecks, validation_ground_truth = cache.random_batch(
                VALIDATION_BATCH_SIZE, "validation", rng
            )
            validation_accuracy = float(evaluate(validation_bottlenecks, validation_ground_truth)[0])
            with validation_writer.as_default():
                tf.summary.scalar("accuracy", validation_accuracy, step=i)
            print(
                f"{datetime.now()}: Step {i}: Validation accuracy = {validation_accuracy * 100:.1f}% "
                f"(N={len(validation_bottlenecks)})"
            )
    test_bottlenecks, test_ground_truth = cache.random_batch(TEST_BATCH_SIZE, "testing", rng)
    test_accuracy = float(evaluate(test_bottlenecks, test_ground_truth)[0])
    print(f"Final test accuracy = {test_accuracy * 100:.1f}% (N={len(test_bottlenecks)})")
    train_writer.close()
    validation_writer.close()
    metrics: Metrics = {
        "classes": list(image_lists),
        "training_images": sum(len(v["training"]) for v in image_lists.values()),
        "validation_images": sum(len(v["validation"]) for v in image_lists.values()),
        "testing_images": len(test_bottlenecks),
        "steps": steps,
        "final_train_accuracy": train_accuracy,
        "final_cross_entropy": cross_entropy_value,
        "final_validation_accuracy": validation_accuracy,
        "test_accuracy": test_accuracy,
        "output_model": str(paths.output_model),
        "output_labels": str(paths.output_labels),
    }
    return RetrainedClassifier(inception, final_layer), metrics


def retrain(paths: Paths, *, images_per_class: int, steps: int, seed: int) -> Metrics:
    """retrain.py's main() on the stand-ins; exports output_model and output_labels under `paths.root`."""
    classifier, metrics = train_final_layer(paths, images_per_class=images_per_class, steps=steps, seed=seed)
    labels = metrics["classes"]
    assert isinstance(labels, list)
    export(classifier, paths, [str(label) for label in labels])
    return metrics


def export(classifier: RetrainedClassifier, paths: Paths, labels: list[str]) -> None:
    """Write the classifier as a SavedModel (serving signature: JPEG bytes -> final_result) and the labels."""
    tf.saved_model.save(
        classifier, str(paths.output_model), signatures={"serving_default": classifier.classify}
    )
    paths.output_labels.write_text("\n".join(labels) + "\n")


def run(config: RunConfig) -> Metrics:
    paths = Paths(make_logdir(config) / "tensorflow_files")
    steps = (
        config.steps
        if config.steps is not None
        else (SMOKE_STEPS if config.smoke else HOW_MANY_TRAINING_STEPS)
    )
    per_class = SMOKE_IMAGES_PER_CLASS if config.smoke else IMAGES_PER_CLASS
    return retrain(paths, images_per_class=per_class, steps=steps, seed=config.seed)


def initial_weights(rng: np.random.Generator) -> Weights:
    return {
        "final_weights": truncated_normal(rng, [BOTTLENECK_TENSOR_SIZE, len(FLOWERS)], 0.001),
        "final_biases": np.zeros(len(FLOWERS), np.float32),
    }


def _parity_build(learning_rate: float | None) -> EagerModel:
    """The retrained layer alone: a batch is (bottleneck vectors, one-hot ground truth); run()'s step."""
    layer = FinalLayer(len(FLOWERS))
    step = make_train_step(layer, LEARNING_RATE if learning_rate is None else learning_rate)
    zero = tf.constant(0, tf.int64)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        logits = layer.logits(batch["bottleneck"])
        return tf.nn.softmax(logits), cross_entropy_mean(logits, batch["ground_truth"])

    return EagerModel(
        variables={"final_weights": layer.final_weights, "final_biases": layer.final_biases},
        output_and_loss=output_and_loss,
        train_step=lambda batch: step(batch["bottleneck"], batch["ground_truth"], zero),
        model=layer,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks: "final_weights" / "final_biases" are the FinalLayer's variables (same names, layouts)."""
    return EagerParityModel(
        spec={
            "bottleneck": TensorSpec((BOTTLENECK_TENSOR_SIZE,), low=0.0, high=1.0),
            "ground_truth": TensorSpec((len(FLOWERS),), kind="one_hot", depth=len(FLOWERS)),
        },
        draw_weights=initial_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch09_retrain_inception_flowers",
        "retrain.py: new final softmax layer on cached bottlenecks, exported as a SavedModel + labels",
        run,
        parity_model=parity_model,
        missing="Inception v3 ImageNet weights, flower_photos.tgz and retrain.py (downloads): a seeded "
        "random-conv stand-in (SavedModel) and synthetic 5-class flower JPEGs",
        tags=("ch09", "transfer-learning", "savedmodel"),
        migration=(
            "GraphDef + tf.import_graph_def feature extractor, Session-fed bottlenecks, "
            "GradientDescentOptimizer(0.01), summary.FileWriter, convert_variables_to_constants export",
            "tf.saved_model.load of a tf.Module feature extractor, tf.function SGD step on a tf.Module, "
            "tf.summary v2 writers, tf.saved_model.save with a JPEG-bytes serving signature",
        ),
    ),
)
