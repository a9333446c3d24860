"""A progress bar on stderr for tree runs long enough to want one, and only on a terminal.

Redrawn at most ten times a second on one line (`\\r`), and erased when the run ends, so the summary
that follows starts on a clean line. When stderr is a pipe or a file (CI logs), nothing is drawn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

MIN_FILES = 30
"""Trees with more files than this get a bar; smaller ones finish before a bar would help."""
WIDTH = 30
INTERVAL = 0.1


class Progress:
    """Does nothing: what runs get when no bar is wanted."""

    def start(self, total: int) -> None:
        pass

    def advance(self, _result: object = None) -> None:
        pass

    def close(self) -> None:
        pass


class ProgressBar(Progress):
    def __init__(
        self, stream: TextIO, label: str = "Converting", clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.label = label
        self.clock = clock
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.drawn_at: float | None = None
        self.drawn_width = 0

    def start(self, total: int) -> None:
        self.total, self.done, self.started = total, 0, self.clock()
        self._draw()

    def advance(self, _result: object = None) -> None:
        self.done += 1
        now = self.clock()
        if self.done == self.total or self.drawn_at is None or now - self.drawn_at >= INTERVAL:
            self._draw()

    def render(self) -> str:
        fraction = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * fraction)
        elapsed = int(self.clock() - self.started)
        return (
            f"{self.label} [{'#' * filled}{'-' * (WIDTH - filled)}] {self.done}/{self.total} files "
            f"{fraction:4.0%} {elapsed // 60}:{elapsed % 60:02d}"
        )

    def _draw(self) -> None:
        line = self.render()
        self.stream.write("\r" + line.ljust(self.drawn_width))
        self.stream.flush()
        self.drawn_at, self.drawn_width = self.clock(), len(line)

    def close(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r" + " " * self.drawn_width + "\r")
            self.stream.flush()
            self.drawn_at = None


def for_run(stream: TextIO, total_files: int, enabled: bool = True, label: str = "Converting") -> Progress:
    """A bar on `stream` if it is a terminal and the run has more than MIN_FILES files; else nothing."""
    if not enabled or total_files <= MIN_FILES or not _is_terminal(stream):
        return Progress()
    return ProgressBar(stream, label)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
