"""Focused checks of the chapter 8 reference modules (Keras, Pretty Tensor, TFLearn) and their parity hooks.

The parity hooks are checked against float64 numpy re-implementations of each model (forward, loss,
analytic gradients, one plain SGD step), so that they fail if the graph, the loss or the hooks are wrong.
"""

from __future__ import annotations

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import (
    ch08_keras_imdb_conv_lstm,
    ch08_keras_imdb_lstm,
    ch08_keras_sequential_intro,
    ch08_prettytensor_digit_classifier,
    ch08_prettytensor_snippets,
    ch08_tflearn_titanic,
)
from tests.examples._formulas import softmax
from tests.examples._parity import draw_batch
from tfmigrate.book.data import titanic
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def _f64(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {k: np.asarray(v, np.float64) for k, v in weights.items()}


# --------------------------------------------------------------------------------------------- Keras intro


def _sequential_reference(w: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> tuple:
    """Dense-ReLU-Dense-softmax and categorical cross-entropy in float64, with analytic gradients."""
    x, y = x.astype(np.float64), y.astype(np.float64)
    pre = x @ w["dense/kernel"] + w["dense/bias"]
    h = np.maximum(pre, 0.0)
    p = softmax(h @ w["dense_1/kernel"] + w["dense_1/bias"])
    loss = float(np.mean(-np.sum(y * np.log(p), axis=1)))
    d_logits = (p - y) / len(x)
    d_h = (d_logits @ w["dense_1/kernel"].T) * (pre > 0)
    grads = {
        "dense_1/kernel": h.T @ d_logits,
        "dense_1/bias": d_logits.sum(0),
        "dense/kernel": x.T @ d_h,
        "dense/bias": d_h.sum(0),
    }
    return p, loss, grads


def test_keras_sequential_parity_hooks_match_numpy() -> None:
    model = ch08_keras_sequential_intro.parity_model()
    weights = model.initial_weights(0)
    assert {k: v.shape for k, v in weights.items()} == {
        "dense/kernel": (100, 64),
        "dense/bias": (64,),
        "dense_1/kernel": (64, 10),
        "dense_1/bias": (10,),
    }
    limit = np.sqrt(6.0 / (100 + 64))  # glorot_uniform
    assert (
        np.abs(weights["dense/kernel"]).max() <= limit and np.abs(weights["dense/kernel"]).max() > limit / 2
    )
    batch = draw_batch(model.batch_spec(), 8, seed=1)
    p, loss, grads = _sequential_reference(_f64(weights), batch["x"], batch["y"])
    np.testing.assert_allclose(model.forward(weights, batch), p, rtol=1e-5, atol=1e-6)
    assert model.loss(weights, batch) == pytest.approx(loss, rel=1e-5)
    got = model.gradients(weights, batch)
    for name, expected in grads.items():
        np.testing.assert_allclose(got[name], expected, rtol=1e-4, atol=1e-6, err_msg=name)
    # One plain SGD step (Keras 2.0.2's 'sgd': no momentum) at an overriding learning rate.
    stepped = model.train_steps(weights, [batch], learning_rate=0.5)
    for name, expected in grads.items():
        np.testing.assert_allclose(stepped[name], weights[name] - 0.5 * expected, rtol=1e-4, atol=1e-6)


def test_keras_sequential_run_reports_predictions() -> None:
    metrics = ch08_keras_sequential_intro.run(RunConfig(smoke=True, steps=1))
    assert metrics["epochs"] == 1
    assert metrics["proba_row_sum"] == pytest.approx(1.0, abs=1e-5)
    assert all(0 <= c < 10 for c in metrics["first_classes"])


# ----------------------------------------------------------------------------------------------- Keras IMDB


def _hard_sigmoid(z: np.ndarray) -> np.ndarray:
    """Keras 2's hard_sigmoid (Keras 3's is relu6(z + 3) / 6, a different function)."""
    return np.clip(0.2 * z + 0.5, 0.0, 1.0)


def _imdb_lstm_reference(w: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Embedding -> Keras LSTM (gates i, f, c, o; hard_sigmoid recurrent activation) -> Dense sigmoid."""
    units = w["lstm/lstm_cell/recurrent_kernel"].shape[0]
    embedded = w["embedding/embeddings"][x]
    h = np.zeros((len(x), units))
    c = np.zeros((len(x), units))
    for t in range(x.shape[1]):
        z = embedded[:, t] @ w["lstm/lstm_cell/kernel"] + h @ w["lstm/lstm_cell/recurrent_kernel"]
        z = z + w["lstm/lstm_cell/bias"]
        i, f = _hard_sigmoid(z[:, :units]), _hard_sigmoid(z[:, units : 2 * units])
        c = f * c + i * np.tanh(z[:, 2 * units : 3 * units])
        h = _hard_sigmoid(z[:, 3 * units :]) * np.tanh(c)
    return 1.0 / (1.0 + np.exp(-(h @ w["dense/kernel"] + w["dense/bias"])))


def test_imdb_lstm_initial_weights_follow_keras_2_initialisers() -> None:
    weights = ch08_keras_imdb_lstm.parity_model().initial_weights(3)
    assert weights["embedding/embeddings"].shape == (5000, 32)
    assert np.abs(weights["embedding/embeddings"]).max() <= 0.05
    bias = weights["lstm/lstm_cell/bias"]
    np.testing.assert_array_equal(bias[100:200], 1.0)  # unit_forget_bias
    np.testing.assert_array_equal(np.delete(bias, np.s_[100:200]), 0.0)
    recurrent = weights["lstm/lstm_cell/recurrent_kernel"].astype(np.float64)
    np.testing.assert_allclose(recurrent @ recurrent.T, np.eye(100), atol=1e-5)  # orthogonal rows


def test_imdb_lstm_forward_loss_and_training_match_numpy() -> None:
    model = ch08_keras_imdb_lstm.parity_model()
    weights = model.initial_weights(0)
    # Larger weights than the initialisers give, so that the hard_sigmoid's clipping is exercised.
    weights["lstm/lstm_cell/kernel"] = weights["lstm/lstm_cell/kernel"] * 8.0
    weights["embedding/embeddings"] = weights["embedding/embeddings"] * 20.0
    batch = draw_batch(model.batch_spec(), 3, seed=5)
    expected = _imdb_lstm_reference(_f64(weights), batch["x"])
    np.testing.assert_allclose(model.forward(weights, batch), expected, rtol=1e-4, atol=1e-5)
    y = batch["y"].astype(np.float64)
    bce = float(np.mean(-(y * np.log(expected) + (1 - y) * np.log(1 - expected))))
    initial_loss = model.loss(weights, batch)
    assert initial_loss == pytest.approx(bce, rel=1e-4)
    stepped = model.train_steps(weights, [batch, batch])
    assert set(stepped) == set(weights)
    assert not np.allclose(stepped["dense/kernel"], weights["dense/kernel"])
    assert model.loss(stepped, batch) < initial_loss


def test_imdb_models_pin_keras_2_0_2_defaults() -> None:
    import tensorflow as tf

    from reference_tf1._parity import keras_graph_session

    with keras_graph_session(0):
        lstm_model = ch08_keras_imdb_lstm.build_model()
        conv_model = ch08_keras_imdb_conv_lstm.build_model()
        assert lstm_model.get_layer("lstm").get_config()["recurrent_activation"] == "hard_sigmoid"
        assert lstm_model.optimizer.get_config()["epsilon"] == pytest.approx(1e-8)
        kinds = [type(layer).__name__ for layer in conv_model.layers]
        assert kinds == ["Embedding", "Conv1D", "MaxPooling1D", "LSTM", "Dense"]
        assert conv_model.get_layer("conv1d").filters == 32
        assert conv_model.get_layer("max_pooling1d").pool_size == (2,)
        assert conv_model.output.shape.as_list() == [None, 1]
        assert isinstance(conv_model.output, tf.Tensor)  # graph mode: symbolic tensors in a tf.Graph


def test_imdb_data_respects_num_words_and_padding() -> None:
    x_train, y_train, x_test, _ = ch08_keras_imdb_lstm.load_padded(RunConfig(smoke=True))
    assert x_train.shape == (ch08_keras_imdb_lstm.SMOKE_TRAIN, 500)
    assert x_test.shape == (ch08_keras_imdb_lstm.SMOKE_TEST, 500)
    # num_words=5000 honoured (the trap: Keras 3 ignores nb_words and Embedding(5000) then fails).
    assert x_train.max() < 5000 and x_test.max() < 5000
    assert set(np.unique(y_train)) <= {0.0, 1.0}
    # Pre-padding: short reviews start with zeros and end with words.
    assert (x_train[:, -1] != 0).all()


# ----------------------------------------------------------------------------------------------- Pretty Tensor


def test_prettytensor_parity_hooks_match_numpy() -> None:
    model = ch08_prettytensor_digit_classifier.parity_model()
    weights = model.initial_weights(0)
    assert sorted(weights) == sorted(
        f"{scope}/{kind}"
        for scope in ("fully_connected", "fully_connected_1", "softmax_classifier")
        for kind in ("weights", "bias")
    )
    batch = draw_batch(model.batch_spec(), 6, seed=2)
    w = _f64(weights)
    x = batch["x"].reshape(6, -1).astype(np.float64)
    y = batch["y"].astype(np.float64)
    pre1 = x @ w["fully_connected/weights"] + w["fully_connected/bias"]
    h1 = np.maximum(pre1, 0)
    pre2 = h1 @ w["fully_connected_1/weights"] + w["fully_connected_1/bias"]
    h2 = np.maximum(pre2, 0)
    p = softmax(h2 @ w["softmax_classifier/weights"] + w["softmax_classifier/bias"])
    decay = sum(
        0.5 * np.sum(w[f"{s}/weights"] ** 2)
        for s in ("fully_connected", "fully_connected_1", "softmax_classifier")
    )
    loss = np.mean(-np.sum(y * np.log(p), axis=1)) + 1e-5 * decay
    np.testing.assert_allclose(model.forward(weights, batch), p, rtol=1e-5, atol=1e-6)
    assert model.loss(weights, batch) == pytest.approx(loss, rel=1e-5)
    d3 = (p - y) / 6
    d2 = (d3 @ w["softmax_classifier/weights"].T) * (pre2 > 0)
    d1 = (d2 @ w["fully_connected_1/weights"].T) * (pre1 > 0)
    expected = {
        "softmax_classifier/weights": h2.T @ d3 + 1e-5 * w["softmax_classifier/weights"],
        "softmax_classifier/bias": d3.sum(0),
        "fully_connected_1/weights": h1.T @ d2 + 1e-5 * w["fully_connected_1/weights"],
        "fully_connected_1/bias": d2.sum(0),
        "fully_connected/weights": x.T @ d1 + 1e-5 * w["fully_connected/weights"],
        "fully_connected/bias": d1.sum(0),
    }
    got = model.gradients(weights, batch)
    for name, value in expected.items():
        np.testing.assert_allclose(got[name], value, rtol=1e-4, atol=1e-7, err_msg=name)
    stepped = model.train_steps(weights, [batch])  # GradientDescentOptimizer(0.01)
    np.testing.assert_allclose(
        stepped["softmax_classifier/bias"],
        weights["softmax_classifier/bias"] - 0.01 * expected["softmax_classifier/bias"],
        atol=1e-7,
    )


def test_prettytensor_lenet5_builds_with_he_init_and_weight_decay() -> None:
    import tensorflow as tf

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(0)
        handles = ch08_prettytensor_digit_classifier.build(None, 0.01, batch_size=50, model="conv")
        init = tf.compat.v1.global_variables_initializer()
    shapes = {name: v.shape.as_list() for name, v in handles.variables.items()}
    assert shapes["conv2d/weights"] == [5, 5, 1, 20]
    assert shapes["conv2d_1/weights"] == [5, 5, 20, 50]
    assert shapes["fully_connected/weights"] == [7 * 7 * 50, 500]
    assert shapes["softmax_classifier/weights"] == [500, 10]
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        conv = sess.run(handles.variables["conv2d_1/weights"])
        probabilities = sess.run(handles.output, {handles.inputs["x"]: np.zeros((50, 28, 28, 1), np.float32)})
    assert conv.std() == pytest.approx(np.sqrt(2.0 / (20 * 25)), rel=0.1)  # He normal for ReLU conv
    assert probabilities.shape == (50, 10)
    with pytest.raises(ValueError, match="full or conv"), tf.Graph().as_default():
        ch08_prettytensor_digit_classifier.build(None, 0.01, model="lenet")


def test_prettytensor_classifier_learns_in_a_short_run() -> None:
    metrics = ch08_prettytensor_digit_classifier.run(RunConfig(smoke=True, steps=3))
    assert len(metrics["accuracy_per_epoch"]) == 3
    assert metrics["accuracy_per_epoch"][-1] > 0.2  # well above 10 % chance after 60 SGD steps


def test_prettytensor_snippets_chain_both_modes() -> None:
    metrics = ch08_prettytensor_snippets.run(RunConfig(smoke=True))
    assert metrics["normal_softmax_shape"] == [4, 10]
    assert metrics["normal_row_sum_max_error"] < 1e-5
    assert len(metrics["normal_variables"]) == 8  # three fully_connected layers + the classifier
    assert metrics["sequential_variables"] == [
        "fully_connected_3/bias",
        "fully_connected_3/weights",
        "fully_connected_4/bias",
        "fully_connected_4/weights",
    ]
    assert metrics["sequential_loss"] > 0


# ----------------------------------------------------------------------------------------------- TFLearn


def test_titanic_preprocessing_drops_name_and_ticket_and_encodes_sex() -> None:
    data, labels = titanic.load_csv(target_column=0, categorical_labels=True, n_classes=2)
    features = ch08_tflearn_titanic.preprocess(data, ch08_tflearn_titanic.TO_IGNORE)
    assert features.shape == (1309, 6) and features.dtype == np.float32
    # First passenger: Allen, Miss. Elisabeth Walton; 1st class, female, 29, 0, 0, ticket 24160, fare 211.3375.
    np.testing.assert_allclose(features[0], [1.0, 1.0, 29.0, 0.0, 0.0, 211.3375], rtol=1e-6)
    assert set(np.unique(features[:, 1])) == {0.0, 1.0}
    assert labels.shape == (1309, 2) and labels.sum() == 1309


def test_titanic_parity_hooks_match_numpy() -> None:
    model = ch08_tflearn_titanic.parity_model()
    weights = model.initial_weights(0)
    assert np.abs(weights["FullyConnected/W"]).max() <= 0.04  # truncated normal, 2 x stddev 0.02
    weights = {k: v * 20 for k, v in weights.items()}  # scale up so the check is not dominated by tiny values
    batch = draw_batch(model.batch_spec(), 10, seed=4)
    w, x, y = _f64(weights), batch["x"].astype(np.float64), batch["y"].astype(np.float64)
    h1 = x @ w["FullyConnected/W"] + w["FullyConnected/b"]  # tflearn's default activation is linear
    h2 = h1 @ w["FullyConnected_1/W"] + w["FullyConnected_1/b"]
    p = softmax(h2 @ w["FullyConnected_2/W"] + w["FullyConnected_2/b"])
    np.testing.assert_allclose(model.forward(weights, batch), p, rtol=1e-5, atol=1e-6)
    assert model.loss(weights, batch) == pytest.approx(np.mean(-np.sum(y * np.log(p), axis=1)), rel=1e-5)
    d3 = (p - y) / len(x)
    d2 = d3 @ w["FullyConnected_2/W"].T
    d1 = d2 @ w["FullyConnected_1/W"].T
    got = model.gradients(weights, batch)
    for name, value in {
        "FullyConnected_2/W": h2.T @ d3,
        "FullyConnected_1/W": h1.T @ d2,
        "FullyConnected/W": x.T @ d1,
        "FullyConnected/b": d1.sum(0),
    }.items():
        np.testing.assert_allclose(got[name], value, rtol=1e-4, atol=1e-6, err_msg=name)
    # Adam's first step moves every weight with a non-zero gradient by about lr (bias-corrected m/sqrt(v)).
    stepped = model.train_steps(weights, [batch], learning_rate=0.001)
    moved = np.abs(stepped["FullyConnected_2/b"] - weights["FullyConnected_2/b"])
    np.testing.assert_allclose(moved, 0.001, rtol=1e-3)


def test_titanic_learns_above_the_majority_class_rate() -> None:
    metrics = ch08_tflearn_titanic.run(RunConfig(smoke=True, seed=0, steps=3))
    assert metrics["training_samples"] == 1309
    assert metrics["steps"] == 3 * 82
    assert metrics["majority_class_rate"] == pytest.approx(809 / 1309)
    assert metrics["accuracy"] > metrics["majority_class_rate"] + 0.03
