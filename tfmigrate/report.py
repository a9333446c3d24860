"""Rendering a run's records: the text report (tf_upgrade.py's layout plus a summary), JSON, the console.

tf_upgrade.py's report has a header per file and one entry per changed line, with the comments that
explain it and `Old:`/`New:` lines with `~` under the changed spans. That layout is kept, entries are in
line order (tf_upgrade.py used its tree-walk order), and a summary with counts by rule and severity comes
first. Findings that changed nothing (warnings, errors) get entries of their own. In a notebook an entry
names the cell and the line within it (`'nb.ipynb' Cell 3 Line 2`, `nb.ipynb:cell_3:2:5` in one-line
form, as nbQA writes it); cells are counted from 1, markdown cells included.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tfmigrate.engine.convert import LineChange
from tfmigrate.files import FileResult, FileStatus
from tfmigrate.findings import Finding, Severity
from tfmigrate.notebooks import CellLineChange

RULE_WIDTH = 80
JSON_FORMAT_VERSION = 1


@dataclass(frozen=True)
class RunSummary:
    title: str
    input_root: Path | None
    output_root: Path | None
    results: tuple[FileResult, ...]
    dry_run: bool = False
    """--check or --diff: nothing was written, and the counts say what would change."""

    @property
    def python_results(self) -> list[FileResult]:
        """The files tfmigrate read as code (Python files and notebooks), in input order."""
        return [r for r in self.results if r.status not in (FileStatus.COPIED, FileStatus.SKIPPED)]

    @property
    def notebooks(self) -> int:
        return sum(1 for r in self.python_results if r.is_notebook)

    def count(self, status: FileStatus) -> int:
        return sum(1 for r in self.results if r.status is status)

    def severities(self) -> Counter[Severity]:
        return Counter(f.severity for r in self.results for f in r.findings)

    def by_rule(self) -> Counter[tuple[str, Severity]]:
        return Counter((f.rule_id, f.severity) for r in self.results for f in r.findings)

    @property
    def needs_attention(self) -> bool:
        return any(r.needs_attention for r in self.results)


_TOKEN = re.compile(r"\w+|\s+|.")


def _token_marks(tokens: Sequence[str], spans: Sequence[tuple[int, int]]) -> str:
    marks = []
    for index, token in enumerate(tokens):
        marked = any(start <= index < end for start, end in spans)
        marks.append(("~" if marked else " ") * len(token))
    return "".join(marks).rstrip()


def _markers(old: str, new: str) -> tuple[str, str]:
    """`~` under the words that differ between two versions of a line (whole names, as tf_upgrade.py)."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    old_spans, new_spans = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old_spans.append((i1, i2))
            new_spans.append((j1, j2))
    return _token_marks(old_tokens, old_spans), _token_marks(new_tokens, new_spans)


def _cell(item: Finding | LineChange) -> int | None:
    if isinstance(item, Finding):
        return item.cell
    return item.cell if isinstance(item, CellLineChange) else None


def _place(cell: int | None, line: int) -> str:
    return f"Line {line}" if cell is None else f"Cell {cell} Line {line}"


def _entry(
    path: str, cell: int | None, line: int, comments: Sequence[str], change: LineChange | None
) -> list[str]:
    out = [f"'{path}' {_place(cell, line)}", "-" * RULE_WIDTH, ""]
    out += comments
    out.append("")
    if change is not None:
        pairs = max(len(change.old_lines), len(change.new_lines))
        for index in range(pairs):
            old = change.old_lines[index] if index < len(change.old_lines) else ""
            new = change.new_lines[index] if index < len(change.new_lines) else ""
            old_marks, new_marks = _markers(old, new)
            out += [
                f"    Old: {old}",
                f"         {old_marks}",
                f"    New: {new}",
                f"         {new_marks}",
                "",
            ]
    return out


def _comment(finding: Finding) -> str:
    prefix = "" if finding.severity is Severity.INFO else f"{finding.severity.value.upper()}: "
    return f"{finding.rule_id}: {prefix}{finding.message}"


def _file_section(result: FileResult) -> list[str]:
    output = result.output_path if result.output_path is not None else "(not written)"
    out = ["-" * RULE_WIDTH, f"Processing file '{result.input_path}'", f" outputting to '{output}'"]
    out += ["-" * RULE_WIDTH, ""]
    path = str(result.input_path)
    attached: set[int] = set()
    entries: list[tuple[tuple[int, int], list[str]]] = []
    for change in result.changes:
        cell = _cell(change)
        end = change.old_start + max(len(change.old_lines), 1)
        comments = []
        for index, finding in enumerate(result.findings):
            if index not in attached and finding.cell == cell and change.old_start <= finding.line < end:
                attached.add(index)
                comments.append(_comment(finding))
        body = _entry(path, cell, change.old_start, comments, change)
        entries.append(((cell or 0, change.old_start), body))
    for index, finding in enumerate(result.findings):
        if index in attached:
            continue
        body = _entry(path, finding.cell, finding.line, [_comment(finding)], None)
        if finding.old_line:
            body += [f"    Line {finding.line}: {finding.old_line}", ""]
        entries.append(((finding.cell or 0, finding.line), body))
    for _, body in sorted(entries, key=lambda item: item[0]):
        out += body
    if result.status is FileStatus.UNCHANGED and not result.findings:
        out += ["No changes.", ""]
    return out


