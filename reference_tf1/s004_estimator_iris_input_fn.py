"""s004_estimator_iris_input_fn: an Estimator trained from an `input_fn` over iris features (Seed B:105-126).

`tf.estimator` is gone from TensorFlow 2.21, `tf.compat.v1` included, so the Estimator itself cannot
be used. What the fragment shows is kept: an `input_fn` returning (features dict, labels), an object
with `train(input_fn, steps)` and an evaluation call, over the implied premade `DNNClassifier` of the
TF "get started" tutorial (four numeric feature columns, hidden units [10, 10], 3 classes). The
`DNNClassifier` class below re-implements the TF 1.x canned estimator's behaviour in graph mode: each
call builds a fresh graph from the input_fn (numpy arrays become constants, a `tf.compat.v1.data`
Dataset is iterated), restores the latest checkpoint of `model_dir` and saves one after training; the
network is `tf.compat.v1.feature_column.input_layer` (columns sorted by name, as the estimator did)
then ReLU layers "dnn/hiddenlayer_k" and "dnn/logits"; the loss is the sparse softmax cross-entropy
summed over the batch (TF 1.x `losses.Reduction.SUM`) and the optimizer Adagrad(0.05) with accumulators
starting at 0.1, the canned defaults.

Fixes: `estimator`, `STEPS` and `input_train` are undefined in Seed B; `Estimator.test` never existed
(the call is `evaluate`). Training uses the tutorial's input function (shuffled batches of 100 from
the 120-row training split, repeated); evaluation uses the 30-row test split; the book's own two-row
`input_fn` is evaluated and predicted (its labels are [2, 1]).

Parity hooks: batch {"x": [N, 4] in Seed B's column order SepalLength, SepalWidth, PetalLength,
PetalWidth, "y": class ids}; the kernel of "dnn/hiddenlayer_0" has its rows in input_layer's order
(PetalLength, PetalWidth, SepalLength, SepalWidth); forward gives the logits.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    IRIS_BATCH_SPEC,
    IRIS_FEATURES,
    adagrad_estimator,
    as_feature_dict,
    book_input_fn_rows,
    draw_iris_dnn,
    iris_dnn,
    iris_split,
    make_logdir,
)
from reference_tf1._parity import GraphModel, GraphParityModel, InitialValue
from tfmigrate.book.runtime import Example, Metrics, RunConfig

STEPS = 1000
SMOKE_STEPS = 200
BATCH_SIZE = 100
HIDDEN_UNITS = (10, 10)
N_CLASSES = 3
LEARNING_RATE = 0.05

InputFn = Callable[[], Any]


def input_fn() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Seed B's input_fn (B:106-112), verbatim: two iris rows and their labels."""
    return book_input_fn_rows()


def model_fn(
    features: Mapping[str, tf.Tensor],
    labels: tf.Tensor | None,
    weights: Mapping[str, InitialValue] | None,
    learning_rate: float | tf.Tensor,
    train: bool = True,
) -> dict[str, Any]:
    """The canned DNNClassifier's graph: input layer, [10, 10] ReLU net, logits, summed loss, Adagrad.

    With labels it adds the loss and the global step, and in training mode (`train`) the train op.
    """
    columns = [tf.compat.v1.feature_column.numeric_column(name) for name in IRIS_FEATURES]
    net = tf.compat.v1.feature_column.input_layer(dict(features), columns)
    logits, variables = iris_dnn(net, weights, hidden_units=HIDDEN_UNITS, n_classes=N_CLASSES)
    nodes: dict[str, Any] = {
        "logits": logits,
        "variables": variables,
        "probabilities": tf.nn.softmax(logits),
        "class_ids": tf.argmax(logits, 1, output_type=tf.int32),
    }
    if labels is not None:
        labels = tf.cast(labels, tf.int32)
        # TF 1.x canned estimators summed the per-example losses (losses.Reduction.SUM).
        nodes["loss"] = tf.compat.v1.losses.sparse_softmax_cross_entropy(
            labels=labels, logits=logits, reduction=tf.compat.v1.losses.Reduction.SUM
        )
        global_step = tf.compat.v1.train.get_or_create_global_step()
        nodes["global_step"] = global_step
        if train:
            optimizer = adagrad_estimator(learning_rate)
            nodes["train_op"] = optimizer.minimize(nodes["loss"], global_step=global_step)
    return nodes


