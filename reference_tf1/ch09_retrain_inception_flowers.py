"""ch09_retrain_inception_flowers — retraining a classifier's last layer (Seed A L9079-9110, L9063-9124).

The book downloads `flower_photos.tgz` (5 classes), clones TensorFlow and runs
`tensorflow/examples/image_retraining/retrain.py --bottleneck_dir --model_dir --output_graph
--output_labels --image_dir`: the script loads the ImageNet Inception v3 GraphDef, caches each image's
"bottleneck" (the 2048-d `pool_3/_reshape:0` output) on disk, trains only a new final softmax layer on the
cached bottlenecks, and writes the retrained graph (`retrained_graph.pb`, weights frozen to constants) and
its labels file, which ch09_classify_image then uses.

Neither the Inception v3 weights nor the flower photos can be downloaded here, and retrain.py is not in the
book. So this module rebuilds retrain.py's pipeline (TF 1.0/1.1 version; its defaults pinned below) around
two stand-ins:
* a small frozen "bottleneck" network with Inception's tensor names: JPEG bytes fed to
  `DecodeJpeg/contents:0`, `DecodeJpeg` -> `ResizeBilinear` (64x64 instead of 299x299) -> (x - 128) / 128 ->
  three seeded random ReLU convolutions (stride 2) and a 1x1 one to 2048 channels -> spatial mean ->
  `pool_3/_reshape:0` (2048-d, as Inception's). Its weights are constants drawn once from a fixed seed
  (random features, not ImageNet-trained); the GraphDef is written to
  `model_dir/classify_image_graph_def.pb` and loaded back with `tf.import_graph_def` exactly as
  retrain.py's `create_inception_graph` does;
* seeded synthetic JPEG "flower photos" of the five flower classes (daisy, dandelion, roses, sunflowers,
  tulips: petal/centre colours, position, size and noise vary), written under `image_dir/<label>/`.

What is retrain.py's own logic is kept: the hash-based training/validation/testing split (10 % / 10 %), the
bottleneck cache (one comma-separated text file per image), `add_final_training_ops` (final_weights
truncated normal stddev 0.001, final_biases zeros, logits = bottleneck @ W + b, `final_result` = softmax,
mean softmax cross-entropy, `GradientDescentOptimizer(0.01)`), `add_evaluation_step`, 4000 steps of 100
random cached training bottlenecks, evaluation every 10 steps on 100 random validation bottlenecks, the final
test on all test images, TensorBoard summaries (`summaries_dir/train`, `/validation`), and the export with
`graph_util.convert_variables_to_constants` plus the labels file. Everything lives under
`logdir/tensorflow_files/` (the book's `~/tensorflow_files`). `config.steps` overrides the training steps.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import tensorflow as tf
from PIL import Image

from reference_tf1._ch08_ch10_common import make_logdir
from reference_tf1._parity import GraphModel, GraphParityModel
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

# The stand-in for Inception v3 (same tensor names, smaller sizes).
BOTTLENECK_TENSOR_NAME = "pool_3/_reshape:0"
BOTTLENECK_TENSOR_SIZE = 2048  # as Inception v3
JPEG_DATA_TENSOR_NAME = "DecodeJpeg/contents:0"
RESIZED_INPUT_TENSOR_NAME = "ResizeBilinear:0"
MODEL_INPUT_SIZE = 64  # Inception v3: 299
INPUT_MEAN, INPUT_STD = 128.0, 128.0
STAND_IN_SEED = 20170323  # fixed: the "pretrained" weights do not change with the run's seed
STAND_IN_CONVS = ((5, 3, 32, 2), (3, 32, 64, 2), (3, 64, 128, 2), (1, 128, BOTTLENECK_TENSOR_SIZE, 1))
MODEL_FILE = "classify_image_graph_def.pb"

# The synthetic flower_photos.
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
    def output_graph(self) -> Path:
        return self.root / "retrained_graph.pb"

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


def write_stand_in_model(model_dir: Path) -> Path:
    """Write the frozen stand-in "Inception" GraphDef (what retrain.py would have downloaded)."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    if path.exists():
        return path
    rng = np.random.default_rng(STAND_IN_SEED)
    graph = tf.Graph()
    with graph.as_default():
        contents = tf.compat.v1.placeholder(tf.string, [], name="DecodeJpeg/contents")
        decoded = tf.image.decode_jpeg(contents, channels=3, name="DecodeJpeg")
        batched = tf.expand_dims(tf.cast(decoded, tf.float32), 0)
        resized = tf.compat.v1.image.resize_bilinear(
            batched, [MODEL_INPUT_SIZE, MODEL_INPUT_SIZE], name="ResizeBilinear"
        )
        net = (resized - INPUT_MEAN) / INPUT_STD
        for k, (size, n_in, n_out, stride) in enumerate(STAND_IN_CONVS):
            kernel = rng.normal(0.0, np.sqrt(2.0 / (size * size * n_in)), size=(size, size, n_in, n_out))
            net = tf.nn.relu(
                tf.nn.conv2d(
                    net, tf.constant(kernel, tf.float32), strides=[1, stride, stride, 1], padding="SAME"
                ),
                name=f"conv_{k}",
            )
        pooled = tf.reduce_mean(net, axis=[1, 2], name="pool_3")
        tf.reshape(pooled, [1, BOTTLENECK_TENSOR_SIZE], name="pool_3/_reshape")
    path.write_bytes(graph.as_graph_def().SerializeToString())
    return path


