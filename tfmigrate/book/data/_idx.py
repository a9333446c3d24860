"""Reading and writing the IDX format of the MNIST files (optionally gzip-compressed).

Format (big-endian): two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions, one uint32
per dimension, then the raw data in C order. Images files are 3-D (magic 2051), label files 1-D (magic 2049).
"""

from __future__ import annotations

import gzip
import io
import struct
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_UBYTE = 0x08


def encode_idx(array: NDArray[np.uint8]) -> bytes:
    """Serialise a uint8 array as IDX bytes (uncompressed)."""
    if array.dtype != np.uint8:
        raise TypeError(f"IDX writer supports uint8 only, got {array.dtype}")
    if not 1 <= array.ndim <= 255:
        raise ValueError("IDX needs 1 to 255 dimensions")
    header = struct.pack(">BBBB", 0, 0, _UBYTE, array.ndim)
    header += struct.pack(f">{array.ndim}I", *array.shape)
    return header + np.ascontiguousarray(array).tobytes()


def decode_idx(payload: bytes) -> NDArray[np.uint8]:
    """Parse IDX bytes (uncompressed) into a uint8 array."""
    if len(payload) < 4:
        raise ValueError("not an IDX file: too short")
    zero1, zero2, type_code, ndim = struct.unpack(">BBBB", payload[:4])
    if zero1 != 0 or zero2 != 0 or type_code != _UBYTE or ndim == 0:
        raise ValueError(f"not an unsigned-byte IDX file (header {payload[:4].hex()})")
    shape = struct.unpack(f">{ndim}I", payload[4 : 4 + 4 * ndim])
    offset = 4 + 4 * ndim
    count = int(np.prod(shape, dtype=np.int64))
    if len(payload) - offset != count:
        raise ValueError(f"IDX payload holds {len(payload) - offset} bytes, header says {count}")
    return np.frombuffer(payload, dtype=np.uint8, offset=offset).reshape(shape).copy()


def gzip_bytes(payload: bytes) -> bytes:
    """Gzip with a fixed header (mtime 0, no file name) so the same input always gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    return buffer.getvalue()


def read_idx(path: Path) -> NDArray[np.uint8]:
    """Read an IDX file; gzip-compressed when the name ends in ``.gz``."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return decode_idx(raw)
