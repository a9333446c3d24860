"""Seed B's saving examples in modern_tf2: tf.train.Checkpoint, tf.saved_model and .keras round trips
restore the same predictions, and the saved classifier is the reference's network (parity)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from modern_tf2 import s004_savedmodel_builder, s004_saver_restore
from modern_tf2._basics_common import IrisBatches, iris_split
from tests.examples._parity import check_drawn_parity
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def test_checkpoint_restore_gives_the_same_predictions(tmp_path: Path) -> None:
    train_x, train_y, test_x, _ = iris_split(0)
    batches = IrisBatches(train_x, train_y, 30, seed=0)
    original, kept = s004_saver_restore.train_and_save(tmp_path, 60, 0, test_x, batches)
    assert kept == ["classifier-20", "classifier-40", "classifier-60"]
    restored, latest, is_training_default = s004_saver_restore.restore_and_predict(tmp_path, test_x)
    assert latest == "classifier-60"
    assert is_training_default is False  # a Keras model called without training= runs in inference mode
    assert original.shape == (30, 3)
    np.testing.assert_array_equal(restored, original)
    # The restore really loads trained values: an untrained network predicts differently.
    untrained, _ = s004_saver_restore.train_and_save(tmp_path / "untrained", 0, 0, test_x, batches)
    assert not np.allclose(untrained, original)


def test_checkpoint_manager_keeps_at_most_ten(tmp_path: Path) -> None:
    metrics = s004_saver_restore.run(RunConfig(smoke=True, steps=310, logdir=tmp_path))
    assert metrics["restored_equals_original"] is True
    assert metrics["checkpoints_kept_count"] == 10  # 15 saves every 20 steps + the final one at 310
    assert metrics["checkpoints_kept"][-1] == "classifier-310"  # type: ignore[index]
    kept_indexes = sorted(p.name for p in (tmp_path / "saver_checkpoints").glob("classifier*.index"))
    assert len(kept_indexes) == 10


def test_savedmodel_and_keras_round_trips_give_the_same_predictions(tmp_path: Path) -> None:
    train_x, train_y, test_x, _ = iris_split(0)
    export_dir = tmp_path / "export"
    original = s004_savedmodel_builder.train_and_export(
        export_dir, 60, 0, test_x, IrisBatches(train_x, train_y, 30, seed=0)
    )
    assert (export_dir / "saved_model.pb").is_file()
    assert s004_savedmodel_builder.keras_path(export_dir).is_file()
    by_signature, by_function, by_keras = s004_savedmodel_builder.load_and_predict(export_dir, test_x)
    np.testing.assert_array_equal(by_signature, original)
    np.testing.assert_array_equal(by_function, original)
    np.testing.assert_array_equal(by_keras, original)
    np.testing.assert_allclose(original.sum(axis=1), 1.0, rtol=1e-6)


def test_savedmodel_run_replaces_a_stale_export(tmp_path: Path) -> None:
    config = RunConfig(smoke=True, steps=20, logdir=tmp_path)
    first = s004_savedmodel_builder.run(config)
    second = s004_savedmodel_builder.run(config)
    for metrics in (first, second):
        assert metrics["loaded_equals_original"] is True
        assert metrics["max_abs_diff"] == 0.0
        assert "saved_model.pb" in metrics["export_files"]  # type: ignore[operator]


def test_saved_classifier_trains_like_the_reference() -> None:
    """Both saving examples train the reference's iris classifier (Adam, TF1 defaults pinned)."""
    from reference_tf1 import s004_saver_restore as reference

    check_drawn_parity(
        "s004_saver_restore", reference.parity_model(), s004_saver_restore.parity_model(), batch_size=16
    )
    from reference_tf1 import s004_savedmodel_builder as reference_builder

    check_drawn_parity(
        "s004_savedmodel_builder",
        reference_builder.parity_model(),
        s004_savedmodel_builder.parity_model(),
        seed=2,
        batch_size=16,
        learning_rate=0.05,
    )
