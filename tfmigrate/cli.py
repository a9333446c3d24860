"""The `tfmigrate` command.

    tfmigrate --intree OLD --outtree NEW     convert a tree (OLD is never modified; NEW must not exist)
    tfmigrate --infile A.py --outfile B.py   convert one file (.py or .ipynb)
    tfmigrate --intree DIR --inplace         convert in place (each file replaced atomically)
    tfmigrate --check --intree DIR           write nothing; exit 1 if anything would change (CI)
    tfmigrate --diff a.py nb.ipynb           write nothing; print a unified diff
    tfmigrate rules                          list every rule
    tfmigrate explain RULE                   show one rule

Exit status: 0 when every file converted cleanly (warnings allowed), 1 when any file needs attention
(an error finding, or a file that could not be decoded or parsed, which is then copied unchanged) or,
with --check, would change; 2 for a usage error; 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the modules are imported when a run needs them, so `tfmigrate rules` starts fast
    from tfmigrate.files import FileResult
    from tfmigrate.report import RunSummary
    from tfmigrate.runner import Options

EXIT_CLEAN = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
DEFAULT_REPORT = Path("report.txt")
STDOUT = "-"

EPILOG = """\
modes:
  convert (default)  --infile F --outfile G | --infile F --inplace | --intree D --outtree E |
                     --intree D --inplace | PATH... --inplace
  --check            write nothing; exit 1 if any file would change or needs attention (for CI and
                     pre-commit: `tfmigrate --check FILE...`)
  --diff             write nothing; print a unified diff of every file that would change on stdout
                     (apply it with `patch -p0`); the summary goes to stderr
  --check and --diff take --infile FILE, --intree DIR or PATHs (files and directories) and no output.
  The report file is written in convert mode (default report.txt) and, in --check and --diff mode,
  only when --reportfile is given. `--report-json -` prints the JSON report on stdout (the summary
  then goes to stderr). Notebooks (.ipynb): the code cells are converted, IPython magics and shell
  lines left as they are, and the rest of the file kept byte for byte.

exit status:
  0    every file converted cleanly (warnings may remain: see the report); with --check, nothing
       would change
  1    some file needs attention: an error finding, or a file that could not be decoded or parsed
       (such files are written to the output unchanged, byte for byte); with --check, also when
       some file would change
  2    usage error
  130  interrupted (Ctrl-C): every file is either as it was or completely converted, never partly
       written

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
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files (any suffix) and directories to check, diff or convert --inplace",
    )
    mode = parser.add_argument_group("modes that write nothing")
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if any file would change (or needs attention)"
    )
    mode.add_argument("--diff", action="store_true", help="print a unified diff of the changes on stdout")
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
        "--reportfile",
        type=Path,
        help="the text report (default: report.txt when converting; none with --check or --diff)",
    )
    parser.add_argument(
        "--report-json",
        type=Path,
        metavar="PATH",
        help="also write the findings as JSON to PATH ('-': stdout)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors (and no progress bar)")
    return parser


def _json_on_stdout(args: argparse.Namespace) -> bool:
    return args.report_json is not None and str(args.report_json) == STDOUT


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.jobs < 0:
        parser.error("--jobs must be 0 (one per core) or more")
    if args.compat_style != "symbols" and args.target != "2":
        parser.error("--compat-style goes with --target 2")
    if args.diff and _json_on_stdout(args):
        parser.error("--diff prints the diff on stdout; give --report-json a file")
    if [args.infile is not None, args.intree is not None, bool(args.paths)].count(True) != 1:
        parser.error("give exactly one of --infile, --intree or PATHs")
    if args.check or args.diff:
        if args.outfile is not None or args.outtree is not None or args.inplace:
            parser.error("--check and --diff write nothing: give no --outfile, --outtree or --inplace")
        if args.infile is not None and not args.infile.is_file():
            parser.error(f"--infile {args.infile}: no such file")
        if args.intree is not None and not args.intree.is_dir():
            parser.error(f"--intree {args.intree}: no such directory")
    elif args.paths:
        if args.outfile is not None or args.outtree is not None or not args.inplace:
            parser.error("PATHs are converted with --inplace, or checked with --check or --diff")
    elif args.infile is not None:
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
    for path in args.paths:
        if not (path.exists() or path.is_symlink()):
            parser.error(f"{path}: no such file or directory")


