"""Issue 7, must-show 4: the migration chain. Legacy TensorFlow 0.12 code -> tfmigrate --target 2 -> reference.

examples/migration_chain/chain/ holds the book's trainable examples as a TensorFlow 0.12 user wrote them in 2016
(Python 2 where the book is), each with ParityModel hooks in that same dialect. The directory is converted
once per compat style with the CLI; the converted hooks must then compute what reference_tf1's hooks compute
(forward, loss, gradients, parameters after 1 and 3 steps) on the reference's initial weights and the same
random batches, for two seeds and each example's own learning rate (the stepped rate of the chapter 3 ReLU
nets included, which only matches when Python 2's integer `-i/decay_speed` became `//`).

The converted modules switch TensorFlow to graph mode for the whole process when imported, so they run in a
subprocess (tests/parity/chain_runner.py), one per style. As a control, the unconverted chain does not even
import or run on TensorFlow 2.21.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.python2.support import python2
from tfmigrate.book.inventory import INVENTORY_IDS
from tfmigrate.cli import main as tfmigrate

REPOSITORY = Path(__file__).resolve().parents[2]
CHAIN = REPOSITORY / "examples" / "migration_chain" / "chain"
RUNNER = Path(__file__).resolve().parent / "chain_runner.py"
PACKAGE = "chain"
"""The chain's package name: its modules import their shared hooks as `chain.parity_support`."""

CHAIN_EXAMPLES = sorted(path.stem for path in CHAIN.glob("*.py") if path.stem in INVENTORY_IDS)
IMPORT_STYLE_EXAMPLES = [
    "ch02_single_input_neuron",  # tf.mul, summaries, Python 2
    "ch03_five_layer_relu_dropout",  # dropout keep_prob -> rate, the stepped rate's integer division
    "ch04_emotion_cnn",  # tf.flags, get_variable(initializer=tensor), IMAGE_SIZE / 4, global_step
    "ch05_conv_autoencoder",  # tf.pack, conv2d_transpose, `import ...input_data as input_data`
    "ch10_frozenlake_qnetwork",  # a Python 2 program with a batch-less variant of the book's graph
]
PYTHON2_SYNTAX = [
    "ch02_single_input_neuron",
    "ch02_tf_upgrade_five_layers_relu",
    "ch03_five_layer_relu",
    "ch03_five_layer_relu_dropout",
    "ch03_five_layer_sigmoid",
    "ch03_softmax_classifier",
    "ch04_emotion_cnn",
    "ch10_frozenlake_qnetwork",
]
"""Modules with print statements, as in the book's listings; the others' listings parse as Python 3 too."""
SEEDS = (0, 1)
STYLES = ("symbols", "import")


@dataclass(frozen=True)
class Conversion:
    style: str
    root: Path
    """The output tree's root: the converted package is root / "chain"."""
    exit_status: int
    report: dict[str, Any]


@pytest.fixture(scope="session")
def convert(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Conversion]:
    """The chain converted by the CLI, once per style and test session."""
    done: dict[str, Conversion] = {}

    def conversion(style: str) -> Conversion:
        if style not in done:
            root = tmp_path_factory.mktemp(f"chain-{style}")
            report = root / "report.json"
            status = tfmigrate(
                [
                    "--target",
                    "2",
                    "--compat-style",
                    style,
                    "--intree",
                    str(CHAIN),
                    "--outtree",
                    str(root / PACKAGE),
                    "--reportfile",
                    str(root / "report.txt"),
                    "--report-json",
                    str(report),
                ]
            )
            done[style] = Conversion(style, root, status, json.loads(report.read_text()))
        return done[style]

    return conversion


def test_the_chain_has_at_least_ten_book_examples() -> None:
    assert len(CHAIN_EXAMPLES) >= 10, CHAIN_EXAMPLES
    assert set(IMPORT_STYLE_EXAMPLES) <= set(CHAIN_EXAMPLES)


@pytest.mark.parametrize("style", STYLES)
def test_the_chain_converts_without_errors(
    style: str, convert: Callable[[str], Conversion], capsys: pytest.CaptureFixture[str]
) -> None:
    conversion = convert(style)
    capsys.readouterr()
    errors = [f for f in conversion.report["findings"] if f["severity"] == "error"]
    assert conversion.exit_status == 0, errors
    assert conversion.report["summary"]["findings"]["error"] == 0
    assert conversion.report["summary"]["files"]["failed"] == 0
    for example_id in CHAIN_EXAMPLES:
        converted = (conversion.root / PACKAGE / f"{example_id}.py").read_text(encoding="utf-8")
        compile(converted, f"{example_id}.py", "exec")  # Python 3 now, every one of them


