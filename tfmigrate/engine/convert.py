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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from tfmigrate.engine.bindings import (
    BindingCollector,
    Bindings,
    ImportBinding,
    ResolutionKind,
    collect,
    dotted_name,
    import_from_module,
    resolve_in,
)
from tfmigrate.engine.rewriter import PendingFinding, Rewriter
from tfmigrate.findings import Finding, Severity
from tfmigrate.rules.model import RuleSet

PARSE_ERROR = "TFM0001"
INTERNAL_ERROR = "TFM0004"

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


class _ImportNames(cst.CSTVisitor):
    """Local names that some import in the visited code binds to a TensorFlow module or symbol."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.star = False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = dotted_name(alias.name) or ""
            if full == TENSORFLOW or full.startswith(TENSORFLOW + "."):
                asname = alias.asname.name if alias.asname is not None else None
                self.names.add(asname.value if isinstance(asname, cst.Name) else full.split(".")[0])
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        module = import_from_module(node) or ""
        if not (module == TENSORFLOW or module.startswith(TENSORFLOW + ".")):
            return False
        if isinstance(node.names, cst.ImportStar):
            self.star = True
            return False
        for alias in node.names:
            asname = alias.asname.name if alias.asname is not None else None
            self.names.add(asname.value if isinstance(asname, cst.Name) else dotted_name(alias.name) or "")
        return False


@dataclass(frozen=True)
class _Relevance:
    statements: list[int]
    """Indexes of the module-level statements that can hold something the rules act on."""
    first_import: int | None
    """Index of the first module-level statement that imports TensorFlow."""


def _relevant_statements(module: cst.Module, texts: Sequence[str], rules: RuleSet) -> _Relevance:
    imports = _ImportNames()
    first_import = None
    for index, (statement, text) in enumerate(zip(module.body, texts, strict=True)):
        if TENSORFLOW in text:
            before = (len(imports.names), imports.star)
            statement.visit(imports)
            if first_import is None and (len(imports.names), imports.star) != before:
                first_import = index
    if imports.star:
        return _Relevance(list(range(len(texts))), first_import)
    patterns = [re.escape(name) for name in sorted(imports.names) if name]
    if not patterns:
        return _Relevance([], first_import)
    alternatives = [r"\b(?:" + "|".join(patterns) + r")\b"]
    methods = sorted(rules.method_warning_by_name)
    if methods:
        alternatives.append(r"\.\s*(?:" + "|".join(map(re.escape, methods)) + r")\s*\(")
    relevant = re.compile("|".join(alternatives))
    return _Relevance([i for i, text in enumerate(texts) if relevant.search(text)], first_import)


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
    module: cst.Module,
    texts: Sequence[str],
    rewriter: Rewriter,
    bindings: Bindings,
    relevance: _Relevance,
) -> tuple[str, list[PendingFinding]] | None:
    """Statements to add after the TensorFlow import (imports of replacement modules, preambles)."""
    if relevance.first_import is None:
        return None
    anchor = module.body[relevance.first_import]
    lines: list[str] = []
    findings: list[PendingFinding] = []
    for statement, (rule_id, _) in rewriter.added_imports.items():
        lines.append(statement)
        findings.append(PendingFinding(rule_id, Severity.INFO, f"Added '{statement}'", anchor))
    wanted = dict(rewriter.preambles)
    if any(_MAIN_GUARD.search(text) for text in texts):
        for preamble in rewriter.rules.preambles:
            if preamble.in_entry_modules:
                wanted.setdefault(preamble.rule_id, (preamble, anchor))
    v1 = _compat_v1_spelling(bindings, rewriter.rules)
    for preamble, _ in wanted.values():
        function = preamble.statement.rpartition(".")[2].partition("(")[0]
        if any(function in text for text in texts):
            continue  # already there (a second run, or the author's own call)
        if v1 is None:
            lines.append("import tensorflow")
            v1 = f"{TENSORFLOW}.compat.v1"
        lines.append(preamble.statement.format(v1=v1))
        findings.append(PendingFinding(preamble.rule_id, Severity.INFO, preamble.message, anchor))
    if not lines:
        return None
    newline = module.default_newline
    return "".join(line + newline for line in lines), findings


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


def _hot_statements(collector: BindingCollector, rules: RuleSet) -> set[int]:
    """Statements (by node id) that contain something the rules may act on; the rewriter skips the rest."""
    hot = set(collector.watched_statements) | collector.import_statements
    for read in collector.reads:
        if read.statements and read.statements[-1] in hot:
            continue
        resolution = resolve_in(read.scope, read.head.value)
        if resolution.kind is ResolutionKind.AMBIGUOUS:
            hot.update(read.statements)
        elif resolution.kind is ResolutionKind.IMPORT:
            qualified = ".".join([resolution.qualified, *read.rest])
            if rules.touches(qualified):
                hot.update(read.statements)
    return hot


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
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        return _python2_or_failure(source, rules, path, error)
    return _convert_module(module, source, rules)


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


def _statement_texts(
    module: cst.Module, statements: Sequence[cst.BaseStatement], last: bool = True
) -> list[str]:
    """The source of each statement; libcst ends the last one with a line break the file may not have."""
    texts = [module.code_for_node(statement) for statement in statements]
    if last and texts and not module.has_trailing_newline:
        texts[-1] = texts[-1].removesuffix(module.default_newline)
    return texts


def _convert_module(module: cst.Module, source: str, rules: RuleSet) -> SourceConversion:
    header = "".join(module.code_for_node(line) for line in module.header)
    texts = _statement_texts(module, module.body)
    if not source.startswith(header + "".join(texts)):
        return _internal_error(
            source, "the parser could not reproduce this file exactly; it was copied unchanged"
        )
    relevance = _relevant_statements(module, texts, rules)
    relevant = relevance.statements
    if not relevant:
        return SourceConversion(source)

    # Module-level imports are analysed too, so that `struct.pack(...)` is known to be no TensorArray.
    imports = [
        i for i, statement in enumerate(module.body) if _is_import_line(statement) and i not in relevant
    ]
    collector = collect(
        (module.body[index] for index in sorted([*relevant, *imports])),
        frozenset(rules.method_warning_by_name),
    )
    bindings = collector.result()
    rewriter = Rewriter(rules, bindings, hot=_hot_statements(collector, rules))
    new_texts = list(texts)
    findings_by_statement: dict[int, list[PendingFinding]] = {}
    for index in relevant:
        before = len(rewriter.findings)
        new_statement = module.body[index].visit(rewriter)
        if len(rewriter.findings) == before:
            continue
        findings_by_statement[index] = rewriter.findings[before:]
        if isinstance(new_statement, cst.BaseStatement):
            new_texts[index] = _statement_texts(module, [new_statement], last=index == len(texts) - 1)[0]

    additions = _additions(module, texts, rewriter, bindings, relevance) if findings_by_statement else None
    if additions is not None and relevance.first_import is not None:
        text, added = additions
        index = relevance.first_import
        if index == len(texts) - 1 and not module.has_trailing_newline:
            text = module.default_newline + text.removesuffix(module.default_newline)
        new_texts[index] = new_texts[index] + text
        findings_by_statement.setdefault(index, []).extend(added)
    if not findings_by_statement:
        return SourceConversion(source)
    new_source = header + "".join(new_texts) + source[len(header) + sum(map(len, texts)) :]
    if new_source != source and not _compiles(new_source) and _compiles(source):
        return _internal_error(source, "the converted code did not compile; the file was copied unchanged")
    return _locate(module, source, header, texts, new_texts, findings_by_statement, new_source)


def _internal_error(source: str, message: str) -> SourceConversion:
    finding = Finding(INTERNAL_ERROR, Severity.ERROR, message, 1, 1)
    return SourceConversion(source, (finding,))


def _statement_offsets(header: str, texts: Iterable[str]) -> list[int]:
    """Number of lines before each statement."""
    offsets = []
    line = _count_lines(header)
    for text in texts:
        offsets.append(line)
        line += _count_lines(text)
    return offsets


def _locate(
    module: cst.Module,
    source: str,
    header: str,
    texts: Sequence[str],
    new_texts: Sequence[str],
    findings_by_statement: dict[int, list[PendingFinding]],
    new_source: str,
) -> SourceConversion:
    old_offsets = _statement_offsets(header, texts)
    new_offsets = _statement_offsets(header, new_texts)
    old_lines = split_lines(source)
    new_lines = split_lines(new_source)
    changes: list[LineChange] = []
    for index in sorted(findings_by_statement):
        if texts[index] != new_texts[index]:
            before, after = split_lines(texts[index]), split_lines(new_texts[index])
            changes += _line_changes(before, after, old_offsets[index], new_offsets[index])

    findings: list[Finding] = []
    for index in sorted(findings_by_statement):
        statement = module.body[index]
        # Positions inside one statement, computed on a module holding just it (same indent and newline).
        alone = MetadataWrapper(
            module.with_changes(header=(), body=(statement,), footer=()), unsafe_skip_copy=True
        )
        positions = alone.resolve(PositionProvider)
        for pending in findings_by_statement[index]:
            position = positions.get(pending.anchor)
            line = old_offsets[index] + (position.start.line if position else 1)
            column = (position.start.column + 1) if position else 1
            new_line_number = _new_line_number(line, changes)
            findings.append(
                Finding(
                    pending.rule_id,
                    pending.severity,
                    pending.message,
                    line,
                    column,
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
