"""ch06_rnn_lstm_mnist: the chapter 6 LSTM image classifier (Seed A walkthrough L6673-6884, output
L6886-6917, listing L6923-6997), as a TF1 graph on `tf.compat.v1`.

Each MNIST image is a sequence of 28 rows (time steps) of 28 pixels. The input is made time-major and split
into a list of 28 [batch, 28] tensors, run through `BasicLSTMCell(128, forget_bias=1.0)` with
`tf.compat.v1.nn.static_rnn`, and the LAST output goes through `weights_out` [128, 10] + `biases_out` [10]
(both `random_normal`, stddev 1). (The prose at L6643-6668 describes a mean over time steps; the code, and
this port, use the last output.) Loss: mean softmax cross-entropy; Adam(0.001) with TF1's epsilon 1e-8
pinned (Keras defaults to 1e-7). Batch 128 from `mnist.train.next_batch`, `training_iters = 100000` -> 781
updates (`while step * batch_size < training_iters` from step 1); every 10 steps the loss and accuracy on the
current training batch are printed; the test accuracy is on the first 128 test images.

Listing bugs fixed: `rnn_cell` was never imported and `rnn.rnn` is the 0.x name (TF 1.0:
`tf.contrib.rnn.BasicLSTMCell` / `static_rnn`, here `tf.compat.v1.nn.rnn_cell` / `tf.compat.v1.nn.static_rnn`,
which need TF_USE_LEGACY_KERAS=1, set by reference_tf1/__init__.py); the `New: cost =` line pasted from a
tf_upgrade report (L6961).

`config.steps` is the number of optimizer updates; `--smoke` does 20 updates on the data module's smoke slice.

Parity hooks -- weights, with the names and layouts TF1 itself uses (its checkpoints hold the same):

* "rnn/basic_lstm_cell/kernel" [28 + 128, 4 * 128]: ONE matrix for input and recurrent weights; rows 0-27
  multiply the input x_t, rows 28-155 the previous output h_{t-1}.
* "rnn/basic_lstm_cell/bias" [4 * 128].
* The 512 columns are four gate blocks of 128 in the order i, j, f, o: input gate, candidate (new input,
  "j"), forget gate, output gate. With z = [x_t, h_{t-1}] @ kernel + bias split into (i, j, f, o):
  c_t = c_{t-1} * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j); h_t = tanh(c_t) * sigmoid(o).
* forget_bias = 1.0 is ADDED AT RUN TIME; it is not stored in the bias variable.
* "weights_out" [128, 10], "biases_out" [10].

A Keras `LSTMCell` stores `kernel` [28, 512] and `recurrent_kernel` [128, 512] separately with gate order
i, f, c, o and no run-time forget bias; mapping TF1 -> Keras: split the kernel rows at 28, reorder the column
blocks (i, j, f, o) -> (i, f, j, o), and add 1.0 to the f block of the bias.
Initial weights as TF1 draws them: the cell kernel from `get_variable`'s default glorot-uniform initialiser,
the cell bias zeros, `weights_out`/`biases_out` standard normal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import tensorflow as tf

from reference_tf1._ch04_ch06_common import initial_value_getter, variable
from reference_tf1._parity import GraphModel, GraphParityModel, placeholders, trainable_variables
from tfmigrate.book.data import mnist as mnist_data
from tfmigrate.book.initializers import glorot_uniform, random_normal
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

learning_rate = 0.001
adam_epsilon = 1e-8  # TF1 AdamOptimizer default, pinned (Keras: 1e-7)
training_iters = 100000
batch_size = 128
display_step = 10

n_input = 28
n_steps = 28
n_hidden = 128
n_classes = 10
forget_bias = 1.0

SMOKE_STEPS = 20

KERNEL = "rnn/basic_lstm_cell/kernel"
BIAS = "rnn/basic_lstm_cell/bias"


def out_variables(initial: Mapping[str, np.ndarray] | None) -> tuple[tf.Variable, tf.Variable]:
    """The book's `weights['out']` and `biases['out']` (`tf.random_normal`, stddev 1)."""
    weights = variable("weights_out", initial, lambda: tf.compat.v1.random_normal([n_hidden, n_classes]))
    biases = variable("biases_out", initial, lambda: tf.compat.v1.random_normal([n_classes]))
    return weights, biases


def RNN(x: tf.Tensor, initial: Mapping[str, np.ndarray] | None = None) -> tf.Tensor:
    """The book's `RNN(x, weights, biases)`: logits from the last LSTM output.

    `initial` (canonical names) replaces the book's initialisers, for the parity hooks.
    """
    weights_out, biases_out = out_variables(initial)
    x = tf.transpose(x, [1, 0, 2])  # (batch, steps, input) -> (steps, batch, input)
    x = tf.reshape(x, [-1, n_input])
    x = tf.split(axis=0, num_or_size_splits=n_steps, value=x)
    lstm_cell = tf.compat.v1.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=forget_bias)
    with tf.compat.v1.variable_scope(
        tf.compat.v1.get_variable_scope(), custom_getter=initial_value_getter(initial)
    ):
        outputs, _states = tf.compat.v1.nn.static_rnn(lstm_cell, x, dtype=tf.float32)
    return tf.matmul(outputs[-1], weights_out) + biases_out


