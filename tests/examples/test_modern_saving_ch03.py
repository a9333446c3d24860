"""modern_tf2's ch03_softmax_classifier exports a SavedModel that ch03_softmax_loader loads back to the same
predictions, through a serving signature named like the reference's tensors ("input" -> "output")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from modern_tf2 import ch03_softmax_classifier, ch03_softmax_loader
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def test_loader_restores_the_classifiers_predictions(tmp_path: Path) -> None:
    config = RunConfig(smoke=True, seed=0, logdir=tmp_path)
    saved = ch03_softmax_classifier.run(config)
    export_dir = tmp_path / ch03_softmax_classifier.SAVED_MODEL_DIR
    assert saved["saved_model"] == str(export_dir)
    assert (export_dir / "saved_model.pb").is_file()

    restored = ch03_softmax_loader.run(config)
    assert restored["trained_classifier_first"] is False
    assert restored["image_index"] == ch03_softmax_classifier.LOADER_IMAGE == 100
    np.testing.assert_allclose(
        restored["probabilities"], saved["image_100_probabilities"], rtol=1e-6, atol=1e-7
    )
    assert restored["predicted"] == saved["image_100_predicted"]
    assert sum(restored["probabilities"]) == pytest.approx(1.0, abs=1e-5)
    # Trained, not the zeros init (which gives 0.1 everywhere).
    assert restored["max_probability"] > 0.2


def test_saved_model_signature_is_input_to_output_and_holds_the_trained_weights(tmp_path: Path) -> None:
    import tensorflow as tf

    saved = ch03_softmax_classifier.run(RunConfig(smoke=True, steps=5, logdir=tmp_path))
    loaded = tf.saved_model.load(saved["saved_model"])
    serve = loaded.signatures["serving_default"]
    _, inputs = serve.structured_input_signature
    assert list(inputs) == ["input"]
    assert inputs["input"].shape.as_list() == [None, 28, 28, 1] and inputs["input"].dtype == tf.float32
    assert list(serve.structured_outputs) == ["output"]
    assert serve.structured_outputs["output"].shape.as_list() == [None, 10]

    # The whole test set through the signature: the same probabilities as the trained Keras model's.
    images = mnist_data.read_data_sets(layout="book", smoke=True).test.images
    served = serve(input=tf.constant(images))["output"].numpy()
    np.testing.assert_allclose(served.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(served[100], saved["image_100_probabilities"], rtol=1e-6, atol=1e-7)

    variables = dict(tf.train.list_variables(str(Path(saved["saved_model"]) / "variables" / "variables")))
    kernels = [name for name, shape in variables.items() if shape == [784, 10]]
    assert len(kernels) == 1
    kernel = tf.train.load_checkpoint(str(Path(saved["saved_model"]) / "variables" / "variables")).get_tensor(
        kernels[0]
    )
    assert np.abs(kernel).max() > 0  # trained away from the zeros init


def test_loader_trains_the_classifier_when_no_saved_model_exists(tmp_path: Path) -> None:
    logdir = tmp_path / "empty"
    metrics = ch03_softmax_loader.run(RunConfig(smoke=True, steps=20, logdir=logdir))
    assert metrics["trained_classifier_first"] is True
    assert (logdir / ch03_softmax_classifier.SAVED_MODEL_DIR / "saved_model.pb").is_file()
    assert 0 <= metrics["predicted"] <= 9
    assert metrics["max_probability"] == pytest.approx(max(metrics["probabilities"]))
