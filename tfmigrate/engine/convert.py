"""Convert one source text with one rule set: parse, find what matters, rewrite it, locate the findings.

Only module-level statements that can matter are analysed and rewritten: the ones that mention a name
bound to TensorFlow somewhere in the file (every binding and every use of such a name spells it), or a
method the rules warn about. Everything else is kept as the parser read it, and a file that never
mentions `tensorflow` is not even parsed. The output text is the input text with the rewritten
statements spliced in, so nothing outside an edited statement can change.
"""

from __future__ import annotations

import ast
import difflib
import io
import re
import tokenize
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import libcst as cst

from tfmigrate.engine.bindings import (
    BindingCollector,
    Bindings,
    ImportBinding,
    ResolutionKind,
    collect,
    nodes_containing,
    resolve_in,
)
from tfmigrate.engine.chunks import Chunk, cut, cut_module
from tfmigrate.engine.positions import Edit, print_chunk
from tfmigrate.engine.rewriter import PendingFinding, Rewriter
from tfmigrate.findings import Finding, Severity
from tfmigrate.rules.model import RuleSet

PARSE_ERROR = "TFM0001"
INTERNAL_ERROR = "TFM0004"
UNREPRODUCED = "the parser could not reproduce this file exactly; it was copied unchanged"

TENSORFLOW = "tensorflow"
COMPAT_V1 = "tensorflow.compat.v1"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class LineChange:
    """Lines `old_start`.. of the input became lines `new_start`.. of the output (1-based)."""

    old_start: int
    old_lines: tuple[str, ...]
    new_start: int
    new_lines: tuple[str, ...]


