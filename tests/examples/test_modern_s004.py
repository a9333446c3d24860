"""Seed B ("TensorFlow API") in modern_tf2: derived results, and parity with reference_tf1's hooks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from modern_tf2 import (
    _basics_common,
    _tf1_optimizers,
    s004_device_pin,
    s004_estimator_iris_input_fn,
    s004_graph_as_default,
    s004_layers_activations_metrics,
    s004_name_scope_mean,
    s004_optimizers_batchnorm,
    s004_summaries_filewriter,
)
from tests.examples._parity import check_drawn_parity
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")


def test_graph_as_default_is_a_traced_function_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    metrics = s004_graph_as_default.run(smoke(tmp_path))
    assert metrics["value"] == "Node in g"
    assert metrics["constant_in_g"] is True
    assert metrics["constant_name"] == "Const:0"
    assert metrics["eager_outside_the_graph"] is True
    assert metrics["trainable_variables"] == ["counter:0"]
    assert capsys.readouterr().out.splitlines()[0] == "b'Node in g'"


def test_device_pin_places_on_existing_devices(tmp_path: Path) -> None:
    import tensorflow as tf

    metrics = s004_device_pin.run(smoke(tmp_path))
    assert metrics["requested_device_cpu_op"] == "/device:CPU:0"
    assert str(metrics["actual_device_cpu_op"]).endswith("device:CPU:0")
    expected_gpu_op_device = "device:GPU:0" if tf.config.list_physical_devices("GPU") else "device:CPU:0"
    assert str(metrics["actual_device_gpu_op"]).endswith(expected_gpu_op_device)
    assert metrics["soft_device_placement"] is True
    assert metrics["result_cpu_op"] == [5.0, 14.0, 14.0, 50.0]


def test_name_scope_mean_is_integer_one(tmp_path: Path) -> None:
    metrics = s004_name_scope_mean.run(smoke(tmp_path))
    assert metrics["mean"] == 1
    assert metrics["dtype"] == "int32"
    assert metrics["tensor_name"] == "section/Mean:0"


def test_summaries_filewriter_writes_both_summaries_every_step(tmp_path: Path) -> None:
    metrics = s004_summaries_filewriter.run(smoke(tmp_path))
    steps = int(metrics["steps"])  # type: ignore[arg-type]
    assert metrics["summary_tags"] == ["mean", "var"]
    assert metrics["summaries_written"] == 2 * steps
    assert metrics["last_loss"] < metrics["first_loss"]  # type: ignore[operator]
    logged = _basics_common.summary_values(Path(str(metrics["logdir"])))
    step, histogram = logged["var"][0]
    assert step == 0 and histogram.shape == (30, 3) and histogram[:, 2].sum() == 3  # W has 3 entries
    assert [s for s, _ in logged["mean"]] == list(range(steps))


@pytest.mark.parametrize(("seed", "learning_rate"), [(0, None), (4, 0.2)])
def test_summaries_filewriter_parity(seed: int, learning_rate: float | None) -> None:
    from reference_tf1 import s004_summaries_filewriter as reference

    check_drawn_parity(
        "s004_summaries_filewriter",
        reference.parity_model(),
        s004_summaries_filewriter.parity_model(),
        seed=seed,
        batch_size=16,
        learning_rate=learning_rate,
    )


# --- estimator --------------------------------------------------------------------------------------------


def test_estimator_trains_and_predicts_the_book_rows(tmp_path: Path) -> None:
    metrics = s004_estimator_iris_input_fn.run(smoke(tmp_path))
    assert metrics["global_step"] == metrics["steps"]
    assert metrics["test_accuracy"] >= 0.9  # type: ignore[operator]
    assert metrics["book_rows_labels"] == [2, 1]
    assert metrics["book_rows_predicted"] == [2, 1]
    # A new classifier on the same model_dir resumes from its checkpoint, as an Estimator does.
    estimator = s004_estimator_iris_input_fn.DNNClassifier(Path(str(metrics["model_dir"])), seed=0)
    assert estimator.global_step == metrics["steps"]
    estimator.train(input_fn=s004_estimator_iris_input_fn.input_fn, steps=3)
    result = estimator.evaluate(input_fn=s004_estimator_iris_input_fn.input_fn)
    assert result["global_step"] == int(metrics["steps"]) + 3  # type: ignore[arg-type]


def test_estimator_optimizer_is_tf1_adagrad() -> None:
    optimizer = _tf1_optimizers.adagrad(0.05)
    assert optimizer.initial_accumulator_value == 0.1
    assert optimizer.epsilon == 0.0  # TF1's Adagrad has no epsilon


def test_estimator_parity() -> None:
    from reference_tf1 import s004_estimator_iris_input_fn as reference

    check_drawn_parity(
        "s004_estimator_iris_input_fn",
        reference.parity_model(),
        s004_estimator_iris_input_fn.parity_model(),
        batch_size=16,
    )


# --- layers, activations, metrics ---------------------------------------------------------------------------


def test_layers_activations_match_their_formulas(tmp_path: Path) -> None:
    metrics = s004_layers_activations_metrics.run(smoke(tmp_path))
    x = np.asarray(metrics["activation_inputs"])
    np.testing.assert_allclose(metrics["activation_relu"], np.maximum(x, 0), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_sigmoid"], 1 / (1 + np.exp(-x)), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_tanh"], np.tanh(x), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_softplus"], np.log1p(np.exp(x)), atol=1e-6)
    np.testing.assert_allclose(metrics["activation_leaky_relu"], np.where(x > 0, x, 0.2 * x), atol=1e-6)
    assert metrics["last_loss"] < metrics["first_loss"]  # type: ignore[operator]
    assert 0.3 < metrics["test_accuracy"] <= 1.0  # type: ignore[operator]


def test_activation_table_equals_the_references(tmp_path: Path) -> None:
    from reference_tf1 import s004_layers_activations_metrics as reference

    assert s004_layers_activations_metrics._activation_table() == reference._activation_table()


def test_mean_per_class_accuracy_has_tf1_semantics() -> None:
    metric = s004_layers_activations_metrics.MeanPerClassAccuracy(4)
    labels = np.array([0, 0, 1, 1, 1, 2])
    logits = np.eye(4, dtype=np.float32)[[0, 1, 1, 1, 0, 0]]
    metric.update_state(labels, logits)
    # class 0: 1/2, class 1: 2/3, class 2: 0/1, class 3 never seen: 0 -> mean over 4 classes
    assert float(metric.result()) == pytest.approx((0.5 + 2 / 3 + 0 + 0) / 4)


def test_layers_parity() -> None:
    from reference_tf1 import s004_layers_activations_metrics as reference

    check_drawn_parity(
        "s004_layers_activations_metrics",
        reference.parity_model(),
        s004_layers_activations_metrics.parity_model(),
    )


# --- optimizers and batch normalisation -------------------------------------------------------------------


def test_optimizers_batchnorm_each_optimizer_learns(tmp_path: Path) -> None:
    metrics = s004_optimizers_batchnorm.run(smoke(tmp_path))
    for name in s004_optimizers_batchnorm.OPTIMIZERS:
        assert metrics[f"{name}_best_valid_loss"] < metrics[f"{name}_first_valid_loss"]  # type: ignore[operator]
        assert 0 < metrics[f"{name}_steps"] <= metrics["max_steps"]  # type: ignore[operator]


def test_batchnorm_layers_pin_tf1_conventions() -> None:
    import keras

    model = s004_optimizers_batchnorm.bn_classifier(0.01, "adam")
    layers = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert [(layer.momentum, layer.epsilon, layer.center, layer.scale) for layer in layers] == [
        (0.9, 0.001, True, True)
    ] * 2


def test_early_stopping_stops_where_the_reference_loop_would(tmp_path: Path) -> None:
    """Keras' EarlyStopping(patience, min_delta) against the reference's counter, on a loss sequence."""
    import keras

    losses = [1.0, 0.8, 0.79995, 0.7, 0.70001, 0.69995, 0.7, 0.71, 0.72, 0.73, 0.6]
    callback = keras.callbacks.EarlyStopping(
        monitor="val_loss",
        patience=s004_optimizers_batchnorm.PATIENCE,
        min_delta=s004_optimizers_batchnorm.MIN_DELTA,
    )
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False  # what fit() sets before the first epoch
    callback.set_model(model)
    callback.on_train_begin()
    keras_stop = None
    for epoch, loss in enumerate(losses):
        callback.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            keras_stop = epoch
            break
    best, waited, reference_stop = float("inf"), 0, None
    for epoch, loss in enumerate(losses):  # reference_tf1.s004_optimizers_batchnorm's loop
        if loss < best - s004_optimizers_batchnorm.MIN_DELTA:
            best, waited = loss, 0
        else:
            waited += 1
            if waited >= s004_optimizers_batchnorm.PATIENCE:
                reference_stop = epoch
                break
    assert keras_stop == reference_stop == 8


@pytest.mark.parametrize("optimizer", sorted(s004_optimizers_batchnorm.OPTIMIZERS))
def test_optimizers_batchnorm_parity(optimizer: str) -> None:
    from reference_tf1 import s004_optimizers_batchnorm as reference

    check_drawn_parity(
        f"s004_optimizers_batchnorm[{optimizer}]",
        reference.parity_model(optimizer),
        s004_optimizers_batchnorm.parity_model(optimizer),
        batch_size=16,
    )


def test_optimizers_batchnorm_parity_hooks_update_moving_statistics() -> None:
    hooks = s004_optimizers_batchnorm.parity_model()
    weights = hooks.initial_weights(0)
    rng = np.random.default_rng(2)
    batch = {
        "x": rng.uniform(0.5, 7.5, size=(16, 4)).astype(np.float32),
        "y": rng.integers(0, 3, 16).astype(np.int32),
    }
    grads = hooks.gradients(weights, batch)
    assert "dnn/batchnorm_0/gamma" in grads and "dnn/batchnorm_0/moving_mean" not in grads
    after = hooks.train_steps(weights, [batch] * 5)
    assert not np.array_equal(after["dnn/batchnorm_0/moving_mean"], weights["dnn/batchnorm_0/moving_mean"])
    assert hooks.loss(after, batch) < hooks.loss(weights, batch)


def test_tf1_rmsprop_slots_start_at_one() -> None:
    import tensorflow as tf

    variable = tf.Variable([1.0, -2.0])
    optimizer = _tf1_optimizers.rmsprop(0.01, momentum=0.9)
    optimizer.build([variable])
    np.testing.assert_array_equal(optimizer.rms[0].numpy(), [1.0, 1.0])
    optimizer.apply_gradients([(tf.constant([0.5, 0.5]), variable)])
    ms = 1.0 + (0.25 - 1.0) * (1 - np.float32(0.9))
    expected = 1.0 - 0.01 * 0.5 / np.sqrt(ms + 1e-10)
    assert float(variable.numpy()[0]) == pytest.approx(expected, rel=1e-6)
