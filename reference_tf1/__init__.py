"""The book's examples as TensorFlow 1.x graph-mode programs, run on TensorFlow 2.21 via `tf.compat.v1`.

One module per inventory id (fragments of one section may share a module; docs/coverage.md maps them).
Run with `python -m reference_tf1 list` and `python -m reference_tf1 run ID [--smoke] ...`.
"""

from tfmigrate.book import tfenv

tfenv.configure()
