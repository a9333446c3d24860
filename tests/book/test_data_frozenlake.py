"""tfmigrate.book.data.frozenlake: gymnasium FrozenLake-v1 behind gym 0.x's API."""

from __future__ import annotations

import numpy as np

from tfmigrate.book.data import frozenlake


def _trajectory(seed: int, steps: int = 300) -> list[tuple[int, int, float, bool]]:
    env = frozenlake.make(seed)
    out = []
    state = env.reset()
    for _ in range(steps):
        action = env.action_space.sample()
        new_state, reward, done, _info = env.step(action)
        out.append((int(state), int(action), reward, done))
        state = env.reset() if done else new_state
    env.close()
    return out


def test_legacy_api_and_book_map() -> None:
    env = frozenlake.make(0)
    assert env.observation_space.n == 16 and env.action_space.n == 4
    desc = ["".join(c.decode() for c in row) for row in env.unwrapped.desc]
    assert desc == ["SFFF", "FHFH", "FFFH", "HFFG"]
    state = env.reset()
    assert state == 0 and isinstance(state, (int, np.integer))
    result = env.step(2)
    assert len(result) == 4
    _obs, reward, done, info = result
    assert isinstance(reward, float) and isinstance(done, bool) and isinstance(info, dict)
    assert env.spec.max_episode_steps == 100
    # Slippery: intended move and both perpendicular ones, 1/3 each (state 14, action RIGHT).
    transitions = env.unwrapped.P[14][2]
    assert sorted(t[1] for t in transitions) == [10, 14, 15]
    np.testing.assert_allclose([t[0] for t in transitions], [1 / 3] * 3)
    assert [t[2] for t in transitions if t[1] == 15] == [1.0]


def test_done_on_hole_and_on_time_limit() -> None:
    env = frozenlake.make(3, is_slippery=False)
    env.reset()
    _, _, done, _ = env.step(1)  # down to state 4
    assert not done
    _, reward, done, _ = env.step(2)  # right into the hole at 5
    assert done and reward == 0.0
    env.reset()
    for step in range(100):
        _, _, done, _ = env.step(0)  # walk into the left wall forever: truncated at 100 steps
        assert done == (step == 99)


def test_seeding_is_deterministic() -> None:
    assert _trajectory(5) == _trajectory(5)
    assert _trajectory(5) != _trajectory(6)


def test_modern_api() -> None:
    env = frozenlake.make(0, legacy_api=False)
    obs, info = env.reset(seed=0)
    assert obs == 0 and isinstance(info, dict)
    assert len(env.step(1)) == 5
