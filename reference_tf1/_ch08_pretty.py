"""The part of Pretty Tensor (prettytensor 0.7.4, TF 0.x/1.x only) that chapter 8 calls, in tf.compat.v1.

Pretty Tensor wrapped a tensor in a chainable object: every method (`flatten`, `fully_connected`, `conv2d`,
`max_pool`, `softmax_classifier`...) created its variables in a uniquely named variable scope and returned a
new wrapper ("normal mode"), or, after `.sequential()`, replaced an internal head ("sequential mode").
`pt.defaults_scope(activation_fn=..., l2loss=...)` supplied default arguments; a "bookkeeper" collected the
losses and the L2 weight-decay terms that `pt.apply_optimizer` then added up and minimised. The library
imports `tf.contrib`/0.x symbols and does not run on TensorFlow 2, so this module re-implements the subset
with the same defaults (read from prettytensor's source):

* `fully_connected(size)`: weights [in, size] Xavier-uniform U(-l, l), l = sqrt(6 / (in + size)); bias
  initialised to 0.0; `activation_fn` and `l2loss` from the defaults scope unless given. Weight decay adds
  `l2loss * tf.nn.l2_loss(weights)` (= l2loss * sum(w^2) / 2) as a regularisation loss (weights only).
* `conv2d(kernel, depth)`: SAME padding, stride 1, weights [k, k, in, depth] drawn with He init for ReLU
  layers (normal, stddev sqrt(2 / (in * k * k))), otherwise Xavier-uniform over in*k*k / depth*k*k; bias 0.
* `max_pool(kernel, stride)`: SAME padding.
* `softmax_classifier(n, labels)` = `fully_connected(n, activation_fn=None)` (named "softmax_classifier",
  l2loss still from the defaults) then `softmax(labels)`: softmax probabilities plus the cross-entropy
  loss averaged over the batch (sum / static batch size, or the mean when the batch size is unknown).
* `apply_optimizer(optimizer, losses)`: minimise sum(losses) + sum(regularisation losses), counting steps.
* `evaluate_classifier(labels)`: fraction of rows whose argmax matches the label's argmax.

Variable names follow Pretty Tensor's scopes ("fully_connected/weights", "fully_connected_1/bias",
"softmax_classifier/weights", "conv2d/weights"...). A `Books` built with `initial_values` creates every
variable from those numpy arrays instead of the initialisers (the parity hooks use that).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import tensorflow as tf

Activation = Callable[[tf.Tensor], tf.Tensor] | None

_DEFAULT: Any = object()
_defaults_stack: list[dict[str, Any]] = [{}]


@contextmanager
def defaults_scope(**defaults: Any) -> Iterator[None]:
    """`pt.defaults_scope`: default keyword arguments (activation_fn, l2loss) for the layers inside."""
    _defaults_stack.append({**_defaults_stack[-1], **defaults})
    try:
        yield
    finally:
        _defaults_stack.pop()


def _default(value: Any, name: str) -> Any:
    return _defaults_stack[-1].get(name) if value is _DEFAULT else value


@dataclass
class Books:
    """Pretty Tensor's bookkeeper: the variables, losses and regularisation losses of one graph."""

    initial_values: Mapping[str, np.ndarray] | None = None
    variables: dict[str, tf.Variable] = field(default_factory=dict)
    losses: list[tf.Tensor] = field(default_factory=list)
    regularization_losses: list[tf.Tensor] = field(default_factory=list)
    total_loss: tf.Tensor | None = None
    """What `apply_optimizer` minimises, once it has been called."""
    _scope_counts: dict[str, int] = field(default_factory=dict)

    def unique_scope(self, name: str) -> str:
        count = self._scope_counts.get(name, 0)
        self._scope_counts[name] = count + 1
        return name if count == 0 else f"{name}_{count}"

    def variable(self, name: str, shape: list[int], init: Any) -> tf.Variable:
        """`tf.get_variable` under the layer's scope, from `init` or from `initial_values[name]`."""
        if self.initial_values is not None:
            init = tf.compat.v1.constant_initializer(np.asarray(self.initial_values[name], np.float32))
        scope, short = name.rsplit("/", 1)
        with tf.compat.v1.variable_scope(scope):
            variable = tf.compat.v1.get_variable(short, shape, tf.float32, initializer=init)
        self.variables[name] = variable
        return variable


class SoftmaxResult(NamedTuple):
    """`pt`'s (softmax, loss) pair; loss is None without labels."""

    softmax: PrettyTensor
    loss: tf.Tensor | None


def xavier_uniform_tf(n_inputs: int, n_outputs: int) -> Any:
    """pt's `layers.xavier_init(n_inputs, n_outputs)` (uniform)."""
    limit = math.sqrt(6.0 / (n_inputs + n_outputs))
    return tf.compat.v1.random_uniform_initializer(-limit, limit)


def he_normal_tf(n_inputs: int) -> Any:
    """pt's `layers.he_init` for ReLU layers: a (non-truncated) normal with stddev sqrt(2 / n_inputs)."""
    return tf.compat.v1.random_normal_initializer(stddev=math.sqrt(2.0 / n_inputs))


