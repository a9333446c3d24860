"""Helpers shared by the chapter 8-10 reference modules: `make_logdir`.

The Keras graph session (`keras_graph_session`), the numpy draws of Keras' initialisers and the parity
hooks of these chapters are in reference_tf1._parity.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tfmigrate.book.runtime import RunConfig


def make_logdir(config: RunConfig, prefix: str = "tfmigrate-") -> Path:
    """config.logdir (created if needed), or a fresh temporary directory when it is None."""
    if config.logdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix))
    config.logdir.mkdir(parents=True, exist_ok=True)
    return config.logdir