def create_inception_graph(model_dir: Path) -> tuple[tf.Graph, tf.Tensor, tf.Tensor, tf.Tensor]:
    """retrain.py's create_inception_graph: import the saved GraphDef, return its three key tensors."""
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.gfile.FastGFile(str(model_dir / MODEL_FILE), "rb") as f:
        graph_def = tf.compat.v1.GraphDef()
        graph_def.ParseFromString(f.read())
        bottleneck_tensor, jpeg_data_tensor, resized_input_tensor = tf.import_graph_def(
            graph_def,
            name="",
            return_elements=[BOTTLENECK_TENSOR_NAME, JPEG_DATA_TENSOR_NAME, RESIZED_INPUT_TENSOR_NAME],
        )
    return graph, bottleneck_tensor, jpeg_data_tensor, resized_input_tensor


# ----------------------------------------------------------------------------------------------------------
# retrain.py's data handling


def create_image_lists(image_dir: Path, testing_percentage: int, validation_percentage: int) -> OrderedDict:
    """Split each class's images by a hash of the file name, so the split is stable across runs."""
    result: OrderedDict[str, dict[str, object]] = OrderedDict()
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


def _image_path(image_lists: Mapping, label: str, index: int, root: Path, category: str) -> Path:
    files = image_lists[label][category]
    if not files:  # retrain.py: tf.logging.fatal (it warns about classes with fewer than 20 images)
        raise ValueError(f"Label {label} has no images in the category {category}.")
    return root / image_lists[label]["dir"] / files[index % len(files)]


def get_or_create_bottleneck(
    sess: tf.compat.v1.Session,
    image_lists: Mapping,
    label: str,
    index: int,
    paths: Paths,
    category: str,
    jpeg_data_tensor: tf.Tensor,
    bottleneck_tensor: tf.Tensor,
) -> np.ndarray:
    """The cached bottleneck of one image, computing and writing it (comma-separated text) if needed."""
    cache = Path(str(_image_path(image_lists, label, index, paths.bottleneck_dir, category)) + ".txt")
    # retrain.py re-read the text file on every use; parsed values are memoised here (same values, faster).
    if cache in _PARSED:
        return _PARSED[cache]
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        image_data = _image_path(image_lists, label, index, paths.image_dir, category).read_bytes()
        values = np.squeeze(sess.run(bottleneck_tensor, {jpeg_data_tensor: image_data}))
        cache.write_text(",".join(str(float(x)) for x in values))
    _PARSED[cache] = np.array([float(x) for x in cache.read_text().split(",")], np.float32)
    return _PARSED[cache]


_PARSED: dict[Path, np.ndarray] = {}


