"""Chapter 6 modern modules: parity with reference_tf1 (same numpy weights in the TF1 BasicLSTMCell layout,
same batches: forward, loss, every gradient, weights after 1 and 3 training steps), the LSTM weight mapping
both ways, the bidirectional output alignment, the PTB clipping hazard and state carrying.

Parity comparisons: tfmigrate.parity.harness and its tolerance policy. The LSTM gradients of the two trees
differ by float32 reduction order (TF1 multiplies [x, h] by one kernel, Keras x and h by two and adds).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets up TensorFlow's environment before it is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import ch06_bidirectional_rnn_mnist, ch06_ptb_word_lm, ch06_rnn_lstm_mnist
from modern_tf2._ch04_ch06_common import lstm_from_keras, lstm_to_keras
from reference_tf1 import ch06_bidirectional_rnn_mnist as ref_birnn
from reference_tf1 import ch06_ptb_word_lm as ref_ptb
from reference_tf1 import ch06_rnn_lstm_mnist as ref_lstm
from tests.examples._formulas import max_abs_diff
from tests.examples._parity import assert_same_initial_weights, batches, check_parity, draw_batch
from tfmigrate.parity import harness
from tfmigrate.parity.tolerances import Quantity, tolerance

pytestmark = pytest.mark.tf


def _with_random_biases(weights: dict[str, np.ndarray], seed: int) -> dict[str, np.ndarray]:
    """Cell biases start at zero; random ones make the parity see the bias layout and the forget bias."""
    rng = np.random.default_rng(seed)
    return {
        name: rng.normal(0.0, 0.5, w.shape).astype(np.float32) if name.endswith("basic_lstm_cell/bias") else w
        for name, w in weights.items()
    }


# --- the LSTM weight mapping ------------------------------------------------------------------------------


def test_lstm_mapping_round_trips_and_reorders_the_gate_blocks() -> None:
    rng = np.random.default_rng(0)
    n_in, hidden = 3, 2
    kernel = rng.normal(size=(n_in + hidden, 4 * hidden)).astype(np.float32)
    bias = rng.normal(size=4 * hidden).astype(np.float32)
    k, r, b = lstm_to_keras(kernel, bias, forget_bias=1.0)
    assert (k.shape, r.shape, b.shape) == ((n_in, 8), (hidden, 8), (8,))
    i, j, f, o = (slice(g * hidden, (g + 1) * hidden) for g in range(4))
    ki, kf, kc, ko = (slice(g * hidden, (g + 1) * hidden) for g in range(4))
    np.testing.assert_array_equal(k[:, kc], kernel[:n_in, j])  # Keras' c block is TF1's j
    np.testing.assert_array_equal(r[:, kf], kernel[n_in:, f])
    np.testing.assert_array_equal(k[:, ki], kernel[:n_in, i])
    np.testing.assert_array_equal(r[:, ko], kernel[n_in:, o])
    np.testing.assert_allclose(b[kf], bias[f] + 1.0)  # the run-time forget bias, folded in
    np.testing.assert_array_equal(b[kc], bias[j])
    back_kernel, back_bias = lstm_from_keras(k, r, b, forget_bias=1.0)
    np.testing.assert_array_equal(back_kernel, kernel)
    np.testing.assert_allclose(back_bias, bias, atol=2e-7)  # (b + 1) - 1 rounds in float32
    # Gradients: the same re-ordering, but no forget-bias offset to take out.
    _, grad_bias = lstm_from_keras(k, r, b, forget_bias=0.0)
    np.testing.assert_allclose(grad_bias[f], bias[f] + 1.0)


def test_keras_lstm_uses_tf1s_activations() -> None:
    import keras

    cell = ch06_rnn_lstm_mnist.build_model().get_layer("lstm").cell
    # Keras 1 / 2.0 defaulted recurrent_activation to hard_sigmoid; TF1's BasicLSTMCell uses sigmoid.
    assert cell.recurrent_activation is keras.activations.sigmoid
    assert cell.activation is keras.activations.tanh


# --- ch06_rnn_lstm_mnist -------------------------------------------------------------------------------


def test_lstm_initial_weights_are_the_reference_draws() -> None:
    assert_same_initial_weights(ref_lstm.Parity(), ch06_rnn_lstm_mnist.Parity(), 3)


def test_lstm_parity_with_the_reference() -> None:
    ref, mod = ref_lstm.Parity(), ch06_rnn_lstm_mnist.Parity()
    weights = _with_random_biases(ref.initial_weights(0), seed=1)
    check_parity("ch06_rnn_lstm_mnist", ref, mod, weights, batches(ref.batch_spec(), 16, (2, 3, 4)))


def test_lstm_parity_fails_without_the_forget_bias_fold() -> None:
    """The check can fail: mapping the same weights without the +1.0 gives other logits."""

    class NoFold(ch06_rnn_lstm_mnist.Parity):
        def to_keras(self, weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            arrays = super().to_keras(weights)
            arrays["rnn/basic_lstm_cell:bias"][128:256] -= 1.0
            return arrays

    ref = ref_lstm.Parity()
    weights = ref.initial_weights(5)
    batch = draw_batch(ref.batch_spec(), 4, seed=6)
    assert max_abs_diff(ref.forward(weights, batch), NoFold().forward(weights, batch)) > 1e-2


# --- ch06_bidirectional_rnn_mnist ------------------------------------------------------------------------


def test_bidirectional_parity_with_the_reference() -> None:
    ref, mod = ref_birnn.Parity(), ch06_bidirectional_rnn_mnist.Parity()
    assert_same_initial_weights(ref, mod, 7)
    weights = _with_random_biases(ref.initial_weights(7), seed=8)
    check_parity(
        "ch06_bidirectional_rnn_mnist", ref, mod, weights, batches(ref.batch_spec(), 16, (9, 10, 11))
    )


def test_bidirectional_without_return_sequences_is_not_the_books_model() -> None:
    """Keras' Bidirectional(LSTM(128)) (last states) with the same weights computes something else: its bw
    half has read all 28 rows, the book's only row 27."""
    import keras

    mod = ch06_bidirectional_rnn_mnist.Parity()
    weights = _with_random_biases(mod.initial_weights(12), seed=13)
    batch = draw_batch(mod.batch_spec(), 4, seed=14)
    model = mod.load(weights).model
    bi = model.get_layer("bidirectional")
    last_states = keras.layers.Bidirectional(
        keras.layers.LSTM(128), backward_layer=keras.layers.LSTM(128, go_backwards=True)
    )
    last_states.build((None, 28, 28))
    for new, old in zip(last_states.weights, bi.weights, strict=True):
        new.assign(old)
    logits = model.get_layer("out")(last_states(batch["x"]))
    expected = ref_birnn.Parity().forward(weights, batch)
    assert harness.compare_arrays(
        "forward", mod.forward(weights, batch), expected, tolerance(Quantity.FORWARD)
    ).passed
    assert max_abs_diff(np.asarray(logits), expected) > 1e-2


