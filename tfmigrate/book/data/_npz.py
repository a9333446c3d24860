"""Loading ``.npz`` archives whose members may be object arrays (ragged sequences), without general pickle.

Object arrays can only be stored as pickle streams; unpickling them needs exactly ``numpy.ndarray``,
``numpy.dtype`` and ``multiarray._reconstruct``. Everything else is refused, so a tampered cache file cannot
run code while being loaded.
"""

from __future__ import annotations

import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

_ALLOWED = frozenset(
    {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
    }
)


class _ArrayOnlyUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a data file")


def _read_member(buffer: io.BytesIO) -> np.ndarray[Any, Any]:
    version = np.lib.format.read_magic(buffer)
    if version == (1, 0):
        _, _, dtype = np.lib.format.read_array_header_1_0(buffer)
    elif version in ((2, 0), (3, 0)):
        # 3.0 differs from 2.0 only in the header string's encoding; the layout skipped here is the same.
        _, _, dtype = np.lib.format.read_array_header_2_0(buffer)
    else:
        raise ValueError(f"unsupported .npy version {version}")
    if not dtype.hasobject:
        buffer.seek(0)
        plain: np.ndarray[Any, Any] = np.lib.format.read_array(buffer, allow_pickle=False)
        return plain
    loaded = _ArrayOnlyUnpickler(buffer).load()
    if not isinstance(loaded, np.ndarray):
        raise ValueError("object member did not unpickle to an array")
    return loaded


def load_npz(path: Path) -> dict[str, np.ndarray[Any, Any]]:
    """All ``.npy`` members of an ``.npz`` archive, keyed by name without the suffix."""
    arrays: dict[str, np.ndarray[Any, Any]] = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                with archive.open(member) as raw:
                    arrays[member[: -len(".npy")]] = _read_member(io.BytesIO(raw.read()))
    return arrays