@dataclass(frozen=True)
class SourceConversion:
    text: str
    findings: tuple[Finding, ...] = ()
    changes: tuple[LineChange, ...] = ()
    parsed: bool = True
    """False when the source could not be parsed (then `text` is the input, unchanged)."""

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def split_lines(text: str) -> list[str]:
    """Lines as Python's tokenizer sees them (only \\r\\n, \\r and \\n end a line), without the breaks."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _count_lines(text: str) -> int:
    return len(_LINE_BREAK.findall(text))


def parse_failure(source: str, error: cst.ParserSyntaxError) -> SourceConversion:
    """A finding for a file that does not parse; Python's own message and position when it has one."""
    line, column, reason = error.raw_line, error.raw_column + 1, error.message.splitlines()[0]
    try:
        compile(source, "<tfmigrate>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as python_error:
        line, column = python_error.lineno or line, python_error.offset or column
        reason = python_error.msg
    except ValueError:
        pass
    lines = split_lines(source)
    line = max(1, min(line, len(lines) or 1))
    old_line = lines[line - 1] if lines else ""
    message = f"Could not parse this file ({reason}); it was copied unchanged"
    finding = Finding(PARSE_ERROR, Severity.ERROR, message, line, column, old_line, old_line)
    return SourceConversion(source, (finding,), parsed=False)


@dataclass(frozen=True)
class _Relevance:
    chunks: list[int]
    """Indexes of the chunks that can hold something the rules act on."""
    first_import: int | None
    """Index of the first chunk that imports TensorFlow."""


def _is_tensorflow(module: str) -> bool:
    return module == TENSORFLOW or module.startswith(TENSORFLOW + ".")


def _relevant_chunks(chunks: Sequence[Chunk], rules: RuleSet) -> _Relevance:
    names: set[str] = set()
    star = False
    first_import = None
    for index, chunk in enumerate(chunks):
        if TENSORFLOW not in chunk.text:
            continue
        before = (len(names), star)
        for imported in chunk.imports():
            if not _is_tensorflow(imported.module):
                continue
            if imported.name == "*":
                star = True
            elif imported.name is not None:
                names.add(imported.asname or imported.name)
            else:
                names.add(imported.asname or imported.module.split(".")[0])
        if first_import is None and (len(names), star) != before:
            first_import = index
    if star:
        return _Relevance(list(range(len(chunks))), first_import)
    patterns = [re.escape(name) for name in sorted(names) if name]
    if not patterns:
        return _Relevance([], first_import)
    alternatives = [r"\b(?:" + "|".join(patterns) + r")\b"]
    methods = sorted(rules.method_warning_by_name)
    if methods:
        alternatives.append(r"\.\s*(?:" + "|".join(map(re.escape, methods)) + r")\s*\(")
    relevant = re.compile("|".join(alternatives))
    return _Relevance([i for i, chunk in enumerate(chunks) if relevant.search(chunk.text)], first_import)


_MAIN_GUARD = re.compile(r"""^if\s+__name__\s*==\s*['"]__main__['"]\s*:""", re.MULTILINE)


def _compat_v1_spelling(bindings: Bindings, rules: RuleSet) -> str | None:
    """How this module names `tensorflow.compat.v1` once converted (`tf` or `tf.compat.v1`), if it can."""
    found: dict[str, str] = {}
    for local, entries in bindings.module_scope.bindings.items():
        if not entries or not all(isinstance(b, ImportBinding) for b in entries):
            continue
        qualified = {b.qualified for b in entries if isinstance(b, ImportBinding)}
        if len(qualified) != 1:
            continue
        (original,) = qualified
        renamed = rules.rename(original)
        current = renamed[0] if renamed else original
        found.setdefault(current, local)
    if COMPAT_V1 in found:
        return found[COMPAT_V1]
    if TENSORFLOW in found:
        return f"{found[TENSORFLOW]}.compat.v1"
    return None


def _additions(
    source: str,
    anchor: cst.CSTNode,
    rewriter: Rewriter,
    bindings: Bindings,
) -> tuple[str, list[PendingFinding]] | None:
    """Statements to add after the TensorFlow import (imports of replacement modules, preambles)."""
    lines: list[str] = []
    findings: list[PendingFinding] = []
    for statement, (rule_id, _) in rewriter.added_imports.items():
        lines.append(statement)
        findings.append(PendingFinding(rule_id, Severity.INFO, f"Added '{statement}'", anchor))
    wanted = dict(rewriter.preambles)
    if _MAIN_GUARD.search(source):
        for preamble in rewriter.rules.preambles:
            if preamble.in_entry_modules:
                wanted.setdefault(preamble.rule_id, (preamble, anchor))
    v1 = _compat_v1_spelling(bindings, rewriter.rules)
    for preamble, _ in wanted.values():
        function = preamble.statement.rpartition(".")[2].partition("(")[0]
        if _names_in_code(source, function):
            continue  # already there (a second run, or the author's own call)
        if v1 is None:
            lines.append("import tensorflow")
            v1 = f"{TENSORFLOW}.compat.v1"
        lines.append(preamble.statement.format(v1=v1))
        findings.append(PendingFinding(preamble.rule_id, Severity.INFO, preamble.message, anchor))
    if not lines:
        return None
    newline = _newline(source)
    return "".join(line + newline for line in lines), findings


def _names_in_code(source: str, name: str) -> bool:
    """Whether `name` occurs in the code of `source` (not only in a comment or a string)."""
    if name not in source:
        return False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return True
    return any(token.type == tokenize.NAME and token.string == name for token in tokens)


def _newline(source: str) -> str:
    """The file's line break, as libcst picks a module's default: the first one, else \\n."""
    match = _LINE_BREAK.search(source)
    return match.group() if match else "\n"


def _hot_nodes(collector: BindingCollector, rules: RuleSet, statements: Iterable[cst.CSTNode]) -> set[int]:
    """The nodes (by id) that are, or contain, something the rules may act on; the rewriter enters
    only these, since rebuilding a subtree costs as much as parsing it."""
    leaves = collector.watched_nodes | collector.scope_of_import.keys()
    within = set(collector.watched_statements) | collector.import_statements
    concerns: dict[str, bool] = {}
    for read in collector.reads:
        resolution = resolve_in(read.scope, read.head.value)
        if resolution.kind is ResolutionKind.IMPORT:
            qualified = ".".join([resolution.qualified, *read.rest])
            if qualified not in concerns:
                concerns[qualified] = rules.touches(qualified) or qualified in rules.preamble_by_trigger
            if not concerns[qualified]:
                continue
        elif resolution.kind is not ResolutionKind.AMBIGUOUS:
            continue
        leaves.add(id(read.head))
        within.update(read.statements)
    return nodes_containing(statements, leaves, within)


def _compiles(text: str) -> bool:
    try:
        compile(text, "<tfmigrate>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_TYPE_COMMENTS, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def convert_source(source: str, rules: RuleSet, path: str | None = None) -> SourceConversion:
    """Apply `rules` to `source`. Never raises on bad input: parse failures come back as findings.

    A file that is Python 2 goes through the Python 2 → 3 pass first (`tfmigrate.python2`), then the rules.
    `path` (the file's location) lets that pass recognise implicit relative imports.
    """
    if TENSORFLOW not in source:
        if _compiles(source):
            return SourceConversion(source)  # the common case: no TensorFlow, valid Python 3, not parsed
        try:
            cst.parse_module(source)
        except cst.ParserSyntaxError as error:
            return _python2_or_failure(source, rules, path, error)
        return SourceConversion(source)  # newer syntax than this Python's compile() knows
    chunks = cut(source)
    if chunks is not None:
        try:
            return _convert_chunks(source, chunks, rules, checked=True)
        except cst.ParserSyntaxError:
            pass  # a statement Python reads and libcst does not: the whole file's parse reports it
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        return _python2_or_failure(source, rules, path, error)
    chunks = cut_module(module, source)
    if chunks is None:
        return _internal_error(
            source, "the parser could not reproduce this file exactly; it was copied unchanged"
        )
    return _convert_chunks(source, chunks, rules, checked=False)


def _python2_or_failure(
    source: str, rules: RuleSet, path: str | None, error: cst.ParserSyntaxError
) -> SourceConversion:
    """Convert a Python 2 file to Python 3, then apply the rules; report any other unparseable file."""
    from tfmigrate.python2 import upgrade_python2  # only files that need it pay for fissix

    upgrade = upgrade_python2(source, path)
    if upgrade is None:
        return parse_failure(source, error)
    if not upgrade.converted:
        return SourceConversion(source, upgrade.findings, parsed=False)
    rewritten = convert_source(upgrade.text, rules)
    if not rewritten.parsed:
        return _internal_error(
            source, "the Python 2 to 3 pass produced code that does not parse; copied unchanged"
        )
    old_lines, new_lines = split_lines(source), split_lines(rewritten.text)
    changes = _line_changes(old_lines, new_lines, 0, 0)
    findings = list(upgrade.findings)
    for finding in rewritten.findings:
        line = upgrade.input_line(finding.line)
        new_line = _new_line_number(line, changes)
        findings.append(
            replace(
                finding,
                line=line,
                old_line=old_lines[line - 1] if line <= len(old_lines) else "",
                new_line=new_lines[new_line - 1] if 0 < new_line <= len(new_lines) else "",
            )
        )
    findings.sort(key=lambda finding: (finding.line, finding.column))
    return SourceConversion(rewritten.text, tuple(findings), tuple(changes))


def _convert_chunks(
    source: str, chunks: Sequence[Chunk], rules: RuleSet, *, checked: bool
) -> SourceConversion:
    """Convert the chunks that matter; `checked`: `source` is known to compile."""
    relevance = _relevant_chunks(chunks, rules)
    if not relevance.chunks:
        return SourceConversion(source)

    # Module-level imports are analysed too, so that `struct.pack(...)` is known to be no TensorArray.
    analysed = sorted({*relevance.chunks, *(i for i, chunk in enumerate(chunks) if chunk.imports_at_top)})
    collector = collect(
        (statement for index in analysed for statement in chunks[index].module.body),
        frozenset(rules.method_warning_by_name),
    )
    bindings = collector.result()
    hot = _hot_nodes(
        collector, rules, (statement for index in relevance.chunks for statement in chunks[index].module.body)
    )
    rewriter = Rewriter(rules, bindings, hot=hot)
    new_bodies: dict[int, Sequence[cst.BaseStatement]] = {}
    edits: dict[int, list[Edit]] = {}
    findings_by_chunk: dict[int, list[PendingFinding]] = {}
    for index in relevance.chunks:
        before, edits_before = len(rewriter.findings), len(rewriter.edits)
        body: list[cst.BaseStatement] = []
        for statement in chunks[index].module.body:
            new_statement = statement.visit(rewriter)
            body.append(new_statement if isinstance(new_statement, cst.BaseStatement) else statement)
        if len(rewriter.findings) > before:
            findings_by_chunk[index] = rewriter.findings[before:]
            new_bodies[index] = body
            edits[index] = rewriter.edits[edits_before:]
    if not findings_by_chunk:
        return SourceConversion(source)

    first = relevance.first_import
    additions = None
    if first is not None:
        additions = _additions(source, chunks[first].module.body[0], rewriter, bindings)
        if additions is not None:
            findings_by_chunk.setdefault(first, []).extend(additions[1])
    new_texts = [chunk.text for chunk in chunks]
    starts: dict[int, dict[int, tuple[int, int]]] = {}
    for index, pending in findings_by_chunk.items():
        module = chunks[index].module
        anchors = [finding.anchor for finding in pending]
        printed = print_chunk(module, chunks[index].text, anchors, edits.get(index, ()))
        if printed is None:
            return _internal_error(source, UNREPRODUCED)
        starts[index] = printed.starts
        if printed.converted is not None:
            new_texts[index] = printed.converted
        elif index in new_bodies:
            new_texts[index] = module.with_changes(body=new_bodies[index]).code
    if first is not None and additions is not None:
        text = additions[0]
        if not new_texts[first].endswith(("\n", "\r")):  # the last line of a file without a final newline
            text = _newline(source) + text.removesuffix(_newline(source))
        new_texts[first] += text
    changed = [index for index in sorted(findings_by_chunk) if new_texts[index] != chunks[index].text]
    if not all(_compiles(new_texts[index]) for index in changed) and (checked or _compiles(source)):
        return _internal_error(source, "the converted code did not compile; the file was copied unchanged")
    return _locate(source, chunks, new_texts, findings_by_chunk, starts)


def _internal_error(source: str, message: str) -> SourceConversion:
    finding = Finding(INTERNAL_ERROR, Severity.ERROR, message, 1, 1)
    return SourceConversion(source, (finding,))


def _locate(
    source: str,
    chunks: Sequence[Chunk],
    new_texts: Sequence[str],
    findings_by_chunk: dict[int, list[PendingFinding]],
    starts: dict[int, dict[int, tuple[int, int]]],
) -> SourceConversion:
    new_source = "".join(new_texts)
    new_starts = [1]
    for text in new_texts[:-1]:
        new_starts.append(new_starts[-1] + _count_lines(text))
    old_lines = split_lines(source)
    new_lines = split_lines(new_source)
    changes: list[LineChange] = []
    for index in sorted(findings_by_chunk):
        if chunks[index].text != new_texts[index]:
            before, after = split_lines(chunks[index].text), split_lines(new_texts[index])
            changes += _line_changes(before, after, chunks[index].start_line - 1, new_starts[index] - 1)

    findings: list[Finding] = []
    for index in sorted(findings_by_chunk):
        for pending in findings_by_chunk[index]:
            line_in_chunk, column = starts[index].get(id(pending.anchor), (1, 0))
            line = chunks[index].start_line - 1 + line_in_chunk
            new_line_number = _new_line_number(line, changes)
            findings.append(
                Finding(
                    pending.rule_id,
                    pending.severity,
                    pending.message,
                    line,
                    column + 1,
                    old_lines[line - 1] if line <= len(old_lines) else "",
                    new_lines[new_line_number - 1] if 0 < new_line_number <= len(new_lines) else "",
                    related=pending.related,
                )
            )
    findings.sort(key=lambda finding: (finding.line, finding.column))
    return SourceConversion(new_source, tuple(findings), tuple(changes))


def _line_changes(
    before: Sequence[str], after: Sequence[str], old_offset: int, new_offset: int
) -> list[LineChange]:
    """The changed lines between two versions of a text (line for line where the counts agree)."""
    changes = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_start, new_start = old_offset + i1 + 1, new_offset + j1 + 1
        if i2 - i1 == j2 - j1:
            # Line for line: one change per line, as tf_upgrade.py reports them.
            for step in range(i2 - i1):
                changes.append(
                    LineChange(old_start + step, (before[i1 + step],), new_start + step, (after[j1 + step],))
                )
        else:
            changes.append(LineChange(old_start, tuple(before[i1:i2]), new_start, tuple(after[j1:j2])))
    return changes


def _new_line_number(old_line: int, changes: Sequence[LineChange]) -> int:
    """Where input line `old_line` is in the output: paired inside a changed block, shifted elsewhere."""
    shift = 0
    for change in changes:
        end = change.old_start + len(change.old_lines)
        if old_line < change.old_start:
            break
        if old_line < end:
            offset = min(old_line - change.old_start, max(len(change.new_lines) - 1, 0))
            return change.new_start + offset
        shift += len(change.new_lines) - len(change.old_lines)
    return old_line + shift
