"""The optimizers of the modern tree, each computing what its TF1 counterpart computes.

Every modern example builds its optimizer with one of these factories, so that each default that differs
between TF1 and Keras 3 is pinned in one place:

* `adam`: `tf.train.AdamOptimizer` (and legacy Keras 2's Adam) -> `TF1Adam`, epsilon 1e-8 (Keras 3: 1e-7),
  beta_1/beta_2 as float32 values, duplicate rows of sparse (Embedding) gradients summed first;
* `rmsprop`: `tf.train.RMSPropOptimizer` -> `TF1RMSProp`, mean-square slot from 1.0, epsilon inside the
  sqrt, TF1's defaults (decay 0.9, momentum 0, epsilon 1e-10) pinned;
* `adagrad`: `tf.train.AdagradOptimizer` -> keras.optimizers.Adagrad with TF1's initial accumulator and
  epsilon 0 (TF1 has none);
* `gradient_descent`: `tf.train.GradientDescentOptimizer` -> keras.optimizers.SGD without momentum
  (`var -= lr * grad`, TF1's kernel; no example uses TF1's MomentumOptimizer).

Why two custom classes: Keras 3's Adam and RMSprop compute their own variants. Adam's dense update is
TF1's kernel op for op, but its sparse update squares each slice of an IndexedSlices gradient on its own
(a word that occurs k times in a batch gets sum(g_i^2) instead of (sum g_i)^2 in its second moment), and
TF1/Keras 2 used another formula for sparse gradients (below). Keras' RMSprop starts its mean-square slot
at 0 (TF1: 1.0; from 0 the first step is lr * 3.16 * sign(g) instead of about lr * g), with no option to
change it, and rounds its update in another order. Both classes are written against Keras' documented
custom-optimizer interface (`build` with `add_variable_from_reference`, `update_step`, `get_config`;
`_get_variable_index` is the slot lookup Keras' own example in the Optimizer docstring uses), so they
work in `Model.fit`, in tf.function training steps and in tf.train.Checkpoint / .keras files, and they
depend on no private state of keras.optimizers.Adam or RMSprop.

Their hyperparameters are used as float32 tensors, as TF1 holds them: TF1 computes `1 - beta` in float32
from the float32 beta (1 - 0.999f = 0.00099998713), where Keras' own Adam subtracts the Python float and
casts (0.001f), a 1.3e-5 relative difference in the second moment that moved the emotion CNN's weights by
1.2e-5 after three steps and the IMDB LSTMs' by up to 3e-5. The factories also pass the betas already
rounded to float32 (`tf1_float32`), so that the attributes read like TF1's values.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

ADAM_EPSILON = 1e-8
"""TF1's AdamOptimizer (and Keras 2's Adam) epsilon; Keras 3's default is 1e-7."""


def tf1_float32(value: float) -> float:
    """`value` rounded to float32, as TF1 holds its optimizer hyperparameters (0.9 -> 0.8999999762)."""
    return float(np.float32(value))


def _f32(value: Any) -> tf.Tensor:
    return tf.cast(value, tf.float32)


