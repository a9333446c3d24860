"""tfmigrate as a libcst codemod, for projects that run their migrations through libcst's tool:

    python -m libcst.tool codemod -x tfmigrate.codemod.TfMigrateCommand --no-format src/
    python -m libcst.tool codemod -x tfmigrate.codemod.TfMigrateCommand --target 2 src/

The command applies the same rules as `tfmigrate` (`--target`, `--compat-style`) to each module libcst
hands it. Warnings and errors become the codemod's warnings (`line:column: RULE severity: message`); a
module with nothing to convert is skipped, so libcst leaves its file untouched. libcst's tool reads
only .py files that parse as Python 3: for Python 2 sources, notebooks and the report, use `tfmigrate`.
"""

from __future__ import annotations

import argparse
import functools

import libcst as cst
from libcst.codemod import CodemodCommand, CodemodContext, SkipFile

from tfmigrate import rules as rule_sets
from tfmigrate.engine.convert import convert_source
from tfmigrate.findings import Severity
from tfmigrate.rules.model import RuleSet


@functools.cache
def _rules(target: str, compat_style: str) -> RuleSet:
    # libcst builds a command per file; the rule set (for target 2, the API snapshot) is built once.
    return rule_sets.select(target, compat_style)


class TfMigrateCommand(CodemodCommand):
    DESCRIPTION = (
        "Migrate legacy TensorFlow 0.x/1.x code with tfmigrate's rules: to the TensorFlow 1.x API "
        "(--target 1) or to code that runs on TensorFlow 2.21 (--target 2)."
    )

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument(
            "--target", choices=rule_sets.TARGETS, default="1", help="1: the TF 1.x API (default); 2: TF 2.21"
        )
        arg_parser.add_argument(
            "--compat-style",
            dest="compat_style",
            choices=rule_sets.STYLES,
            default="symbols",
            help="with --target 2: 'symbols' (default) or 'import' (see `tfmigrate --help`)",
        )

    def __init__(self, context: CodemodContext, target: str = "1", compat_style: str = "symbols") -> None:
        super().__init__(context)
        if compat_style != "symbols" and target != "2":
            raise ValueError("--compat-style goes with --target 2")
        self.rules = _rules(target, compat_style)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        conversion = convert_source(tree.code, self.rules, self.context.filename)
        for finding in conversion.findings:
            if finding.severity is not Severity.INFO:
                where = f"{finding.line}:{finding.column}: {finding.rule_id} {finding.severity.value}"
                self.warn(f"{where}: {finding.message}")
        if not conversion.changed:
            raise SkipFile("nothing to convert")
        return cst.parse_module(conversion.text, config=tree.config_for_parsing)