def cost_of(pred: tf.Tensor, y: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(tf.compat.v1.nn.softmax_cross_entropy_with_logits(logits=pred, labels=y))


def make_optimizer(rate: float) -> tf.compat.v1.train.Optimizer:
    return tf.compat.v1.train.AdamOptimizer(learning_rate=rate, epsilon=adam_epsilon)


def train_and_test(config: RunConfig, build: Callable[[tf.Tensor], tf.Tensor]) -> Metrics:
    """The training session shared by this example and ch06_bidirectional_rnn_mnist (`build` = RNN/BiRNN)."""
    mnist = mnist_data.read_data_sets(
        config.data_dir, layout="tutorial", one_hot=True, seed=config.seed, smoke=config.smoke
    )
    iters = training_iters
    updates = SMOKE_STEPS if config.smoke and config.steps is None else config.steps
    if updates is not None:
        iters = (updates + 1) * batch_size  # the book's loop below then runs exactly `updates` steps

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        x = tf.compat.v1.placeholder("float", [None, n_steps, n_input])
        y = tf.compat.v1.placeholder("float", [None, n_classes])
        pred = build(x)
        cost = cost_of(pred, y)
        optimizer = make_optimizer(learning_rate).minimize(cost)
        correct_pred = tf.equal(tf.argmax(pred, 1), tf.argmax(y, 1))
        accuracy = tf.reduce_mean(tf.cast(correct_pred, tf.float32))
        init = tf.compat.v1.global_variables_initializer()

    losses: list[float] = []
    accuracies: list[float] = []
    with tf.compat.v1.Session(graph=graph) as sess:
        sess.run(init)
        step = 1
        while step * batch_size < iters:
            batch_x, batch_y = mnist.train.next_batch(batch_size)
            batch_x = batch_x.reshape((batch_size, n_steps, n_input))
            sess.run(optimizer, feed_dict={x: batch_x, y: batch_y})
            if step % display_step == 0:
                acc = sess.run(accuracy, feed_dict={x: batch_x, y: batch_y})
                loss = sess.run(cost, feed_dict={x: batch_x, y: batch_y})
                losses.append(float(loss))
                accuracies.append(float(acc))
                print(f"Iter {step * batch_size}, Minibatch Loss= {loss:.6f}, Training Accuracy= {acc:.5f}")
            step += 1
        print("Optimization Finished!")

        test_len = 128
        test_data = mnist.test.images[:test_len].reshape((-1, n_steps, n_input))
        test_label = mnist.test.labels[:test_len]
        test_accuracy = float(sess.run(accuracy, feed_dict={x: test_data, y: test_label}))
        print("Testing Accuracy:", test_accuracy)

    return {
        "updates": step - 1,
        "minibatch_losses": losses[-10:],
        "training_accuracies": accuracies[-10:],
        "test_accuracy": test_accuracy,
    }


def run(config: RunConfig) -> Metrics:
    return train_and_test(config, RNN)


class Parity(GraphParityModel):
    """Parity hooks: `RNN` + mean cross-entropy + Adam(eps 1e-8); no randomness in this model."""

    def __init__(self) -> None:
        super().__init__(
            spec={
                "x": TensorSpec((n_steps, n_input)),
                "y": TensorSpec((n_classes,), kind="one_hot", depth=n_classes),
            },
            draw_weights=self._initial,
            build=self._build_graph,
            learning_rate=learning_rate,
        )

    @staticmethod
    def _initial(rng: np.random.Generator) -> Weights:
        return {
            KERNEL: glorot_uniform(rng, (n_input + n_hidden, 4 * n_hidden)),
            BIAS: np.zeros(4 * n_hidden, np.float32),
            "weights_out": random_normal(rng, (n_hidden, n_classes)),
            "biases_out": random_normal(rng, (n_classes,)),
        }

    def _build_graph(self, weights: Mapping[str, np.ndarray], rate: tf.Tensor) -> GraphModel:
        inputs = placeholders(self.batch_spec())
        pred = RNN(inputs["x"], weights)
        cost = cost_of(pred, inputs["y"])
        return GraphModel(inputs, trainable_variables(), pred, cost, make_optimizer(rate).minimize(cost))


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_rnn_lstm_mnist",
        title="LSTM (BasicLSTMCell 128, static_rnn) MNIST classifier",
        run=run,
        parity_model=Parity,
        tags=("ch06", "mnist", "rnn", "lstm"),
    ),
)
