"""ch06_ptb_word_lm: the chapter 6 word-level language model on Penn Treebank (Seed A L7342-7485: dataset
L7360-7366, perplexity L7368-7372, pseudocode L7380-7409, command L7419-7421, output L7427-7485).

The book has no code for this example: it runs the TensorFlow tutorial's `ptb_word_lm.py --model small` and
shows pseudocode (an LSTM stepped over the batches of words, logits = output . softmax_w + softmax_b, loss =
average negative log probability, perplexity = exp(loss)). This module is our own clean-room TF1 program of
that "small" configuration (nothing copied from the tutorial):

* embedding [vocab, 200] -> 2-layer LSTM (`BasicLSTMCell(200, forget_bias=0.0)` x 2 in a `MultiRNNCell`;
  the tutorial builds its cells with forget_bias 0.0, pinned here; the book's pseudocode shows the default,
  1.0) unrolled over num_steps = 20 as in the pseudocode, one cell call per step -> softmax over the
  vocabulary;
* every variable starts uniform in +-0.1 (the model's variable-scope initialiser) except the LSTM biases
  (zeros, as BasicLSTMCell creates them);
* cost = sum over the 20 steps of the batch-mean cross-entropy (i.e. summed over the batch and divided by
  batch_size); perplexity = exp(total cost / total steps);
* plain SGD, learning rate 1.0, gradients clipped to a global norm of 5 (PARITY HAZARD: TF1 hands the
  embedding gradient to `clip_by_global_norm` as IndexedSlices, one row per looked-up word, so a word that
  occurs k times in the batch adds k squared rows to the norm instead of the square of their sum -- the norm
  is not the dense gradient's whenever a batch repeats a word), the learning rate multiplied by
  lr_decay ** max(i - max_epoch, 0) for the 0-based epoch i -- the formula of the tutorial version the book
  ran: its log shows Epoch 12 at 0.008 and Epoch 13 at 0.004 (later versions use i + 1 - max_epoch);
* batch 20, 13 epochs, max_epoch 4, lr_decay 0.5, keep_prob 1.0 (so no dropout); the LSTM state is carried
  from one batch to the next within an epoch; validation with the training shapes (20 x 20), test with
  batch 1 x 1 step, all three graphs sharing one set of variables.

Data: tfmigrate.book.data.ptb (synthetic PTB-format text, ~50k/5k/5k tokens; vocabulary from the data, not
10,000). The book's numbers (Test Perplexity 117.171 after 13 epochs, 8 hours) are not a target here.
`config.steps` caps the training steps of every epoch; `--smoke` is 1 epoch over the data module's smoke
corpus (12 training steps) and evaluates at most 200 test words.

Parity hooks: a batch is (x, y) word ids [batch, 20] ("index" kind); each batch starts from the zero LSTM
state. Weights, by their graph names: "Model/embedding" [vocab, 200], "Model/RNN/multi_rnn_cell/cell_<k>/
basic_lstm_cell/kernel" [200 + 200, 800] and ".../bias" [800] for k = 0, 1 (TF1's layout: rows x then h,
gate blocks i, j, f, o, forget_bias 0.0 added at run time -- see ch06_rnn_lstm_mnist), "Model/softmax_w"
[200, vocab], "Model/softmax_b" [vocab]. forward -> logits [batch, 20, vocab]; loss -> the training cost
above; train_steps -> clipped SGD.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import tensorflow as tf

from reference_tf1._ch04_ch06_common import initial_value_getter
from reference_tf1._parity import GraphModel, GraphParityModel, placeholders, trainable_variables
from tfmigrate.book.data import ptb as reader
from tfmigrate.book.initializers import random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights


@dataclass(frozen=True)
class SmallConfig:
    """The "small" configuration (`--model small`)."""

    init_scale: float = 0.1
    learning_rate: float = 1.0
    max_grad_norm: float = 5.0
    num_layers: int = 2
    num_steps: int = 20
    hidden_size: int = 200
    max_epoch: int = 4
    max_max_epoch: int = 13
    keep_prob: float = 1.0
    lr_decay: float = 0.5
    batch_size: int = 20
    forget_bias: float = 0.0
    vocab_size: int = 10000  # replaced by the data's vocabulary size


SMOKE_EPOCHS = 1
SMOKE_EVAL_STEPS = 200


def learning_rate_for_epoch(config: SmallConfig, i: int) -> float:
    """Learning rate of the 0-based epoch `i`, with the older decay formula the book's run used."""
    return float(config.learning_rate * config.lr_decay ** max(i - config.max_epoch, 0.0))


