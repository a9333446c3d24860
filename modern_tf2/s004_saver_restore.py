"""s004_saver_restore: checkpoints during training and a restore into a new model (Seed B:158-197),
with `tf.train.Checkpoint`.

The reference's iris classifier (`_basics_common.iris_classifier`: two ReLU layers of 10, Dropout(0.1)
in training, Adam with TF1's defaults pinned) as a Keras model, trained one `train_on_batch` per step.
TF1's `tf.train.Saver(max_to_keep=10)` becomes `tf.train.CheckpointManager(max_to_keep=10,
checkpoint_name="classifier")` over a `tf.train.Checkpoint(model=..., optimizer=...)`, saving every 20
steps with the step as suffix ("classifier-20", ...) and once more after the last step if that was not a
multiple of 20 (a TF2 manager numbers every checkpoint, so there is no separate "classifier-final"; the
last one is `latest_checkpoint`). TF2 checkpoints are object-based: there is no meta graph to import and
no tensor to look up by name ("is_training:0"); the restore builds the model with the same code and
`Checkpoint.restore(tf.train.latest_checkpoint(dir))` fills its variables (the optimizer's slots are
not needed for predictions: `expect_partial()`). Called without `training=`, a Keras model runs in
inference mode (Dropout off), which is what the reference's is_training default False gave. The restored
model's predictions on the test rows must equal the originals.

Parity hooks: batch {"x": iris features [N, 4], "y": class ids}; "dnn/hiddenlayer_0/kernel" ...
"dnn/logits/bias" <-> Keras "hiddenlayer_0/kernel" ... (same layouts); built without Dropout
(randomness off); forward gives the logits; train_steps runs Keras' train step (`train_on_batch`).
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._basics_common import (
    IRIS_BATCH_SPEC,
    IrisBatches,
    draw_iris_dnn,
    iris_classifier,
    iris_classifier_parity,
    iris_split,
    make_logdir,
)
from modern_tf2._parity import EagerParityModel
from tfmigrate.book.runtime import Example, Metrics, RunConfig

LEARNING_RATE = 0.01
BATCH_SIZE = 30
STEPS = 400
SMOKE_STEPS = 100
SAVE_EVERY = 20
MAX_TO_KEEP = 10


def train_and_save(
    checkpoint_dir: Path, steps: int, seed: int, test_x: np.ndarray, batches: IrisBatches
) -> tuple[np.ndarray, list[str]]:
    """Train, saving as Seed B does; returns the trained model's test probabilities and the saves kept."""
    model = iris_classifier(LEARNING_RATE, seed=seed)
    model.optimizer.build(model.trainable_variables)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=model.optimizer)
    manager = tf.train.CheckpointManager(
        checkpoint, str(checkpoint_dir), max_to_keep=MAX_TO_KEEP, checkpoint_name="classifier"
    )
    for step in range(1, steps + 1):
        batch_x, batch_y = batches.next_batch()
        model.train_on_batch(batch_x, batch_y)  # Keras' train step: training=True, Dropout on
        if step % SAVE_EVERY == 0:
            manager.save(checkpoint_number=step)
    if steps % SAVE_EVERY != 0 or steps == 0:
        manager.save(checkpoint_number=steps)  # the final save (Seed B's "classifier-final")
    probabilities = keras.ops.softmax(model(test_x, training=False)).numpy()
    return probabilities, [Path(path).name for path in manager.checkpoints]


def restore_and_predict(checkpoint_dir: Path, test_x: np.ndarray) -> tuple[np.ndarray, str, bool]:
    """Seed B:175-197 the TF2 way: a new model from the same code, restored from the latest checkpoint."""
    model = iris_classifier(LEARNING_RATE)
    latest = tf.train.latest_checkpoint(str(checkpoint_dir))
    tf.train.Checkpoint(model=model).restore(latest).expect_partial()
    restored = keras.ops.softmax(model(test_x)).numpy()
    inference_by_default = bool(np.array_equal(restored, keras.ops.softmax(model(test_x, training=False))))
    return restored, Path(latest).name, not inference_by_default


def run(config: RunConfig) -> Metrics:
    """Train and checkpoint, restore into a new model, compare the predictions."""
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


def parity_model() -> EagerParityModel:
    """Parity hooks (see the module docstring)."""
    return EagerParityModel(
        spec=IRIS_BATCH_SPEC,
        draw_weights=draw_iris_dnn,
        build=lambda learning_rate: iris_classifier_parity(
            LEARNING_RATE if learning_rate is None else learning_rate
        ),
    )


EXAMPLES = (
    Example(
        "s004_saver_restore",
        "TensorFlow API: Saver checkpoints, import_meta_graph and restore by tensor name",
        run,
        parity_model=parity_model,
        tags=("seed_b", "trainable", "iris", "saving"),
        migration=(
            "tf.train.Saver(max_to_keep=10).save/restore, import_meta_graph, get_tensor_by_name",
            "tf.train.Checkpoint + CheckpointManager(max_to_keep=10), restore into a model rebuilt from code",
        ),
    ),
)
