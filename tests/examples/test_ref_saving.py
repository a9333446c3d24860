"""Seed B's saving examples: a model round-trips through disk and restores the same predictions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import s004_savedmodel_builder, s004_saver_restore
from reference_tf1._basics_common import IrisBatches, iris_split
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def test_saver_restore_gives_the_same_predictions(tmp_path: Path) -> None:
    train_x, train_y, test_x, _ = iris_split(0)
    batches = IrisBatches(train_x, train_y, 30, seed=0)
    original, kept = s004_saver_restore.train_and_save(tmp_path, 60, 0, test_x, batches)
    assert kept == ["classifier-20", "classifier-40", "classifier-60", "classifier-final"]
    restored, latest, is_training_default = s004_saver_restore.restore_and_predict(tmp_path, test_x)
    assert latest == "classifier-final"
    assert is_training_default is False
    assert original.shape == (30, 3)
    np.testing.assert_array_equal(restored, original)
    # The restore really loads trained values: an untrained network predicts differently.
    untrained, _ = s004_saver_restore.train_and_save(tmp_path / "untrained", 0, 0, test_x, batches)
    assert not np.allclose(untrained, original)


def test_saver_keeps_at_most_ten_checkpoints(tmp_path: Path) -> None:
    metrics = s004_saver_restore.run(RunConfig(smoke=True, steps=300, logdir=tmp_path))
    assert metrics["restored_equals_original"] is True
    assert metrics["checkpoints_kept_count"] == 10  # max_to_keep=10 of 15 step saves + the final one
    assert metrics["checkpoints_kept"][-1] == "classifier-final"  # type: ignore[index]
    kept_indexes = sorted(p.name for p in (tmp_path / "saver_checkpoints").glob("classifier*.index"))
    assert len(kept_indexes) == 10


def test_savedmodel_round_trip_gives_the_same_predictions(tmp_path: Path) -> None:
    train_x, train_y, test_x, _ = iris_split(0)
    export_dir = tmp_path / "export"
    original = s004_savedmodel_builder.train_and_export(
        export_dir, 60, 0, test_x, IrisBatches(train_x, train_y, 30, seed=0)
    )
    assert (export_dir / "saved_model.pb").is_file()
    by_signature, by_name = s004_savedmodel_builder.load_and_predict(export_dir, test_x)
    np.testing.assert_array_equal(by_signature, original)
    np.testing.assert_array_equal(by_name, original)


def test_savedmodel_run_replaces_a_stale_export(tmp_path: Path) -> None:
    config = RunConfig(smoke=True, steps=20, logdir=tmp_path)
    first = s004_savedmodel_builder.run(config)
    second = s004_savedmodel_builder.run(config)  # the builder refuses an existing directory
    for metrics in (first, second):
        assert metrics["loaded_equals_original"] is True
        assert metrics["max_abs_diff"] == 0.0
        assert "saved_model.pb" in metrics["export_files"]  # type: ignore[operator]
