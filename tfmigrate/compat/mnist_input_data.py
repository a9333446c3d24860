"""`tensorflow.examples.tutorials.mnist.input_data`, which TensorFlow 2.x removed, for converted code.

tfmigrate --target 2 rewrites `from tensorflow.examples.tutorials.mnist import input_data` to import this
module, so `input_data.read_data_sets(...)` keeps working with the same arguments and the same data sets:
flat float32 images in [0, 1] (or [N, 28, 28, 1] with reshape=False), one-hot labels on request, the first
`validation_size` training images as the validation set, and DataSet.next_batch's epoch and shuffling
behaviour. It reads the four standard idx files from `train_dir`; when they are missing it downloads them
from `source_url` as the original did. `train_dir=None` reads the 10,000 real digits tfmigrate ships.
"""

from __future__ import annotations

import gzip
import os
import shutil
import urllib.request
from pathlib import Path
from typing import Any

from tfmigrate.book.data import mnist

DEFAULT_SOURCE_URL = "https://storage.googleapis.com/cvdf-datasets/mnist/"
FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)

MIRROR_VARIABLE = "TFMIGRATE_MNIST_DIR"

DataSet = mnist.DataSet
Datasets = mnist.Datasets


def _maybe_download(directory: Path, source_url: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        target = directory / name
        if target.exists() or (directory / name[: -len(".gz")]).exists():
            continue
        with urllib.request.urlopen(source_url + name) as response, target.open("wb") as stream:
            shutil.copyfileobj(response, stream)
        with gzip.open(target) as check:  # fail early on a truncated download
            check.read(16)


def read_data_sets(
    train_dir: str | Path | None,
    fake_data: bool = False,
    one_hot: bool = False,
    dtype: Any = None,
    reshape: bool = True,
    validation_size: int = 5000,
    seed: int | None = None,
    source_url: str = DEFAULT_SOURCE_URL,
) -> mnist.Datasets:
    """TF 1.x's `input_data.read_data_sets`, reading (or fetching) the idx files in `train_dir`.

    The environment variable TFMIGRATE_MNIST_DIR, when set, replaces `train_dir` (an offline mirror:
    the test suite points it at the digits tfmigrate ships).
    """
    if fake_data:
        raise NotImplementedError("fake_data=True is not supported; pass real data")
    if dtype is not None and getattr(dtype, "name", str(dtype)) != "float32":
        raise TypeError(f"only float32 images are supported, got {dtype!r}")
    mirror = os.environ.get(MIRROR_VARIABLE)
    directory = Path(mirror) if mirror else None if train_dir is None else Path(train_dir)
    if directory is not None and not mirror:
        _maybe_download(directory, source_url)
    datasets = mnist.read_data_sets(
        directory,
        layout="tutorial",
        one_hot=one_hot,
        seed=0 if seed is None else seed,
        validation_size=validation_size,
    )
    if reshape:
        return datasets

    def unflatten(dataset: mnist.DataSet | None) -> mnist.DataSet | None:
        if dataset is None:
            return None
        return mnist.DataSet(
            dataset.images.reshape(-1, 28, 28, 1), dataset.labels, seed=0 if seed is None else seed
        )

    train, validation, test = (unflatten(d) for d in datasets)
    assert train is not None and test is not None
    return mnist.Datasets(train=train, validation=validation, test=test)