def _input_tensors(fn: InputFn) -> tuple[dict[str, tf.Tensor], tf.Tensor | None, bool]:
    """Call an input_fn inside the current graph, as the Estimator did.

    A Dataset is read through a one-shot iterator (the last item says so); a (features, labels) pair of
    numpy arrays becomes constants, i.e. the same full batch at every step.
    """
    result = fn()
    is_dataset = isinstance(result, tf.compat.v1.data.Dataset)
    if is_dataset:
        result = tf.compat.v1.data.make_one_shot_iterator(result).get_next()
    features, labels = result if isinstance(result, tuple) else (result, None)
    tensors = {name: tf.cast(tf.convert_to_tensor(value), tf.float32) for name, value in features.items()}
    return tensors, None if labels is None else tf.convert_to_tensor(labels), is_dataset


class DNNClassifier:
    """The bits of `tf.estimator.DNNClassifier` the fragment uses, over checkpoints in `model_dir`."""

    def __init__(self, model_dir: Path, seed: int) -> None:
        self.model_dir = model_dir
        self.seed = seed
        self.last_loss = float("nan")

    def _session(self, graph: tf.Graph) -> tf.compat.v1.Session:
        sess = tf.compat.v1.Session(graph=graph)
        with graph.as_default():
            saver = tf.compat.v1.train.Saver()
            checkpoint = tf.compat.v1.train.latest_checkpoint(str(self.model_dir))
            if checkpoint is None:
                sess.run(tf.compat.v1.global_variables_initializer())
            else:
                saver.restore(sess, checkpoint)
            sess.run(tf.compat.v1.local_variables_initializer())
        return sess

    def train(self, input_fn: InputFn, steps: int) -> DNNClassifier:
        """`steps` optimizer steps on the input_fn's batches (fewer if its data run out)."""
        with tf.Graph().as_default() as graph:
            tf.compat.v1.set_random_seed(self.seed)
            features, labels, _ = _input_tensors(input_fn)
            nodes = model_fn(features, labels, None, LEARNING_RATE)
            saver = tf.compat.v1.train.Saver()
            with self._session(graph) as sess:
                for _ in range(steps):
                    try:
                        _, loss = sess.run([nodes["train_op"], nodes["loss"]])
                    except tf.errors.OutOfRangeError:
                        break
                self.last_loss = float(loss)
                step = sess.run(nodes["global_step"])
                saver.save(sess, str(self.model_dir / "model.ckpt"), global_step=step)
        return self

    def evaluate(self, input_fn: InputFn, steps: int | None = None) -> dict[str, float]:
        """Accuracy and mean loss over the input_fn's data (one pass, or `steps` batches)."""
        with tf.Graph().as_default() as graph:
            features, labels, is_dataset = _input_tensors(input_fn)
            nodes = model_fn(features, labels, None, LEARNING_RATE, train=False)
            accuracy, update_accuracy = tf.compat.v1.metrics.accuracy(labels, nodes["class_ids"])
            batch_size = tf.cast(tf.size(labels), tf.float32)
            average_loss, update_loss = tf.compat.v1.metrics.mean(nodes["loss"] / batch_size, batch_size)
            with self._session(graph) as sess:
                done = 0
                while steps is None or done < steps:
                    try:
                        sess.run([update_accuracy, update_loss])
                    except tf.errors.OutOfRangeError:
                        break
                    done += 1
                    if not is_dataset and steps is None:
                        break  # numpy input_fn: the same constants every step, one pass is all of them
                acc, loss, step = sess.run([accuracy, average_loss, nodes["global_step"]])
        return {"accuracy": float(acc), "average_loss": float(loss), "global_step": int(step)}

    def predict(self, input_fn: InputFn) -> tuple[np.ndarray, np.ndarray]:
        """Class ids and probabilities for the input_fn's features (one batch)."""
        with tf.Graph().as_default() as graph:
            features, _, _ = _input_tensors(input_fn)
            nodes = model_fn(features, None, None, LEARNING_RATE, train=False)
            with self._session(graph) as sess:
                class_ids, probabilities = sess.run([nodes["class_ids"], nodes["probabilities"]])
        return class_ids, probabilities


