"""A source text cut into its module-level statements, each a slice of whole lines of the file.

Python's own parser (`ast`, written in C) tells where every module-level statement starts and ends
about ten times faster than libcst parses the file. Cutting there lets a conversion give to libcst only
the statements that can matter, each as a little module of its own, and put their new text back by
line: a statement nobody looks at costs neither a libcst parse nor a print.

A chunk runs from the line after the previous statement to the last line of its own statement, so
the comments and blank lines before a statement travel with it (as libcst's `leading_lines` do) and
the first chunk also holds the file's opening comments. Statements that share a line (`a = 1; b = 2`)
are one chunk, as they are one libcst line. What follows the last statement (comments, blank lines) is
a chunk of its own, without statements. The chunks, joined, are the file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

from tfmigrate.engine.bindings import dotted_name, import_from_module

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class ImportedName:
    """One name an import statement brings in: `import a.b as c` or `from a import b as c`."""

    module: str
    """The module imported (`a.b`), or imported from (`a`); empty for a relative `from . import`."""
    name: str | None
    """For `from M import name`: the name (`*` for a star import); None for `import M`."""
    asname: str | None


@dataclass
class Chunk:
    text: str
    start_line: int
    """The line (1-based) of the file where the chunk's text starts."""
    imports_at_top: bool
    """The chunk is a module-level import line, `import ...` or `from ... import ...`."""
    _statements: tuple[ast.stmt, ...] = field(default=(), repr=False)
    _module: cst.Module | None = field(default=None, repr=False)

    @property
    def module(self) -> cst.Module:
        """The chunk parsed by libcst, on first use (raises cst.ParserSyntaxError)."""
        if self._module is None:
            self._module = cst.parse_module(self.text)
        return self._module

    def imports(self) -> list[ImportedName]:
        """What the imports anywhere in the chunk (nested ones too) bring in."""
        if self._module is not None and not self._statements:
            return [name for statement in self._module.body for name in _cst_imports(statement)]
        return list(_ast_imports(self._statements))


def cut(source: str) -> list[Chunk] | None:
    """The chunks of `source`, or None when Python's parser rejects it."""
    try:
        tree = compile(source, "<tfmigrate>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    assert isinstance(tree, ast.Module)
    line_starts = [0, *(match.end() for match in _LINE_BREAK.finditer(source))]
    groups: list[list[ast.stmt]] = []
    last_line = 0
    for statement in tree.body:
        decorators = getattr(statement, "decorator_list", ())
        first_line = min([statement.lineno, *(decorator.lineno for decorator in decorators)])
        if groups and first_line <= last_line:
            groups[-1].append(statement)  # on a line of the previous statement: `a = 1; b = 2`
        else:
            groups.append([statement])
        last_line = max(last_line, statement.end_lineno or statement.lineno)
    chunks: list[Chunk] = []
    start_line = 1
    for group in groups:
        end_line = max(statement.end_lineno or statement.lineno for statement in group)
        start = line_starts[start_line - 1]
        end = line_starts[end_line] if end_line < len(line_starts) else len(source)
        at_top = any(isinstance(statement, ast.Import | ast.ImportFrom) for statement in group)
        chunks.append(Chunk(source[start:end], start_line, at_top, tuple(group)))
        start_line = end_line + 1
    return _with_tail(chunks, source)


def _with_tail(chunks: list[Chunk], source: str) -> list[Chunk]:
    """`chunks` and, as a chunk without statements, what follows the last statement (comments, blank
    lines), which is kept apart: libcst does not print every such tail back as it was."""
    covered = sum(len(chunk.text) for chunk in chunks)
    if covered < len(source):
        start_line = (chunks[-1].start_line + len(_LINE_BREAK.findall(chunks[-1].text))) if chunks else 1
        chunks.append(Chunk(source[covered:], start_line, False))
    return chunks


def cut_module(module: cst.Module, source: str) -> list[Chunk] | None:
    """The chunks of a module libcst parsed and Python's parser did not (newer syntax than this
    Python's), from libcst's own statement boundaries; None if they do not give back `source`."""
    chunks: list[Chunk] = []
    start_line = 1
    for index, statement in enumerate(module.body):
        alone = module.with_changes(
            header=module.header if index == 0 else (),
            body=(statement,),
            footer=(),
            has_trailing_newline=True,
        )
        text = alone.code
        at_top = isinstance(statement, cst.SimpleStatementLine) and any(
            isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
        )
        chunks.append(Chunk(text, start_line, at_top, _module=alone))
        start_line += len(_LINE_BREAK.findall(text))
    if not source.startswith("".join(chunk.text for chunk in chunks)):
        return None
    return _with_tail(chunks, source)


def _ast_imports(statements: Sequence[ast.stmt]) -> Iterator[ImportedName]:
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield ImportedName(alias.name, None, alias.asname)
            elif isinstance(node, ast.ImportFrom):
                module = (node.module or "") if node.level == 0 else ""
                for alias in node.names:
                    yield ImportedName(module, alias.name, alias.asname)


class _CstImports(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found: list[ImportedName] = []

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            self.found.append(ImportedName(dotted_name(alias.name) or "", None, _asname(alias)))
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        module = import_from_module(node) or ""
        if isinstance(node.names, cst.ImportStar):
            self.found.append(ImportedName(module, "*", None))
            return False
        for alias in node.names:
            self.found.append(ImportedName(module, dotted_name(alias.name) or "", _asname(alias)))
        return False


def _asname(alias: cst.ImportAlias) -> str | None:
    name = alias.asname.name if alias.asname is not None else None
    return name.value if isinstance(name, cst.Name) else None


def _cst_imports(statement: cst.BaseStatement) -> list[ImportedName]:
    visitor = _CstImports()
    statement.visit(visitor)
    return visitor.found
