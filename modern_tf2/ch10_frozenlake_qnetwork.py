"""ch10_frozenlake_qnetwork: Q-learning with a one-layer network (Seed A L10097-10280, listing L10286-10362),
rewritten for TensorFlow 2. Spec: reference_tf1/ch10_frozenlake_qnetwork.py.

The book's linear Q-network as a `tf.Module` (`QNetwork`): one tf.Variable W [16, 4] drawn
`tf.random.uniform([16, 4], 0, 0.01)`, no bias; `Qout = one_hot(s) @ W`, `predict = argmax(Qout)`; loss
`reduce_sum(square(nextQ - Qout))`; plain gradient descent at 0.1 (`W -= 0.1 * dloss/dW`, exactly what
GradientDescentOptimizer(0.1) applied) in a tf.function train step (`make_train_step`), the state one-hot
encoded inside the tf.function (`tf.one_hot`) instead of feeding `np.identity(16)[s:s+1]`.
The loop is the book's, as the reference runs it: y = 0.99, e = 0.1 at first, 6000 episodes of at most 99
steps; greedy action, or with probability e (`RandomState(seed).rand(1) < e`) `env.action_space.sample()`;
target = Q(s) with `targetQ[0, a] = r + y * max Q(s1)`; one step on (s, targetQ); when an episode ends by
`done`, `e = 1./((i // 50) + 10)` -- Python 2's integer division, kept (the book's `i/50` floored, so e is
piecewise constant: 1/10 for episodes 0-49, 1/11 for 50-99, ...). It prints the success fraction followed by
"%" as the book did (`0.558%` meant 55.8 % of the episodes). gym `FrozenLake-v0` -> gymnasium
`FrozenLake-v1` via `tfmigrate.book.data.frozenlake.make` (seeded, gym 0.x API), as the reference.
jit_compile: off (`JIT_COMPILE`): the [1, 16] x [16, 4] step is dispatch overhead, which XLA does not remove
(0.39 vs 0.32 ms per step). Each tf.function call costs ~0.3-1 ms, so the smoke run (~2,300 environment
steps, 3 calls each) takes ~5 s against ~2.8 s for the reference's Session.run calls.
Smoke mode: 200 episodes; `config.steps` overrides the number of episodes.

WEIGHT MAPPING (reference name -> tf.Module variable; same layout): "W" [16, 4] -> QNetwork.W.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
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
JIT_COMPILE = False


class QNetwork(tf.Module):
    """Q(s, .) = one_hot(s) @ W."""

    def __init__(self, seed: int | None = None) -> None:
        super().__init__(name="q_network")
        self.W = tf.Variable(tf.random.uniform([N_STATES, N_ACTIONS], 0, 0.01, seed=seed), name="W")

    def q_values(self, inputs1: tf.Tensor) -> tf.Tensor:
        """Qout for a batch of one-hot states [batch, 16]."""
        return tf.matmul(inputs1, self.W)

    @tf.function(input_signature=[tf.TensorSpec([], tf.int32)], jit_compile=JIT_COMPILE)
    def act(self, state: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        """(predict, Qout) for one state, as the book's sess.run([predict, Qout], {inputs1: identity[s]})."""
        q = self.q_values(tf.one_hot([state], N_STATES))
        return tf.argmax(q, 1), q


def loss_of(q: tf.Tensor, next_q: tf.Tensor) -> tf.Tensor:
    return tf.reduce_sum(tf.square(next_q - q))


def make_train_step(net: QNetwork, learning_rate: float) -> Any:
    """One gradient-descent step on a batch of (one-hot states, target Q rows); returns the loss."""
    optimizer = gradient_descent(learning_rate)  # GradientDescentOptimizer(0.1)
    optimizer.build([net.W])

    @tf.function(
        input_signature=[
            tf.TensorSpec([None, N_STATES], tf.float32),
            tf.TensorSpec([None, N_ACTIONS], tf.float32),
        ],
        jit_compile=JIT_COMPILE,
    )
    def train_step(inputs1: tf.Tensor, next_q: tf.Tensor) -> tf.Tensor:
        with tf.GradientTape() as tape:
            loss = loss_of(net.q_values(inputs1), next_q)
        optimizer.apply_gradients([(tape.gradient(loss, net.W), net.W)])
        return loss

    return train_step


def run(config: RunConfig) -> Metrics:
    num_episodes = (
        config.steps if config.steps is not None else (SMOKE_EPISODES if config.smoke else NUM_EPISODES)
    )
    env = frozenlake.make(seed=config.seed)
    rng = np.random.RandomState(config.seed)
    tf.random.set_seed(config.seed)
    net = QNetwork(seed=config.seed)
    update_model = make_train_step(net, LEARNING_RATE)
    one_hot = np.identity(N_STATES, dtype=np.float32)
    e = E_START
    jList: list[int] = []
    rList: list[float] = []
    for i in range(num_episodes):
        s = env.reset()
        rAll = 0.0
        d = False
        j = 0
        while j < MAX_STEPS:
            j += 1
            predicted, q = net.act(s)
            a, allQ = predicted.numpy(), q.numpy()
            if rng.rand(1) < e:
                a[0] = env.action_space.sample()
            s1, r, d, _ = env.step(int(a[0]))
            Q1 = net.act(s1)[1].numpy()
            maxQ1 = np.max(Q1)
            targetQ = allQ
            targetQ[0, a[0]] = r + GAMMA * maxQ1
            update_model(one_hot[s : s + 1], targetQ)
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
        "W": [float(v) for v in net.W.numpy().ravel()],
    }


def initial_weights(rng: np.random.Generator) -> Weights:
    """`tf.random_uniform([16, 4], 0, 0.01)`, drawn in numpy as the reference draws it."""
    return {"W": random_uniform(rng, [N_STATES, N_ACTIONS], 0.0, 0.01)}


def _parity_build(learning_rate: float | None) -> EagerModel:
    """A batch is one-hot states (`inputs1`) and target Q rows (`nextQ`); the loss sums over the batch."""
    net = QNetwork()
    step = make_train_step(net, LEARNING_RATE if learning_rate is None else learning_rate)

    def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
        q = net.q_values(batch["inputs1"])
        return q, loss_of(q, batch["nextQ"])

    return EagerModel(
        variables={"W": net.W},
        output_and_loss=output_and_loss,
        train_step=lambda batch: step(batch["inputs1"], batch["nextQ"]),
        model=net,
    )


def parity_model() -> EagerParityModel:
    """Parity hooks (see WEIGHT MAPPING in the module docstring)."""
    return EagerParityModel(
        spec={
            "inputs1": TensorSpec((N_STATES,), kind="one_hot", depth=N_STATES),
            "nextQ": TensorSpec((N_ACTIONS,), low=0.0, high=1.0),
        },
        draw_weights=initial_weights,
        build=_parity_build,
    )


EXAMPLES = (
    Example(
        "ch10_frozenlake_qnetwork",
        "Q-learning with a one-layer TensorFlow Q-network on FrozenLake",
        run,
        parity_model=parity_model,
        missing="gym FrozenLake-v0 (deprecated): gymnasium FrozenLake-v1, same map and dynamics",
        tags=("ch10", "gym", "rl"),
        migration=(
            "placeholders inputs1/nextQ, tf.random_uniform W, GradientDescentOptimizer(0.1).minimize, "
            "three Session.run calls per environment step",
            "a tf.Module holding W (tf.random.uniform), tf.function act() and train step (keras SGD(0.1))",
        ),
    ),
)