def cache_bottlenecks(
    sess: tf.compat.v1.Session,
    image_lists: Mapping,
    paths: Paths,
    jpeg_data_tensor: tf.Tensor,
    bottleneck_tensor: tf.Tensor,
) -> int:
    count = 0
    for label, lists in image_lists.items():
        for category in ("training", "testing", "validation"):
            for index in range(len(lists[category])):
                get_or_create_bottleneck(
                    sess, image_lists, label, index, paths, category, jpeg_data_tensor, bottleneck_tensor
                )
                count += 1
    print(f"{count} bottleneck files created.")
    return count


def get_random_cached_bottlenecks(
    sess: tf.compat.v1.Session,
    image_lists: Mapping,
    how_many: int,
    category: str,
    paths: Paths,
    jpeg_data_tensor: tf.Tensor,
    bottleneck_tensor: tf.Tensor,
    rng: np.random.RandomState,
) -> tuple[np.ndarray, np.ndarray]:
    """`how_many` random (with replacement) bottlenecks of a category, or all of them if how_many < 0."""
    class_count = len(image_lists)
    labels = list(image_lists)
    picks: list[tuple[int, int]]
    if how_many >= 0:
        picks = [
            (int(rng.randint(class_count)), int(rng.randint(MAX_NUM_IMAGES_PER_CLASS + 1)))
            for _ in range(how_many)
        ]
    else:
        picks = [(i, k) for i, label in enumerate(labels) for k in range(len(image_lists[label][category]))]
    bottlenecks, ground_truths = [], []
    for label_index, image_index in picks:
        bottlenecks.append(
            get_or_create_bottleneck(
                sess,
                image_lists,
                labels[label_index],
                image_index,
                paths,
                category,
                jpeg_data_tensor,
                bottleneck_tensor,
            )
        )
        ground_truth = np.zeros(class_count, np.float32)
        ground_truth[label_index] = 1.0
        ground_truths.append(ground_truth)
    return np.array(bottlenecks), np.array(ground_truths)


# ----------------------------------------------------------------------------------------------------------
# The retrained layer


def variable_summaries(var: tf.Variable) -> None:
    """retrain.py's summaries of a variable (mean, stddev, max, min, histogram)."""
    with tf.compat.v1.name_scope("summaries"):
        mean = tf.reduce_mean(var)
        tf.compat.v1.summary.scalar("mean", mean)
        with tf.compat.v1.name_scope("stddev"):
            stddev = tf.sqrt(tf.reduce_mean(tf.square(var - mean)))
        tf.compat.v1.summary.scalar("stddev", stddev)
        tf.compat.v1.summary.scalar("max", tf.reduce_max(var))
        tf.compat.v1.summary.scalar("min", tf.reduce_min(var))
        tf.compat.v1.summary.histogram("histogram", var)


