"""Focused checks of the chapter 10 reference modules (Gym registry, Q-table, Q-network)."""

from __future__ import annotations

import numpy as np
import pytest

import reference_tf1  # noqa: F401  (sets TF_USE_LEGACY_KERAS before TensorFlow is imported)
from reference_tf1 import ch10_frozenlake_qnetwork, ch10_frozenlake_qtable, ch10_gym_env_list
from tests.examples._parity import draw_batch
from tfmigrate.book.runtime import RunConfig

HOLES_AND_GOAL = [5, 7, 11, 12, 15]


def test_gym_registry_lists_frozen_lake() -> None:
    metrics = ch10_gym_env_list.run(RunConfig(smoke=True))
    assert "FrozenLake-v1" in metrics["frozen_lake_ids"]
    assert metrics["environment_count"] >= len(metrics["first_ids"]) > 0


def test_qtable_is_deterministic_under_a_seed() -> None:
    q1, rewards1 = ch10_frozenlake_qtable.q_learning(150, seed=3)
    q2, rewards2 = ch10_frozenlake_qtable.q_learning(150, seed=3)
    np.testing.assert_array_equal(q1, q2)
    assert rewards1 == rewards2
    q3, _ = ch10_frozenlake_qtable.q_learning(150, seed=4)
    assert not np.array_equal(q1, q3)


def test_qtable_learns_and_leaves_terminal_states_untouched() -> None:
    q, rewards = ch10_frozenlake_qtable.q_learning(300, seed=0)
    assert q.shape == (16, 4)
    # Holes and the goal end the episode: they are never the state s of an update.
    np.testing.assert_array_equal(q[HOLES_AND_GOAL], 0.0)
    assert sum(rewards) > 0 and q.max() > 0.5  # the goal's reward has propagated
    metrics = ch10_frozenlake_qtable.run(RunConfig(smoke=True, steps=50, seed=0))
    assert metrics["episodes"] == 50
    assert metrics["score_over_time"] == pytest.approx(metrics["successes"] / 50)


@pytest.mark.tf
def test_qnetwork_parity_hooks_match_the_linear_q_network() -> None:
    model = ch10_frozenlake_qnetwork.parity_model()
    weights = model.initial_weights(0)
    assert weights["W"].shape == (16, 4)
    assert weights["W"].min() >= 0.0 and weights["W"].max() < 0.01  # random_uniform([16, 4], 0, 0.01)
    batch = draw_batch(model.batch_spec(), 5, seed=1)
    s, target = batch["inputs1"].astype(np.float64), batch["nextQ"].astype(np.float64)
    w = weights["W"].astype(np.float64)
    q = s @ w
    np.testing.assert_allclose(model.forward(weights, batch), q, rtol=1e-6, atol=1e-7)
    assert model.loss(weights, batch) == pytest.approx(np.sum((target - q) ** 2), rel=1e-5)
    gradient = -2.0 * s.T @ (target - q)  # d/dW sum((target - s W)^2)
    np.testing.assert_allclose(model.gradients(weights, batch)["W"], gradient, rtol=1e-5, atol=1e-7)
    stepped = model.train_steps(weights, [batch])  # GradientDescentOptimizer(0.1)
    np.testing.assert_allclose(stepped["W"], w - 0.1 * gradient, rtol=1e-5, atol=1e-6)
    twice = model.train_steps(weights, [batch, batch], learning_rate=0.05)
    w1 = w - 0.05 * gradient
    np.testing.assert_allclose(twice["W"], w1 + 0.05 * 2.0 * s.T @ (target - s @ w1), rtol=1e-5, atol=1e-6)


@pytest.mark.tf
def test_qnetwork_run_is_reproducible_and_keeps_python2_epsilon() -> None:
    first = ch10_frozenlake_qnetwork.run(RunConfig(smoke=True, steps=60, seed=2))
    second = ch10_frozenlake_qnetwork.run(RunConfig(smoke=True, steps=60, seed=2))
    assert first == second
    assert first["episodes"] == 60
    assert 0.0 <= first["successful_fraction"] <= 1.0
    # e = 1./((i // 50) + 10): only the values 1/10 (episodes 0-49) or 1/11 (50-59) are possible here,
    # plus the initial 0.1 if no episode ended by `done` (the smooth Py3 i/50 would give e.g. 1/10.3).
    assert first["final_epsilon"] in (0.1, 1.0 / 11)
    assert len(first["W"]) == 64
