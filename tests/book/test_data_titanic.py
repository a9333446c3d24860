"""tfmigrate.book.data.titanic: the shipped CSV and the tflearn-style load_csv."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from tfmigrate.book.data import titanic


def test_shipped_csv_is_the_books_file() -> None:
    path = titanic.csv_path()
    assert hashlib.md5(path.read_bytes()).hexdigest() == "3421c441a25567823fd077e6908605ca"
    assert path.read_text().splitlines()[0] == "survived,pclass,name,sex,age,sibsp,parch,ticket,fare"
    assert (path.parent / "README.txt").is_file()


def test_load_csv_like_tflearn() -> None:
    data, labels = titanic.load_csv(target_column=0, categorical_labels=True, n_classes=2)
    assert len(data) == 1309 and all(len(row) == 8 for row in data)
    assert data[0] == ["1", "Allen, Miss. Elisabeth Walton", "female", "29", "0", "0", "24160", "211.3375"]
    assert labels.shape == (1309, 2) and labels.dtype == np.float32
    np.testing.assert_array_equal(labels.sum(axis=0), [809.0, 500.0])
    np.testing.assert_array_equal(labels[0], [0.0, 1.0])
    # The book's preprocessing runs on these rows: drop name and ticket, encode sex, all numeric.
    features = np.array(
        [[row[0], 1.0 if row[2] == "female" else 0.0, *row[3:6], row[7]] for row in data], dtype=np.float32
    )
    assert features.shape == (1309, 6) and np.isfinite(features).all()


def test_load_csv_raw_labels_and_ignored_columns(tmp_path: Path) -> None:
    _, raw = titanic.load_csv(categorical_labels=False)
    assert raw[:3] == ["1", "1", "0"]
    csv_file = tmp_path / "t.csv"
    csv_file.write_text('a,b,c,d\n1,"x, y",2,0\n3,z,4,1\n')
    # Ignored columns use the original numbering (tflearn shifts those after the target).
    data, labels = titanic.load_csv(
        csv_file, target_column=1, columns_to_ignore=[3], categorical_labels=False
    )
    assert data == [["1", "2"], ["3", "4"]] and labels == ["x, y", "z"]
    data, one_hot = titanic.load_csv(csv_file, target_column=-1, n_classes=3)
    assert data == [["1", "x, y", "2"], ["3", "z", "4"]]
    np.testing.assert_array_equal(one_hot, [[1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="n_classes"):
        titanic.load_csv(csv_file, target_column=-1, n_classes=None)
    with pytest.raises(ValueError):
        titanic.load_csv(csv_file, target_column=0, n_classes=2)  # label 3 out of range
