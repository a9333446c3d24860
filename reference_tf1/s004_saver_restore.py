"""s004_saver_restore: checkpoints with `tf.train.Saver` and a restore from the meta graph (Seed B:158-197).

A small iris classifier (`_basics_common.iris_classifier`: two ReLU layers of 10, dropout switched on
by the "is_training" placeholder, Adam) is trained; `Saver(max_to_keep=10)` saves every 20 steps with
the step as suffix, then "classifier-final" at the end. A fresh graph then does what Seed B describes:
`import_meta_graph("classifier-final.meta")`, `restore(sess, latest_checkpoint(dir))`, and looks the
tensors up by name ("is_training:0", "features:0", "probabilities:0") because the Python handles of the
first graph are gone. The restored graph's predictions on the test rows must equal the originals.

Fixes: Seed B saves to "./classifier" in the working directory; the checkpoints go under the run's
logdir here. Seed B's fragments do not say what `step` or the model are (they defer to a CNN chapter).

Parity hooks: batch {"x": iris features [N, 4], "y": class ids}; weights "dnn/hiddenlayer_0/kernel" ...
"dnn/logits/bias" (Glorot-uniform kernels, zero biases); dropout off; forward gives the logits.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import tensorflow as tf

from reference_tf1._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    draw_iris_dnn,
    iris_classifier,
    iris_split,
    make_logdir,
)
from reference_tf1._parity import GraphParityModel
from tfmigrate.book.runtime import Example, Metrics, RunConfig

LEARNING_RATE = 0.01
BATCH_SIZE = 30
STEPS = 400
SMOKE_STEPS = 100
SAVE_EVERY = 20


def train_and_save(
    checkpoint_dir: Path, steps: int, seed: int, test_x: np.ndarray, batches: IrisBatches
) -> tuple[np.ndarray, list[str]]:
    """Train, saving as Seed B does; returns the trained model's test probabilities and the saves kept."""
    with tf.Graph().as_default() as graph:
        tf.compat.v1.set_random_seed(seed)
        model = iris_classifier(None, LEARNING_RATE)
        features, labels = model.inputs["x"], model.inputs["y"]
        saver = tf.compat.v1.train.Saver(max_to_keep=10)
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            for step in range(1, steps + 1):
                batch_x, batch_y = batches.next_batch()
                feed = {features: batch_x, labels: batch_y, model.extra["is_training"]: True}
                sess.run(model.train_op, feed)
                if step % SAVE_EVERY == 0:
                    saver.save(sess, str(checkpoint_dir / "classifier"), global_step=step)
            saver.save(sess, str(checkpoint_dir / "classifier-final"))
            probabilities = sess.run(model.extra["probabilities"], {features: test_x})
            kept = [Path(p).name for p in saver.last_checkpoints]
    return probabilities, kept


def restore_and_predict(checkpoint_dir: Path, test_x: np.ndarray) -> tuple[np.ndarray, str, bool]:
    """Seed B:175-197 in a fresh graph: import the meta graph, restore the variables, look tensors up."""
    with tf.Graph().as_default() as graph, tf.compat.v1.Session(graph=graph) as sess:
        new_saver = tf.compat.v1.train.import_meta_graph(str(checkpoint_dir / "classifier-final.meta"))
        latest = tf.compat.v1.train.latest_checkpoint(str(checkpoint_dir))
        new_saver.restore(sess, latest)
        graph = tf.compat.v1.get_default_graph()
        training_tf = graph.get_tensor_by_name("is_training:0")
        features = graph.get_tensor_by_name("features:0")
        probabilities = graph.get_tensor_by_name("probabilities:0")
        restored = sess.run(probabilities, {features: test_x, training_tf: False})
        is_training_default = bool(sess.run(training_tf))
    return restored, Path(latest).name, is_training_default


def run(config: RunConfig) -> Metrics:
    """Train and checkpoint, restore into a new graph, compare the predictions."""
    steps = config.steps if config.steps is not None else (SMOKE_STEPS if config.smoke else STEPS)
    checkpoint_dir = make_logdir(config, "saver_checkpoints")
    for stale in checkpoint_dir.glob("*"):
        stale.unlink()
    train_x, train_y, test_x, test_y = iris_split(config.seed)
    batches = IrisBatches(train_x, train_y, BATCH_SIZE, config.seed)

    original, kept = train_and_save(checkpoint_dir, steps, config.seed, test_x, batches)
    restored, latest, is_training_default = restore_and_predict(checkpoint_dir, test_x)
    max_diff = float(np.max(np.abs(original - restored)))
    accuracy = float(np.mean(np.argmax(restored, 1) == test_y))
    print(f"restored {latest}: max |original - restored| = {max_diff}, test accuracy {accuracy:.3f}")
    return {
        "steps": steps,
        "checkpoints_kept": kept,
        "checkpoints_kept_count": len(kept),
        "latest_checkpoint": latest,
        "restored_equals_original": bool(np.array_equal(original, restored)),
        "max_abs_diff": max_diff,
        "is_training_default": is_training_default,
        "test_accuracy": accuracy,
        "checkpoint_dir": str(checkpoint_dir),
    }


def parity_model() -> GraphParityModel:
    """Parity hooks (see the module docstring)."""
    return GraphParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=draw_iris_dnn,
        build=lambda weights, lr: iris_classifier(weights, lr),
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "s004_saver_restore",
        "TensorFlow API: Saver checkpoints, import_meta_graph and restore by tensor name",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "iris", "saving"),
    ),
)