@pytest.mark.skipif(python2() is None, reason="no Python 2.7 interpreter on this machine")
def test_python_2_compiles_the_legacy_chain() -> None:
    """The chain is real Python 2; the modules whose listings have print statements are Python 2 only."""
    interpreter = python2()
    assert interpreter is not None
    script = "import sys\nfor path in sys.argv[1:]:\n    compile(open(path).read(), path, 'exec')\n"
    paths = sorted(str(path) for path in CHAIN.glob("*.py"))
    completed = subprocess.run(
        [interpreter, "-c", script, *paths], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    python2_only = []
    for path in paths:
        try:
            compile(Path(path).read_text(encoding="utf-8"), path, "exec")
        except SyntaxError:
            python2_only.append(Path(path).stem)
    assert python2_only == PYTHON2_SYNTAX


@contextlib.contextmanager
def _fresh_package() -> Iterator[None]:
    """Import the chain's modules afresh and forget them afterwards (this process imports no other copy)."""
    before = set(sys.modules)
    try:
        yield
    finally:
        for name in set(sys.modules) - before:
            if name == PACKAGE or name.startswith(f"{PACKAGE}."):
                del sys.modules[name]


def _stub_mnist_tutorial(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-ins for `tensorflow.examples.tutorials.mnist.input_data`, which TensorFlow 2.x removed, so that
    the control below shows the 0.x API failing rather than that missing module."""
    names = ["tensorflow.examples", "tensorflow.examples.tutorials", "tensorflow.examples.tutorials.mnist"]
    modules = [types.ModuleType(name) for name in [*names, f"{names[-1]}.input_data"]]
    for parent, child in itertools.pairwise(modules):
        setattr(parent, child.__name__.rsplit(".", 1)[1], child)
    for module in modules:
        monkeypatch.setitem(sys.modules, module.__name__, module)


@pytest.mark.tf
def test_the_unconverted_chain_does_not_run_on_tf_2_21(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each legacy module fails: on import (Python 2 syntax), or, where the book's code parses as Python 3,
    on the TensorFlow 0.x API when its hooks build their graph."""
    shutil.copytree(CHAIN, tmp_path / PACKAGE)
    monkeypatch.syspath_prepend(str(tmp_path))
    _stub_mnist_tutorial(monkeypatch)
    failures: dict[str, str] = {}
    with _fresh_package():
        for example_id in CHAIN_EXAMPLES:
            try:
                model = importlib.import_module(f"{PACKAGE}.{example_id}").parity_model()
                spec = model.batch_spec()
                batch = {name: np.zeros((2, *s.shape), np.float32) for name, s in spec.items()}
                model.forward(model.initial_weights(0), batch)
            except (SyntaxError, ImportError, AttributeError) as error:
                failures[example_id] = f"{type(error).__name__}: {error}"
    assert sorted(failures) == CHAIN_EXAMPLES, f"these ran unconverted: {set(CHAIN_EXAMPLES) - set(failures)}"
    python3_parsable = [i for i, failure in failures.items() if not failure.startswith("SyntaxError")]
    assert python3_parsable, "expected some legacy modules that only the TensorFlow API stops"
    for example_id in python3_parsable:
        assert failures[example_id].startswith("AttributeError: module 'tensorflow"), failures[example_id]


def run_chain(conversion: Conversion, examples: list[str]) -> dict[str, dict[str, Any]]:
    """The runner's JSON record per example (see chain_runner.py), from a process of its own."""
    environment = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="3")
    completed = subprocess.run(
        [
            sys.executable,
            str(RUNNER),
            str(conversion.root),
            *examples,
            "--seeds",
            *(str(seed) for seed in SEEDS),
        ],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        env=environment,
        check=False,
        timeout=1200,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    records = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    return {record["example"]: record for record in records}


def problems(record: dict[str, Any]) -> list[str]:
    """Everything wrong with one example's record, as readable lines (empty: parity holds)."""
    if "error" in record:
        return [record["error"]]
    found = []
    for part in ("spec", "weights"):
        if record[part]["legacy"] != record[part]["reference"]:
            found.append(f"{part}: legacy {record[part]['legacy']} != reference {record[part]['reference']}")
    for result in record["results"]:
        found.extend(
            f"seed {result['seed']}: {c['quantity']} max |diff| {c['max_abs']:.3g} > {c['bound']} {c['detail']}"
            for c in result["comparisons"]
            if not c["passed"]
        )
    return found


@pytest.mark.tf
@pytest.mark.parametrize("style", STYLES)
def test_the_converted_chain_computes_what_the_reference_computes(
    style: str, convert: Callable[[str], Conversion], capsys: pytest.CaptureFixture[str]
) -> None:
    conversion = convert(style)
    capsys.readouterr()
    assert conversion.exit_status == 0
    examples = CHAIN_EXAMPLES if style == "symbols" else IMPORT_STYLE_EXAMPLES
    records = run_chain(conversion, examples)
    assert sorted(records) == sorted(examples)
    failures = {example_id: problems(records[example_id]) for example_id in examples}
    failures = {example_id: found for example_id, found in failures.items() if found}
    assert failures == {}, "\n".join(f"{i}:\n  " + "\n  ".join(found) for i, found in failures.items())
    for record in records.values():
        assert [result["seed"] for result in record["results"]] == list(SEEDS)
