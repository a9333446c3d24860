"""tfmigrate.book.data imports only numpy and the standard library."""

from __future__ import annotations

import subprocess
import sys


def test_import_is_light() -> None:
    code = (
        "import sys\n"
        "import tfmigrate.book.data\n"
        "from tfmigrate.book.data import build_mnist_subset, fer2013, frozenlake, imdb\n"
        "from tfmigrate.book.data import fetch_mnist, iris, mnist, ptb, titanic\n"
        "heavy = {'tensorflow', 'keras', 'tf_keras', 'gymnasium', 'sklearn', 'PIL', 'pandas', 'scipy'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
