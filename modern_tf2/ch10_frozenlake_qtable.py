"""ch10_frozenlake_qtable: tabular Q-learning on FrozenLake (Seed A L9906-10024, listing L10032-10079).
Spec: reference_tf1/ch10_frozenlake_qtable.py -- the same numpy program (the book uses no TensorFlow here,
so there is nothing to modernise but the environment API).

The book's algorithm, unchanged: a 16x4 Q-table of zeros; 2000 episodes of at most 99 steps; the action is
`argmax(Q[s, :] + randn(1, 4) * (1 / (i + 1)))`; the update `Q[s, a] += lr * (r + y * max(Q[s1, :]) - Q[s,
a])` with lr = 0.85, y = 0.99; the score is the mean episode reward (`Score over time: 0.3585`, L10006),
followed by the final Q-table. gym's `FrozenLake-v0` -> gymnasium's `FrozenLake-v1` (same map and dynamics)
through `tfmigrate.book.data.frozenlake.make` (gym 0.x's reset/step API, seeded); the book's unseeded
`np.random.randn` is drawn from `numpy.random.RandomState(config.seed)`, as in the reference, so the two
trees produce the same Q-table for the same seed. Smoke mode: 200 episodes; `config.steps` overrides the
number of episodes.
"""

from __future__ import annotations

import numpy as np

from tfmigrate.book.data import frozenlake
from tfmigrate.book.runtime import Example, Metrics, RunConfig

LR = 0.85
GAMMA = 0.99
NUM_EPISODES = 2000
MAX_STEPS = 99
SMOKE_EPISODES = 200


def q_learning(num_episodes: int, seed: int) -> tuple[np.ndarray, list[float]]:
    """The listing's loop; returns the final Q-table and the reward of every episode."""
    env = frozenlake.make(seed=seed)
    rng = np.random.RandomState(seed)
    # Initialize table with all zeros
    Q = np.zeros([env.observation_space.n, env.action_space.n])
    rList: list[float] = []
    for i in range(num_episodes):
        # Reset environment and get first new observation
        s = env.reset()
        rAll = 0.0
        d = False
        j = 0
        # The Q-Table learning algorithm
        while j < MAX_STEPS:
            j += 1
            # Choose an action by greedily (with noise) picking from Q table
            a = int(np.argmax(Q[s, :] + rng.randn(1, env.action_space.n) * (1.0 / (i + 1))))
            # Get new state and reward from environment
            s1, r, d, _ = env.step(a)
            # Update Q-Table with new knowledge
            Q[s, a] = Q[s, a] + LR * (r + GAMMA * np.max(Q[s1, :]) - Q[s, a])
            rAll += r
            s = s1
            if d:
                break
        rList.append(rAll)
    env.close()
    return Q, rList


def run(config: RunConfig) -> Metrics:
    num_episodes = (
        config.steps if config.steps is not None else (SMOKE_EPISODES if config.smoke else NUM_EPISODES)
    )
    Q, rList = q_learning(num_episodes, config.seed)
    score = sum(rList) / num_episodes
    print("Score over time: " + str(score))
    print("Final Q-Table Values")
    print(Q)
    return {
        "episodes": num_episodes,
        "score_over_time": score,
        "successes": int(sum(rList)),
        "last_100_mean_reward": float(np.mean(rList[-100:])),
        "q_table": [float(v) for v in Q.ravel()],
    }


EXAMPLES = (
    Example(
        "ch10_frozenlake_qtable",
        "Tabular Q-learning on FrozenLake (lr 0.85, gamma 0.99, decaying noise)",
        run,
        missing="gym FrozenLake-v0 (deprecated): gymnasium FrozenLake-v1, same map and dynamics",
        tags=("ch10", "gym", "rl"),
        migration=(
            "numpy Q-table on gym FrozenLake-v0 (reset() -> state, step() -> 4-tuple), unseeded np.random",
            "the same numpy Q-table on gymnasium FrozenLake-v1 via a gym-0.x-API wrapper, seeded RandomState",
        ),
    ),
)
