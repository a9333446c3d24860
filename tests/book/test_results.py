"""tfmigrate.book.results: the runner's bookkeeping and the docs/results.md renderer, on fake results."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tfmigrate.book import results
from tfmigrate.book.book_results import BOOK_FIGURES, DATA_SETS, POINTS, BookFigure, figure_example_ids
from tfmigrate.book.inventory import INVENTORY_IDS

FIGURES = (
    BookFigure("ex_acc", "test accuracy", 0.9246, "Accuracy: 0.9246", "Seed A L2866", "test_accuracy", "MNIST 8k",
               bound=3 * POINTS, bound_source="issue 3: ch03"),
    BookFigure("ex_miss", "test accuracy", 0.9789, "Accuracy:  0.9789", "Seed A L3431", "test_accuracy", "MNIST 8k",
               bound=3 * POINTS, bound_source="issue 3: ch03", note="8,000 training images instead of 60,000"),
    BookFigure("ex_list", "cost of the last epoch", 0.1069, "cost= 0.106899358", "Seed A L5470", "costs[-1]",
               "MNIST 7,333"),
    BookFigure("ex_mean", "mean accuracy", 0.99, "about 99%", "Seed A L4203", "mean(accs)", "MNIST 7,333",
               bound=2 * POINTS, bound_source="issue 3: CNN"),
    BookFigure("ex_absent", "score", 0.3585, "Score over time: 0.3585", "Seed A L10006", "score", "FrozenLake-v1",
               bound=0.1, bound_source="issue 3: Q-table"),
)  # fmt: skip

MACHINE = {
    "machine": "x86_64",
    "cpu_count": 2,
    "cpu_model": "Test CPU",
    "python": "3.11.7",
    "tensorflow": "2.21.0",
}


def _run(example_id: str, metrics: dict[str, Any] | None, seconds: float, error: str = "") -> dict[str, Any]:
    return {
        "example": example_id,
        "impl": "tf1",
        "seconds": seconds,
        "load_average_1min": [2.21, 3.5],
        "date": "2026-01-02T03:04:05Z",
        "machine": MACHINE,
        "metrics": metrics,
        "error": error,
    }


@pytest.fixture()
def results_dir(tmp_path: Path) -> Path:
    runs = {
        "ex_acc": _run("ex_acc", {"test_accuracy": 0.911}, 8.04),
        "ex_miss": _run("ex_miss", {"test_accuracy": 0.9445}, 15.4),
        "ex_list": _run("ex_list", {"costs": [0.2, 0.15, 0.12]}, 3725.0),
        "ex_mean": _run("ex_mean", None, 61.0, error="exit code 1, no result line; stderr ends: boom"),
    }
    directory = tmp_path / "results"
    results.save_results(results.results_path(directory, "tf1"), {"package": "reference_tf1", "runs": runs})
    return directory


def _table_rows(text: str) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    table = text.split("## Runs")[0]
    for line in table.splitlines():
        if line.startswith("| `"):
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
            rows[cells[0].strip("`")] = cells
    return rows


def test_render_compares_book_and_ours(results_dir: Path) -> None:
    text = results.render(results.load_all(results_dir), FIGURES, {"MNIST 8k": "8,000 real digits"})
    rows = _table_rows(text)
    # columns: example, quantity, book, bound, tf1 value, tf1 |diff|, tf1 within, tf2 x3, data
    acc = rows["ex_acc"]
    assert acc[2] == "Accuracy: 0.9246 (Seed A L2866)"
    assert acc[3] == "0.03 (issue 3: ch03)"
    assert acc[4:7] == ["0.911", "0.0136", "yes"]
    assert acc[7:10] == ["", "", ""]  # no modern_tf2 results: empty columns
    assert acc[10] == "MNIST 8k"
    assert rows["ex_miss"][4:7] == ["0.9445", "0.0344", "**no**"]
    assert rows["ex_list"][3] == "—"
    assert rows["ex_list"][4:7] == ["0.12", "0.0131", "no bound"]
    assert rows["ex_mean"][4:7] == ["", "", ""]  # the run failed: no value, no verdict
    assert rows["ex_absent"][4:7] == ["", "", ""]  # never run
    assert "* `ex_miss`, test accuracy: 8,000 training images instead of 60,000" in text
    assert "Data:\n\n* MNIST 8k: 8,000 real digits\n" in text
    assert (
        "* `reference_tf1`: 1 of 4 bounded figures within their bound; missed: `ex_miss` (test accuracy); "
        "no result: `ex_mean`, `ex_absent`.\n* `modern_tf2`: no runs yet.\n"
    ) in text


def test_render_lists_wall_times_errors_and_machines(results_dir: Path) -> None:
    text = results.render(results.load_all(results_dir), FIGURES)
    runs = text.split("## Runs")[1]
    assert "| `ex_acc` | 0:08 | 2.2 → 3.5 |  |  | ok |" in runs
    assert "| `ex_list` | 1:02:05 | 2.2 → 3.5 |  |  | ok |" in runs
    assert (
        "| `ex_mean` | 1:01 | 2.2 → 3.5 |  |  | reference_tf1: exit code 1, no result line; stderr ends: boom |"
        in runs
    )
    assert "| `ex_absent` |  |  |  |  | ok |" in runs
    assert "x86_64, 2 CPUs (Test CPU), Python 3.11.7, TensorFlow 2.21.0: 4 run(s)" in runs


def test_render_fills_the_modern_columns_when_there_are_results(results_dir: Path) -> None:
    modern = {"ex_acc": dict(_run("ex_acc", {"test_accuracy": 0.95}, 9.0), impl="tf2")}
    results.save_results(results.results_path(results_dir, "tf2"), {"package": "modern_tf2", "runs": modern})
    text = results.render(results.load_all(results_dir), FIGURES)
    assert _table_rows(text)["ex_acc"][7:10] == ["0.95", "0.0254", "yes"]
    assert "| `ex_acc` | 0:08 | 2.2 → 3.5 | 0:09 | 2.2 → 3.5 | ok |" in text


def test_main_render_writes_the_file(results_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    assert results.main(["render", "--results-dir", str(results_dir), "--out", str(out)]) == 0
    assert out.read_text().startswith("# Full runs: the book's figures and ours")


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("a", 1.0),
        ("b[0]", 2.0),
        ("b[-1]", 4.0),
        ("b[3]", None),
        ("mean(b)", 3.0),
        ("mean(c)", None),
        ("c", None),
        ("flag", None),
        ("absent", None),
    ],
)
def test_metric_value(spec: str, expected: float | None) -> None:
    metrics = {"a": 1, "b": [2.0, 3.0, 4.0], "c": "text", "flag": True}
    assert results.metric_value(metrics, spec) == expected


def test_parse_result_line_takes_the_last_result_object() -> None:
    stdout = (
        '{"not": "a result"}\nAccuracy: 0.9\n{"example": "x", "impl": "tf1", "metrics": {"a": 1}}\ntrailing\n'
    )
    assert results.parse_result_line(stdout) == {"example": "x", "impl": "tf1", "metrics": {"a": 1}}
    assert results.parse_result_line("no json here\n{broken") is None


def test_run_one_times_a_subprocess_and_reads_its_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "fakeimpl"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import json, sys\n"
        "example_id, seed = sys.argv[2], int(sys.argv[4])\n"
        "print('training...')\n"
        "print(json.dumps({'example': example_id, 'impl': 'fake', 'metrics': {'seed': seed, 'acc': 0.5}}))\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setitem(results.IMPLS, "fake", "fakeimpl")
    record = results.run_one("ex_acc", "fake", seed=3, timeout=60, log_dir=tmp_path / "logs")
    assert record["metrics"] == {"seed": 3, "acc": 0.5}
    assert record["error"] == ""
    assert record["returncode"] == 0
    assert record["stdout_tail"] == ["training..."]
    assert record["command"] == [
        "python",
        "-m",
        "fakeimpl",
        "run",
        "ex_acc",
        "--seed",
        "3",
        "--logdir",
        "<tmp>",
    ]
    assert record["machine"]["cpu_count"] >= 1
    assert record["machine"]["python"] == ".".join(map(str, sys.version_info[:3]))
    assert 0 <= record["seconds"] < 60
    json.dumps(record)  # storable as is


def test_book_figures_name_inventory_ids_and_valid_metrics() -> None:
    assert set(figure_example_ids()) <= set(INVENTORY_IDS)
    for figure in BOOK_FIGURES:
        assert re.fullmatch(r"\w+|\w+\[-?\d+\]|mean\(\w+\)", figure.metric), figure
        assert re.fullmatch(r"Seed A L\d+(-\d+)?|derived", figure.source), figure
        assert (figure.bound is None) == (figure.bound_source == ""), figure
        assert figure.data in DATA_SETS, figure


def test_docs_results_md_matches_the_stored_results() -> None:
    root = Path(__file__).resolve().parents[2]
    stored = results.load_all(root / "docs" / "results")
    assert stored["tf1"]["runs"], "docs/results/reference_tf1.json holds no runs"
    assert (root / "docs" / "results.md").read_text() == results.render(stored), (
        "docs/results.md is stale: run python -m tfmigrate.book.results render"
    )
