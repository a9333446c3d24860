"""Titanic passengers for ch08_tflearn_titanic: the real CSV shipped in ``files/titanic/`` and a clean-room
re-implementation of ``tflearn.data_utils.load_csv``.

The CSV (1,309 rows; survived, pclass, name, sex, age, sibsp, parch, ticket, fare) comes from the book's
Packt repository (MIT); it is the file ``tflearn.datasets.titanic.download_dataset`` downloads.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, overload

import numpy as np
from numpy.typing import NDArray

from tfmigrate.book.data._paths import PathLike, files_dir


def csv_path() -> Path:
    """The shipped ``titanic_dataset.csv``."""
    return files_dir("titanic", "titanic_dataset.csv")


def to_categorical(labels: Sequence[str | int], n_classes: int) -> NDArray[np.float32]:
    """Class ids (ints or numeric strings) -> one-hot [N, n_classes] (tflearn's ``to_categorical``)."""
    ids = np.asarray([int(v) for v in labels], dtype=np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= n_classes):
        raise ValueError(f"labels outside [0, {n_classes})")
    one_hot = np.zeros((len(ids), n_classes), dtype=np.float32)
    one_hot[np.arange(len(ids)), ids] = 1.0
    return one_hot


@overload
def load_csv(
    path: PathLike | None = ...,
    target_column: int = ...,
    categorical_labels: Literal[True] = ...,
    n_classes: int | None = ...,
    columns_to_ignore: Sequence[int] | None = ...,
    has_header: bool = ...,
) -> tuple[list[list[str]], NDArray[np.float32]]: ...


@overload
def load_csv(
    path: PathLike | None = ...,
    target_column: int = ...,
    *,
    categorical_labels: Literal[False],
    n_classes: int | None = ...,
    columns_to_ignore: Sequence[int] | None = ...,
    has_header: bool = ...,
) -> tuple[list[list[str]], list[str]]: ...


@overload
def load_csv(
    path: PathLike | None = ...,
    target_column: int = ...,
    categorical_labels: bool = ...,
    n_classes: int | None = ...,
    columns_to_ignore: Sequence[int] | None = ...,
    has_header: bool = ...,
) -> tuple[list[list[str]], NDArray[np.float32] | list[str]]: ...


def load_csv(
    path: PathLike | None = None,
    target_column: int = 0,
    categorical_labels: bool = True,
    n_classes: int | None = 2,
    columns_to_ignore: Sequence[int] | None = None,
    has_header: bool = True,
) -> tuple[list[list[str]], NDArray[np.float32] | list[str]]:
    """Rows as lists of strings without the target column, and the labels (tflearn ``load_csv`` semantics).

    ``path`` None means the shipped Titanic CSV. The target column is popped from each row; the indices in
    ``columns_to_ignore`` refer to the original columns (tflearn shifts those after the target). Labels are
    one-hot float32 when ``categorical_labels`` (tflearn returns float64), else the raw strings.
    """
    source = Path(path) if path is not None else csv_path()
    ignore = list(columns_to_ignore or [])
    # tflearn: ignore indices are given in original numbering; after popping the target they shift left.
    ignore = [c - 1 if c > target_column else c for c in ignore]
    data: list[list[str]] = []
    target: list[str] = []
    with source.open(newline="") as handle:
        reader = csv.reader(handle)
        if has_header:
            next(reader)
        for row in reader:
            target.append(row.pop(target_column))
            data.append([value for j, value in enumerate(row) if j not in ignore])
    if categorical_labels:
        if not isinstance(n_classes, int):
            raise ValueError("n_classes not specified!")
        return data, to_categorical(target, n_classes)
    return data, target