def convert_main(argv: Sequence[str]) -> int:
    parser = _parser()
    # Intermixed: options may come between the PATHs (`tfmigrate --check a.py --target 2 b.py`).
    args = parser.parse_intermixed_args(list(argv))
    _check_usage(parser, args)

    from tfmigrate import __version__, console, progress, report, rules, runner
    from tfmigrate.files import FileStatus

    RULES = rules.select(args.target, args.compat_style)
    dry_run = bool(args.check or args.diff)
    # When stdout carries data (the diff, the JSON report), the words for people go to stderr.
    human = sys.stderr if args.diff or _json_on_stdout(args) else sys.stdout
    options = runner.Options(
        RULES,
        jobs=args.jobs,
        diff=args.diff,
        copy_other_files=args.copyotherfiles,
        progress=lambda total: progress.for_run(
            sys.stderr, total, enabled=not args.quiet, label="Checking" if dry_run else "Converting"
        ),
    )
    try:
        results, input_root, output_root, destination = _run(args, options)
    except KeyboardInterrupt:
        print(
            "tfmigrate: interrupted. No file was left partly written: each is as it was or fully converted.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED

    summary = report.RunSummary(
        title=f"tfmigrate {__version__}: {RULES.description} ({RULES.name})",
        input_root=input_root,
        output_root=output_root,
        results=tuple(results),
        dry_run=dry_run,
    )
    if args.diff:
        for result in results:
            sys.stdout.write(result.diff)
    reports = _write_reports(args, summary, dry_run)
    for line in console.render(summary, quiet=args.quiet, destination=destination, reports=reports):
        print(line, file=human)
    if args.check and any(result.status is FileStatus.CHANGED for result in results):
        return EXIT_ATTENTION
    return EXIT_ATTENTION if summary.needs_attention else EXIT_CLEAN


def _run(
    args: argparse.Namespace, options: Options
) -> tuple[list[FileResult], Path | None, Path | None, str | None]:
    """Run the conversion the arguments ask for: the results, the input and output roots, and where
    the output went, for the summary line."""
    from tfmigrate import runner

    if args.infile is not None:
        output = None if args.check or args.diff else args.infile if args.inplace else args.outfile
        where = (
            None if output is None else "Converted in place" if args.inplace else f"Converted file: {output}"
        )
        return runner.run_file(args.infile, output, options), None, None, where
    if args.intree is not None:
        results = runner.run_tree(args.intree, args.outtree, options, inplace=args.inplace)
        if args.outtree is not None:
            return results, args.intree, args.outtree, f"Converted tree: {args.outtree}"
        return results, args.intree, args.intree if args.inplace else None, "Converted in place"
    return runner.run_paths(args.paths, options, inplace=args.inplace), None, None, "Converted in place"


def _write_reports(args: argparse.Namespace, summary: RunSummary, dry_run: bool) -> list[str]:
    from tfmigrate import report

    written: list[str] = []
    reportfile = args.reportfile if args.reportfile is not None or dry_run else DEFAULT_REPORT
    if reportfile is not None:
        reportfile.parent.mkdir(parents=True, exist_ok=True)
        reportfile.write_text(report.render_text(summary), encoding="utf-8")
        written.append(str(reportfile))
    if _json_on_stdout(args):
        sys.stdout.write(report.render_json(summary))
        written.append("JSON on stdout")
    elif args.report_json is not None:
        args.report_json.parent.mkdir(parents=True, exist_ok=True)
        args.report_json.write_text(report.render_json(summary), encoding="utf-8")
        written.append(f"{args.report_json} (JSON)")
    return written


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
