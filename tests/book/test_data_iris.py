"""tfmigrate.book.data.iris."""

from __future__ import annotations

import numpy as np

from tfmigrate.book.data import iris


def test_iris() -> None:
    features, labels, names = iris.load()
    assert features.shape == (150, 4) and features.dtype == np.float32
    assert labels.shape == (150,) and np.issubdtype(labels.dtype, np.integer)
    assert np.bincount(labels).tolist() == [50, 50, 50]
    assert names == ["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"]
    np.testing.assert_allclose(features[0], [5.1, 3.5, 1.4, 0.2], rtol=1e-6)
