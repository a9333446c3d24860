"""Helpers shared by the chapter 4 (CNN) and chapter 6 (RNN) reference modules.

* `initial_value_getter` lets variables that TensorFlow's own code creates with `get_variable` (the weights
  inside `BasicLSTMCell`, say) start from given numpy arrays, through a variable-scope custom getter;
* `variable`, a `tf.Variable` from given numpy weights or the book's initialiser op.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import tensorflow as tf


def initial_value_getter(initial: Mapping[str, np.ndarray] | None) -> Callable[..., Any]:
    """A custom getter for `variable_scope(..., custom_getter=...)`: variables named in `initial` (full
    names, without ":0") start from those arrays instead of their own initialiser; others are untouched.
    """

    # TensorFlow passes the next getter as the keyword argument `getter`, so the name is fixed.
    def custom_getter(getter: Callable[..., Any], name: str, *args: Any, **kwargs: Any) -> Any:
        if initial is not None and name in initial:
            kwargs["initializer"] = tf.compat.v1.constant_initializer(np.asarray(initial[name], np.float32))
        return getter(name, *args, **kwargs)

    return custom_getter


def variable(
    name: str, initial: Mapping[str, np.ndarray] | None, book_initial: Callable[[], tf.Tensor]
) -> tf.Variable:
    """A `tf.Variable` named `name`: from `initial[name]` if given, else from the book's initialiser op."""
    value = np.asarray(initial[name], np.float32) if initial is not None else book_initial()
    return tf.compat.v1.Variable(value, name=name)