def run(config: RunConfig) -> Metrics:
    """Train the classifier from input functions, evaluate it, predict the book's two rows."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    model_dir = make_logdir(config, "iris_dnn_classifier")
    for stale in model_dir.glob("*"):
        stale.unlink()  # a fresh model: the estimator would resume from an old checkpoint here
    train_x, train_y, test_x, test_y = iris_split(config.seed)

    def train_input_fn() -> tf.compat.v1.data.Dataset:
        dataset = tf.compat.v1.data.Dataset.from_tensor_slices((as_feature_dict(train_x), train_y))
        return dataset.shuffle(1000, seed=config.seed).repeat().batch(BATCH_SIZE)

    def eval_input_fn() -> tf.compat.v1.data.Dataset:
        dataset = tf.compat.v1.data.Dataset.from_tensor_slices((as_feature_dict(test_x), test_y))
        return dataset.batch(BATCH_SIZE)

    estimator = DNNClassifier(model_dir, config.seed)
    estimator.train(input_fn=train_input_fn, steps=steps)
    # Seed B: estimator.test(input_fn=input_train) -- no such method; `evaluate` is the Estimator's call.
    test_result = estimator.evaluate(input_fn=eval_input_fn)
    book_rows_result = estimator.evaluate(input_fn=input_fn)
    class_ids, probabilities = estimator.predict(input_fn=input_fn)
    print(f"Test set accuracy: {test_result['accuracy']:0.3f}")
    print(f"Seed B's two rows: predicted {class_ids.tolist()}, labels {input_fn()[1].tolist()}")
    return {
        "steps": steps,
        "global_step": test_result["global_step"],
        "last_train_loss": estimator.last_loss,
        "test_accuracy": test_result["accuracy"],
        "test_average_loss": test_result["average_loss"],
        "book_rows_accuracy": book_rows_result["accuracy"],
        "book_rows_predicted": [int(v) for v in class_ids],
        "book_rows_labels": [int(v) for v in input_fn()[1]],
        "book_rows_max_probability": [float(v) for v in probabilities.max(axis=1)],
        "model_dir": str(model_dir),
    }


def _parity_build(weights: Mapping[str, InitialValue], learning_rate: float | tf.Tensor) -> GraphModel:
    x = tf.compat.v1.placeholder(tf.float32, [None, 4], name="x")
    y = tf.compat.v1.placeholder(tf.int32, [None], name="y")
    features = {name: x[:, k] for k, name in enumerate(IRIS_FEATURES)}
    nodes = model_fn(features, y, weights, learning_rate)
    return GraphModel(
        inputs={"x": x, "y": y},
        variables=nodes["variables"],
        output=nodes["logits"],
        loss=nodes["loss"],
        train_op=nodes["train_op"],
    )


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""
    return GraphParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=lambda rng: draw_iris_dnn(rng, hidden_units=HIDDEN_UNITS, n_classes=N_CLASSES),
        build=_parity_build,
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "s004_estimator_iris_input_fn",
        "TensorFlow API: Estimator-style train/evaluate of a DNN classifier from iris input functions",
        run,
        parity_model=parity_model,
        missing=(
            "tf.estimator no longer exists in TF 2.21 (not even in tf.compat.v1): the Estimator API is "
            "re-implemented here in graph mode (input_fn, train, evaluate, checkpoints in model_dir)"
        ),
        tags=("seed_b", "trainable", "iris"),
    ),
)
