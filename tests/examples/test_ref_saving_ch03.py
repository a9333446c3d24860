"""ch03_softmax_classifier saves a checkpoint that ch03_softmax_loader restores to the same predictions."""

from __future__ import annotations

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import ch03_softmax_classifier, ch03_softmax_loader
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def test_loader_restores_the_classifiers_predictions(tmp_path) -> None:
    config = RunConfig(smoke=True, seed=0, logdir=tmp_path)
    saved = ch03_softmax_classifier.run(config)
    checkpoint = tmp_path / ch03_softmax_classifier.CHECKPOINT_NAME
    for suffix in (".meta", ".index"):
        assert checkpoint.with_name(checkpoint.name + suffix).is_file()

    restored = ch03_softmax_loader.run(config)
    assert restored["trained_classifier_first"] is False
    assert restored["image_index"] == ch03_softmax_classifier.LOADER_IMAGE == 100
    np.testing.assert_allclose(
        restored["probabilities"], saved["image_100_probabilities"], rtol=1e-6, atol=1e-7
    )
    assert restored["predicted"] == saved["image_100_predicted"]
    assert sum(restored["probabilities"]) == pytest.approx(1.0, abs=1e-5)


def test_checkpoint_names_input_and_output_and_holds_the_trained_weights(tmp_path) -> None:
    import tensorflow as tf

    saved = ch03_softmax_classifier.run(RunConfig(smoke=True, steps=5, logdir=tmp_path))
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as sess:
        saver = tf.compat.v1.train.import_meta_graph(saved["checkpoint"] + ".meta")
        saver.restore(sess, saved["checkpoint"])
        assert graph.get_tensor_by_name("input:0").shape.as_list() == [None, 28, 28, 1]
        assert graph.get_tensor_by_name("output:0").shape.as_list() == [None, 10]
    weights = tf.train.load_checkpoint(saved["checkpoint"]).get_tensor("W")
    assert weights.shape == (784, 10) and np.abs(weights).max() > 0  # trained away from the zeros init


def test_loader_trains_the_classifier_when_no_checkpoint_exists(tmp_path) -> None:
    logdir = tmp_path / "empty"
    metrics = ch03_softmax_loader.run(RunConfig(smoke=True, steps=20, logdir=logdir))
    assert metrics["trained_classifier_first"] is True
    assert (logdir / (ch03_softmax_classifier.CHECKPOINT_NAME + ".meta")).is_file()
    assert 0 <= metrics["predicted"] <= 9
    assert metrics["max_probability"] == pytest.approx(max(metrics["probabilities"]))