class PrettyTensor:
    """A chainable wrapper around one tensor (Pretty Tensor's normal mode)."""

    def __init__(self, tensor: tf.Tensor, books: Books) -> None:
        self.tensor = tensor
        self.books = books

    def _with(self, tensor: tf.Tensor) -> PrettyTensor:
        return PrettyTensor(tensor, self.books)

    def sequential(self) -> SequentialPrettyTensor:
        """Sequential mode: each call replaces the head instead of returning a new object."""
        return SequentialPrettyTensor(self)

    def flatten(self) -> PrettyTensor:
        """[batch, ...] -> [batch, rest], keeping the batch dimension (pt's reshape '_*')."""
        rest = int(np.prod(self.tensor.shape.as_list()[1:]))
        return self._with(tf.reshape(self.tensor, [-1, rest]))

    def fully_connected(
        self, size: int, activation_fn: Activation = _DEFAULT, l2loss: float | None = _DEFAULT, name: str = ""
    ) -> PrettyTensor:
        activation_fn = _default(activation_fn, "activation_fn")
        l2loss = _default(l2loss, "l2loss")
        in_size = int(self.tensor.shape[1])
        scope = self.books.unique_scope(name or "fully_connected")
        weights = self.books.variable(f"{scope}/weights", [in_size, size], xavier_uniform_tf(in_size, size))
        y = tf.matmul(self.tensor, weights)
        self._add_l2loss(weights, l2loss, scope)
        y = y + self.books.variable(f"{scope}/bias", [size], tf.compat.v1.zeros_initializer())
        return self._with(activation_fn(y) if activation_fn is not None else y)

    def conv2d(
        self, kernel: int, depth: int, activation_fn: Activation = _DEFAULT, l2loss: float | None = _DEFAULT
    ) -> PrettyTensor:
        activation_fn = _default(activation_fn, "activation_fn")
        l2loss = _default(l2loss, "l2loss")
        in_depth = int(self.tensor.shape[3])
        shape = [kernel, kernel, in_depth, depth]
        patch = kernel * kernel
        init = (
            he_normal_tf(in_depth * patch)
            if activation_fn in (tf.nn.relu, tf.nn.relu6)
            else xavier_uniform_tf(in_depth * patch, depth * patch)
        )
        scope = self.books.unique_scope("conv2d")
        weights = self.books.variable(f"{scope}/weights", shape, init)
        y = tf.nn.conv2d(self.tensor, weights, strides=[1, 1, 1, 1], padding="SAME")
        self._add_l2loss(weights, l2loss, scope)
        y = y + self.books.variable(f"{scope}/bias", [depth], tf.compat.v1.zeros_initializer())
        return self._with(activation_fn(y) if activation_fn is not None else y)

    def max_pool(self, kernel: int, stride: int) -> PrettyTensor:
        return self._with(
            tf.nn.max_pool2d(self.tensor, [1, kernel, kernel, 1], [1, stride, stride, 1], padding="SAME")
        )

    def softmax(self, labels: tf.Tensor | None = None) -> SoftmaxResult:
        """Softmax of the head, and if labels are given the batch-averaged cross-entropy loss."""
        probabilities = self._with(tf.nn.softmax(self.tensor))
        if labels is None:
            return SoftmaxResult(probabilities, None)
        # The TF1 op (labels get no gradient), called with keywords: the 0.x positional order would
        # silently swap labels and logits in TF 2.x. The mean is sum / static batch size when known.
        per_example = tf.compat.v1.nn.softmax_cross_entropy_with_logits(labels=labels, logits=self.tensor)
        batch = self.tensor.shape[0]
        loss = tf.reduce_sum(per_example) / int(batch) if batch is not None else tf.reduce_mean(per_example)
        self.books.losses.append(loss)
        return SoftmaxResult(probabilities, loss)

    def softmax_classifier(self, class_count: int, labels: tf.Tensor | None = None) -> SoftmaxResult:
        """A linear `fully_connected(class_count)` named "softmax_classifier", then `softmax(labels)`."""
        logits = self.fully_connected(class_count, activation_fn=None, name="softmax_classifier")
        return logits.softmax(labels)

    def evaluate_classifier(self, labels: tf.Tensor) -> tf.Tensor:
        """Fraction of correct argmax predictions (pt's evaluate_classifier in the test phase)."""
        correct = tf.equal(tf.argmax(self.tensor, 1), tf.argmax(labels, 1))
        return tf.reduce_mean(tf.cast(correct, tf.float32))

    def _add_l2loss(self, weights: tf.Variable, l2loss: float | None, scope: str) -> None:
        if l2loss:
            self.books.regularization_losses.append(
                tf.multiply(tf.nn.l2_loss(weights), l2loss, name=f"{scope}/weight_decay")
            )


class SequentialPrettyTensor:
    """Pretty Tensor's sequential mode: method calls act on, and replace, an internal head."""

    def __init__(self, head: PrettyTensor) -> None:
        self.head = head

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self.head, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if isinstance(result, PrettyTensor):
                self.head = result
            elif isinstance(result, SoftmaxResult):
                self.head = result.softmax
            return result

        return call


def wrap(tensor: tf.Tensor, books: Books) -> PrettyTensor:
    """`pt.wrap(tensor)`: start a chain (the bookkeeper is explicit here, implicit per graph in pt)."""
    return PrettyTensor(tensor, books)


def apply_optimizer(
    optimizer: tf.compat.v1.train.Optimizer, losses: list[tf.Tensor], books: Books
) -> tf.Operation:
    """`pt.apply_optimizer`: minimise the losses plus the bookkeeper's regularisation losses, count steps."""
    books.total_loss = tf.add_n(list(losses) + books.regularization_losses, name="total_loss")
    global_step = tf.compat.v1.train.get_or_create_global_step()
    return optimizer.minimize(books.total_loss, global_step=global_step)


__all__ = [
    "Books",
    "PrettyTensor",
    "SequentialPrettyTensor",
    "SoftmaxResult",
    "apply_optimizer",
    "defaults_scope",
    "wrap",
]
