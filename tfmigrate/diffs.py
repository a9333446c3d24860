"""Unified diffs of a file before and after conversion, as `--diff` prints them.

Both sides are labelled with the file's path, so `patch -p0` (or `git apply -p0`) run from the same
directory applies the output. Lines keep their own line breaks (a CRLF file's diff has CRLF lines, as
patch expects), and a last line without a break is marked as diff and patch expect.
"""

from __future__ import annotations

import difflib
import re

CONTEXT = 3
NO_NEWLINE = "\\ No newline at end of file\n"
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def unified_diff(path: str, old: str, new: str, context: int = CONTEXT) -> str:
    lines = difflib.unified_diff(_LINE.findall(old), _LINE.findall(new), path, path, n=context)
    return "".join(line if line.endswith("\n") else line + "\n" + NO_NEWLINE for line in lines)