@keras.saving.register_keras_serializable(package="tfmigrate")
class TF1Adam(keras.optimizers.Optimizer):  # type: ignore[misc]  # keras is untyped
    """Adam as TF1's `AdamOptimizer` and legacy Keras 2's Adam compute it, in float32.

    Dense gradients, TF1's ApplyAdam kernel (and Keras 3's Adam, the same order):
        alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
        m += (g - m) * (1 - beta_1);  v += (g^2 - v) * (1 - beta_2);  var -= m * alpha / (sqrt(v) + epsilon)
    Sparse gradients (tf.IndexedSlices, e.g. an Embedding's), TF1's `_apply_sparse` after
    `_deduplicate_indexed_slices` (the rows of a repeated index summed):
        m = m * beta_1, then m[rows] += g * (1 - beta_1);  v = v * beta_2, then v[rows] += g^2 * (1 - beta_2)
        var -= (lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)) * m / (sqrt(v) + epsilon)   (every row)
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = ADAM_EPSILON,
        name: str = "tf1_adam",
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    def build(self, var_list: list[Any]) -> None:
        if self.built:
            return
        super().build(var_list)
        self.m = [self.add_variable_from_reference(v, "m") for v in var_list]
        self.v = [self.add_variable_from_reference(v, "v") for v in var_list]
        # TF1 keeps beta^t as variables multiplied by beta after each step; tf.pow(beta, t) differs by an
        # ulp at some steps (0.999f^3), so the accumulators are kept the same way.
        self.beta_1_power, self.beta_2_power = (
            self.add_variable(
                shape=(),
                initializer=keras.initializers.Constant(beta),
                dtype="float32",
                aggregation="only_first_replica",
                name=name,
            )
            for beta, name in ((self.beta_1, "beta_1_power"), (self.beta_2, "beta_2_power"))
        )

    def apply(self, grads: Any, trainable_variables: Any = None) -> Any:
        result = super().apply(grads, trainable_variables)
        self.beta_1_power.assign(self.beta_1_power * _f32(self.beta_1))
        self.beta_2_power.assign(self.beta_2_power * _f32(self.beta_2))
        return result

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
        index = self._get_variable_index(variable)
        m, v = self.m[index], self.v[index]
        lr, beta_1, beta_2, epsilon = (
            _f32(learning_rate),
            _f32(self.beta_1),
            _f32(self.beta_2),
            _f32(self.epsilon),
        )
        beta_1_power, beta_2_power = _f32(self.beta_1_power), _f32(self.beta_2_power)
        if isinstance(gradient, tf.IndexedSlices):
            unique, positions = tf.unique(gradient.indices)
            summed = tf.math.unsorted_segment_sum(_f32(gradient.values), positions, tf.shape(unique)[0])
            shape = gradient.dense_shape
            self.assign(m, m * beta_1)
            self.assign_add(m, tf.IndexedSlices(summed * (1.0 - beta_1), unique, shape))
            self.assign(v, v * beta_2)
            self.assign_add(v, tf.IndexedSlices((summed * summed) * (1.0 - beta_2), unique, shape))
            rate = (lr * tf.sqrt(1.0 - beta_2_power)) / (1.0 - beta_1_power)  # TF1's order of operations
            self.assign_sub(variable, rate * m / (tf.sqrt(v) + epsilon))
            return
        gradient = _f32(gradient)
        alpha = lr * tf.sqrt(1.0 - beta_2_power) / (1.0 - beta_1_power)
        self.assign_add(m, (gradient - m) * (1.0 - beta_1))
        self.assign_add(v, (tf.square(gradient) - v) * (1.0 - beta_2))
        self.assign_sub(variable, (m * alpha) / (tf.sqrt(v) + epsilon))

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = super().get_config()
        config.update({"beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config


@keras.saving.register_keras_serializable(package="tfmigrate")
class TF1RMSProp(keras.optimizers.Optimizer):  # type: ignore[misc]  # keras is untyped
    """RMSProp as TF1's `RMSPropOptimizer` computes it (its ApplyRMSProp kernel, op for op, in float32):

    ms  += (g^2 - ms) * (1 - decay)                  ms starts at 1.0
    mom  = mom * momentum + g * lr / sqrt(ms + epsilon)
    var -= mom
    """

    def __init__(
        self,
        learning_rate: Any = 0.001,
        decay: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-10,
        name: str = "tf1_rmsprop",
        **kwargs: Any,
    ) -> None:
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.decay = decay
        self.momentum = momentum
        self.epsilon = epsilon

    def build(self, var_list: list[Any]) -> None:
        if self.built:
            return
        super().build(var_list)
        self.rms = [self.add_variable_from_reference(v, "rms", initializer="ones") for v in var_list]
        self.mom = [self.add_variable_from_reference(v, "momentum") for v in var_list]

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
        index = self._get_variable_index(variable)
        ms, mom = self.rms[index], self.mom[index]
        if isinstance(gradient, tf.IndexedSlices):  # TF1's sparse RMSProp updates only the rows it is given
            raise NotImplementedError("TF1RMSProp: sparse gradients (no book example has them)")
        gradient = _f32(gradient)
        lr, decay, momentum, epsilon = (
            _f32(learning_rate),
            _f32(self.decay),
            _f32(self.momentum),
            _f32(self.epsilon),
        )
        self.assign_add(ms, (tf.square(gradient) - ms) * (1.0 - decay))
        self.assign(mom, mom * momentum + (gradient * lr) / tf.sqrt(ms + epsilon))
        self.assign_sub(variable, mom)

    def get_config(self) -> dict[str, Any]:
        config: dict[str, Any] = super().get_config()
        config.update({"decay": self.decay, "momentum": self.momentum, "epsilon": self.epsilon})
        return config


def adam(
    learning_rate: Any, *, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = ADAM_EPSILON
) -> TF1Adam:
    """`tf.train.AdamOptimizer(learning_rate, beta1, beta2, epsilon)` (= Keras 2's `Adam`), TF1's defaults;
    the betas are handed over as float32 values (`tf1_float32`)."""
    return TF1Adam(
        learning_rate=learning_rate, beta_1=tf1_float32(beta_1), beta_2=tf1_float32(beta_2), epsilon=epsilon
    )


def rmsprop(
    learning_rate: Any, *, decay: float = 0.9, momentum: float = 0.0, epsilon: float = 1e-10
) -> TF1RMSProp:
    """`tf.train.RMSPropOptimizer(learning_rate, decay, momentum, epsilon)`, TF1's defaults (Keras' RMSprop:
    rho 0.9 too, but epsilon 1e-7 and its slot from 0)."""
    return TF1RMSProp(
        learning_rate=learning_rate, decay=tf1_float32(decay), momentum=tf1_float32(momentum), epsilon=epsilon
    )


def adagrad(learning_rate: Any, *, initial_accumulator_value: float = 0.1) -> keras.optimizers.Adagrad:
    """`tf.train.AdagradOptimizer(learning_rate, initial_accumulator_value)`: `acc += g^2;
    var -= lr * g / sqrt(acc)`. Keras adds epsilon (1e-7) inside the sqrt; TF1 has none, so it is 0 here
    (the accumulators start above 0, so the sqrt is never of 0)."""
    return keras.optimizers.Adagrad(
        learning_rate=learning_rate, initial_accumulator_value=initial_accumulator_value, epsilon=0.0
    )


def gradient_descent(learning_rate: Any) -> keras.optimizers.SGD:
    """`tf.train.GradientDescentOptimizer(learning_rate)`: `var -= lr * grad` (Keras' SGD without momentum
    computes exactly that)."""
    return keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.0, nesterov=False)
