"""Focused checks of the chapter 9 reference modules (retraining, classify_image, XLA, video QA, Android)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    ch09_android_demo,
    ch09_classify_image,
    ch09_retrain_inception_flowers,
    ch09_video_qa_keras,
    ch09_xla_cpu_device,
)
from tests.examples._formulas import softmax
from tests.examples._parity import draw_batch
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf

retrain = ch09_retrain_inception_flowers


def test_final_layer_parity_hooks_match_numpy_softmax_regression() -> None:
    model = retrain.parity_model()
    weights = model.initial_weights(0)
    assert weights["final_weights"].shape == (2048, 5)
    assert np.abs(weights["final_weights"]).max() <= 0.002  # truncated normal, stddev 0.001
    np.testing.assert_array_equal(weights["final_biases"], 0.0)
    weights = {
        "final_weights": weights["final_weights"] * 100,
        "final_biases": np.arange(5, dtype=np.float32) / 10,
    }
    batch = draw_batch(model.batch_spec(), 7, seed=3)
    x = batch["bottleneck"].astype(np.float64)
    y = batch["ground_truth"].astype(np.float64)
    p = softmax(x @ weights["final_weights"] + weights["final_biases"])
    np.testing.assert_allclose(model.forward(weights, batch), p, rtol=1e-5, atol=1e-6)
    assert model.loss(weights, batch) == pytest.approx(np.mean(-np.sum(y * np.log(p), axis=1)), rel=1e-5)
    d_logits = (p - y) / len(x)
    grads = model.gradients(weights, batch)
    np.testing.assert_allclose(grads["final_weights"], x.T @ d_logits, rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(grads["final_biases"], d_logits.sum(0), rtol=1e-4, atol=1e-7)
    stepped = model.train_steps(weights, [batch])  # GradientDescentOptimizer(0.01)
    np.testing.assert_allclose(
        stepped["final_weights"], weights["final_weights"] - 0.01 * x.T @ d_logits, atol=1e-6
    )


def test_image_lists_split_by_file_name_hash(tmp_path: Path) -> None:
    retrain.make_flower_photos(tmp_path, per_class=12, seed=0)
    first = retrain.create_image_lists(tmp_path, 10, 10)
    again = retrain.create_image_lists(tmp_path, 10, 10)
    assert first == again
    assert list(first) == list(retrain.FLOWERS)
    for lists in first.values():
        files = lists["training"] + lists["testing"] + lists["validation"]
        assert len(files) == len(set(files)) == 12


@pytest.fixture(scope="module")
def retrained(tmp_path_factory: pytest.TempPathFactory) -> tuple[retrain.Paths, dict]:
    paths = retrain.Paths(tmp_path_factory.mktemp("retrain") / "tensorflow_files")
    metrics = retrain.retrain(paths, images_per_class=20, steps=40, seed=0)
    return paths, metrics


def test_retrain_exports_frozen_graph_and_labels(retrained: tuple[retrain.Paths, dict]) -> None:
    import tensorflow as tf

    paths, metrics = retrained
    assert metrics["steps"] == 40
    assert paths.output_labels.read_text().split("\n")[:-1] == list(retrain.FLOWERS)
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(paths.output_graph.read_bytes())
    ops = {node.op for node in graph_def.node}
    assert not ops & {"VariableV2", "VarHandleOp", "ReadVariableOp"}  # weights frozen to constants
    names = {node.name for node in graph_def.node}
    assert {"DecodeJpeg/contents", "DecodeJpeg", "ResizeBilinear", "pool_3/_reshape", "final_result"} <= names
    assert len(list(paths.bottleneck_dir.rglob("*.txt"))) == 100  # one cached bottleneck per image
    assert list((paths.summaries_dir / "train").glob("events.out.tfevents.*"))


def test_classify_image_loads_the_exported_graph(retrained: tuple[retrain.Paths, dict]) -> None:
    paths, _ = retrained
    image = sorted((paths.image_dir / "daisy").glob("*.jpg"))[0]
    results = ch09_classify_image.classify(image, paths.output_graph, paths.output_labels)
    labels = [label for label, _ in results]
    scores = [score for _, score in results]
    assert sorted(labels) == sorted(retrain.FLOWERS)
    assert sum(scores) == pytest.approx(1.0, abs=1e-5)
    assert scores == sorted(scores, reverse=True)


def test_classify_image_run_retrains_when_the_graph_is_missing(tmp_path: Path) -> None:
    metrics = ch09_classify_image.run(RunConfig(smoke=True, steps=20, logdir=tmp_path))
    assert metrics["retrained_first"] is True
    assert metrics["score_sum"] == pytest.approx(1.0, abs=1e-5)
    assert (tmp_path / "tensorflow_files" / "retrained_graph.pb").exists()


def test_xla_computes_the_square_with_jit_compilation() -> None:
    metrics = ch09_xla_cpu_device.run(RunConfig(smoke=True))
    expected = [2.25, 0.25, 0.25, 2.25]
    assert metrics["expected"] == expected
    assert metrics["jit_scope_result"] == expected
    assert metrics["global_jit_result"] == expected
    assert metrics["jit_scope_marked"] is True
    assert "_XlaRun" in metrics["jit_scope_xla_kernels"]  # XLA really compiled and ran the cluster
    assert metrics["xla_devices"] == []  # the XLA_CPU device the book used no longer exists


def test_video_qa_model_trains_only_the_unfrozen_part() -> None:
    metrics = ch09_video_qa_keras.run(RunConfig(smoke=True))
    assert metrics["logits_shape"] == [2, 1000]
    assert metrics["frozen_encoder_unchanged"] is True
    assert metrics["frozen_parameters"] > 0
    assert np.isfinite(metrics["loss_after"])
    assert metrics["loss_after"] < metrics["loss_before"]


def test_video_qa_parity_weights_cover_every_variable() -> None:
    model = ch09_video_qa_keras.parity_model()
    weights = model.initial_weights(0)
    assert weights["embedding/embeddings"].shape == (10000, 256)
    assert weights["video_lstm/lstm_cell/recurrent_kernel"].shape == (256, 1024)
    assert weights["conv_a/kernel"].shape == (3, 3, 3, 16)
    batch = draw_batch(model.batch_spec(), 1, seed=0)
    logits = model.forward(weights, batch)
    assert logits.shape == (1, 1000) and np.isfinite(logits).all()


def test_android_assets_are_frozen_and_loadable(tmp_path: Path) -> None:
    metrics = ch09_android_demo.run(RunConfig(smoke=True, logdir=tmp_path))
    assert metrics["variable_ops"] == 0
    assert (metrics["input_name"], metrics["output_name"]) == ("input", "output")
    assert 1 <= len(metrics["recognitions"]) <= 3
    assets = tmp_path / "android_assets"
    assert (assets / "tensorflow_inception_graph.pb").stat().st_size > 0
    assert (assets / "imagenet_comp_graph_label_strings.txt").read_text().split() == list(retrain.FLOWERS)
