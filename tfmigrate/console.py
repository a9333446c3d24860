"""What a run prints on the terminal: the findings that need a person, then one summary line.

The full account is the report; the terminal gets the title, the `would change:` list of --check and
--diff, what was skipped, the warnings and errors one per line (`path:line:column: RULE severity:
message`), and one last line with the counts, where the output went and where the report is.
`--quiet` keeps only the errors.
"""

from __future__ import annotations

from collections.abc import Sequence

from tfmigrate.files import FileStatus
from tfmigrate.findings import Severity
from tfmigrate.report import RunSummary, attention_lines, files_phrase, findings_phrase, status_phrase


def render(
    summary: RunSummary, *, quiet: bool = False, destination: str | None = None, reports: Sequence[str] = ()
) -> list[str]:
    """The lines to print. `destination` says where the output went (`Converted tree: new`); `reports`
    names the report files written."""
    if quiet:
        return attention_lines(summary, (Severity.ERROR,))
    out = [summary.title]
    if summary.dry_run:
        out += [f"would change: {r.input_path}" for r in summary.results if r.status is FileStatus.CHANGED]
    out += [f"skipped: {r.input_path}: {r.note}" for r in summary.results if r.status is FileStatus.SKIPPED]
    attention = attention_lines(summary)
    if attention:
        out.append(f"Needs attention ({len(attention)}):")
        out += [f"  {line}" for line in attention]
    out.append(summary_line(summary, destination, reports))
    return out


def summary_line(summary: RunSummary, destination: str | None, reports: Sequence[str]) -> str:
    parts = [f"{files_phrase(summary)}: {status_phrase(summary)}"]
    if not summary.dry_run and summary.count(FileStatus.COPIED):
        copied = summary.count(FileStatus.COPIED)
        parts.append(f"{copied} other file{'' if copied == 1 else 's'} copied")
    if summary.count(FileStatus.SKIPPED):
        parts.append(f"{summary.count(FileStatus.SKIPPED)} skipped")
    parts.append(findings_phrase(summary))
    line = "; ".join(parts) + "."
    if summary.dry_run:
        line += " Nothing written."
    elif destination:
        line += f" {destination}."
    if reports:
        line += " Report: " + ", ".join(reports) + "."
    return line
