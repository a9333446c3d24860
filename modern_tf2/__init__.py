"""The book's examples rewritten for today's TensorFlow: eager, tf.function, GradientTape, Keras 3, tf.data.

Mirrors reference_tf1 module for module (same ids, same file names, same hyperparameters pinned
explicitly) and exposes the same parity hooks. No tf.compat.v1 anywhere in this tree.
Run with `python -m modern_tf2 list` and `python -m modern_tf2 run ID [--smoke] ...`.

Importing the package also splits the CPU into two logical devices when there is no GPU and TensorFlow
has not initialised its devices yet (see `_devices`): chapter 7's tf.distribute examples mirror over
them. Ops still default to "/CPU:0", so no other example is affected.
"""

from tfmigrate.book import tfenv

tfenv.configure()

from modern_tf2 import _devices  # noqa: E402  (TensorFlow is imported only after tfenv.configure())

_devices.split_cpu_if_no_gpu()
