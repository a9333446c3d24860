"""ch10_gym_env_list: listing the registered Gym environments (Seed A L9857-9883). Spec:
reference_tf1/ch10_gym_env_list.py (the same program: no TensorFlow in it).

The book installs OpenAI Gym and prints `envs.registry.all()`, an excerpt of which (L9871-9882) includes
`EnvSpec(FrozenLake-v0)`. Gym is unmaintained; its successor gymnasium (1.x) keeps the registry as a plain
dict (`gymnasium.envs.registry`, id -> EnvSpec; `registry.all()` is gone) and registers FrozenLake as
`FrozenLake-v1` only (`FrozenLake-v0` raises DeprecatedEnv). Atari environments (most of the book's excerpt)
live in a separate package (ale-py) that is not installed.
"""

from __future__ import annotations

from tfmigrate.book.runtime import Example, Metrics, RunConfig

EXCERPT = 10


def run(config: RunConfig) -> Metrics:
    del config  # nothing to size or seed
    from gymnasium import envs

    # Book: print(envs.registry.all()) -- gym 0.x's registry object; gymnasium's registry is a dict.
    specs = list(envs.registry.values())
    excerpt = [f"EnvSpec({spec.id})" for spec in specs[:EXCERPT]]
    print("[" + ",\n ".join(excerpt) + ", ....]")
    frozen_lake = sorted(env_id for env_id in envs.registry if env_id.startswith("FrozenLake"))
    print(f"{len(specs)} environments registered; FrozenLake: {frozen_lake}")
    return {
        "environment_count": len(specs),
        "first_ids": [spec.id for spec in specs[:EXCERPT]],
        "frozen_lake_ids": frozen_lake,
    }


EXAMPLES = (
    Example(
        "ch10_gym_env_list",
        "List the registered Gym environments (gymnasium registry)",
        run,
        missing="gym 0.x (FrozenLake-v0, registry.all(), Atari specs): gymnasium 1.x's registry is listed",
        tags=("ch10", "gym"),
        migration=(
            "gym 0.x: from gym import envs; print(envs.registry.all())",
            "gymnasium 1.x: envs.registry is a dict of id -> EnvSpec (FrozenLake-v1)",
        ),
    ),
)
