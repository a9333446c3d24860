"""tfmigrate.book.data.imdb: synthetic imdb.npz in Keras' format, Keras' post-processing, pad_sequences."""

from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tfmigrate.book.data import imdb
from tfmigrate.book.data._npz import load_npz


@pytest.fixture(scope="module")
def npz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return imdb.ensure_npz(tmp_path_factory.mktemp("imdb-cache"), smoke=True)


def test_sizes() -> None:
    assert imdb.FULL_SIZES == (25000, 25000)
    assert imdb.SMOKE_SIZES == (500, 500)


def test_npz_has_keras_format(npz: Path) -> None:
    arrays = load_npz(npz)
    assert sorted(arrays) == ["x_test", "x_train", "y_test", "y_train"]
    x_train, x_test = arrays["x_train"], arrays["x_test"]
    assert x_train.dtype == object and x_train.shape == (500,) and x_test.shape == (500,)
    assert all(isinstance(seq, list) and all(isinstance(w, int) for w in seq) for seq in x_train[:20])
    assert arrays["y_train"].tolist().count(1) == 250 and set(arrays["y_test"].tolist()) == {0, 1}
    # Word indices are training-frequency ranks starting at 1 (index 1 = most frequent word).
    counts = np.bincount(np.concatenate([np.asarray(s) for s in x_train]))
    assert counts[0] == 0 and counts[1] == counts.max()
    assert np.all(np.diff(counts[1:]) <= 0)
    # Test words unseen in training were dropped, as in the real file.
    seen = set(np.flatnonzero(counts).tolist())
    assert {w for s in x_test for w in s} <= seen
    lengths = [len(s) for s in x_train]
    assert len(set(lengths)) > 100 and 100 < np.median(lengths) < 300


def test_generation_is_deterministic(tmp_path: Path) -> None:
    imdb.write_npz(tmp_path / "a.npz", imdb.generate_reviews(30, 20))
    imdb.write_npz(tmp_path / "b.npz", imdb.generate_reviews(30, 20))
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    imdb.write_npz(tmp_path / "c.npz", imdb.generate_reviews(30, 20, seed=1))
    assert (tmp_path / "c.npz").read_bytes() != (tmp_path / "a.npz").read_bytes()


CASES: list[dict[str, Any]] = [
    {},
    {"num_words": 5000},
    {"num_words": 300, "skip_top": 20, "maxlen": 150},
    {"num_words": 1000, "oov_char": None, "seed": 7},
    {"start_char": None, "index_from": 0, "maxlen": 400},
    {"start_char": None, "index_from": 5, "oov_char": 9, "num_words": 50, "skip_top": 7},
]


@pytest.mark.parametrize(
    "kwargs", CASES, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items()) or "defaults"
)
def test_load_data_equals_keras(npz: Path, monkeypatch: pytest.MonkeyPatch, kwargs: dict[str, Any]) -> None:
    import keras.src.datasets.imdb as keras_imdb

    # Keras would download (and sha256-check) the real file; hand it ours instead.
    monkeypatch.setattr(keras_imdb, "get_file", lambda *args, **kw: str(npz))
    (kx_train, ky_train), (kx_test, ky_test) = keras_imdb.load_data(**kwargs)
    (x_train, y_train), (x_test, y_test) = imdb.load_data(path=npz, **kwargs)
    for ours, theirs in ((x_train, kx_train), (x_test, kx_test)):
        assert ours.dtype == object and ours.shape == theirs.shape
        assert [list(s) for s in ours] == [list(s) for s in theirs]
    for ours_y, theirs_y in ((y_train, ky_train), (y_test, ky_test)):
        assert ours_y.dtype == theirs_y.dtype
        np.testing.assert_array_equal(ours_y, theirs_y)


def test_load_data_defaults_and_smoke_cache(tmp_path: Path) -> None:
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=5000, smoke=True, data_dir=tmp_path)
    assert len(x_train) == len(y_train) == 500 and len(x_test) == len(y_test) == 500
    assert all(seq[0] == 1 for seq in x_train) and max(max(s) for s in x_train) <= 4999
    assert imdb.synthetic_path(tmp_path, smoke=True).is_file()
    with pytest.raises(ValueError, match="maxlen"):
        imdb.load_data(maxlen=2, data_dir=tmp_path, smoke=True)


def test_sentiment_is_learnable(npz: Path) -> None:
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=5000, path=npz)

    def bag(seqs: np.ndarray) -> np.ndarray:
        counts = np.zeros((len(seqs), 5000))
        for i, seq in enumerate(seqs):
            np.add.at(counts[i], seq, 1.0)
        return counts

    train, test = bag(x_train), bag(x_test)
    log_p = [
        np.log(train[y_train == c].sum(0) + 1) - np.log((train[y_train == c].sum(0) + 1).sum())
        for c in (0, 1)
    ]
    predictions = (test @ log_p[1] > test @ log_p[0]).astype(int)
    # Naive Bayes on 500 reviews: clearly above chance (about 0.83 on the full 25k set).
    assert float(np.mean(predictions == y_test)) > 0.62


@pytest.mark.parametrize("padding", ["pre", "post"])
@pytest.mark.parametrize("truncating", ["pre", "post"])
@pytest.mark.parametrize("maxlen", [None, 4, 7])
def test_pad_sequences_equals_keras(padding: str, truncating: str, maxlen: int | None) -> None:
    from keras.utils import pad_sequences as keras_pad

    rng = np.random.RandomState(0)
    seqs = [rng.randint(1, 100, size=n).tolist() for n in (0, 1, 3, 6, 9, 4)]
    ours = imdb.pad_sequences(seqs, maxlen=maxlen, padding=padding, truncating=truncating, value=-1.0)
    theirs = keras_pad(seqs, maxlen=maxlen, padding=padding, truncating=truncating, value=-1.0)
    assert ours.dtype == theirs.dtype == np.int32
    np.testing.assert_array_equal(ours, theirs)


def test_pad_sequences_defaults() -> None:
    out = imdb.pad_sequences([[1, 2, 3, 4], [5]], maxlen=3)
    np.testing.assert_array_equal(out, [[2, 3, 4], [0, 0, 5]])
    assert out.dtype == np.int32
    assert imdb.pad_sequences([[1.5, 2.5]], dtype="float32").tolist() == [[1.5, 2.5]]
    with pytest.raises(ValueError):
        imdb.pad_sequences([[1]], padding="middle")


class _Gadget:
    def __reduce__(self) -> tuple[Any, ...]:
        return (print, ("pwned",))


def test_load_npz_refuses_foreign_pickles(tmp_path: Path) -> None:
    evil = np.empty(1, dtype=object)
    evil[0] = _Gadget()
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, evil, allow_pickle=True)
    with zipfile.ZipFile(tmp_path / "evil.npz", "w") as archive:
        archive.writestr("x_train.npy", buffer.getvalue())
    with pytest.raises(pickle.UnpicklingError):
        load_npz(tmp_path / "evil.npz")