class LanguageModel:
    """The variables (embedding, 2-layer LSTM, softmax) and unrolled graphs sharing them."""

    def __init__(self, config: SmallConfig, initial: Mapping[str, np.ndarray] | None = None) -> None:
        self.config = config
        self._initial = initial
        cells = [
            tf.compat.v1.nn.rnn_cell.BasicLSTMCell(
                config.hidden_size, forget_bias=config.forget_bias, state_is_tuple=True
            )
            for _ in range(config.num_layers)
        ]
        self.cell = tf.compat.v1.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)

    def _scope(self) -> Any:
        return tf.compat.v1.variable_scope(
            "Model",
            initializer=tf.compat.v1.random_uniform_initializer(
                -self.config.init_scale, self.config.init_scale
            ),
            custom_getter=initial_value_getter(self._initial),
            reuse=tf.compat.v1.AUTO_REUSE,
        )

    def unroll(self, input_ids: tf.Tensor, targets: tf.Tensor, num_steps: int) -> Unrolled:
        """Logits and cost for [batch, num_steps] ids; the first call creates the variables."""
        c = self.config
        batch_size = tf.shape(input_ids)[0]
        with self._scope():
            embedding = tf.compat.v1.get_variable("embedding", [c.vocab_size, c.hidden_size], tf.float32)
            inputs = tf.nn.embedding_lookup(embedding, input_ids)
            if c.keep_prob < 1:  # never in the small configuration
                inputs = tf.compat.v1.nn.dropout(inputs, keep_prob=c.keep_prob)
            initial_state = self.cell.zero_state(batch_size, tf.float32)
            state = initial_state
            outputs = []
            # The book's pseudocode: `output, state = lstm(current_batch_of_words, state)` per step.
            with tf.compat.v1.variable_scope("RNN"):
                for time_step in range(num_steps):
                    cell_output, state = self.cell(inputs[:, time_step, :], state)
                    outputs.append(cell_output)
            output = tf.reshape(tf.stack(outputs, axis=1), [-1, c.hidden_size])
            softmax_w = tf.compat.v1.get_variable("softmax_w", [c.hidden_size, c.vocab_size], tf.float32)
            softmax_b = tf.compat.v1.get_variable("softmax_b", [c.vocab_size], tf.float32)
            logits = tf.matmul(output, softmax_w) + softmax_b
            xent = tf.compat.v1.nn.sparse_softmax_cross_entropy_with_logits(
                labels=tf.reshape(targets, [-1]), logits=logits
            )
            cost = tf.reduce_sum(xent) / tf.cast(batch_size, tf.float32)
        logits = tf.reshape(logits, [batch_size, num_steps, c.vocab_size])
        return Unrolled(input_ids, targets, num_steps, initial_state, state, logits, cost)


@dataclass
class Unrolled:
    input_ids: tf.Tensor
    targets: tf.Tensor
    num_steps: int
    initial_state: Any  # tuple of LSTMStateTuple(c, h), one per layer
    final_state: Any
    logits: tf.Tensor
    cost: tf.Tensor


