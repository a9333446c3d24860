"""Focused checks of the chapter 6 reference modules (LSTM and bidirectional LSTM on MNIST, PTB language
model): the documented TF1 LSTM weight layout against a numpy BasicLSTMCell, the bidirectional output
alignment, optimizer steps, and the PTB learning-rate schedule and gradient clipping."""

from __future__ import annotations

import math

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import ch06_bidirectional_rnn_mnist, ch06_ptb_word_lm, ch06_rnn_lstm_mnist
from tests.examples._formulas import lstm_outputs, softmax_xent
from tests.examples._parity import draw_batch
from tfmigrate.book.data import ptb as ptb_data

pytestmark = pytest.mark.tf


def _with_random_biases(weights: dict[str, np.ndarray], seed: int) -> dict[str, np.ndarray]:
    """Cell biases start at zero; random ones make the check see the bias layout and the forget bias."""
    rng = np.random.default_rng(seed)
    return {
        name: rng.normal(0.0, 0.5, w.shape).astype(np.float32) if name.endswith("basic_lstm_cell/bias") else w
        for name, w in weights.items()
    }


def _time_major(x: np.ndarray) -> np.ndarray:
    return np.transpose(x, (1, 0, 2))  # [batch, 28 rows, 28 pixels] -> [28, batch, 28]


# --- ch06_rnn_lstm_mnist --------------------------------------------------------------------------------


def test_lstm_canonical_weights_reproduce_a_numpy_basic_lstm_cell() -> None:
    """Kernel [x; h] rows, gate blocks i, j, f, o, forget_bias 1.0 added at run time (module docstring)."""
    parity = ch06_rnn_lstm_mnist.Parity()
    weights = _with_random_biases(parity.initial_weights(0), seed=1)
    assert weights[ch06_rnn_lstm_mnist.KERNEL].shape == (28 + 128, 4 * 128)
    batch = draw_batch(parity.batch_spec(), 3, seed=2)
    h = lstm_outputs(
        _time_major(batch["x"]), weights[ch06_rnn_lstm_mnist.KERNEL], weights[ch06_rnn_lstm_mnist.BIAS], 1.0
    )
    expected = h[-1] @ weights["weights_out"] + weights["biases_out"]
    np.testing.assert_allclose(parity.forward(weights, batch), expected, rtol=1e-4, atol=1e-4)

    # The check can fail: Keras' gate order (i, f, c, o) or no forget bias gives other logits.
    kernel, bias = weights[ch06_rnn_lstm_mnist.KERNEL], weights[ch06_rnn_lstm_mnist.BIAS]
    swap = np.r_[0:128, 256:384, 128:256, 384:512]  # read (i, j, f, o) as if it were (i, f, j, o)
    wrong_order = lstm_outputs(_time_major(batch["x"]), kernel[:, swap], bias[swap], 1.0)
    no_forget_bias = lstm_outputs(_time_major(batch["x"]), kernel, bias, 0.0)
    for wrong in (wrong_order, no_forget_bias):
        logits = wrong[-1] @ weights["weights_out"] + weights["biases_out"]
        assert np.abs(logits - expected).max() > 1e-2


def test_lstm_hooks_shapes_loss_and_initialisers() -> None:
    parity = ch06_rnn_lstm_mnist.Parity()
    weights = parity.initial_weights(3)
    limit = math.sqrt(6.0 / (156 + 512))  # glorot uniform, get_variable's default initialiser
    assert np.abs(weights[ch06_rnn_lstm_mnist.KERNEL]).max() <= limit
    assert not weights[ch06_rnn_lstm_mnist.BIAS].any()
    assert 0.9 < float(np.std(weights["weights_out"])) < 1.1  # random_normal, stddev 1
    batch = draw_batch(parity.batch_spec(), 5, seed=4)
    logits = parity.forward(weights, batch)
    assert logits.shape == (5, 10)
    assert parity.loss(weights, batch) == pytest.approx(
        float(np.mean(softmax_xent(logits, batch["y"]))), rel=1e-5
    )
    grads = parity.gradients(weights, batch)
    assert {k: g.shape for k, g in grads.items()} == {k: w.shape for k, w in weights.items()}
    assert all(np.isfinite(g).all() and np.abs(g).max() > 0 for g in grads.values())


