"""FrozenLake for chapter 10 (ch10_frozenlake_qtable, ch10_frozenlake_qnetwork).

The book uses gym's ``FrozenLake-v0``; gymnasium (the maintained fork) only registers ``FrozenLake-v1``,
with the same 4x4 map (SFFF/FHFH/FFFH/HFFG), the same slippery dynamics (intended direction and each
perpendicular one with probability 1/3) and a 100-step time limit (v0 also had 100; the book's own loop stops
at 99 steps). gym 0.x returned ``obs`` from ``reset()`` and ``(obs, reward, done, info)`` from ``step()``;
gymnasium returns ``(obs, info)`` and ``(obs, reward, terminated, truncated, info)``. ``make`` wraps the
environment back into the old API (``done = terminated or truncated``) and seeds it: the environment's RNG on
the first ``reset`` and the action space (for ``action_space.sample()``) right away.
"""

from __future__ import annotations

from typing import Any

ENV_ID = "FrozenLake-v1"
BOOK_ENV_ID = "FrozenLake-v0"


class LegacyEnv:
    """gym-0.x-style view of a gymnasium environment; other attributes are forwarded to the wrapped env."""

    def __init__(self, env: Any, seed: int | None) -> None:
        self.env = env
        self._pending_seed = seed

    def reset(self) -> Any:
        if self._pending_seed is not None:
            obs, _info = self.env.reset(seed=self._pending_seed)
            self._pending_seed = None
        else:
            obs, _info = self.env.reset()
        return obs

    def step(self, action: Any) -> tuple[Any, float, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        return obs, float(reward), bool(terminated or truncated), dict(info)

    def close(self) -> None:
        self.env.close()

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not found normally: observation_space, action_space, unwrapped, spec...
        if name == "env":
            raise AttributeError(name)
        return getattr(self.env, name)


def make(seed: int | None = 0, legacy_api: bool = True, *, is_slippery: bool = True) -> Any:
    """``FrozenLake-v1`` (4x4), seeded; wrapped in ``LegacyEnv`` unless ``legacy_api`` is False.

    With ``legacy_api=False`` the plain gymnasium environment is returned (its action space already seeded);
    pass ``seed`` to its first ``reset`` yourself.
    """
    import gymnasium

    env = gymnasium.make(ENV_ID, map_name="4x4", is_slippery=is_slippery)
    if seed is not None:
        env.action_space.seed(seed)
    if legacy_api:
        return LegacyEnv(env, seed)
    return env