def location(finding: Finding, result: FileResult) -> str:
    """`path:line:column`, or `path:cell_N:line:column` in a notebook."""
    cell = "" if finding.cell is None else f"cell_{finding.cell}:"
    return f"{result.input_path}:{cell}{finding.line}:{finding.column}"


def attention_lines(
    summary: RunSummary, severities: Sequence[Severity] = (Severity.WARNING, Severity.ERROR)
) -> list[str]:
    """One line per warning or error (or the given severities), in file and line order."""
    lines = []
    for result in summary.results:
        for finding in result.findings:
            if finding.severity in severities:
                where = f"{location(finding, result)}: {finding.rule_id} {finding.severity.value}"
                lines.append(f"{where}: {finding.message}")
    return lines


def files_phrase(summary: RunSummary) -> str:
    """`3 Python files`, or `3 Python files and 1 notebook`."""
    notebooks = summary.notebooks
    python = len(summary.python_results) - notebooks
    if notebooks and not python:
        return _plural(notebooks, "notebook")
    return _plural(python, "Python file") + (f" and {_plural(notebooks, 'notebook')}" if notebooks else "")


def status_phrase(summary: RunSummary) -> str:
    """`2 changed, 1 unchanged, 0 failed` (`would change` for --check and --diff)."""
    changed = "would change" if summary.dry_run else "changed"
    return (
        f"{summary.count(FileStatus.CHANGED)} {changed}, {summary.count(FileStatus.UNCHANGED)} unchanged, "
        f"{sum(1 for r in summary.python_results if r.status is FileStatus.FAILED)} failed"
    )


def findings_phrase(summary: RunSummary) -> str:
    severities = summary.severities()
    return (
        f"{severities[Severity.INFO]} info, {_plural(severities[Severity.WARNING], 'warning')}, "
        f"{_plural(severities[Severity.ERROR], 'error')}"
    )


def summary_lines(summary: RunSummary) -> list[str]:
    verb = "Checked" if summary.dry_run else "Converted"
    first = f"{verb} {files_phrase(summary)}: {status_phrase(summary)}"
    if not summary.dry_run:
        first += f" (copied unchanged); {_plural(summary.count(FileStatus.COPIED), 'other file')} copied"
    skipped = summary.count(FileStatus.SKIPPED)
    if skipped:
        first += f"; {skipped} skipped"
    return [first, f"Findings: {findings_phrase(summary)}"]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def render_text(summary: RunSummary) -> str:
    out = [summary.title, "=" * len(summary.title), ""]
    out += summary_lines(summary)
    out.append("")
    by_rule = summary.by_rule()
    if by_rule:
        out.append("Findings by rule:")
        for (rule_id, severity), count in sorted(by_rule.items()):
            out.append(f"  {rule_id:<8} {severity.value:<8} {count}")
        out.append("")
    attention = attention_lines(summary)
    out.append(f"Needs attention ({len(attention)}):" if attention else "Needs attention: nothing.")
    out += [f"  {line}" for line in attention]
    out.append("")
    skipped = [r for r in summary.results if r.status is FileStatus.SKIPPED]
    if skipped:
        out.append(f"Skipped ({len(skipped)}):")
        out += [f"  {r.input_path}: {r.note}" for r in skipped]
        out.append("")
    if summary.input_root is not None:
        out += ["=" * RULE_WIDTH, f"Input tree: '{summary.input_root}'", "=" * RULE_WIDTH]
    for result in summary.python_results:
        out += _file_section(result)
    return "\n".join(out) + "\n"


def render_json(summary: RunSummary) -> str:
    severities = summary.severities()
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "title": summary.title,
        "input_root": str(summary.input_root) if summary.input_root else None,
        "output_root": str(summary.output_root) if summary.output_root else None,
        "dry_run": summary.dry_run,
        "summary": {
            "files": {status.value: summary.count(status) for status in FileStatus},
            "findings": {severity.value: severities[severity] for severity in Severity},
            "by_rule": [
                {"rule_id": rule_id, "severity": severity.value, "count": count}
                for (rule_id, severity), count in sorted(summary.by_rule().items())
            ],
        },
        "files": [
            {
                "input": str(r.input_path),
                "output": str(r.output_path) if r.output_path else None,
                "status": r.status.value,
                "lines": r.lines,
                **({"note": r.note} if r.note else {}),
            }
            for r in summary.results
        ],
        "findings": [_json_finding(r, f) for r in summary.results for f in r.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _json_finding(result: FileResult, finding: Finding) -> dict[str, object]:
    record: dict[str, object] = {"file": str(result.input_path)}
    if finding.cell is not None:
        record["cell"] = finding.cell  # notebooks only: `line` is then within the cell
    record.update(
        line=finding.line,
        column=finding.column,
        rule_id=finding.rule_id,
        severity=finding.severity.value,
        message=finding.message,
        old=finding.old_line,
        new=finding.new_line,
    )
    return record