def test_lstm_loss_gradient_matches_a_finite_difference() -> None:
    parity = ch06_rnn_lstm_mnist.Parity()
    weights = _with_random_biases(parity.initial_weights(5), seed=6)
    batch = draw_batch(parity.batch_spec(), 4, seed=7)
    grads = parity.gradients(weights, batch)
    rng = np.random.default_rng(8)
    direction = {k: rng.normal(size=w.shape).astype(np.float32) for k, w in weights.items()}
    norm = math.sqrt(sum(float(np.sum(d.astype(np.float64) ** 2)) for d in direction.values()))
    eps = 1e-2
    plus = parity.loss({k: w + eps * direction[k] / norm for k, w in weights.items()}, batch)
    minus = parity.loss({k: w - eps * direction[k] / norm for k, w in weights.items()}, batch)
    analytic = sum(float(np.sum(grads[k].astype(np.float64) * direction[k])) for k in weights) / norm
    assert (plus - minus) / (2 * eps) == pytest.approx(analytic, rel=2e-2, abs=1e-3)


@pytest.mark.parametrize("module", [ch06_rnn_lstm_mnist, ch06_bidirectional_rnn_mnist])
def test_rnn_train_steps_are_adam_and_lower_the_loss(module: object) -> None:
    parity = module.Parity()  # type: ignore[attr-defined]
    weights = parity.initial_weights(9)
    batch = draw_batch(parity.batch_spec(), 16, seed=10)
    grads = parity.gradients(weights, batch)
    after_one = parity.train_steps(weights, [batch])
    for name, w in weights.items():
        g = grads[name].astype(np.float64)
        step = 1e-3 * math.sqrt(1 - 0.999) / 0.1 * (0.1 * g) / (np.sqrt(0.001 * g**2) + 1e-8)
        np.testing.assert_allclose(after_one[name], w - step, rtol=1e-6, atol=1e-7, err_msg=name)
    before = parity.loss(weights, batch)
    after = parity.loss(parity.train_steps(weights, [batch] * 5), batch)
    assert after < before - 0.05


# --- ch06_bidirectional_rnn_mnist -----------------------------------------------------------------------


def test_bidirectional_outputs_last_is_forward_end_and_backward_first_step() -> None:
    m = ch06_bidirectional_rnn_mnist
    parity = m.Parity()
    weights = _with_random_biases(parity.initial_weights(11), seed=12)
    batch = draw_batch(parity.batch_spec(), 3, seed=13)
    xs = _time_major(batch["x"])
    fw = lstm_outputs(xs, weights[m.FW_KERNEL], weights[m.FW_BIAS], 1.0)
    bw = lstm_outputs(xs[::-1], weights[m.BW_KERNEL], weights[m.BW_BIAS], 1.0)  # bw[k] has seen x[27-k..27]
    expected = np.concatenate([fw[-1], bw[0]], axis=1) @ weights["weights_out"] + weights["biases_out"]
    np.testing.assert_allclose(parity.forward(weights, batch), expected, rtol=1e-4, atol=1e-4)
    # What Keras' Bidirectional(LSTM) without return_sequences would use instead: bw after all 28 rows.
    keras_style = np.concatenate([fw[-1], bw[-1]], axis=1) @ weights["weights_out"] + weights["biases_out"]
    assert np.abs(keras_style - expected).max() > 1e-2


# --- ch06_ptb_word_lm ------------------------------------------------------------------------------------


def test_ptb_learning_rate_schedule_matches_the_book_log() -> None:
    config = ch06_ptb_word_lm.SmallConfig()
    rates = [ch06_ptb_word_lm.learning_rate_for_epoch(config, i) for i in range(config.max_max_epoch)]
    assert rates[:5] == [1.0] * 5
    assert rates[5] == 0.5
    # The book prints "Epoch: 12 Learning rate: 0.008" and "Epoch: 13 Learning rate: 0.004" (L7456, L7471).
    assert f"{rates[11]:.3f}" == "0.008"
    assert f"{rates[12]:.3f}" == "0.004"


def test_ptb_parity_spec_uses_the_data_vocabulary() -> None:
    parity = ch06_ptb_word_lm.Parity()
    vocab = ptb_data.ptb_raw_data()[3]
    spec = parity.batch_spec()
    assert set(spec) == {"x", "y"}
    assert spec["x"].kind == "index" and spec["x"].dtype == "int32"
    assert (spec["x"].shape, spec["x"].high) == ((20,), vocab)


@pytest.fixture(scope="module")
def small_ptb() -> ch06_ptb_word_lm.Parity:
    return ch06_ptb_word_lm.Parity(vocab_size=60)  # the real configuration, a small vocabulary


