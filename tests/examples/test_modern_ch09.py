"""Chapter 9 modern modules: the retrained layer's parity with reference_tf1 (same numpy weights and
bottleneck batches: forward, loss, gradients, weights after 1 and 3 SGD steps), the video QA model's parity
(both through tfmigrate.parity.harness and its tolerance policy), the SavedModel round trips of
retrain -> classify_image (in process and in a fresh interpreter that has only TensorFlow), XLA's compiled
computation, and the Android demo's TFLite asset.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets up TensorFlow's environment before it is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import (
    ch09_android_demo,
    ch09_classify_image,
    ch09_retrain_inception_flowers,
    ch09_video_qa_keras,
    ch09_xla_cpu_device,
)
from reference_tf1 import ch09_retrain_inception_flowers as ref_retrain
from reference_tf1 import ch09_video_qa_keras as ref_video_qa
from tests.examples._parity import assert_same_initial_weights, batches, check_parity
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

retrain = ch09_retrain_inception_flowers


# --- the retrained layer ------------------------------------------------------------------------------------


def test_final_layer_initial_weights_are_the_reference_draws() -> None:
    assert_same_initial_weights(ref_retrain.parity_model(), retrain.parity_model(), seed=4)


def test_final_layer_parity() -> None:
    ref, mod = ref_retrain.parity_model(), retrain.parity_model()
    initial = ref.initial_weights(0)
    # Weights as after some training (stddev 0.1, non-zero biases), so that the softmax is not uniform.
    weights = {
        "final_weights": initial["final_weights"] * 100,
        "final_biases": np.arange(5, dtype=np.float32) / 10,
    }
    check_parity(
        "ch09_retrain_inception_flowers", ref, mod, weights, batches(ref.batch_spec(), 20, (1, 2, 3))
    )


def test_stand_in_model_matches_the_references_kernels_and_round_trips(tmp_path: Path) -> None:
    import tensorflow as tf

    path = retrain.write_stand_in_model(tmp_path)
    assert (path / "saved_model.pb").is_file()
    module = retrain.StandInInception()
    # The same "pretrained" kernels as the reference's frozen GraphDef: the same numpy draws, in order.
    rng = np.random.default_rng(retrain.STAND_IN_SEED)
    for kernel, (size, n_in, n_out, _) in zip(module.kernels, retrain.STAND_IN_CONVS, strict=True):
        expected = rng.normal(0.0, np.sqrt(2.0 / (size * size * n_in)), size=(size, size, n_in, n_out))
        np.testing.assert_array_equal(kernel.numpy(), expected.astype(np.float32))
    retrain.make_flower_photos(tmp_path / "photos", per_class=1, seed=0)
    jpeg = tf.io.read_file(str(tmp_path / "photos" / "roses" / "roses_0000.jpg"))
    loaded = retrain.load_inception(tmp_path)
    bottleneck = loaded.bottleneck(jpeg).numpy()
    assert bottleneck.shape == (1, 2048) and (bottleneck >= 0).all()  # a mean of ReLUs
    np.testing.assert_array_equal(bottleneck, module.bottleneck(jpeg).numpy())


def test_image_lists_split_like_the_reference(tmp_path: Path) -> None:
    retrain.make_flower_photos(tmp_path, per_class=12, seed=0)
    lists = retrain.create_image_lists(tmp_path, 10, 10)
    assert lists == ref_retrain.create_image_lists(tmp_path, 10, 10)
    assert list(lists) == list(retrain.FLOWERS)


# --- retrain -> SavedModel -> classify_image ----------------------------------------------------------------


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> tuple[retrain.Paths, Any, dict[str, Any]]:
    paths = retrain.Paths(tmp_path_factory.mktemp("retrain") / "tensorflow_files")
    classifier, metrics = retrain.train_final_layer(paths, images_per_class=20, steps=40, seed=0)
    retrain.export(classifier, paths, list(metrics["classes"]))
    return paths, classifier, metrics


def _daisy(paths: retrain.Paths) -> Path:
    return sorted((paths.image_dir / "daisy").glob("*.jpg"))[0]


def test_retrain_writes_the_export_the_cache_and_summaries(
    retrained: tuple[retrain.Paths, Any, dict],
) -> None:
    paths, _, metrics = retrained
    assert metrics["steps"] == 40
    assert (paths.output_model / "saved_model.pb").is_file()
    assert paths.output_labels.read_text().split("\n")[:-1] == list(retrain.FLOWERS)
    assert len(list(paths.bottleneck_dir.rglob("*.txt"))) == 100  # one cached bottleneck per image
    assert list((paths.summaries_dir / "train").glob("events.out.tfevents.*"))
    assert list((paths.summaries_dir / "validation").glob("events.out.tfevents.*"))


def test_saved_model_reproduces_the_trained_classifier(retrained: tuple[retrain.Paths, Any, dict]) -> None:
    """Save/load round trip: the loaded SavedModel holds the trained weights and predicts what the
    in-memory classifier predicts, through its serving signature and through the restored tf.function."""
    import tensorflow as tf

    paths, classifier, _ = retrained
    loaded = tf.saved_model.load(str(paths.output_model))
    np.testing.assert_array_equal(
        loaded.final_layer.final_weights.numpy(), classifier.final_layer.final_weights.numpy()
    )
    np.testing.assert_array_equal(
        loaded.final_layer.final_biases.numpy(), classifier.final_layer.final_biases.numpy()
    )
    assert np.abs(classifier.final_layer.final_biases.numpy()).max() > 0  # really trained (starts at 0)
    serving = loaded.signatures["serving_default"]
    assert list(serving.structured_input_signature[1]) == ["contents"]
    assert list(serving.structured_outputs) == ["final_result"]
    for flower in retrain.FLOWERS:
        jpeg = tf.io.read_file(str(sorted((paths.image_dir / flower).glob("*.jpg"))[0]))
        expected = classifier.classify(jpeg)["final_result"].numpy()
        np.testing.assert_array_equal(serving(contents=jpeg)["final_result"].numpy(), expected)
        np.testing.assert_array_equal(loaded.classify(jpeg)["final_result"].numpy(), expected)
        assert expected.shape == (1, 5)


def test_classify_image_loads_the_export(retrained: tuple[retrain.Paths, Any, dict]) -> None:
    import tensorflow as tf

    paths, classifier, _ = retrained
    image = _daisy(paths)
    results = ch09_classify_image.classify(image, paths.output_model, paths.output_labels)
    labels = [label for label, _ in results]
    scores = [score for _, score in results]
    assert sorted(labels) == sorted(retrain.FLOWERS)
    assert sum(scores) == pytest.approx(1.0, abs=1e-5)
    assert scores == sorted(scores, reverse=True)
    expected = classifier.classify(tf.io.read_file(str(image)))["final_result"].numpy()[0]
    assert dict(results) == {label: float(expected[k]) for k, label in enumerate(retrain.FLOWERS)}


def test_saved_model_loads_without_the_code_that_built_it(retrained: tuple[retrain.Paths, Any, dict]) -> None:
    """A fresh interpreter importing only TensorFlow (no modern_tf2 classes) gets the same scores."""
    paths, _, _ = retrained
    image = _daisy(paths)
    expected = ch09_classify_image.predict(image, paths.output_model)
    script = (
        "import json, sys, tensorflow as tf\n"
        "model = tf.saved_model.load(sys.argv[1])\n"
        "out = model.signatures['serving_default'](contents=tf.io.read_file(sys.argv[2]))['final_result']\n"
        "print(json.dumps(out.numpy().tolist()))\n"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_USE_LEGACY_KERAS", None)
    done = subprocess.run(
        [sys.executable, "-c", script, str(paths.output_model), str(image)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    scores = np.array(json.loads(done.stdout.strip().splitlines()[-1]), np.float32)
    np.testing.assert_array_equal(scores, expected)


def test_classify_image_run_retrains_only_when_the_export_is_missing(tmp_path: Path) -> None:
    first = ch09_classify_image.run(RunConfig(smoke=True, steps=20, logdir=tmp_path))
    assert first["retrained_first"] is True
    assert (tmp_path / "tensorflow_files" / "retrained_model" / "saved_model.pb").is_file()
    again = ch09_classify_image.run(RunConfig(smoke=True, steps=20, logdir=tmp_path))
    assert again["retrained_first"] is False
    assert again["scores"] == first["scores"] and again["labels"] == first["labels"]
    assert first["score_sum"] == pytest.approx(1.0, abs=1e-5)


# --- XLA, video QA, Android -------------------------------------------------------------------------------


def test_xla_compiles_the_square() -> None:
    metrics = ch09_xla_cpu_device.run(RunConfig(smoke=True))
    expected = [2.25, 0.25, 0.25, 2.25]
    assert metrics["expected"] == expected
    assert metrics["jit_result"] == expected
    assert metrics["jit_equals_plain"] is True
    assert "multiply" in metrics["hlo_instructions"]  # type: ignore[operator]
    # XLA fused the elementwise multiply into one kernel: the book's single vmulps, at the HLO level.
    assert metrics["optimized_hlo_instructions"] == ["parameter", "fusion"]
    assert metrics["optimized_has_multiply"] is True
    assert metrics["xla_devices"] == []  # the XLA_CPU device of the book no longer exists
    placement = str(metrics["xla_cpu_device"])
    assert placement.startswith(("soft-placed on device:CPU", "unavailable: Could not satisfy device"))


def test_video_qa_initial_weights_are_the_reference_draws() -> None:
    assert_same_initial_weights(ref_video_qa.parity_model(), ch09_video_qa_keras.parity_model(), seed=1)


def test_video_qa_parity() -> None:
    ref, mod = ref_video_qa.parity_model(), ch09_video_qa_keras.parity_model()
    drawn = batches(ref.batch_spec(), 2, (1, 2, 3))
    for batch in drawn:
        batch["question"][:, 30:] = 0  # zero-padded questions: the embedding's mask_zero masks the tail
    check_parity("ch09_video_qa_keras", ref, mod, ref.initial_weights(0), drawn)


def test_video_qa_trains_only_the_unfrozen_part() -> None:
    metrics = ch09_video_qa_keras.run(RunConfig(smoke=True))
    assert metrics["logits_shape"] == [2, 1000]
    assert metrics["frozen_encoder_unchanged"] is True
    assert metrics["frozen_parameters"] == 3 * 3 * 3 * 16 + 16 + 3 * 3 * 16 * 32 + 32
    assert metrics["loss_after"] < metrics["loss_before"]  # type: ignore[operator]


def test_android_asset_is_a_tflite_model_that_matches_the_function(tmp_path: Path) -> None:
    metrics = ch09_android_demo.run(RunConfig(smoke=True, logdir=tmp_path))
    assert metrics["tflite_max_abs_diff"] < 1e-6  # type: ignore[operator]
    assert (metrics["input_name"], metrics["output_name"]) == ("input", "output")
    assert 1 <= len(metrics["recognitions"]) <= 3  # type: ignore[arg-type]
    assets = tmp_path / "android_assets"
    assert (assets / "tensorflow_inception_graph.tflite").read_bytes()[4:8] == b"TFL3"  # flatbuffer id
    assert (assets / "imagenet_comp_graph_label_strings.txt").read_text().split() == list(retrain.FLOWERS)
    assert ch09_android_demo.EXAMPLES[0].missing
