"""ch06_ptb_word_lm: the chapter 6 word-level language model on Penn Treebank (Seed A L7342-7485), rewritten
for TensorFlow 2 / Keras 3. Spec: reference_tf1/ch06_ptb_word_lm.py (our own clean-room program of the
tutorial's "small" configuration; the book prints no code for this example).

The same model, as a Keras `Model` subclass: Embedding [vocab, 200] -> two `keras.layers.LSTM(200,
return_sequences=True, return_state=True)` layers (TF1's BasicLSTMCell with forget_bias 0.0: no fold needed,
unit_forget_bias=False) -> Dense(vocab) on the [batch * 20, 200] outputs (the reference's reshape, then
softmax_w/softmax_b). Every variable RandomUniform(+-0.1) except the LSTM biases (zeros). The LSTM state is
an explicit input and output of the model, so run() carries it from one batch to the next within an epoch
(Keras' [h, c] per layer; TF1's LSTMStateTuple is (c, h)).
cost = sum over the 20 steps of the batch-mean cross-entropy (summed over batch and steps, divided by the
batch size); perplexity = exp(total cost / total steps). Training: keras.optimizers.SGD (lr 1.0, no
momentum) on gradients clipped with tf.clip_by_global_norm(5), in one tf.function step; the learning rate,
set per epoch through `optimizer.learning_rate.assign`, is 1.0 * 0.5 ** max(i - 4, 0) for the 0-based epoch i
(the formula of the tutorial version the book's log shows: Epoch 12 at 0.008, 13 at 0.004). 13 epochs,
batch 20 x 20 steps, validation with the same shapes, test with batch 1 x 1 step -- one model, any shape.
Data: tfmigrate.book.data.ptb, windows as a tf.data pipeline. `config.steps` caps the training steps of every
epoch; `--smoke` is 1 epoch over the smoke corpus (12 steps) and at most 200 validation/test steps.
jit_compile: not used (not measured here; XLA made ch06_rnn_lstm_mnist's LSTM step slower on 2 CPU cores).

CLIPPING HAZARD, reproduced on purpose: the embedding gradient comes out of the tape as tf.IndexedSlices,
one row per LOOKED-UP word (repeats not summed), exactly as in TF1; tf.clip_by_global_norm takes the norm
of those rows, so a word occurring k times in a batch adds k squared rows to the global norm instead of the
square of their sum. That is what the reference computes, so the slices go to tf.clip_by_global_norm as they
are: densifying them first (tf.convert_to_tensor) would give the mathematically "right" norm and break
parity whenever a batch repeats a word (which every real PTB batch does). SGD then applies the clipped
slices as a sparse update (duplicates accumulate), as TF1's GradientDescentOptimizer does.

WEIGHT MAPPING (reference <-> Keras; modern_tf2._ch04_ch06_common.lstm_to_keras / lstm_from_keras):
"Model/embedding" [vocab, 200] -> embedding.embeddings; "Model/RNN/multi_rnn_cell/cell_<k>/basic_lstm_cell/
kernel" [400, 800] (rows x then h, gate blocks i, j, f, o) -> lstm_<k>.cell.kernel [200, 800] +
recurrent_kernel [200, 800] with blocks i, f, c, o; ".../bias" [800] -> lstm_<k>.cell.bias reordered
likewise (forget_bias 0.0: nothing to fold); "Model/softmax_w" [200, vocab] -> softmax.kernel;
"Model/softmax_b" [vocab] -> softmax.bias. Parity batches start from the zero state.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from modern_tf2._ch04_ch06_common import lstm_from_keras, lstm_to_keras
from modern_tf2._parity import EagerModel, EagerParityModel, Tensors
from modern_tf2._tf1_optimizers import gradient_descent
from tfmigrate.book.data import ptb as reader
from tfmigrate.book.initializers import random_uniform
from tfmigrate.book.runtime import Example, Metrics, RunConfig, TensorSpec, Weights

State = list[tuple[tf.Tensor, tf.Tensor]]
"""The LSTM state, (h, c) per layer (Keras' order)."""


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


class LanguageModel(keras.Model):
    """Embedding -> num_layers LSTMs -> softmax layer; `call(ids, state)` -> (logits, final state)."""

    def __init__(self, config: SmallConfig, seed: int | None = None) -> None:
        super().__init__(name="Model")
        self.config = config
        c = config
        count = iter(range(100))

        def init() -> keras.initializers.Initializer:
            k = next(count)
            return keras.initializers.RandomUniform(
                -c.init_scale, c.init_scale, seed=None if seed is None else seed + k
            )

        self.embedding = keras.layers.Embedding(
            c.vocab_size, c.hidden_size, embeddings_initializer=init(), name="embedding"
        )
        self.lstms = [
            keras.layers.LSTM(
                c.hidden_size,
                activation="tanh",
                recurrent_activation="sigmoid",
                kernel_initializer=init(),
                recurrent_initializer=init(),
                bias_initializer="zeros",
                unit_forget_bias=False,  # TF1 forget_bias 0.0 in this configuration
                return_sequences=True,
                return_state=True,
                name=f"lstm_{k}",
            )
            for k in range(c.num_layers)
        ]
        self.dropout = keras.layers.Dropout(1.0 - c.keep_prob, seed=seed)  # rate 0.0 in the small config
        self.softmax = keras.layers.Dense(
            c.vocab_size, kernel_initializer=init(), bias_initializer=init(), name="softmax"
        )
        self(tf.zeros((1, 1), tf.int32))  # create the variables

    def zero_state(self, batch_size: int) -> State:
        zeros = tf.zeros((batch_size, self.config.hidden_size), tf.float32)
        return [(zeros, zeros) for _ in self.lstms]

    def call(
        self, input_ids: Any, state: State | None = None, training: bool = False
    ) -> tuple[tf.Tensor, State]:
        c = self.config
        batch_size, num_steps = tf.shape(input_ids)[0], tf.shape(input_ids)[1]
        outputs = self.dropout(self.embedding(input_ids), training=training)
        final_state: State = []
        for k, lstm in enumerate(self.lstms):
            outputs, h, cell = lstm(outputs, initial_state=None if state is None else list(state[k]))
            final_state.append((h, cell))
        logits = self.softmax(tf.reshape(outputs, [-1, c.hidden_size]))  # the reference's [-1, 200] matmul
        return tf.reshape(logits, [batch_size, num_steps, c.vocab_size]), final_state


def cost_of(logits: tf.Tensor, targets: tf.Tensor) -> tf.Tensor:
    """Sum of the per-word cross-entropies divided by the batch size."""
    vocab = tf.shape(logits)[-1]
    xent = keras.losses.sparse_categorical_crossentropy(
        tf.reshape(targets, [-1]), tf.reshape(logits, [-1, vocab]), from_logits=True
    )
    return tf.reduce_sum(xent) / tf.cast(tf.shape(targets)[0], tf.float32)


def make_optimizer(rate: float) -> keras.optimizers.SGD:
    return gradient_descent(rate)


def make_train_step(model: LanguageModel, optimizer: keras.optimizers.SGD) -> Any:
    """Clipped SGD; the embedding gradient stays IndexedSlices through the clipping (module docstring)."""
    variables = model.trainable_variables
    optimizer.build(variables)

    @tf.function
    def train_step(x: tf.Tensor, y: tf.Tensor, state: State | None) -> tuple[tf.Tensor, State]:
        with tf.GradientTape() as tape:
            logits, final_state = model(x, state, training=True)
            cost = cost_of(logits, y)
        grads = tape.gradient(cost, variables)
        clipped, _ = tf.clip_by_global_norm(grads, model.config.max_grad_norm)
        optimizer.apply_gradients(zip(clipped, variables, strict=True))
        return cost, final_state

    return train_step


def windows(data: list[int], batch_size: int, num_steps: int) -> tf.data.Dataset:
    """reader.ptb_iterator's (x, y) windows as a tf.data pipeline."""
    xs, ys = zip(*reader.ptb_iterator(data, batch_size, num_steps), strict=True)
    return tf.data.Dataset.from_tensor_slices((np.stack(xs), np.stack(ys)))


def run_epoch(
    model: LanguageModel,
    step_fn: Any,
    data: list[int],
    batch_size: int,
    num_steps: int,
    verbose: bool = False,
    max_steps: int | None = None,
) -> float:
    """One pass over `data`, the LSTM state carried between batches; returns the perplexity."""
    epoch_size = reader.epoch_size(len(data), batch_size, num_steps)
    if max_steps is not None:
        epoch_size = min(epoch_size, max_steps)
    report_every = max(1, epoch_size // 10)
    start_time = time.time()
    costs = 0.0
    iters = 0
    state = model.zero_state(batch_size)
    for step, (x, y) in enumerate(windows(data, batch_size, num_steps).take(epoch_size)):
        cost, state = step_fn(x, y, state)
        costs += float(cost)
        iters += num_steps
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

    model = LanguageModel(small, config.seed)
    optimizer = make_optimizer(0.0)  # the rate is set at the start of every epoch
    train_step = make_train_step(model, optimizer)

    @tf.function
    def eval_step(x: tf.Tensor, y: tf.Tensor, state: State) -> tuple[tf.Tensor, State]:
        logits, final_state = model(x, state, training=False)
        return cost_of(logits, y), final_state

    train_perplexities: list[float] = []
    valid_perplexities: list[float] = []
    for i in range(epochs):
        optimizer.learning_rate.assign(learning_rate_for_epoch(small, i))
        print(f"Epoch: {i + 1} Learning rate: {float(optimizer.learning_rate):.3f}")
        train_perplexity = run_epoch(
            model,
            train_step,
            train_data,
            small.batch_size,
            small.num_steps,
            verbose=True,
            max_steps=config.steps,
        )
        print(f"Epoch: {i + 1} Train Perplexity: {train_perplexity:.3f}")
        valid_perplexity = run_epoch(
            model, eval_step, valid_data, small.batch_size, small.num_steps, max_steps=eval_steps
        )
        print(f"Epoch: {i + 1} Valid Perplexity: {valid_perplexity:.3f}")
        train_perplexities.append(train_perplexity)
        valid_perplexities.append(valid_perplexity)
    test_perplexity = run_epoch(
        model, eval_step, test_data, eval_config.batch_size, eval_config.num_steps, max_steps=eval_steps
    )
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


def _cell_prefix(k: int) -> str:
    return f"Model/RNN/multi_rnn_cell/cell_{k}/basic_lstm_cell"


class Parity(EagerParityModel):
    """Parity hooks over (x, y) id batches [batch, num_steps]; zero initial state; clipped SGD (lr 1.0)."""

    def __init__(self, vocab_size: int | None = None) -> None:
        self.config = replace(
            SmallConfig(), vocab_size=_data_vocab_size() if vocab_size is None else vocab_size
        )
        c = self.config
        ids = TensorSpec((c.num_steps,), dtype="int32", kind="index", low=0, high=c.vocab_size)
        super().__init__(
            spec={"x": ids, "y": ids},
            draw_weights=self.draw_weights,
            build=self.build,
            to_model=self.to_keras,
            from_model=self.from_keras,
        )

    def weight_shapes(self) -> dict[str, tuple[int, ...]]:
        """Reference names and shapes, in the reference's draw order."""
        c = self.config
        shapes: dict[str, tuple[int, ...]] = {"Model/embedding": (c.vocab_size, c.hidden_size)}
        for k in range(c.num_layers):
            shapes[f"{_cell_prefix(k)}/kernel"] = (2 * c.hidden_size, 4 * c.hidden_size)
            shapes[f"{_cell_prefix(k)}/bias"] = (4 * c.hidden_size,)
        shapes["Model/softmax_w"] = (c.hidden_size, c.vocab_size)
        shapes["Model/softmax_b"] = (c.vocab_size,)
        return shapes

    def draw_weights(self, rng: np.random.Generator) -> Weights:
        scale = self.config.init_scale
        return {
            name: np.zeros(shape, np.float32)
            if name.endswith("/bias")
            else random_uniform(rng, shape, -scale, scale)
            for name, shape in self.weight_shapes().items()
        }

    def build(self, rate: float | None) -> EagerModel:
        """A fresh model from the zero state, clipped SGD at `rate` (None: the config's 1.0)."""
        model = LanguageModel(self.config)
        step = make_train_step(model, make_optimizer(self.config.learning_rate if rate is None else rate))

        def output_and_loss(batch: Tensors) -> tuple[tf.Tensor, tf.Tensor]:
            logits, _ = model(batch["x"], None, training=False)
            return logits, cost_of(logits, batch["y"])

        return EagerModel(
            variables=self.keras_variables(model),
            output_and_loss=output_and_loss,
            train_step=lambda batch: step(batch["x"], batch["y"], None),
            model=model,
        )

    def keras_variables(self, model: LanguageModel) -> dict[str, Any]:
        found = {
            "Model/embedding": model.embedding.embeddings,
            "Model/softmax_w": model.softmax.kernel,
            "Model/softmax_b": model.softmax.bias,
        }
        for k, lstm in enumerate(model.lstms):
            cell = lstm.cell
            found.update(
                {f"{k}:kernel": cell.kernel, f"{k}:recurrent": cell.recurrent_kernel, f"{k}:bias": cell.bias}
            )
        return found

    def to_keras(self, weights: Weights) -> dict[str, np.ndarray]:
        arrays = {
            name: np.asarray(weights[name], np.float32)
            for name in ("Model/embedding", "Model/softmax_w", "Model/softmax_b")
        }
        for k in range(self.config.num_layers):
            kernel, recurrent, bias = lstm_to_keras(
                weights[f"{_cell_prefix(k)}/kernel"],
                weights[f"{_cell_prefix(k)}/bias"],
                self.config.forget_bias,
            )
            arrays.update({f"{k}:kernel": kernel, f"{k}:recurrent": recurrent, f"{k}:bias": bias})
        return arrays

    def from_keras(self, arrays: Mapping[str, np.ndarray], gradient: bool) -> Weights:
        weights = {
            name: np.asarray(arrays[name])
            for name in ("Model/embedding", "Model/softmax_w", "Model/softmax_b")
        }
        for k in range(self.config.num_layers):
            weights[f"{_cell_prefix(k)}/kernel"], weights[f"{_cell_prefix(k)}/bias"] = lstm_from_keras(
                arrays[f"{k}:kernel"],
                arrays[f"{k}:recurrent"],
                arrays[f"{k}:bias"],
                0.0 if gradient else self.config.forget_bias,
            )
        return weights


EXAMPLES: tuple[Example, ...] = (
    Example(
        example_id="ch06_ptb_word_lm",
        title="PTB word-level language model, 2-layer LSTM, small config (clean-room; the book has no code)",
        run=run,
        parity_model=Parity,
        tags=("ch06", "ptb", "rnn", "lstm", "language-model"),
        migration=(
            "MultiRNNCell of BasicLSTMCell(forget_bias=0.0) stepped in a Python loop, state fed back through "
            "placeholders, tf.clip_by_global_norm + GradientDescentOptimizer, lr variable assigned per epoch",
            "keras.Model subclass (Embedding, 2 x LSTM(return_state=True), Dense) with the state as an "
            "explicit input/output, tf.function step clipping the IndexedSlices gradients with "
            "tf.clip_by_global_norm, keras.optimizers.SGD with learning_rate.assign",
        ),
    ),
)
