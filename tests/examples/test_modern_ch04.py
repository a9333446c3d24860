"""Chapter 4 modern modules: parity with reference_tf1 (same numpy weights, same batches: forward, loss,
every gradient, weights after 1 and 3 training steps; tfmigrate.parity.harness and its tolerance policy),
and the TF2 plumbing (TF1-semantics RMSProp, CheckpointManager, tf.summary, restoring for the own-image
example, including a reference checkpoint).
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets up TensorFlow's environment before it is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import (
    ch04_emotion_cnn,
    ch04_emotion_data_explore,
    ch04_emotion_test_own_image,
    ch04_mnist_cnn,
)
from modern_tf2._tf1_optimizers import TF1RMSProp
from reference_tf1 import ch04_emotion_cnn as ref_emotion_cnn
from reference_tf1 import ch04_emotion_data_explore as ref_data_explore
from reference_tf1 import ch04_mnist_cnn as ref_mnist_cnn
from tests.examples._parity import assert_same_initial_weights, batches, check_parity, draw_batch
from tfmigrate.book.runtime import RunConfig
from tfmigrate.parity.tolerances import Quantity, tolerance

pytestmark = pytest.mark.tf


# --- ch04_mnist_cnn -------------------------------------------------------------------------------------


def test_mnist_cnn_initial_weights_are_the_reference_draws() -> None:
    assert_same_initial_weights(ref_mnist_cnn.Parity(), ch04_mnist_cnn.Parity(), 4)


def test_mnist_cnn_parity_with_the_reference() -> None:
    ref, mod = ref_mnist_cnn.Parity(), ch04_mnist_cnn.Parity()
    # x10: the book's stddev-0.01 weights through five bias-free layers give gradients near float noise.
    weights = {k: v * 10.0 for k, v in ref.initial_weights(0).items()}
    drawn = batches(ref.batch_spec(), 16, (1, 2, 3))
    assert all(np.abs(g).max() > 1e-4 for g in ref.gradients(weights, drawn[0]).values())
    check_parity("ch04_mnist_cnn", ref, mod, weights, drawn)


def test_tf1_rmsprop_matches_tf1_and_stock_keras_rmsprop_does_not() -> None:
    """Three steps on fixed gradients: TF1RMSProp = the TF1 formula (slot from 1.0, eps inside the sqrt);
    keras.optimizers.RMSprop with the same hyper-parameters starts its slot at 0 and moves ~3x further."""
    import keras
    import tensorflow as tf

    grads = [np.array([0.5, -2.0, 1e-3, 0.0], np.float32), np.array([1.0, 0.25, -0.5, 3.0], np.float32)]
    start = np.array([1.0, -1.0, 0.5, 2.0], np.float32)
    expected, ms = start.astype(np.float64), np.ones(4)
    for g in grads + grads[:1]:
        ms = ms + (g.astype(np.float64) ** 2 - ms) * 0.1
        expected = expected - 0.001 * g / np.sqrt(ms + 1e-10)

    def three_steps(optimizer: Any) -> np.ndarray:
        var = tf.Variable(start)
        for g in grads + grads[:1]:
            optimizer.apply_gradients([(tf.constant(g), var)])
        return np.asarray(var.numpy())

    ours = three_steps(TF1RMSProp(0.001, decay=0.9, momentum=0.0, epsilon=1e-10))
    np.testing.assert_allclose(ours, expected, rtol=0, atol=1e-7)
    stock = three_steps(keras.optimizers.RMSprop(0.001, rho=0.9, momentum=0.0, epsilon=1e-10))
    assert np.abs(stock - expected).max() > 1e-3


# --- ch04_emotion_data_explore ----------------------------------------------------------------------------


def test_emotion_data_explore_reports_what_the_reference_reports(tmp_path: Path) -> None:
    with redirect_stdout(io.StringIO()) as ref_out:
        ref = ref_data_explore.run(RunConfig(smoke=True, logdir=tmp_path / "ref"))
    with redirect_stdout(io.StringIO()) as mod_out:
        mod = ch04_emotion_data_explore.run(RunConfig(smoke=True, logdir=tmp_path / "mod"))
    assert ref_out.getvalue() == mod_out.getvalue()
    assert {k: v for k, v in mod.items() if k != "image_0_png"} == {
        k: v for k, v in ref.items() if k != "image_0_png"
    }
    from PIL import Image

    np.testing.assert_array_equal(
        np.asarray(Image.open(str(mod["image_0_png"]))), np.asarray(Image.open(str(ref["image_0_png"])))
    )


# --- ch04_emotion_cnn -----------------------------------------------------------------------------------


def test_emotion_cnn_parity_with_the_reference() -> None:
    ref, mod = ref_emotion_cnn.Parity(), ch04_emotion_cnn.Parity()
    weights = ref.initial_weights(0)
    np.testing.assert_array_equal(mod.initial_weights(0)["W_fc1"], weights["W_fc1"])
    rng = np.random.default_rng(5)
    for name in ("b_conv1", "b_conv2", "b_fc1", "b_fc2"):  # non-zero biases: the L2 of b_conv* counts
        weights[name] = rng.normal(0.0, 0.1, weights[name].shape).astype(np.float32)
    check_parity("ch04_emotion_cnn", ref, mod, weights, batches(ref.batch_spec(), 16, (6, 7, 8)))


def test_emotion_cnn_regularises_the_conv_weights_and_biases_only() -> None:
    """Scaling the FC weights' size must not change the L2 term; scaling a conv bias must."""
    mod = ch04_emotion_cnn.Parity()
    weights = mod.initial_weights(1)
    batch = draw_batch(mod.batch_spec(), 4, seed=2)
    model = mod.load(weights).model
    logits = model(batch["x"], training=False)
    _, xent, reg = ch04_emotion_cnn.loss(model, logits, batch["y"])
    expected_reg = sum(
        float(np.sum(weights[n].astype(np.float64) ** 2)) / 2 for n in ch04_emotion_cnn.REGULARIZED
    )
    assert float(reg) == pytest.approx(expected_reg, rel=1e-5)
    assert mod.loss(weights, batch) == pytest.approx(float(xent) + 1e-2 * expected_reg, rel=1e-6)


