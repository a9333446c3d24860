"""The `tfmigrate` command.

    tfmigrate --intree OLD --outtree NEW     convert a tree (OLD is never modified; NEW must not exist)
    tfmigrate --infile A.py --outfile B.py   convert one file
    tfmigrate --intree DIR --inplace         convert in place (each file replaced atomically)
    tfmigrate rules                          list every rule
    tfmigrate explain RULE                   show one rule

Exit status: 0 when every file converted cleanly (warnings allowed), 1 when any file needs attention
(an error finding, or a file that could not be decoded or parsed, which is then copied unchanged),
2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_CLEAN = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2

EPILOG = """\
exit status:
  0  every file converted cleanly (warnings may remain: see the report)
  1  some file needs attention: an error finding, or a file that could not be decoded or parsed
     (such files are written to the output unchanged, byte for byte)
  2  usage error

subcommands:
  tfmigrate rules            list every rule (id, kind, old, new, safety)
  tfmigrate explain RULE     show one rule's documentation and example
  tfmigrate parity [IDS...]  compare reference_tf1 and modern_tf2 numerically (see --help there)
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tfmigrate",
        description="Convert TensorFlow 0.x/1.x code to the TensorFlow 1.x API (--target 1) or to code "
        "that runs on TensorFlow 2.21 (--target 2), keeping every byte outside the edits. Writes the "
        "converted code and a report.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    single = parser.add_argument_group("one file")
    single.add_argument("--infile", type=Path, help="the file to convert")
    single.add_argument("--outfile", type=Path, help="where to write the converted file")
    tree = parser.add_argument_group("a tree")
    tree.add_argument("--intree", type=Path, help="the directory to convert (left untouched)")
    tree.add_argument("--outtree", type=Path, help="where to write the converted tree (must not exist)")
    tree.add_argument(
        "--copyotherfiles",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="copy files other than .py into the output tree (default: copy)",
    )
    parser.add_argument(
        "--inplace", action="store_true", help="convert --infile or --intree in place (atomic per file)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="convert N files at a time (default: one per CPU core); the report keeps the input order",
    )
    parser.add_argument(
        "--target",
        choices=("1", "2"),
        default="1",
        help="1: the TensorFlow 1.x API (what tf_upgrade.py did; default); 2: code that runs on "
        "TensorFlow 2.21 (0.x rules first, then 1.x to 2.x)",
    )
    parser.add_argument(
        "--compat-style",
        choices=("symbols", "import"),
        default="symbols",
        help="with --target 2: 'symbols' (default) points each reference at its TF 2.x name or "
        "tf.compat.v1; 'import' imports tensorflow.compat.v1 as tf and disables TF 2.x behaviour",
    )
    parser.add_argument(
        "--reportfile", type=Path, default=Path("report.txt"), help="the text report (default: report.txt)"
    )
    parser.add_argument("--report-json", type=Path, help="also write the findings as JSON to this path")
    return parser


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per core) or more")
    if args.compat_style != "symbols" and args.target != "2":
        parser.error("--compat-style goes with --target 2")
    if (args.infile is None) == (args.intree is None):
        parser.error("give exactly one of --infile or --intree")
    if args.infile is not None:
        if args.intree is not None or args.outtree is not None:
            parser.error("--outtree goes with --intree, not --infile")
        if (args.outfile is None) == (not args.inplace):
            parser.error("--infile needs exactly one of --outfile or --inplace")
        if not args.infile.is_file():
            parser.error(f"--infile {args.infile}: no such file")
    else:
        if args.outfile is not None:
            parser.error("--outfile goes with --infile, not --intree")
        if (args.outtree is None) == (not args.inplace):
            parser.error("--intree needs exactly one of --outtree or --inplace")
        if not args.intree.is_dir():
            parser.error(f"--intree {args.intree}: no such directory")
        if args.outtree is not None:
            if args.outtree.exists() or args.outtree.is_symlink():
                parser.error(f"--outtree {args.outtree} exists; tfmigrate never writes into an existing tree")
            inside = args.outtree.resolve().is_relative_to(args.intree.resolve())
            if inside:
                parser.error("--outtree must not be inside --intree")


def convert_main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(list(argv))
    _check_usage(parser, args)

    from tfmigrate import __version__, files, parallel, report, rules

    RULES = rules.select(args.target, args.compat_style)

    results: list[files.FileResult] = []
    if args.infile is not None:
        output = args.infile if args.inplace else args.outfile
        results.append(files.convert_file(args.infile, output, RULES))
        input_root = output_root = None
    else:
        input_root = args.intree
        output_root = args.intree if args.inplace else args.outtree
        plan = files.plan_tree(input_root, output_root)
        if not args.inplace:
            for directory in plan.directories:
                directory.mkdir(parents=True, exist_ok=True)
        pairs = [(source, source if args.inplace else target) for source, target in plan.python_files]
        results += parallel.convert_files(pairs, RULES, args.jobs or parallel.default_jobs())
        if not args.inplace:
            for source, target in plan.links:
                files.copy_link(source, target)
            if args.copyotherfiles:
                results += [files.copy_file(source, target) for source, target in plan.other_files]

    summary = report.RunSummary(
        title=f"tfmigrate {__version__}: {RULES.description} ({RULES.name})",
        input_root=input_root,
        output_root=output_root,
        results=tuple(results),
    )
    args.reportfile.parent.mkdir(parents=True, exist_ok=True)
    args.reportfile.write_text(report.render_text(summary), encoding="utf-8")
    if args.report_json is not None:
        args.report_json.parent.mkdir(parents=True, exist_ok=True)
        args.report_json.write_text(report.render_json(summary), encoding="utf-8")

    print(summary.title)
    for line in report.summary_lines(summary):
        print(line)
    attention = report.attention_lines(summary)
    if attention:
        print(f"Needs attention ({len(attention)}):")
        for line in attention:
            print(f"  {line}")
    if output_root is not None and not args.inplace:
        print(f"Converted tree: {output_root}")
    elif args.infile is not None:
        print(f"Converted file: {results[0].output_path}")
    print(f"Report: {args.reportfile}" + (f" (JSON: {args.report_json})" if args.report_json else ""))
    return EXIT_ATTENTION if summary.needs_attention else EXIT_CLEAN


def _rules_main(argv: Sequence[str]) -> int:
    from tfmigrate.rules import catalog

    return catalog.rules_command(argv)


def _explain_main(argv: Sequence[str]) -> int:
    from tfmigrate.rules import catalog

    return catalog.explain_command(argv)


def _parity_main(argv: Sequence[str]) -> int:
    from tfmigrate.parity import command

    return command.main(argv)


SUBCOMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "rules": _rules_main,
    "explain": _explain_main,
    "parity": _parity_main,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in SUBCOMMANDS:
        return SUBCOMMANDS[arguments[0]](arguments[1:])
    try:
        return convert_main(arguments)
    except SystemExit as stop:  # argparse exits 2 on usage errors and 0 on --help
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
