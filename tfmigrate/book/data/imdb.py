"""IMDB-like sentiment sequences for ch08_keras_imdb_lstm / ch08_keras_imdb_conv_lstm.

The real ``imdb.npz`` (25,000/25,000 reviews as word-index lists) is only available by download, and Keras 3
re-downloads any cached copy whose sha256 differs, so a substitute cannot be slipped into Keras' cache. This
module therefore **generates** a synthetic ``imdb.npz`` in exactly Keras' format (object arrays ``x_train``,
``x_test`` of int lists with word indices 1, 2, 3, ... by training-set frequency rank; ``y_train``,
``y_test`` of 0/1) and post-processes it exactly like ``keras.datasets.imdb.load_data`` (Keras 3.15):
seeded shuffle of train then test with one ``RandomState(seed)``, ``start_char``, ``index_from`` shift,
``maxlen`` filter (keeps sequences *shorter* than maxlen, after start_char), ``num_words``/``skip_top`` cut to
``oov_char`` (or dropping the words when ``oov_char`` is None).

Synthetic reviews: a Zipf-Mandelbrot background over a 10,000-word vocabulary plus class-marker words
("positive" and "negative" sets of 120 mid-frequency words each) mixed in at a per-review strength, plus a
few markers of the other class; log-normal lengths (median about 170 tokens). Test words never seen in
training are dropped, as in the real file. An LSTM or even a bag of words learns them well above chance.

Full mode: 25,000 train + 25,000 test reviews (balanced); smoke mode: 500 + 500. Generated once into
``<data_dir or $TFMIGRATE_CACHE or ~/.cache/tfmigrate>/imdb-synthetic-v1-<n_train>x<n_test>/imdb.npz``; an
``imdb.npz`` placed directly in ``data_dir`` (e.g. the real one) is used instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from tfmigrate.book.data._npz import load_npz
from tfmigrate.book.data._paths import PathLike, cache_root

GENERATOR_VERSION = 1
GENERATOR_SEED = 2011  # the year of the Stanford IMDB paper the book cites
FULL_SIZES = (25000, 25000)
SMOKE_SIZES = (500, 500)
VOCAB_SIZE = 10000
MARKERS_PER_CLASS = 120
MARKER_RANKS = (30, 2500)
MEDIAN_LENGTH = 170.0

ObjectArray = np.ndarray[Any, np.dtype[np.object_]]
Split = tuple[ObjectArray, NDArray[np.int64]]


def _object_array(items: Sequence[list[int]]) -> ObjectArray:
    # Always 1-D, even if every review had the same length (np.array(..., dtype=object) would make it 2-D).
    array: ObjectArray = np.empty(len(items), dtype=object)
    for i, item in enumerate(items):
        array[i] = item
    return array


def generate_reviews(
    n_train: int, n_test: int, seed: int = GENERATOR_SEED
) -> dict[str, np.ndarray[Any, Any]]:
    """The four arrays of a synthetic ``imdb.npz`` (see the module docstring)."""
    rng = np.random.RandomState(seed)
    ranks = np.arange(VOCAB_SIZE, dtype=np.float64)
    background = 1.0 / (ranks + 2.7) ** 1.07
    cdf = np.cumsum(background / background.sum())
    markers = rng.choice(np.arange(*MARKER_RANKS), size=2 * MARKERS_PER_CLASS, replace=False)
    marker_sets = (markers[:MARKERS_PER_CLASS], markers[MARKERS_PER_CLASS:])  # (negative, positive)

    def split(n: int) -> tuple[list[list[int]], NDArray[np.int64]]:
        labels = np.zeros(n, dtype=np.int64)
        labels[: n // 2] = 1
        rng.shuffle(labels)
        lengths = np.clip(np.rint(rng.lognormal(np.log(MEDIAN_LENGTH), 0.55, n)), 10, 1500).astype(np.int64)
        strength = rng.uniform(0.0, 1.0, n)
        owner = np.repeat(np.arange(n), lengths)
        total = int(lengths.sum())
        words = np.minimum(np.searchsorted(cdf, rng.uniform(0.0, 1.0, total)), VOCAB_SIZE - 1)
        draw = rng.uniform(0.0, 1.0, total)
        p_own = (0.012 + 0.05 * strength)[owner]
        p_other = 0.012
        own = draw < p_own
        other = (draw >= p_own) & (draw < p_own + p_other)
        pick = rng.randint(0, MARKERS_PER_CLASS, total)
        label_of_token = labels[owner]
        own_words = np.where(label_of_token == 1, marker_sets[1][pick], marker_sets[0][pick])
        other_words = np.where(label_of_token == 1, marker_sets[0][pick], marker_sets[1][pick])
        words = np.where(own, own_words, np.where(other, other_words, words))
        bounds = np.cumsum(lengths)[:-1]
        return [chunk.tolist() for chunk in np.split(words, bounds)], labels

    train, y_train = split(n_train)
    test, y_test = split(n_test)
    # Index words 1, 2, ... by training-set frequency (ties: smaller generator id first), like the real file.
    counts = np.bincount(np.concatenate([np.asarray(r, dtype=np.int64) for r in train]), minlength=VOCAB_SIZE)
    order = np.lexsort((np.arange(VOCAB_SIZE), -counts))
    rank = np.zeros(VOCAB_SIZE, dtype=np.int64)
    rank[order] = np.arange(1, VOCAB_SIZE + 1)
    rank[counts == 0] = 0  # unseen in training: dropped from the test reviews
    train_ids = [rank[np.asarray(r, dtype=np.int64)].tolist() for r in train]
    test_ids = [[w for w in rank[np.asarray(r, dtype=np.int64)].tolist() if w] for r in test]
    return {
        "x_train": _object_array(train_ids),
        "y_train": y_train,
        "x_test": _object_array(test_ids),
        "y_test": y_test,
    }


def write_npz(path: Path, arrays: dict[str, np.ndarray[Any, Any]]) -> None:
    """Save in Keras' layout (compressed; object members pickled). Same arrays -> same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")  # per process: concurrent first uses
    np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
    tmp.replace(path)