def _summary_tags(logdir: Path) -> set[str]:
    import tensorflow as tf
    from tensorflow.core.util import event_pb2

    tags: set[str] = set()
    for path in logdir.glob("events.out.tfevents.*"):
        for record in tf.data.TFRecordDataset(str(path)):
            tags.update(v.tag for v in event_pb2.Event.FromString(record.numpy()).summary.value)
    return tags


@pytest.fixture(scope="module")
def trained_logdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    logdir = tmp_path_factory.mktemp("modern_emotion_logs")
    with redirect_stdout(io.StringIO()):
        metrics = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=3, seed=0), logdir)
    return logdir, metrics


def test_emotion_training_writes_checkpoints_and_summaries(
    trained_logdir: tuple[Path, dict[str, Any]],
) -> None:
    import tensorflow as tf

    logdir, metrics = trained_logdir
    # Step 0 (a multiple of 100) and the last step of a shortened run, under the reference's file names.
    assert metrics["checkpoint"] == str(logdir / "model.ckpt-2")
    assert tf.train.latest_checkpoint(str(logdir)) == str(logdir / "model.ckpt-2")
    assert (logdir / "model.ckpt-0.index").is_file()
    tags = _summary_tags(logdir)
    assert {"Entropy", "Reg_loss", "W_conv1", "b_conv1", "W_fc2", "b_fc2"} <= tags
    # The optimizer state is in the checkpoint too: Adam's step counter after 3 updates.
    reader = tf.train.load_checkpoint(str(logdir / "model.ckpt-2"))
    assert reader.get_tensor("optimizer/_iterations/.ATTRIBUTES/VARIABLE_VALUE") == 3


def test_emotion_training_again_in_the_same_logdir_restores(tmp_path: Path) -> None:
    with redirect_stdout(io.StringIO()):
        first = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=2), tmp_path)
        second = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=2), tmp_path)
    assert (first["restored"], second["restored"]) == (False, True)
    assert second["validation_losses"] != first["validation_losses"]


def test_own_image_uses_the_existing_checkpoint(trained_logdir: tuple[Path, dict[str, Any]]) -> None:
    logdir, _ = trained_logdir
    with redirect_stdout(io.StringIO()) as out:
        metrics = ch04_emotion_test_own_image.run(RunConfig(smoke=True, steps=50, logdir=logdir))
    assert (metrics["trained_now"], metrics["checkpoint_format"]) == (False, "tf2")
    assert metrics["checkpoint"] == str(logdir / "model.ckpt-2")
    percents = {k: float(v) for k, v in metrics.items() if k.startswith("percent_")}  # type: ignore[arg-type]
    assert len(percents) == 7 and sum(percents.values()) == pytest.approx(100.0)
    assert "happy = " in out.getvalue()
    with redirect_stdout(io.StringIO()):
        again = ch04_emotion_test_own_image.run(RunConfig(smoke=True, steps=50, logdir=logdir))
    assert {k: v for k, v in again.items() if k.startswith("percent_")} == percents  # seeded dropout


def test_restore_reads_a_reference_checkpoint_into_the_keras_model(tmp_path: Path) -> None:
    """A TF1 Saver checkpoint of reference_tf1.ch04_emotion_cnn loads by the book's names: the Keras model
    then computes what the reference's hooks compute with those weights."""
    import tensorflow as tf

    with redirect_stdout(io.StringIO()):
        ref_emotion_cnn.train_model(RunConfig(smoke=True, steps=2, seed=0), tmp_path)
    checkpoint = tf.train.latest_checkpoint(str(tmp_path))
    assert checkpoint is not None
    model = ch04_emotion_cnn.build_model()
    assert ch04_emotion_test_own_image.restore(model, checkpoint) == "tf1"
    reader = tf.train.load_checkpoint(checkpoint)
    weights = {name: reader.get_tensor(name) for name in ch04_emotion_cnn.VARIABLES}
    batch = draw_batch(ch04_emotion_cnn.Parity().batch_spec(), 3, seed=9)
    expected = ref_emotion_cnn.Parity().forward(weights, batch)
    bound = tolerance(Quantity.FORWARD)
    np.testing.assert_allclose(
        np.asarray(model(batch["x"], training=False)), expected, rtol=bound.rtol, atol=bound.atol
    )
