"""tfmigrate.book.data.fer2013: synthetic faces in Kaggle's schema and the book's read_data."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from tfmigrate.book.data import fer2013


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fer-cache")


def test_book_size_arithmetic() -> None:
    # The book prints Train 3761 / Validation 417 / Test 1312.
    assert fer2013.split_sizes(fer2013.BOOK_TRAIN_ROWS) == (3761, 417)
    assert fer2013.BOOK_TEST_ROWS == 1312
    assert fer2013.split_sizes(fer2013.SMOKE_TRAIN_ROWS) == (270, 30)


def test_smoke_read_data_shapes_and_dtypes(cache: Path) -> None:
    train_x, train_y, valid_x, valid_y, test_x = fer2013.read_data(cache, smoke=True)
    assert train_x.shape == (270, 48, 48, 1) and train_y.shape == (270, 7)
    assert valid_x.shape == (30, 48, 48, 1) and valid_y.shape == (30, 7)
    assert test_x.shape == (60, 48, 48, 1)
    for array in (train_x, train_y, valid_x, valid_y, test_x):
        assert array.dtype == np.float32
    assert float(train_x.min()) >= 0.0 and float(train_x.max()) <= 1.0
    np.testing.assert_array_equal(train_y.sum(axis=1), 1.0)
    assert len(np.unique(np.concatenate([train_y, valid_y]).argmax(1))) >= 6
    # Generated under data_dir in a directory named after the parameters; not regenerated on the next call.
    directory = fer2013.synthetic_dir(cache, smoke=True)
    stamp = (directory / "train.csv").stat().st_mtime_ns
    fer2013.read_data(cache, smoke=True)
    assert (directory / "train.csv").stat().st_mtime_ns == stamp


def test_csv_schema(cache: Path) -> None:
    directory = fer2013.ensure_data(cache, smoke=True)
    with (directory / "train.csv").open() as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Emotion", "Pixels"] and len(rows) == 301
    for emotion, pixels in rows[1:]:
        values = [int(v) for v in pixels.split(" ")]
        assert len(values) == 2304 and min(values) >= 0 and max(values) <= 255
        assert emotion in {str(i) for i in range(7)}
    with (directory / "test.csv").open() as handle:
        test_rows = list(csv.reader(handle))
    assert test_rows[0] == ["Pixels"] and len(test_rows) == 61 and len(test_rows[1][0].split()) == 2304


def test_read_data_permutation_is_the_books(cache: Path) -> None:
    directory = fer2013.ensure_data(cache, smoke=True)
    with (directory / "train.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    pixels = np.array([r["Pixels"].split() for r in rows], dtype=np.float64) / 255.0
    emotions = np.array([int(r["Emotion"]) for r in rows])
    # np.random.seed(0); np.random.permutation(n) in the book == RandomState(0).permutation(n).
    np.random.seed(0)
    perm = np.random.permutation(len(rows))
    train_x, train_y, valid_x, valid_y, _ = fer2013.read_data(cache, smoke=True, seed=0)
    np.testing.assert_array_equal(valid_x.reshape(30, -1), pixels[perm[:30]].astype(np.float32))
    np.testing.assert_array_equal(train_y.argmax(1), emotions[perm[30:]])
    other = fer2013.read_data(cache, smoke=True, seed=1)
    assert not np.array_equal(other[0], train_x)
    # Same rows, different order.
    all_labels = np.concatenate([train_y, valid_y]).argmax(1)
    np.testing.assert_array_equal(
        np.sort(np.concatenate([other[1], other[3]]).argmax(1)), np.sort(all_labels)
    )


def test_generation_is_deterministic(tmp_path: Path) -> None:
    fer2013.write_csvs(tmp_path / "a", n_train=40, n_test=10)
    fer2013.write_csvs(tmp_path / "b", n_train=40, n_test=10)
    for name in ("train.csv", "test.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    fer2013.write_csvs(tmp_path / "c", n_train=40, n_test=10, seed=1)
    assert (tmp_path / "c" / "train.csv").read_bytes() != (tmp_path / "a" / "train.csv").read_bytes()


def test_classes_are_learnable_above_chance() -> None:
    images, labels = fer2013.generate_faces(600, seed=11)
    x = images.reshape(600, 24, 2, 24, 2).mean(axis=(2, 4)).reshape(600, -1) / 255.0
    x = np.c_[x - x.mean(axis=1, keepdims=True), np.ones(600)]
    targets = np.eye(7)[labels]
    w = np.linalg.solve(x[:500].T @ x[:500] + 3.0 * np.eye(x.shape[1]), x[:500].T @ targets[:500])
    accuracy = float(np.mean(np.argmax(x[500:] @ w, axis=1) == labels[500:]))
    majority = np.bincount(labels[500:], minlength=7).max() / 100
    # A linear model on raw pixels already beats the majority class clearly; a CNN does much better.
    assert accuracy > majority + 0.15


def test_real_csvs_in_data_dir_are_used(tmp_path: Path) -> None:
    rng = np.random.RandomState(0)
    lines = ["Emotion,Pixels"]
    for i in range(20):
        lines.append(f"{i % 7}," + " ".join(map(str, rng.randint(0, 256, 2304))))
    lines.append("3," + " ".join(["1"] * 100))  # incomplete row: dropped like the book's dropna
    (tmp_path / "train.csv").write_text("\n".join(lines) + "\n")
    (tmp_path / "test.csv").write_text("Pixels\n" + " ".join(["255"] * 2304) + "\n")
    train_x, train_y, valid_x, _, test_x = fer2013.read_data(tmp_path)
    assert (len(train_x), len(valid_x), len(test_x)) == (18, 2, 1)
    assert float(test_x.min()) == 1.0
    assert not any(p.name.startswith("fer2013-synthetic") for p in tmp_path.iterdir())
    assert sorted(np.concatenate([train_y, fer2013.read_data(tmp_path)[3]]).argmax(1).tolist()) == sorted(
        i % 7 for i in range(20)
    )


def test_cache_root_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFMIGRATE_CACHE", str(tmp_path))
    assert fer2013.synthetic_dir(smoke=True).parent == tmp_path


def test_author_image() -> None:
    from PIL import Image

    path = fer2013.author_image_path()
    with Image.open(path) as image:
        assert image.format == "JPEG" and image.size == (192, 172) and image.mode == "RGB"


def test_book_folder_name_is_accepted(tmp_path: Path) -> None:
    folder = tmp_path / "EmotionDetector"
    folder.mkdir()
    (folder / "train.csv").write_text(
        "Emotion,Pixels\n" + "".join(f"{i},{' '.join(['7'] * 2304)}\n" for i in range(7))
    )
    (folder / "test.csv").write_text("Pixels\n" + " ".join(["0"] * 2304) + "\n")
    assert fer2013.ensure_data(tmp_path) == folder
    train_x, _, valid_x, _, test_x = fer2013.read_data(tmp_path)
    assert (len(train_x), len(valid_x), len(test_x)) == (7, 0, 1)
