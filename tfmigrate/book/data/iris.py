"""Iris for s004_estimator_iris_input_fn: scikit-learn's bundled copy (BSD-3; 150 rows, 50 per class).

Feature names follow TensorFlow's iris tutorial, which the book's fragment uses as dict keys.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FEATURE_NAMES = ("SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
CLASS_NAMES = ("setosa", "versicolor", "virginica")


def load() -> tuple[NDArray[np.float32], NDArray[np.int64], list[str]]:
    """(features float32 [150, 4], labels int64 [150] in {0, 1, 2}, feature names)."""
    from sklearn.datasets import load_iris

    bunch = load_iris()
    features = np.asarray(bunch.data, dtype=np.float32)
    labels = np.asarray(bunch.target, dtype=np.int64)
    return features, labels, list(FEATURE_NAMES)
