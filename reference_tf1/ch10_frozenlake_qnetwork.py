"""ch10_frozenlake_qnetwork — Q-learning with a one-layer TF network (Seed A L10097-10280, L10286-10362).

The book replaces the Q-table by a linear network: the state as a one-hot row `inputs1` [1, 16], `Qout =
inputs1 @ W` with W [16, 4] drawn `tf.random_uniform([16, 4], 0, 0.01)` (no bias), `predict = argmax(Qout)`,
loss `reduce_sum(square(nextQ - Qout))`, `GradientDescentOptimizer(0.1)`. Each step picks the greedy action,
or with probability e a random one (`env.action_space.sample()`), steps the environment, sets the target
`targetQ = allQ; targetQ[0, a] = r + y * max(Q(s1))` and trains one step on (s, targetQ). After an episode
ends by `done`, `e = 1./((i/50) + 10)`. y = 0.99, e starts at 0.1, 6000 episodes (walkthrough and listing
both set num_episodes = 6000), at most 99 steps. Result: `Percent of successful
episodes: 0.558%` (L10278), which is the success *fraction* (55.8 % of the episodes) mislabelled with "%".

Port notes:
* `e = 1./((i/50) + 10)`: i is an int, so Python 2's `i/50` floored: e is piecewise constant (1/10 for
  episodes 0-49, 1/11 for 50-99, ...). Kept as Python 2 computed it, with `//`.
* The listing's `,W1 = sess.run([updateModel, W], ...)` (L10348) is a syntax error: `_, W1 = ...`. The
  walkthrough's `Qtaraget` placeholder and undefined `y` are the listing's `nextQ` and `gamma`; its
  `tf.reset_default_graph()` after building the graph (L10177) is dropped (a fresh `tf.Graph` is used);
  `random`, `matplotlib` and `jList` are unused by the result (jList is still kept).
* gym `FrozenLake-v0` -> gymnasium `FrozenLake-v1` via `tfmigrate.book.data.frozenlake.make` (gym 0.x API,
  environment and action space seeded); `np.random.rand` comes from `RandomState(config.seed)`.
* `targetQ = allQ` aliases the fetched array (harmless: allQ is not used afterwards), as in the book.
Smoke mode: 200 episodes. `config.steps` overrides the number of episodes.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._parity import GraphModel, GraphParityModel
from tfmigrate.book.data import frozenlake
from tfmigrate.book.initializers import random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

GAMMA = 0.99
E_START = 0.1
NUM_EPISODES = 6000
MAX_STEPS = 99
LEARNING_RATE = 0.1
SMOKE_EPISODES = 200
N_STATES, N_ACTIONS = 16, 4


def build(
    weights: Mapping[str, np.ndarray] | None, learning_rate: float | tf.Tensor, batch_size: int | None = 1
) -> GraphModel:
    """The listing's graph; `batch_size` None lets the parity hooks feed several rows at once."""
    inputs1 = tf.compat.v1.placeholder(shape=[batch_size, N_STATES], dtype=tf.float32)
    initial = tf.compat.v1.random_uniform([N_STATES, N_ACTIONS], 0, 0.01) if weights is None else weights["W"]
    W = tf.compat.v1.Variable(initial, name="W")
    Qout = tf.matmul(inputs1, W)
    predict = tf.argmax(Qout, 1)
    nextQ = tf.compat.v1.placeholder(shape=[batch_size, N_ACTIONS], dtype=tf.float32)
    # Define the loss and optimization functions
    loss = tf.reduce_sum(tf.square(nextQ - Qout))
    trainer = tf.compat.v1.train.GradientDescentOptimizer(learning_rate=learning_rate)
    updateModel = trainer.minimize(loss)
    return GraphModel(
        inputs={"inputs1": inputs1, "nextQ": nextQ},
        variables={"W": W},
        output=Qout,
        loss=loss,
        train_op=updateModel,
        extra={"predict": predict},
    )


def run(config: RunConfig) -> Metrics:
    num_episodes = (
        config.steps if config.steps is not None else (SMOKE_EPISODES if config.smoke else NUM_EPISODES)
    )
    env = frozenlake.make(seed=config.seed)
    rng = np.random.RandomState(config.seed)
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        handles = build(None, LEARNING_RATE)
        init = tf.compat.v1.global_variables_initializer()
    inputs1, nextQ = handles.inputs["inputs1"], handles.inputs["nextQ"]
    Qout, predict, W, updateModel = (
        handles.output,
        handles.extra["predict"],
        handles.variables["W"],
        handles.train_op,
    )
    e = E_START
    jList: list[int] = []
    rList: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        for i in range(num_episodes):
            s = env.reset()
            rAll = 0.0
            d = False
            j = 0
            while j < MAX_STEPS:
                j += 1
                a, allQ = sess.run([predict, Qout], feed_dict={inputs1: np.identity(N_STATES)[s : s + 1]})
                if rng.rand(1) < e:
                    a[0] = env.action_space.sample()
                s1, r, d, _ = env.step(int(a[0]))
                Q1 = sess.run(Qout, feed_dict={inputs1: np.identity(N_STATES)[s1 : s1 + 1]})
                maxQ1 = np.max(Q1)
                targetQ = allQ
                targetQ[0, a[0]] = r + GAMMA * maxQ1
                # Book: `,W1 = sess.run(...)` (syntax error) -- the update's result is discarded.
                _, W1 = sess.run(
                    [updateModel, W], feed_dict={inputs1: np.identity(N_STATES)[s : s + 1], nextQ: targetQ}
                )
                rAll += r
                s = s1
                if d:
                    # Python 2 integer division: i/50 floored, so e is piecewise constant.
                    e = 1.0 / ((i // 50) + 10)
                    break
            jList.append(j)
            rList.append(rAll)
    env.close()
    fraction = sum(rList) / num_episodes
    # The book prints the fraction followed by "%" (0.558% meant 55.8 % of the episodes).
    print("Percent of successful episodes: " + str(fraction) + "%")
    return {
        "episodes": num_episodes,
        "successful_fraction": fraction,
        "last_100_mean_reward": float(np.mean(rList[-100:])),
        "mean_steps": float(np.mean(jList)),
        "final_epsilon": e,
        "W": [float(v) for v in np.asarray(W1).ravel()],
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """`tf.random_uniform([16, 4], 0, 0.01)`."""
    return {"W": random_uniform(rng, [N_STATES, N_ACTIONS], 0.0, 0.01)}


def parity_model() -> GraphParityModel:
    """A batch is one-hot states (`inputs1`) and target Q vectors (`nextQ`); the loss sums over the batch."""
    return GraphParityModel(
        spec={
            "inputs1": TensorSpec((N_STATES,), kind="one_hot", depth=N_STATES),
            "nextQ": TensorSpec((N_ACTIONS,), low=0.0, high=1.0),
        },
        draw_weights=initial_weights,
        build=lambda weights, lr: build(weights, lr, batch_size=None),
        learning_rate=LEARNING_RATE,
    )


EXAMPLES = (
    Example(
        "ch10_frozenlake_qnetwork",
        "Q-learning with a one-layer TensorFlow Q-network on FrozenLake",
        run,
        parity_model=parity_model,
        missing="gym FrozenLake-v0 (deprecated): gymnasium FrozenLake-v1, same map and dynamics",
    ),
)
