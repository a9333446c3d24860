"""Turn one Python 2 source text into Python 3: detection, tabs, integer division, fissix fixers, findings.

The caller tries Python 3 first; only a file that does not parse as Python 3 comes here. The pass is:

1. compiles as Python 3 → not our business (None);
2. mixed tabs/spaces that Python 3 would reject → expand them as Python 2 read them (tabs.py);
3. parse with fissix's Python 2 grammar (print statement unless `print_function` is imported) and reject
   Python 3 only syntax (syntax.py) → neither Python (None);
4. integer division on the original tree (division.py), then the fixers (fixers.py);
5. the result must compile as Python 3, else the file is reported (TFM3000) and left unchanged.

Every byte outside the fixed spans is kept: fissix keeps whitespace and comments in its tree, and lines
that a fixer adds to a CRLF file get CRLF too.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
from dataclasses import dataclass

from fissix import pygram, pytree
from fissix.pgen2 import driver, parse, tokenize
from fissix.refactor import _detect_future_features

from tfmigrate.findings import Finding, Severity
from tfmigrate.python2 import tabs
from tfmigrate.python2.division import DivisionSite, convert_divisions
from tfmigrate.python2.fixers import FixEvent, run_fixers
from tfmigrate.python2.rules import (
    DIVISION_CHANGED,
    DIVISION_WARNED,
    NOT_CONVERTED,
    RULE_BY_ID,
    TABS,
)
from tfmigrate.python2.syntax import python3_only

_LONE_CR = re.compile(r"\r(?!\n)")
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class Python2Upgrade:
    """The outcome for a file that is Python 2.

    `converted` False means the file is Python 2 (or mixes tabs in a way only Python 2 accepted) but
    could not be converted faithfully: `text` is then the input, unchanged, and `findings` holds the
    error (TFM3000 or TFM3199) to report.
    """

    text: str
    findings: tuple[Finding, ...]
    converted: bool = True
    fixers: tuple[str, ...] = ()
    """The fissix fixers (and "integer-division", "tabs") that changed something, sorted."""
    line_map: tuple[int, ...] = ()
    """`line_map[n - 1]` is the input line that output line n comes from (for findings on `text`)."""

    def input_line(self, output_line: int) -> int:
        """The input line for a 1-based line of `text` (a later pass reports lines of `text`)."""
        if not self.line_map:
            return output_line
        return self.line_map[max(0, min(output_line, len(self.line_map)) - 1)]


@dataclass(frozen=True)
class _Positioned:
    rule_id: str
    severity: Severity
    message: str
    line: int
    column: int
    """0-based, in the text that was parsed."""


def _compile_error(text: str) -> tuple[int, str] | None:
    """(line, message) of Python 3's syntax error for `text`, or None if it compiles."""
    try:
        compile(text, "<tfmigrate>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return error.lineno or 1, error.msg
    except ValueError as error:  # null bytes
        return 1, str(error)
    return None


def _lines(text: str) -> list[str]:
    """Lines with their endings, split where fissix's tokenizer splits (at \\n; \\r\\n stays whole)."""
    return _LINE.findall(text)


def _parse(text: str, features: frozenset[str]) -> pytree.Node | None:
    grammar = (
        pygram.python_grammar_no_print_statement if "print_function" in features else pygram.python_grammar
    )
    try:
        # fissix's RefactoringTool appends a newline too: a last line without one is then no error.
        return driver.Driver(grammar, convert=pytree.convert).parse_string(text + "\n")
    except (parse.ParseError, tokenize.TokenError, IndentationError, SyntaxError):
        return None


def _crlf_everywhere(text: str) -> bool:
    return "\r\n" in text and text.count("\n") == text.count("\r\n")


def _map_lines(old: list[str], new: list[str]) -> tuple[list[int], list[int]]:
    """(old → new, new → old) 1-based line maps; a changed line maps to its counterpart in the block."""
    old_to_new = [0] * len(old)
    new_to_old = [0] * len(new)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset in range(i2 - i1):
            old_to_new[i1 + offset] = j1 + min(offset, max(j2 - j1 - 1, 0)) + 1
        for offset in range(j2 - j1):
            new_to_old[j1 + offset] = i1 + min(offset, max(i2 - i1 - 1, 0)) + 1
    # A deleted block maps to the line that now stands where it was (or the last line).
    old_to_new = [min(max(line, 1), max(len(new), 1)) for line in old_to_new]
    new_to_old = [min(max(line, 1), max(len(old), 1)) for line in new_to_old]
    return old_to_new, new_to_old


def _refused(source: str, rule_id: str, line: int, message: str) -> Python2Upgrade:
    lines = [line_text.rstrip("\r\n") for line_text in _lines(source)]
    line = max(1, min(line, len(lines) or 1))
    old_line = lines[line - 1] if lines else ""
    finding = Finding(rule_id, Severity.ERROR, message, line, 1, old_line, old_line)
    return Python2Upgrade(source, (finding,), converted=False)


def _division_finding(site: DivisionSite) -> _Positioned:
    leaf = site.leaf
    if site.changed:
        rule = RULE_BY_ID[DIVISION_CHANGED]
        return _Positioned(rule.rule_id, rule.severity, rule.summary, leaf.lineno, leaf.column)
    rule = RULE_BY_ID[DIVISION_WARNED]
    message = rule.summary
    if site.in_int_call:
        message += " Inside int(...) the results differ only for a negative quotient."
    return _Positioned(rule.rule_id, rule.severity, message, leaf.lineno, leaf.column)


def _event_finding(event: FixEvent) -> _Positioned:
    return _Positioned(event.rule_id, event.severity, event.message, event.line, event.column)


def upgrade_python2(source: str, path: str | os.PathLike[str] | None = None) -> Python2Upgrade | None:
    """The Python 3 text of a Python 2 `source`, with one finding per fix; None if it is not Python 2.

    None when `source` parses as Python 3 already, or does not parse as Python 2 either (then the caller
    reports its usual parse error). `path`, the file's location, lets implicit relative imports be
    recognised (a sibling module in the same package); without it they are left alone. Findings carry
    1-based lines and columns of the input and the old/new text of their line.
    """
    if _compile_error(source) is None or _LONE_CR.search(source):
        # Python 3 already; or old Mac line ends, which fissix's tokenizer does not read as Python does.
        return None
    features = _detect_future_features(source)
    text = source
    shifts: dict[int, tuple[int, int]] = {}
    tab_lines: tuple[int, ...] = ()
    tab_error: int | None = None
    if "\t" in source:
        try:
            starts = tabs.logical_line_starts(source)
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return None
        lines = _lines(source)
        tab_error = tabs.tab_error_line([line.rstrip("\r\n") for line in lines], starts)
        if tab_error is not None:
            normalised = tabs.normalise(source, lines, starts)
            if normalised is None:
                message = (
                    "Tabs and spaces are mixed in the indentation (a TabError in Python 3) and expanding "
                    "the tabs would not give the blocks Python 2 read; the file was copied unchanged"
                )
                return _refused(source, TABS, tab_error, message)
            text, shifts, tab_lines = normalised.text, normalised.shifts, normalised.lines

    try:
        tree = _parse(text, features)
        construct = python3_only(tree) if tree is not None else None
    except RecursionError:
        return None  # nested deeper than any Python accepts (fissix's tree walks recurse per level)
    if tree is None:
        return None
    tree.future_features = features  # fixers read it (fix_unicode, fix_import), as RefactoringTool sets it
    if construct is not None:
        if tab_error is None:
            return None
        message = (
            f"Tabs and spaces are mixed in the indentation (a TabError in Python 3), and the file uses "
            f"Python 3 syntax ({construct[1]}, line {construct[0]}), so Python 2's reading of the tabs "
            f"cannot be assumed; the file was copied unchanged"
        )
        return _refused(source, TABS, tab_error, message)

    try:
        sites = [] if "division" in features else convert_divisions(tree)
        events = run_fixers(tree, features, os.fspath(path) if path is not None else None)
        output = str(tree)[:-1]
    except RecursionError:
        # fissix's tree walks recurse once per nesting level; a pathologically nested expression ends here.
        message = (
            "This Python 2 file is nested too deeply for the Python 2 converter; it was copied unchanged"
        )
        return _refused(source, NOT_CONVERTED, 1, message)
    if _crlf_everywhere(source):
        output = re.sub(r"(?<!\r)\n", "\r\n", output)

    output_error = _compile_error(output)
    if output_error is not None:
        input_error = _compile_error(text)
        text_lines = [line.rstrip("\r\n") for line in _lines(text)]
        output_lines = [line.rstrip("\r\n") for line in _lines(output)]
        _, new_to_old = _map_lines(text_lines, output_lines)
        line = new_to_old[output_error[0] - 1] if 0 < output_error[0] <= len(new_to_old) else 1
        if input_error is not None and input_error[0] == line:
            # The first thing Python 3 rejected is still there: it was no Python 2 construct, so the file
            # is broken rather than Python 2, and the caller's parse error describes it best.
            return None
        message = (
            f"This Python 2 file still does not compile as Python 3 after conversion ({output_error[1]}, "
            f"line {line}); it was copied unchanged"
        )
        return _refused(source, NOT_CONVERTED, line, message)

    return _result(source, output, sites, events, shifts, tab_lines)


def _result(
    source: str,
    output: str,
    sites: list[DivisionSite],
    events: list[FixEvent],
    shifts: dict[int, tuple[int, int]],
    tab_lines: tuple[int, ...],
) -> Python2Upgrade:
    old_lines = [line.rstrip("\r\n") for line in _lines(source)]
    new_lines = [line.rstrip("\r\n") for line in _lines(output)]
    old_to_new, new_to_old = _map_lines(old_lines, new_lines)
    positioned = [_division_finding(site) for site in sites] + [_event_finding(event) for event in events]
    if tab_lines:
        rule = RULE_BY_ID[TABS]
        message = f"{rule.summary} ({len(tab_lines)} line{'s' if len(tab_lines) > 1 else ''})"
        positioned.append(_Positioned(rule.rule_id, rule.severity, message, tab_lines[0], 0))
    findings = []
    for item in positioned:
        line = max(1, min(item.line, len(old_lines) or 1))
        old_line = old_lines[line - 1] if old_lines else ""
        if item.column < 0:  # the first non-blank character of the line
            column = len(old_line) - len(old_line.lstrip()) + 1
        else:
            column = tabs.input_column(shifts, line, item.column) + 1
        new_number = old_to_new[line - 1] if old_to_new else 0
        new_line = new_lines[new_number - 1] if 0 < new_number <= len(new_lines) else ""
        findings.append(Finding(item.rule_id, item.severity, item.message, line, column, old_line, new_line))
    findings.sort(key=lambda finding: (finding.line, finding.column, finding.rule_id))
    fixers = {event.fixer for event in events}
    if any(site.changed for site in sites):
        fixers.add("integer-division")
    if tab_lines:
        fixers.add("tabs")
    return Python2Upgrade(output, tuple(findings), True, tuple(sorted(fixers)), tuple(new_to_old))