# --- ch06_ptb_word_lm ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ptb_pair() -> tuple[ref_ptb.Parity, ch06_ptb_word_lm.Parity]:
    return ref_ptb.Parity(vocab_size=60), ch06_ptb_word_lm.Parity(vocab_size=60)  # small vocabulary


def test_ptb_parity_with_the_reference(ptb_pair: tuple[Any, Any]) -> None:
    ref, mod = ptb_pair
    assert_same_initial_weights(ref, mod, 14)
    weights = _with_random_biases(ref.initial_weights(14), seed=15)
    check_parity("ch06_ptb_word_lm", ref, mod, weights, batches(ref.batch_spec(), 4, (16, 17, 18)))


def test_ptb_clipping_norm_counts_each_lookup_like_tf1(ptb_pair: tuple[Any, Any]) -> None:
    """One word 40 times: TF1's global norm adds 40 squared embedding rows, not the square of their sum.
    The modern step reproduces that (parity), and the dense gradient's norm would clip differently."""
    ref, mod = ptb_pair
    weights = {k: v * 5.0 for k, v in ref.initial_weights(19).items()}  # a global norm above 5
    batch = draw_batch(ref.batch_spec(), 2, seed=20)
    batch["x"] = np.full((2, 20), 7, dtype=np.int32)
    grads = mod.gradients(weights, batch)  # dense
    dense_norm = math.sqrt(sum(float(np.sum(g.astype(np.float64) ** 2)) for g in grads.values()))
    assert dense_norm > 5.0
    expected = ref.train_steps(weights, [batch], learning_rate=0.5)
    after = mod.train_steps(weights, [batch], learning_rate=0.5)
    bound = tolerance(Quantity.PARAMETERS, steps=1)
    assert harness.compare_named("parameters@1, one repeated word", after, expected, bound).passed
    name = "Model/softmax_w"  # the clipping factor, read off a non-embedding weight
    factor = float(np.sum((weights[name] - after[name]) * grads[name]) / np.sum(grads[name] ** 2)) / 0.5
    assert factor * dense_norm / 5.0 > 1.05, "clipped by the dense norm: TF1's hazard not reproduced"


def test_ptb_state_is_carried_between_windows_in_keras_order() -> None:
    """Two 20-word windows with the state handed over = one 40-word window: (h, c) not swapped."""
    from dataclasses import replace

    import tensorflow as tf

    config = replace(ch06_ptb_word_lm.SmallConfig(), vocab_size=60)
    model = ch06_ptb_word_lm.LanguageModel(config, seed=0)
    ids = tf.constant(np.random.default_rng(21).integers(0, 60, size=(3, 40)), tf.int32)
    whole, _ = model(ids, None)
    first, state = model(ids[:, :20], model.zero_state(3))
    second, _ = model(ids[:, 20:], state)
    bound = tolerance(Quantity.FORWARD)
    np.testing.assert_allclose(
        np.concatenate([first, second], axis=1), np.asarray(whole), rtol=bound.rtol, atol=bound.atol
    )


def test_ptb_learning_rate_schedule_is_the_references() -> None:
    config = ch06_ptb_word_lm.SmallConfig()
    assert config == ch06_ptb_word_lm.SmallConfig(**vars(ref_ptb.SmallConfig()))
    for i in range(config.max_max_epoch):
        assert ch06_ptb_word_lm.learning_rate_for_epoch(config, i) == ref_ptb.learning_rate_for_epoch(
            ref_ptb.SmallConfig(), i
        )
