"""Process-wide TensorFlow settings that must be in place before `import tensorflow`.

Both example trees share one process (and one TensorFlow import) with the parity tests. The reference
tree needs the legacy Keras 2 (`tf-keras`) behind `tf.compat.v1.layers` and `tf.compat.v1.nn.rnn_cell`;
the modern tree uses Keras 3 through `import keras`, which stays available beside it.
"""

from __future__ import annotations

import os
import sys


def configure() -> None:
    """Select legacy Keras for `tf.keras`/`tf.compat.v1` and quiet TensorFlow's C++ logging."""
    if "tensorflow" in sys.modules and os.environ.get("TF_USE_LEGACY_KERAS") != "1":
        raise RuntimeError(
            "tensorflow was imported before TF_USE_LEGACY_KERAS=1 was set; import reference_tf1 or "
            "modern_tf2 (or call tfmigrate.book.tfenv.configure()) before tensorflow"
        )
    os.environ["TF_USE_LEGACY_KERAS"] = "1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