def synthetic_path(root: PathLike | None = None, *, smoke: bool = False) -> Path:
    n_train, n_test = SMOKE_SIZES if smoke else FULL_SIZES
    base = Path(root) if root is not None else cache_root()
    return base / f"imdb-synthetic-v{GENERATOR_VERSION}-s{GENERATOR_SEED}-{n_train}x{n_test}" / "imdb.npz"


def ensure_npz(data_dir: PathLike | None = None, *, smoke: bool = False) -> Path:
    """Path of the ``imdb.npz`` to load: ``data_dir/imdb.npz`` if present, else the synthetic one (generated
    on first use under ``data_dir`` or the cache)."""
    if data_dir is not None and (Path(data_dir) / "imdb.npz").is_file():
        return Path(data_dir) / "imdb.npz"
    path = synthetic_path(data_dir, smoke=smoke)
    if not path.is_file():
        write_npz(path, generate_reviews(*(SMOKE_SIZES if smoke else FULL_SIZES)))
    return path


def _remove_long(
    maxlen: int, seqs: list[list[int]], labels: NDArray[np.int64]
) -> tuple[list[list[int]], list[Any]]:
    kept = [(s, y) for s, y in zip(seqs, labels, strict=True) if len(s) < maxlen]
    return [s for s, _ in kept], [y for _, y in kept]


def load_data(
    num_words: int | None = None,
    skip_top: int = 0,
    maxlen: int | None = None,
    seed: int = 113,
    start_char: int | None = 1,
    oov_char: int | None = 2,
    index_from: int = 3,
    *,
    smoke: bool = False,
    data_dir: PathLike | None = None,
    path: PathLike | None = None,
) -> tuple[Split, Split]:
    """``((x_train, y_train), (x_test, y_test))`` with ``keras.datasets.imdb.load_data``'s post-processing.

    ``path`` names an ``imdb.npz`` directly; otherwise ``data_dir``/the synthetic set is used (``smoke``
    picks the small one). x arrays are 1-D object arrays of int lists; y arrays are int64 0/1.
    """
    source = Path(path) if path is not None else ensure_npz(data_dir, smoke=smoke)
    arrays = load_npz(source)
    x_train_raw, labels_train = arrays["x_train"], arrays["y_train"]
    x_test_raw, labels_test = arrays["x_test"], arrays["y_test"]

    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train_raw))
    rng.shuffle(indices)
    x_train_raw, labels_train = x_train_raw[indices], labels_train[indices]
    indices = np.arange(len(x_test_raw))
    rng.shuffle(indices)
    x_test_raw, labels_test = x_test_raw[indices], labels_test[indices]

    def shift(seqs: ObjectArray) -> list[list[int]]:
        if start_char is not None:
            return [[start_char] + [w + index_from for w in x] for x in seqs]
        if index_from:
            return [[w + index_from for w in x] for x in seqs]
        return [list(x) for x in seqs]

    x_train, x_test = shift(x_train_raw), shift(x_test_raw)
    y_train_list: Sequence[Any] | NDArray[np.int64] = labels_train
    y_test_list: Sequence[Any] | NDArray[np.int64] = labels_test
    if maxlen:
        x_train, y_train_list = _remove_long(maxlen, x_train, labels_train)
        x_test, y_test_list = _remove_long(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError(
                f"After filtering for sequences shorter than maxlen={maxlen}, no sequence was kept."
            )

    xs = x_train + x_test
    labels = np.concatenate([np.asarray(y_train_list), np.asarray(y_test_list)])
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]

    n = len(x_train)
    return (_object_array(xs[:n]), labels[:n]), (_object_array(xs[n:]), labels[n:])


def pad_sequences(
    sequences: Sequence[Sequence[int]] | ObjectArray,
    maxlen: int | None = None,
    dtype: DTypeLike = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: float = 0.0,
) -> NDArray[Any]:
    """Keras ``pad_sequences`` for 1-D sequences: [N, maxlen], pre-padding and pre-truncation by default."""
    if padding not in ("pre", "post"):
        raise ValueError(f'Padding type "{padding}" not understood')
    if truncating not in ("pre", "post"):
        raise ValueError(f'Truncating type "{truncating}" not understood')
    lengths = [len(s) for s in sequences]
    if maxlen is None:
        maxlen = max(lengths, default=0)
    out = np.full((len(lengths), maxlen), value, dtype=dtype)
    if maxlen == 0:
        return out
    for i, seq in enumerate(sequences):
        if not len(seq):
            continue
        kept = np.asarray(seq[-maxlen:] if truncating == "pre" else seq[:maxlen], dtype=dtype)
        if padding == "post":
            out[i, : len(kept)] = kept
        else:
            out[i, -len(kept) :] = kept
    return out
