"""Chapter 2 in modern_tf2: the book's results, the single neuron's closed form, and parity with reference_tf1."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import (
    _basics_common,
    ch02_constant_from_numpy,
    ch02_convert_to_tensor_3d,
    ch02_data_model_rank,
    ch02_feeds,
    ch02_fetches,
    ch02_hello_tensorflow,
    ch02_interactive_session,
    ch02_programming_model_multiply,
    ch02_single_input_neuron,
    ch02_tf_upgrade_five_layers_relu,
    ch02_variable_counter,
    ch02_variable_from_numpy,
)
from tests.examples._parity import check_drawn_parity, check_parity
from tfmigrate.book.runtime import RunConfig

pytestmark = pytest.mark.tf


def smoke(tmp_path: Path) -> RunConfig:
    return RunConfig(smoke=True, seed=0, logdir=tmp_path / "logs")


def test_hello_tensorflow_gives_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_hello_tensorflow.run(smoke(tmp_path))
    assert metrics == {"output": "hello TensorFlow!", "fetched_type": "bytes"}
    assert capsys.readouterr().out.splitlines()[0] == "b'hello TensorFlow!'"


def test_programming_model_multiply_gives_200(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ch02_programming_model_multiply.run(smoke(tmp_path))["y_output"] == [200.0]
    assert capsys.readouterr().out.splitlines()[0] == "[200.]"


def test_data_model_rank_shapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_data_model_rank.run(smoke(tmp_path))
    names = ("scalar", "vector", "matrix", "cube_matrix")
    assert [metrics[f"{name}_shape"] for name in names] == ["()", "(5,)", "(2, 3)", "(3, 3, 1)"]
    assert [metrics[f"{name}_rank"] for name in names] == [0, 1, 2, 3]
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["()", "(5,)", "(2, 3)", "(3, 3, 1)"]
    assert out[5] == "TensorShape([5])"


def test_constant_and_variable_from_numpy(tmp_path: Path) -> None:
    constant = ch02_constant_from_numpy.run(smoke(tmp_path))
    assert constant == {"shape": "(10,)", "value": list(range(1, 11)), "dtype": "int64"}
    variable = ch02_variable_from_numpy.run(smoke(tmp_path))
    assert variable == {"shape": "(3, 3)", "value_flat": list(range(1, 10)), "dtype": "int64"}


def test_interactive_session_is_eager_execution(tmp_path: Path) -> None:
    assert ch02_interactive_session.run(smoke(tmp_path)) == {
        "value": [1, 2, 3, 4, 5],
        "executing_eagerly": True,
    }


def test_convert_to_tensor_3d(tmp_path: Path) -> None:
    metrics = ch02_convert_to_tensor_3d.run(smoke(tmp_path))
    assert metrics["shape"] == "(3, 3, 3)"
    assert metrics["dtype"] == "float64"
    assert metrics["value_flat"] == [float(v) for v in range(27)]


def test_variable_counter_counts_to_ten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_variable_counter.run(smoke(tmp_path))
    assert metrics["values"] == list(range(11))
    assert capsys.readouterr().out.split() == [str(v) for v in range(11)]
    assert ch02_variable_counter.run(RunConfig(steps=3))["values"] == [0, 1, 2, 3]


def test_fetches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_fetches.run(smoke(tmp_path))
    assert metrics == {"sum": [400.0], "mul": [300.0], "dtype": "float32"}
    assert capsys.readouterr().out.strip() == "[array([400.], dtype=float32), array([300.], dtype=float32)]"


def test_feeds_doubles_the_fed_data_like_the_reference(tmp_path: Path) -> None:
    metrics = ch02_feeds.run(smoke(tmp_path))
    data = np.asarray(metrics["data"], np.float32)
    assert metrics["shape"] == [3, 2]
    np.testing.assert_array_equal(np.asarray(metrics["y"], np.float32), 2 * data)
    assert metrics["max_abs_diff_from_2x"] == 0.0
    from reference_tf1 import ch02_feeds as reference_feeds

    assert reference_feeds.run(smoke(tmp_path))["data"] == metrics["data"]  # the same seeded draw
    assert ch02_feeds.run(RunConfig(smoke=True, seed=1))["data"] != metrics["data"]


# --- single input neuron ------------------------------------------------------------------------------


def test_single_input_neuron_closed_form_and_summaries(tmp_path: Path) -> None:
    metrics = ch02_single_input_neuron.run(smoke(tmp_path))
    assert metrics["steps"] == 100
    assert metrics["final_weight"] == pytest.approx(0.9875**100, rel=1e-6)
    assert metrics["final_weight"] == pytest.approx(0.28425652, abs=1e-8)
    assert metrics["final_model"] == pytest.approx(0.14212826, abs=1e-7)
    assert metrics["final_loss"] == pytest.approx(0.020200443, rel=1e-5)
    assert metrics["logged_weight_count"] == 100  # one summary before each step
    assert metrics["last_logged_weight"] == pytest.approx(0.9875**99, rel=1e-6)
    logdir = Path(str(metrics["logdir"]))
    assert logdir == tmp_path / "logs" / "log_simple_stats"
    logged = _basics_common.summary_values(logdir)
    assert sorted(logged) == ["expected_output", "input_value", "loss_function", "model", "weight"]
    assert [step for step, _ in logged["weight"]] == list(range(100))
    assert logged["weight"][0][1] == 1.0 and logged["input_value"][5][1] == 0.5


def test_single_input_neuron_train_steps_follow_the_recurrence() -> None:
    hooks = ch02_single_input_neuron.parity_model()
    batch = {"input_value": np.asarray(0.5, np.float32), "expected_output": np.asarray(0.0, np.float32)}
    after = hooks.train_steps(hooks.initial_weights(0), [batch] * 100)
    assert float(after["w"]) == pytest.approx(0.9875**100, rel=1e-6)
    once = hooks.train_steps({"w": np.asarray(1.0, np.float32)}, [batch], learning_rate=0.1)
    assert float(once["w"]) == pytest.approx(1.0 - 0.1 * 2 * 0.25, rel=1e-6)


@pytest.mark.parametrize("learning_rate", [None, 0.3])
def test_single_input_neuron_parity(learning_rate: float | None) -> None:
    from reference_tf1 import ch02_single_input_neuron as reference

    check_drawn_parity(
        "ch02_single_input_neuron",
        reference.parity_model(),
        ch02_single_input_neuron.parity_model(),
        learning_rate=learning_rate,
    )


def test_single_input_neuron_parity_on_batches_of_pairs() -> None:
    """Arrays of N (input, target) pairs: both trees minimise the sum of the N book losses."""
    from reference_tf1 import ch02_single_input_neuron as reference

    rng = np.random.default_rng(7)
    batches = [
        {
            "input_value": rng.uniform(-1, 1, 5).astype(np.float32),
            "expected_output": rng.uniform(-1, 1, 5).astype(np.float32),
        }
        for _ in range(3)
    ]
    ref = reference.parity_model()
    check_parity(
        "ch02_single_input_neuron",
        ref,
        ch02_single_input_neuron.parity_model(),
        ref.initial_weights(0),
        batches,
    )


# --- tf_upgrade five layers relu ------------------------------------------------------------------------


def test_python2_learning_rate_schedule_matches_the_reference() -> None:
    import tensorflow as tf

    from reference_tf1 import ch02_tf_upgrade_five_layers_relu as reference_five_layers

    lr = ch02_tf_upgrade_five_layers_relu.python2_learning_rate
    assert lr(0) == pytest.approx(0.003)
    stepped = 0.0001 + 0.0029 * math.exp(-1)
    assert lr(1) == pytest.approx(stepped) and lr(599) == pytest.approx(stepped)
    schedule = ch02_tf_upgrade_five_layers_relu.Python2LearningRate(600)
    for step in (0, 1, 599, 600, 601, 1234):
        expected = np.float32(reference_five_layers.python2_learning_rate(step % 600))
        assert float(schedule(tf.constant(step))) == expected  # the same float32 as the fed Python float
    endless = ch02_tf_upgrade_five_layers_relu.Python2LearningRate(None)
    assert float(endless(tf.constant(2001))) == np.float32(lr(2001))


@pytest.mark.parametrize(("seed", "learning_rate"), [(0, None), (3, 0.01)])
def test_five_layers_parity(seed: int, learning_rate: float | None) -> None:
    from reference_tf1 import ch02_tf_upgrade_five_layers_relu as reference

    check_drawn_parity(
        "ch02_tf_upgrade_five_layers_relu",
        reference.parity_model(),
        ch02_tf_upgrade_five_layers_relu.parity_model(),
        seed=seed,
        batch_size=16,
        learning_rate=learning_rate,
    )


def test_five_layers_smoke_run_learns_and_logs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = ch02_tf_upgrade_five_layers_relu.run(smoke(tmp_path))
    assert metrics["steps"] == 100 and metrics["epochs"] == 10
    assert metrics["last_cost"] < metrics["first_cost"]  # type: ignore[operator]
    assert metrics["test_accuracy"] > 0.6  # type: ignore[operator]
    assert metrics["learning_rates_fed"] == pytest.approx([0.003, 0.0001 + 0.0029 * math.exp(-1)])
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("Accuracy:  ") for line in lines) == 10 and lines[-1] == "done"
    logged = _basics_common.summary_values(Path(str(metrics["logdir"])))
    assert sorted(logged) == ["accuracy", "cost"]
    assert [step for step, _ in logged["cost"]] == list(range(100))
    assert logged["cost"][0][1] == pytest.approx(metrics["first_cost"])


def test_consecutive_runs_write_summaries_to_their_own_logdirs(tmp_path: Path) -> None:
    """A traced summary op keeps the writer it was traced with: each run must write to its own."""
    for module in (ch02_tf_upgrade_five_layers_relu, ch02_single_input_neuron):
        for name in ("first", "second"):
            metrics = module.run(RunConfig(smoke=True, steps=3, logdir=tmp_path / module.__name__ / name))
            logged = _basics_common.summary_values(Path(str(metrics["logdir"])))
            assert logged and all(len(values) == 3 for values in logged.values()), (module.__name__, name)
