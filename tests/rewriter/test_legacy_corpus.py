"""The benchmark corpus (benchmarks/corpus/legacy_tf: real TensorFlow 0.x/1.x code, MANIFEST.tsv) converts
cleanly: every output parses, a second run changes nothing, and nothing fails inside tfmigrate.

This is the corpus the speed benchmarks time (benchmarks/rewrite_throughput.py); here only correctness
is checked, on every file, with both targets.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tfmigrate import rules
from tfmigrate.engine.convert import INTERNAL_ERROR
from tfmigrate.files import FileStatus, convert_bytes

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "legacy_tf"
FILES = sorted(CORPUS.rglob("*.py"))


def test_the_corpus_is_there_with_its_manifest() -> None:
    listed = {
        line.split("\t", 1)[0] for line in (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:] if line
    }
    assert listed == {path.relative_to(CORPUS).as_posix() for path in FILES}
    assert sum(path.read_bytes().count(b"\n") for path in FILES) > 20_000


@pytest.mark.parametrize("target", ["1", "2"])
def test_the_corpus_converts_cleanly_and_converges(target: str) -> None:
    rule_set = rules.select(target)
    problems = []
    for path in FILES:
        result, output = convert_bytes(path, path.read_bytes(), rule_set)
        name = path.relative_to(CORPUS).as_posix()
        if result.status is FileStatus.FAILED or any(f.rule_id == INTERNAL_ERROR for f in result.findings):
            problems.append(f"{name}: {result.status.value} {[f.message for f in result.findings][:2]}")
            continue
        try:
            compile(output, name, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as error:
            problems.append(f"{name}: the output does not parse ({error})")
            continue
        again, second = convert_bytes(path, output, rule_set)
        if second != output:
            problems.append(f"{name}: a second run changes it again ({again.status.value})")
    assert not problems, "\n".join(problems)
