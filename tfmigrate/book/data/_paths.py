"""Where shipped data files live and where generated data sets are cached."""

from __future__ import annotations

import os
from pathlib import Path

FILES_DIR = Path(__file__).resolve().parent / "files"

PathLike = str | os.PathLike[str]


def files_dir(*parts: str) -> Path:
    """Path of a file or directory shipped inside the package (``tfmigrate/book/data/files/...``)."""
    return FILES_DIR.joinpath(*parts)


def cache_root() -> Path:
    """Root of the cache for generated data sets: ``$TFMIGRATE_CACHE`` or ``~/.cache/tfmigrate``."""
    env = os.environ.get("TFMIGRATE_CACHE")
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "tfmigrate"


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file, so concurrent readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(payload)
    os.replace(tmp, path)
