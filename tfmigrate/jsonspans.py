"""Reading JSON with the position of every string and array, so that a file can be edited in place.

The json module gives values without positions, and writing a value back with it can change bytes
nobody edited: number spellings (`1.0E5`), escapes, indentation and separators are the writer's, not
the file's. Knowing where a value is lets a caller replace just that span of the text.
"""

from __future__ import annotations

import json
import json.decoder
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

# The json module's string reader (C when available): (text, index after the quote, strict) -> (value, end).
scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]

JsonPath = tuple[str | int, ...]
"""Keys and indexes from the top-level value down: `("cells", 3, "source")`."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
# What json.loads accepts besides numbers and strings (NaN and Infinity are Python's extensions).
_CONSTANTS: dict[str, object] = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": math.nan,
    "Infinity": math.inf,
    "-Infinity": -math.inf,
}


@dataclass(frozen=True)
class Located:
    value: object
    spans: dict[JsonPath, tuple[int, int]]
    """Where each string and array is: `text[start:end]` is its JSON spelling, quotes or brackets included."""


def parse(text: str) -> Located:
    """Parse `text` as json.loads would (raising json.JSONDecodeError), recording spans as well."""
    reader = _Reader(text)
    try:
        value, end = reader.value(0, ())
    except RecursionError:
        raise json.JSONDecodeError("Nested too deeply", text, 0) from None
    end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]  # `*` always matches
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)
    return Located(value, reader.spans)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: dict[JsonPath, tuple[int, int]] = {}

    def _skip(self, position: int) -> int:
        return _WHITESPACE.match(self.text, position).end()  # type: ignore[union-attr]  # `*` always matches

    def value(self, position: int, path: JsonPath) -> tuple[object, int]:
        text = self.text
        position = self._skip(position)
        char = text[position : position + 1]
        if char == '"':
            string, end = scanstring(text, position + 1, True)
            self.spans[path] = (position, end)
            return string, end
        if char == "{":
            return self._object(position, path)
        if char == "[":
            return self._array(position, path)
        number = _NUMBER.match(text, position)
        if number is not None:
            integer, fraction, exponent = number.groups()
            if fraction or exponent:
                return float(number.group()), number.end()
            return int(integer), number.end()
        for spelling, constant in _CONSTANTS.items():
            if text.startswith(spelling, position):
                return constant, position + len(spelling)
        raise json.JSONDecodeError("Expecting value", text, position)

    def _object(self, start: int, path: JsonPath) -> tuple[dict[str, object], int]:
        text = self.text
        result: dict[str, object] = {}
        position = self._skip(start + 1)
        if text[position : position + 1] == "}":
            return result, position + 1
        while True:
            if text[position : position + 1] != '"':
                raise json.JSONDecodeError(
                    "Expecting property name enclosed in double quotes", text, position
                )
            key, position = scanstring(text, position + 1, True)
            position = self._skip(position)
            if text[position : position + 1] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, position)
            result[key], position = self.value(position + 1, (*path, key))
            position = self._skip(position)
            char = text[position : position + 1]
            if char == "}":
                return result, position + 1
            if char != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
            position = self._skip(position + 1)

    def _array(self, start: int, path: JsonPath) -> tuple[list[object], int]:
        text = self.text
        result: list[object] = []
        position = self._skip(start + 1)
        if text[position : position + 1] == "]":
            self.spans[path] = (start, position + 1)
            return result, position + 1
        while True:
            item, position = self.value(position, (*path, len(result)))
            result.append(item)
            position = self._skip(position)
            char = text[position : position + 1]
            if char == "]":
                self.spans[path] = (start, position + 1)
                return result, position + 1
            if char != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
            position += 1
