"""ch02_programming_model_multiply: the programming-model example of chapter 2 (Seed A L1484-1494).

The placeholder `x` becomes the argument of a tf.function whose input signature has the placeholder's
dtype and shape (float32 [1]); the "feed" is the call. As in the reference, the listing's values are used
(z = 2.0, x_in = [100]), giving [200.]; the listing's closed-session bug has no TF2 counterpart (there is
no session). The listing's unused placeholder `y` is simply the name of the result here.
"""

from __future__ import annotations

import tensorflow as tf

from tfmigrate.book.runtime import Example, Metrics, RunConfig


@tf.function(input_signature=[tf.TensorSpec([1], tf.float32, name="x")])  # type: ignore[untyped-decorator]
def multiply(x: tf.Tensor) -> tf.Tensor:
    """y = x * z with the constant z = 2.0, traced once for float32 [1] inputs."""
    z = tf.constant(2.0)
    return x * z


def run(config: RunConfig) -> Metrics:
    """Call the function with x_in and print the result."""
    x_in = [100]
    y_output = multiply(tf.constant(x_in, tf.float32)).numpy()
    print(y_output)
    return {"y_output": [float(v) for v in y_output], "x_in": [float(v) for v in x_in]}


EXAMPLES = (
    Example(
        "ch02_programming_model_multiply",
        "Chapter 2: programming model, multiply a placeholder by a constant",
        run,
        tags=("ch02",),
        migration=(
            "tf.placeholder + Session.run(y, {x: x_in})",
            "tf.function with an input_signature, called with the value",
        ),
    ),
)
