"""Focused checks of the chapter 4 reference modules: MNIST CNN, emotion CNN, its checkpoint, own image.

TensorFlow is imported inside the tests, after `reference_tf1` has set TF_USE_LEGACY_KERAS.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import ch04_emotion_cnn, ch04_emotion_test_own_image, ch04_mnist_cnn
from tests.examples._formulas import softmax_xent
from tests.examples._parity import draw_batch
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def _check_hooks(
    parity: object, weights: dict[str, np.ndarray], batch: dict[str, np.ndarray], n_out: int
) -> None:
    output = parity.forward(weights, batch)  # type: ignore[attr-defined]
    assert output.shape == (len(batch["y"]), n_out)
    assert np.isfinite(output).all()
    grads = parity.gradients(weights, batch)  # type: ignore[attr-defined]
    assert set(grads) == set(weights)
    for name, grad in grads.items():
        assert grad.shape == weights[name].shape, name
        assert np.isfinite(grad).all(), name
        assert np.abs(grad).max() > 0, f"{name} gets no gradient"


# --- ch04_mnist_cnn -------------------------------------------------------------------------------------


def test_mnist_cnn_hooks_shapes_and_initial_loss() -> None:
    parity = ch04_mnist_cnn.Parity()
    weights = parity.initial_weights(0)
    assert {k: v.shape for k, v in weights.items()} == ch04_mnist_cnn.WEIGHT_SHAPES
    assert 0.009 < float(np.std(weights["w4"])) < 0.011  # random_normal stddev 0.01
    batch = draw_batch(parity.batch_spec(), 8, seed=1)
    _check_hooks(parity, weights, batch, 10)
    # Five tiny, bias-free layers give near-zero logits: the loss starts at ln(10).
    assert parity.loss(weights, batch) == pytest.approx(math.log(10), abs=1e-3)


def test_mnist_cnn_one_step_is_tf1_rmsprop_with_pinned_defaults() -> None:
    """w -= lr * g / sqrt(ms + 1e-10), ms = 0.9 * 1.0 + 0.1 * g**2: TF1 starts the ms slot at 1.0 (Keras at 0,
    which would make the first step about 3 * lr * sign(g)), momentum 0."""
    parity = ch04_mnist_cnn.Parity()
    weights = {k: v * 10.0 for k, v in parity.initial_weights(0).items()}  # gradients well above float noise
    batch = draw_batch(parity.batch_spec(), 16, seed=2)
    grads = parity.gradients(weights, batch)
    after = parity.train_steps(weights, [batch])
    for name, w in weights.items():
        g = grads[name].astype(np.float64)
        expected = w - 0.001 * g / np.sqrt(0.9 * 1.0 + 0.1 * g**2 + 1e-10)
        np.testing.assert_allclose(after[name], expected, rtol=0, atol=1e-7, err_msg=name)


def test_mnist_cnn_train_steps_lower_the_loss_on_a_fixed_batch() -> None:
    parity = ch04_mnist_cnn.Parity()
    weights = {k: v * 10.0 for k, v in parity.initial_weights(3).items()}
    batch = draw_batch(parity.batch_spec(), 16, seed=4)
    before = parity.loss(weights, batch)
    after = parity.loss(parity.train_steps(weights, [batch] * 5), batch)
    assert after < before - 0.5


# --- ch04_emotion_cnn -----------------------------------------------------------------------------------


def test_emotion_cnn_loss_is_xent_plus_l2_of_conv_weights_and_biases_only() -> None:
    parity = ch04_emotion_cnn.Parity()
    weights = parity.initial_weights(0)
    assert weights["W_fc1"].shape == (12 * 12 * 64, 256)  # IMAGE_SIZE // 4, as Python 2 computed it
    rng = np.random.default_rng(5)
    for name in ("b_conv1", "b_conv2", "b_fc1", "b_fc2"):  # non-zero biases make the bias terms count
        weights[name] = rng.normal(0.0, 0.1, weights[name].shape).astype(np.float32)
    batch = draw_batch(parity.batch_spec(), 8, seed=6)
    _check_hooks(parity, weights, batch, 7)
    logits = parity.forward(weights, batch)
    xent = float(np.mean(softmax_xent(logits, batch["y"])))
    reg = sum(
        float(np.sum(weights[n].astype(np.float64) ** 2)) / 2
        for n in ("W_conv1", "b_conv1", "W_conv2", "b_conv2")
    )
    assert parity.loss(weights, batch) == pytest.approx(xent + 1e-2 * reg, rel=1e-5)


def test_emotion_cnn_hooks_switch_off_the_hard_coded_dropout() -> None:
    parity = ch04_emotion_cnn.Parity()
    weights = parity.initial_weights(1)
    batch = draw_batch(parity.batch_spec(), 4, seed=7)
    np.testing.assert_array_equal(parity.forward(weights, batch), parity.forward(weights, batch))


def test_emotion_cnn_one_step_is_adam_with_epsilon_1e8() -> None:
    parity = ch04_emotion_cnn.Parity()
    weights = parity.initial_weights(2)
    batch = draw_batch(parity.batch_spec(), 16, seed=8)
    grads = parity.gradients(weights, batch)
    after = parity.train_steps(weights, [batch])
    for name, w in weights.items():
        g = grads[name].astype(np.float64)
        # First Adam step: m = 0.1 g, v = 0.001 g^2, lr_t = lr * sqrt(1 - 0.999) / (1 - 0.9).
        step = 1e-3 * math.sqrt(1 - 0.999) / 0.1 * (0.1 * g) / (np.sqrt(0.001 * g**2) + 1e-8)
        np.testing.assert_allclose(after[name], w - step, rtol=0, atol=1e-8, err_msg=name)


def test_emotion_cnn_train_steps_lower_the_loss_on_a_fixed_batch() -> None:
    parity = ch04_emotion_cnn.Parity()
    weights = parity.initial_weights(3)
    batch = draw_batch(parity.batch_spec(), 16, seed=9)
    before = parity.loss(weights, batch)
    after = parity.loss(parity.train_steps(weights, [batch] * 5), batch)
    assert after < before - 0.05


# --- checkpoint round trip used by ch04_emotion_test_own_image ------------------------------------------


@pytest.fixture(scope="module")
def trained_logdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    logdir = tmp_path_factory.mktemp("emotion_logs")
    metrics = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=3, seed=0), logdir)
    return logdir, metrics


def test_emotion_training_writes_checkpoints_and_summaries(
    trained_logdir: tuple[Path, dict[str, object]],
) -> None:
    import tensorflow as tf

    logdir, metrics = trained_logdir
    # Step 0 (a multiple of 100) and the last step of a shortened run are saved.
    assert metrics["checkpoint"] == str(logdir / "model.ckpt-2")
    assert tf.compat.v1.train.latest_checkpoint(str(logdir)) == str(logdir / "model.ckpt-2")
    assert (logdir / "model.ckpt-0.index").is_file()
    assert list(logdir.glob("events.out.tfevents.*")), "no TensorBoard event file"
    reader = tf.train.load_checkpoint(str(logdir / "model.ckpt-2"))
    shapes = reader.get_variable_to_shape_map()
    for name, shape in {**ch04_emotion_cnn.WEIGHT_SHAPES, **ch04_emotion_cnn.BIAS_SHAPES}.items():
        assert tuple(shapes[name]) == shape
    assert reader.get_tensor("Variable") == 3  # the book's unnamed global_step, after 3 updates


def test_emotion_checkpoint_restores_by_tensor_names(trained_logdir: tuple[Path, dict[str, object]]) -> None:
    """What the own-image program relies on: import_meta_graph + restore, then "input:0" and "output:0"."""
    import tensorflow as tf

    logdir, _ = trained_logdir
    checkpoint = str(logdir / "model.ckpt-2")
    saved = tf.train.load_checkpoint(checkpoint).get_tensor("W_conv1")
    image = np.random.default_rng(0).uniform(size=(1, 48, 48, 1)).astype(np.float32)
    graph = tf.Graph()
    with graph.as_default(), tf.compat.v1.Session(graph=graph) as sess:
        tf.compat.v1.train.import_meta_graph(checkpoint + ".meta").restore(sess, checkpoint)
        restored = {v.op.name: v for v in tf.compat.v1.global_variables()}
        np.testing.assert_array_equal(sess.run(restored["W_conv1"]), saved)
        x = sess.graph.get_tensor_by_name("input:0")
        y_conv = sess.graph.get_tensor_by_name("output:0")
        probs = np.concatenate([sess.run(y_conv, {x: image}) for _ in range(20)])
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)
    # The hard-coded dropout stays active at inference: repeated runs of one image differ.
    assert np.ptp(probs, axis=0).max() > 1e-4

    # The parity hooks on the restored weights are the dropout-free network: deterministic.
    parity = ch04_emotion_cnn.Parity()
    reader = tf.train.load_checkpoint(checkpoint)
    weights = {name: reader.get_tensor(name) for name in parity.initial_weights(0)}
    batch = {"x": image, "y": np.eye(7, dtype=np.float32)[[3]]}
    np.testing.assert_array_equal(parity.forward(weights, batch), parity.forward(weights, batch))


def test_own_image_uses_the_existing_checkpoint(trained_logdir: tuple[Path, dict[str, object]]) -> None:
    logdir, _ = trained_logdir
    metrics = ch04_emotion_test_own_image.run(RunConfig(smoke=True, steps=50, logdir=logdir))
    assert metrics["trained_now"] is False
    assert metrics["checkpoint"] == str(logdir / "model.ckpt-2")
    assert metrics["evaluations"] == 50
    percents = [v for k, v in metrics.items() if k.startswith("percent_")]
    assert len(percents) == 7
    assert sum(percents) == pytest.approx(100.0)
    # Same checkpoint, same graph-level seeds: the tally is reproducible.
    again = ch04_emotion_test_own_image.run(RunConfig(smoke=True, steps=50, logdir=logdir))
    assert {k: v for k, v in again.items() if k.startswith("percent_")} == {
        k: v for k, v in metrics.items() if k.startswith("percent_")
    }


def test_training_again_in_the_same_logdir_restores(tmp_path: Path) -> None:
    first = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=2), tmp_path)
    second = ch04_emotion_cnn.train_model(RunConfig(smoke=True, steps=2), tmp_path)
    assert first["restored"] is False
    assert second["restored"] is True
    # Restored weights continue from the first run, so the first validation loss differs from a fresh start.
    assert second["validation_losses"] != first["validation_losses"]


def test_own_image_input_is_np_resize_of_the_grey_photo() -> None:
    """np.resize keeps the first 2304 grey values of the photo (its top rows), not a scaled image."""
    img = np.arange(10 * 300 * 3, dtype=np.float64).reshape(10, 300, 3)
    gray = ch04_emotion_test_own_image.rgb2gray(img)
    resized = np.resize(gray, (1, 48, 48, 1))
    np.testing.assert_array_equal(resized.reshape(-1), gray.reshape(-1)[: 48 * 48])


@pytest.mark.parametrize(
    ("value", "text"), [(29.099999999999998, "29.1"), (0.0, "0.0"), (50.3, "50.3"), (100.0, "100.0")]
)
def test_percentages_print_like_python2_str(value: float, text: str) -> None:
    assert ch04_emotion_test_own_image._py2_str(value) == text