def add_final_training_ops(
    class_count: int,
    final_tensor_name: str,
    bottleneck_tensor: tf.Tensor | None,
    learning_rate: float | tf.Tensor = LEARNING_RATE,
    weights: Mapping[str, np.ndarray] | None = None,
) -> GraphModel:
    """retrain.py's new softmax layer on top of the bottleneck, its loss and its training step.

    `bottleneck_tensor` None gives a plain placeholder input (the parity hooks: no stand-in network).
    """
    with tf.compat.v1.name_scope("input"):
        if bottleneck_tensor is None:
            bottleneck_input = tf.compat.v1.placeholder(
                tf.float32, [None, BOTTLENECK_TENSOR_SIZE], name="BottleneckInputPlaceholder"
            )
        else:
            bottleneck_input = tf.compat.v1.placeholder_with_default(
                bottleneck_tensor, shape=[None, BOTTLENECK_TENSOR_SIZE], name="BottleneckInputPlaceholder"
            )
        ground_truth_input = tf.compat.v1.placeholder(
            tf.float32, [None, class_count], name="GroundTruthInput"
        )
    with tf.compat.v1.name_scope("final_training_ops"):
        with tf.compat.v1.name_scope("weights"):
            initial_value = (
                tf.compat.v1.truncated_normal([BOTTLENECK_TENSOR_SIZE, class_count], stddev=0.001)
                if weights is None
                else weights["final_weights"]
            )
            layer_weights = tf.compat.v1.Variable(initial_value, name="final_weights")
            variable_summaries(layer_weights)
        with tf.compat.v1.name_scope("biases"):
            initial_biases = tf.zeros([class_count]) if weights is None else weights["final_biases"]
            layer_biases = tf.compat.v1.Variable(initial_biases, name="final_biases")
            variable_summaries(layer_biases)
        with tf.compat.v1.name_scope("Wx_plus_b"):
            logits = tf.matmul(bottleneck_input, layer_weights) + layer_biases
            tf.compat.v1.summary.histogram("pre_activations", logits)
    final_tensor = tf.nn.softmax(logits, name=final_tensor_name)
    tf.compat.v1.summary.histogram("activations", final_tensor)
    with tf.compat.v1.name_scope("cross_entropy"):
        cross_entropy = tf.compat.v1.nn.softmax_cross_entropy_with_logits(
            labels=ground_truth_input, logits=logits
        )
        with tf.compat.v1.name_scope("total"):
            cross_entropy_mean = tf.reduce_mean(cross_entropy)
    tf.compat.v1.summary.scalar("cross_entropy", cross_entropy_mean)
    with tf.compat.v1.name_scope("train"):
        train_step = tf.compat.v1.train.GradientDescentOptimizer(learning_rate).minimize(cross_entropy_mean)
    return GraphModel(
        inputs={"bottleneck": bottleneck_input, "ground_truth": ground_truth_input},
        variables={"final_weights": layer_weights, "final_biases": layer_biases},
        output=final_tensor,
        loss=cross_entropy_mean,
        train_op=train_step,
    )


def add_evaluation_step(result_tensor: tf.Tensor, ground_truth_tensor: tf.Tensor) -> tf.Tensor:
    with tf.compat.v1.name_scope("accuracy"):
        with tf.compat.v1.name_scope("correct_prediction"):
            correct_prediction = tf.equal(tf.argmax(result_tensor, 1), tf.argmax(ground_truth_tensor, 1))
        with tf.compat.v1.name_scope("accuracy"):
            evaluation_step = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    tf.compat.v1.summary.scalar("accuracy", evaluation_step)
    return evaluation_step


# ----------------------------------------------------------------------------------------------------------
# main