def test_ptb_forward_is_a_two_layer_numpy_lstm(small_ptb: ch06_ptb_word_lm.Parity) -> None:
    weights = _with_random_biases(small_ptb.initial_weights(14), seed=15)
    batch = draw_batch(small_ptb.batch_spec(), 2, seed=16)
    prefix = "Model/RNN/multi_rnn_cell/cell_{}/basic_lstm_cell/"
    h = _time_major(weights["Model/embedding"][batch["x"]])
    for k in range(2):
        h = lstm_outputs(h, weights[prefix.format(k) + "kernel"], weights[prefix.format(k) + "bias"], 0.0)
    expected = np.transpose(h, (1, 0, 2)) @ weights["Model/softmax_w"] + weights["Model/softmax_b"]
    logits = small_ptb.forward(weights, batch)
    assert logits.shape == (2, 20, 60)
    np.testing.assert_allclose(logits, expected, rtol=1e-4, atol=1e-4)
    # cost = sum over the 20 steps of the batch-mean cross-entropy.
    one_hot = np.eye(60)[batch["y"].reshape(-1)]
    cost = float(np.sum(softmax_xent(expected.reshape(-1, 60), one_hot)) / 2)
    assert small_ptb.loss(weights, batch) == pytest.approx(cost, rel=1e-4)


def test_ptb_initial_cost_is_about_num_steps_log_vocab(small_ptb: ch06_ptb_word_lm.Parity) -> None:
    weights = small_ptb.initial_weights(17)
    assert not any(w.any() for n, w in weights.items() if n.endswith("/bias"))
    assert max(float(np.abs(w).max()) for w in weights.values()) <= 0.1
    batch = draw_batch(small_ptb.batch_spec(), 4, seed=18)
    assert small_ptb.loss(weights, batch) == pytest.approx(20 * math.log(60), rel=0.02)


def test_ptb_train_step_is_sgd_on_globally_clipped_gradients(small_ptb: ch06_ptb_word_lm.Parity) -> None:
    weights = {k: v * 5.0 for k, v in small_ptb.initial_weights(19).items()}  # a global norm above 5
    batch = draw_batch(small_ptb.batch_spec(), 2, seed=20)
    # No word twice in x: then TF1's global norm (see the next test) is the dense gradient's norm.
    batch["x"] = np.random.default_rng(20).permutation(60)[:40].reshape(2, 20).astype(np.int32)
    grads = small_ptb.gradients(weights, batch)
    assert set(grads) == set(weights)
    norm = math.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values()))
    assert norm > 5.0, "the check needs gradients that get clipped"
    after = small_ptb.train_steps(weights, [batch], learning_rate=0.5)
    for name, w in weights.items():
        expected = w - 0.5 * grads[name] * (5.0 / norm)
        np.testing.assert_allclose(after[name], expected, rtol=1e-5, atol=1e-6, err_msg=name)


def test_ptb_clipping_norm_counts_each_embedding_lookup_separately(
    small_ptb: ch06_ptb_word_lm.Parity,
) -> None:
    """The parity hazard the module docstring records: TF1 clips the embedding gradient as IndexedSlices,
    one row per looked-up word, so a repeated word adds its rows' squares, not the square of their sum."""
    weights = {k: v * 5.0 for k, v in small_ptb.initial_weights(19).items()}
    batch = draw_batch(small_ptb.batch_spec(), 2, seed=20)
    batch["x"] = np.full((2, 20), 7, dtype=np.int32)  # one word, 40 times
    grads = small_ptb.gradients(weights, batch)
    dense_norm = math.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values()))
    after = small_ptb.train_steps(weights, [batch], learning_rate=0.5)
    name = "Model/softmax_w"  # not an embedding row, so only the clipping factor differs
    factor = float(np.sum((weights[name] - after[name]) * grads[name]) / np.sum(grads[name] ** 2)) / 0.5
    assert factor * dense_norm / 5.0 > 1.05, "TF1's norm should be smaller than the dense gradient's"


def test_ptb_train_steps_lower_the_cost(small_ptb: ch06_ptb_word_lm.Parity) -> None:
    weights = small_ptb.initial_weights(21)
    batch = draw_batch(small_ptb.batch_spec(), 4, seed=22)
    before = small_ptb.loss(weights, batch)
    # Three steps at the configuration's lr 1.0 (a fixed batch of random ids overshoots after about five).
    after = small_ptb.loss(small_ptb.train_steps(weights, [batch] * 3), batch)
    assert after < before - 1.0
