"""The committed API snapshot is what the installed TensorFlow 2.21 provides (regenerated and compared)."""

from __future__ import annotations

import gzip
import json
from importlib import resources

import pytest

from tfmigrate import api
from tfmigrate.api import snapshot


def test_snapshot_loads_and_knows_both_namespaces() -> None:
    loaded = api.load()
    assert loaded.tensorflow_version.startswith("2.21")
    assert loaded.get("tensorflow.math.log") is not None
    assert loaded.get("tensorflow.compat.v1.placeholder") is not None
    assert loaded.get("tensorflow.placeholder") is None
    log_v1, log_v2 = loaded.get("tensorflow.compat.v1.log"), loaded.get("tensorflow.math.log")
    assert log_v1 is not None and log_v2 is not None and log_v1.identity == log_v2.identity
    dropout_v1, dropout_v2 = (
        loaded.get("tensorflow.compat.v1.nn.dropout"),
        loaded.get("tensorflow.nn.dropout"),
    )
    assert dropout_v1 is not None and dropout_v2 is not None and dropout_v1.identity != dropout_v2.identity
    dense = loaded.get("tensorflow.compat.v1.layers.dense")
    assert dense is not None and dense.only == "legacy_keras"
    assert loaded.missing_part("tensorflow.float32.as_numpy_dtype") is None
    assert loaded.missing_part("tensorflow.contrib.rnn.BasicLSTMCell") == "tensorflow.contrib"


@pytest.mark.tf
def test_snapshot_matches_the_installed_tensorflow() -> None:
    pytest.importorskip("tensorflow")
    committed = json.loads(
        gzip.decompress(resources.files("tfmigrate.api").joinpath(api.SNAPSHOT_FILE).read_bytes())
    )
    fresh = json.loads(gzip.decompress(snapshot.serialise(snapshot.build())))
    assert fresh["tensorflow"] == committed["tensorflow"], "a different TensorFlow is installed"
    added = sorted(set(fresh["names"]) - set(committed["names"]))
    removed = sorted(set(committed["names"]) - set(fresh["names"]))
    assert (added[:10], removed[:10]) == ([], []), "regenerate: python -m tfmigrate.api.snapshot --write ..."
    assert fresh == committed
