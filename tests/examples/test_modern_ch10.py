"""Chapter 10 modern modules: the Q-network's parity with reference_tf1 (same numpy W and batches: Q values,
loss, gradient, W after 1 and 3 gradient-descent steps; tfmigrate.parity.harness), the Q-table and the Gym
registry against the reference's runs, and the Q-network's run (reproducible, Python 2 epsilon schedule)."""

from __future__ import annotations

import numpy as np
import pytest

import modern_tf2  # noqa: F401  (sets up TensorFlow's environment before it is imported)
import reference_tf1  # noqa: F401
from modern_tf2 import ch10_frozenlake_qnetwork, ch10_frozenlake_qtable, ch10_gym_env_list
from reference_tf1 import ch10_frozenlake_qnetwork as ref_qnetwork
from reference_tf1 import ch10_frozenlake_qtable as ref_qtable
from reference_tf1 import ch10_gym_env_list as ref_env_list
from tests.examples._parity import assert_same_initial_weights, batches, check_parity
from tfmigrate.book.runtime import RunConfig

HOLES_AND_GOAL = [5, 7, 11, 12, 15]


def test_gym_registry_is_listed_like_the_reference() -> None:
    config = RunConfig(smoke=True)
    assert ch10_gym_env_list.run(config) == ref_env_list.run(config)
    assert "FrozenLake-v1" in ch10_gym_env_list.run(config)["frozen_lake_ids"]  # type: ignore[operator]


def test_qtable_is_the_references_for_the_same_seed() -> None:
    q, rewards = ch10_frozenlake_qtable.q_learning(150, seed=3)
    ref_q, ref_rewards = ref_qtable.q_learning(150, seed=3)
    np.testing.assert_array_equal(q, ref_q)
    assert rewards == ref_rewards
    other, _ = ch10_frozenlake_qtable.q_learning(150, seed=4)
    assert not np.array_equal(q, other)


def test_qtable_learns_and_leaves_terminal_states_untouched() -> None:
    q, rewards = ch10_frozenlake_qtable.q_learning(300, seed=0)
    np.testing.assert_array_equal(q[HOLES_AND_GOAL], 0.0)
    assert sum(rewards) > 0 and q.max() > 0.5
    metrics = ch10_frozenlake_qtable.run(RunConfig(smoke=True, steps=50, seed=0))
    assert metrics["score_over_time"] == pytest.approx(metrics["successes"] / 50)  # type: ignore[operator]


@pytest.mark.tf
def test_qnetwork_initial_weights_are_the_reference_draws() -> None:
    assert_same_initial_weights(ref_qnetwork.parity_model(), ch10_frozenlake_qnetwork.parity_model(), seed=2)


@pytest.mark.tf
def test_qnetwork_parity() -> None:
    ref, mod = ref_qnetwork.parity_model(), ch10_frozenlake_qnetwork.parity_model()
    drawn = batches(ref.batch_spec(), 5, (1, 2, 3))
    check_parity("ch10_frozenlake_qnetwork", ref, mod, ref.initial_weights(0), drawn)
    # An overriding learning rate reaches the tf.function step too.
    check_parity("ch10_frozenlake_qnetwork", ref, mod, ref.initial_weights(1), drawn, learning_rate=0.05)


@pytest.mark.tf
def test_qnetwork_act_is_argmax_of_the_q_row() -> None:
    net = ch10_frozenlake_qnetwork.QNetwork(seed=0)
    w = net.W.numpy()
    assert w.min() >= 0.0 and w.max() < 0.01  # tf.random.uniform([16, 4], 0, 0.01)
    for state in (0, 6, 14):
        predicted, q = net.act(state)
        np.testing.assert_array_equal(q.numpy(), w[state : state + 1])
        assert int(predicted.numpy()[0]) == int(np.argmax(w[state]))


@pytest.mark.tf
def test_qnetwork_run_is_reproducible_and_keeps_python2_epsilon() -> None:
    first = ch10_frozenlake_qnetwork.run(RunConfig(smoke=True, steps=60, seed=2))
    second = ch10_frozenlake_qnetwork.run(RunConfig(smoke=True, steps=60, seed=2))
    assert first == second
    assert first["episodes"] == 60
    assert 0.0 <= first["successful_fraction"] <= 1.0  # type: ignore[operator]
    # e = 1./((i // 50) + 10): 1/10 (episodes 0-49) or 1/11 (50-59), or the initial 0.1.
    assert first["final_epsilon"] in (0.1, 1.0 / 11)
    assert len(first["W"]) == 64  # type: ignore[arg-type]