def clipped_sgd(config: SmallConfig, cost: tf.Tensor, lr: tf.Tensor | float) -> tf.Operation:
    """SGD on the gradients clipped to a global norm of max_grad_norm."""
    tvars = tf.compat.v1.trainable_variables()
    grads, _ = tf.clip_by_global_norm(tf.compat.v1.gradients(cost, tvars), config.max_grad_norm)
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(lr)
    return optimizer.apply_gradients(zip(grads, tvars, strict=True))


def run_epoch(
    session: tf.compat.v1.Session,
    model: Unrolled,
    data: list[int],
    batch_size: int,
    eval_op: tf.Operation | None = None,
    verbose: bool = False,
    max_steps: int | None = None,
) -> float:
    """One pass over `data`, the LSTM state carried between batches; returns the perplexity."""
    epoch_size = reader.epoch_size(len(data), batch_size, model.num_steps)
    if max_steps is not None:
        epoch_size = min(epoch_size, max_steps)
    report_every = max(1, epoch_size // 10)
    start_time = time.time()
    costs = 0.0
    iters = 0
    state = [
        tf.compat.v1.nn.rnn_cell.LSTMStateTuple(
            np.zeros((batch_size, s.c.shape[-1]), np.float32),
            np.zeros((batch_size, s.h.shape[-1]), np.float32),
        )
        for s in model.initial_state
    ]
    fetches: dict[str, Any] = {"cost": model.cost, "final_state": model.final_state}
    if eval_op is not None:
        fetches["eval_op"] = eval_op
    for step, (x, y) in enumerate(reader.ptb_iterator(data, batch_size, model.num_steps)):
        if step >= epoch_size:
            break
        feed_dict: dict[Any, Any] = {model.input_ids: x, model.targets: y}
        for i, (c, h) in enumerate(model.initial_state):
            feed_dict[c] = state[i].c
            feed_dict[h] = state[i].h
        vals = session.run(fetches, feed_dict)
        state = vals["final_state"]
        costs += float(vals["cost"])
        iters += model.num_steps
        if verbose and step % report_every == 10 % report_every:
            print(
                f"{step * 1.0 / epoch_size:.3f} perplexity: {np.exp(costs / iters):.3f} "
                f"speed: {iters * batch_size / (time.time() - start_time):.0f} wps"
            )
    return float(np.exp(costs / iters))


def run(config: RunConfig) -> Metrics:
    train_data, valid_data, test_data, vocab_size = reader.ptb_raw_data(config.data_dir, smoke=config.smoke)
    small = replace(SmallConfig(), vocab_size=vocab_size)
    eval_config = replace(small, batch_size=1, num_steps=1)
    epochs = SMOKE_EPOCHS if config.smoke else small.max_max_epoch
    eval_steps = SMOKE_EVAL_STEPS if config.smoke else None
    sizes = f"{len(train_data)}/{len(valid_data)}/{len(test_data)}"
    print(f"Vocabulary: {vocab_size} words; train/valid/test words: {sizes}")

    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.set_random_seed(config.seed)
        model = LanguageModel(small)
        shape = (small.batch_size, small.num_steps)
        train = model.unroll(
            tf.compat.v1.placeholder(tf.int32, shape),
            tf.compat.v1.placeholder(tf.int32, shape),
            small.num_steps,
        )
        lr = tf.compat.v1.Variable(0.0, trainable=False)
        new_lr = tf.compat.v1.placeholder(tf.float32, shape=[], name="new_learning_rate")
        lr_update = tf.compat.v1.assign(lr, new_lr)
        train_op = clipped_sgd(small, train.cost, lr)
        valid = model.unroll(
            tf.compat.v1.placeholder(tf.int32, shape),
            tf.compat.v1.placeholder(tf.int32, shape),
            small.num_steps,
        )
        test_shape = (eval_config.batch_size, eval_config.num_steps)
        test = model.unroll(
            tf.compat.v1.placeholder(tf.int32, test_shape),
            tf.compat.v1.placeholder(tf.int32, test_shape),
            eval_config.num_steps,
        )
        init = tf.compat.v1.global_variables_initializer()

    train_perplexities: list[float] = []
    valid_perplexities: list[float] = []
    with tf.compat.v1.Session(graph=graph) as session:
        session.run(init)
        for i in range(epochs):
            rate = learning_rate_for_epoch(small, i)
            session.run(lr_update, feed_dict={new_lr: rate})
            print(f"Epoch: {i + 1} Learning rate: {session.run(lr):.3f}")
            train_perplexity = run_epoch(
                session, train, train_data, small.batch_size, train_op, verbose=True, max_steps=config.steps
            )
            print(f"Epoch: {i + 1} Train Perplexity: {train_perplexity:.3f}")
            valid_perplexity = run_epoch(session, valid, valid_data, small.batch_size, max_steps=eval_steps)
            print(f"Epoch: {i + 1} Valid Perplexity: {valid_perplexity:.3f}")
            train_perplexities.append(train_perplexity)
            valid_perplexities.append(valid_perplexity)
        test_perplexity = run_epoch(session, test, test_data, eval_config.batch_size, max_steps=eval_steps)
        print(f"Test Perplexity: {test_perplexity:.3f}")

    return {
        "vocab_size": vocab_size,
        "epochs": epochs,
        "train_perplexities": train_perplexities,
        "valid_perplexities": valid_perplexities,
        "test_perplexity": test_perplexity,
    }


@functools.cache
def _data_vocab_size() -> int:
    return reader.ptb_raw_data()[3]


class Parity(GraphParityModel):
    """Parity hooks over (x, y) id batches [batch, num_steps]; zero initial state; clipped SGD (lr 1.0)."""

    def __init__(self, vocab_size: int | None = None) -> None:
        self.config = replace(
            SmallConfig(), vocab_size=_data_vocab_size() if vocab_size is None else vocab_size
        )
        c = self.config
        ids = TensorSpec((c.num_steps,), dtype="int32", kind="index", low=0, high=c.vocab_size)
        super().__init__(
            spec={"x": ids, "y": ids},
            draw_weights=self._initial,
            build=self._build_graph,
            learning_rate=c.learning_rate,
        )

    def weight_shapes(self) -> dict[str, tuple[int, ...]]:
        c = self.config
        shapes: dict[str, tuple[int, ...]] = {"Model/embedding": (c.vocab_size, c.hidden_size)}
        for k in range(c.num_layers):
            prefix = f"Model/RNN/multi_rnn_cell/cell_{k}/basic_lstm_cell"
            shapes[f"{prefix}/kernel"] = (2 * c.hidden_size, 4 * c.hidden_size)
            shapes[f"{prefix}/bias"] = (4 * c.hidden_size,)
        shapes["Model/softmax_w"] = (c.hidden_size, c.vocab_size)
        shapes["Model/softmax_b"] = (c.vocab_size,)
        return shapes

    def _initial(self, rng: np.random.Generator) -> Weights:
        return {
            name: np.zeros(shape, np.float32)
            if name.endswith("/bias")
            else random_uniform(rng, shape, -self.config.init_scale, self.config.init_scale)
            for name, shape in self.weight_shapes().items()
        }

    def _build_graph(self, weights: Mapping[str, np.ndarray], rate: tf.Tensor) -> GraphModel:
        inputs = placeholders(self.batch_spec())
        unrolled = LanguageModel(self.config, weights).unroll(inputs["x"], inputs["y"], self.config.num_steps)
        train_op = clipped_sgd(self.config, unrolled.cost, rate)
        return GraphModel(inputs, trainable_variables(), unrolled.logits, unrolled.cost, train_op)


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_ptb_word_lm",
        title="PTB word-level language model, 2-layer LSTM, small config (clean-room; the book has no code)",
        run=run,
        parity_model=Parity,
        tags=("ch06", "ptb", "rnn", "lstm", "language-model"),
    ),
)