def retrain(paths: Paths, *, images_per_class: int, steps: int, seed: int) -> Metrics:
    """retrain.py's main() on the stand-ins; writes output_graph and output_labels under `paths.root`."""
    if not paths.image_dir.exists():
        make_flower_photos(paths.image_dir, images_per_class, seed)
    write_stand_in_model(paths.model_dir)
    graph, bottleneck_tensor, jpeg_data_tensor, _ = create_inception_graph(paths.model_dir)
    image_lists = create_image_lists(paths.image_dir, TESTING_PERCENTAGE, VALIDATION_PERCENTAGE)
    class_count = len(image_lists)
    rng = np.random.RandomState(seed)
    with graph.as_default():
        tf.compat.v1.set_random_seed(seed)
        handles = add_final_training_ops(class_count, FINAL_TENSOR_NAME, bottleneck_tensor)
        evaluation_step = add_evaluation_step(handles.output, handles.inputs["ground_truth"])
        merged = tf.compat.v1.summary.merge_all()
        init = tf.compat.v1.global_variables_initializer()
    bottleneck_input, ground_truth_input = handles.inputs["bottleneck"], handles.inputs["ground_truth"]
    with tf.compat.v1.Session(graph=graph) as sess:
        cache_bottlenecks(sess, image_lists, paths, jpeg_data_tensor, bottleneck_tensor)
        train_writer = tf.compat.v1.summary.FileWriter(str(paths.summaries_dir / "train"), sess.graph)
        validation_writer = tf.compat.v1.summary.FileWriter(str(paths.summaries_dir / "validation"))
        sess.run(init)
        train_accuracy = validation_accuracy = float("nan")
        cross_entropy_value = float("nan")
        for i in range(steps):
            train_bottlenecks, train_ground_truth = get_random_cached_bottlenecks(
                sess,
                image_lists,
                TRAIN_BATCH_SIZE,
                "training",
                paths,
                jpeg_data_tensor,
                bottleneck_tensor,
                rng,
            )
            feed = {bottleneck_input: train_bottlenecks, ground_truth_input: train_ground_truth}
            train_summary, _ = sess.run([merged, handles.train_op], feed)
            train_writer.add_summary(train_summary, i)
            is_last_step = i + 1 == steps
            if (i % EVAL_STEP_INTERVAL) == 0 or is_last_step:
                train_accuracy, cross_entropy_value = sess.run([evaluation_step, handles.loss], feed)
                print(f"{datetime.now()}: Step {i}: Train accuracy = {train_accuracy * 100:.1f}%")
                print(f"{datetime.now()}: Step {i}: Cross entropy = {cross_entropy_value:f}")
                validation_bottlenecks, validation_ground_truth = get_random_cached_bottlenecks(
                    sess,
                    image_lists,
                    VALIDATION_BATCH_SIZE,
                    "validation",
                    paths,
                    jpeg_data_tensor,
                    bottleneck_tensor,
                    rng,
                )
                validation_summary, validation_accuracy = sess.run(
                    [merged, evaluation_step],
                    {bottleneck_input: validation_bottlenecks, ground_truth_input: validation_ground_truth},
                )
                validation_writer.add_summary(validation_summary, i)
                print(
                    f"{datetime.now()}: Step {i}: Validation accuracy = {validation_accuracy * 100:.1f}% "
                    f"(N={len(validation_bottlenecks)})"
                )
        test_bottlenecks, test_ground_truth = get_random_cached_bottlenecks(
            sess, image_lists, TEST_BATCH_SIZE, "testing", paths, jpeg_data_tensor, bottleneck_tensor, rng
        )
        test_accuracy = sess.run(
            evaluation_step, {bottleneck_input: test_bottlenecks, ground_truth_input: test_ground_truth}
        )
        print(f"Final test accuracy = {test_accuracy * 100:.1f}% (N={len(test_bottlenecks)})")
        train_writer.close()
        validation_writer.close()
        # Write out the trained graph and labels with the weights stored as constants.
        output_graph_def = tf.compat.v1.graph_util.convert_variables_to_constants(
            sess, graph.as_graph_def(), [FINAL_TENSOR_NAME]
        )
    paths.output_graph.write_bytes(output_graph_def.SerializeToString())
    paths.output_labels.write_text("\n".join(image_lists.keys()) + "\n")
    return {
        "classes": list(image_lists),
        "training_images": sum(len(v["training"]) for v in image_lists.values()),
        "validation_images": sum(len(v["validation"]) for v in image_lists.values()),
        "testing_images": len(test_bottlenecks),
        "steps": steps,
        "final_train_accuracy": float(train_accuracy),
        "final_cross_entropy": float(cross_entropy_value),
        "final_validation_accuracy": float(validation_accuracy),
        "test_accuracy": float(test_accuracy),
        "output_graph": str(paths.output_graph),
        "output_labels": str(paths.output_labels),
    }


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


def parity_model() -> GraphParityModel:
    """The retrained layer alone: a batch is (bottleneck vectors, one-hot ground truth)."""
    return GraphParityModel(
        spec={
            "bottleneck": TensorSpec((BOTTLENECK_TENSOR_SIZE,), low=0.0, high=1.0),
            "ground_truth": TensorSpec((len(FLOWERS),), kind="one_hot", depth=len(FLOWERS)),
        },
        draw_weights=initial_weights,
        build=lambda weights, lr: add_final_training_ops(len(FLOWERS), FINAL_TENSOR_NAME, None, lr, weights),
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch09_retrain_inception_flowers",
        "retrain.py: new final softmax layer on cached bottlenecks, exported graph + labels",
        run,
        parity_model=parity_model,
        missing="Inception v3 ImageNet weights, flower_photos.tgz and retrain.py (downloads): a seeded "
        "random-conv stand-in with Inception's tensor names and synthetic 5-class flower JPEGs",
    ),
)
