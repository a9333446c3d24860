"""What every book example exposes, in both trees, and the command line that runs them.

`python -m reference_tf1 ...` and `python -m modern_tf2 ...` both end up in `main` here, so the two
trees share one entry point, one set of flags and one output format:

    list                         one line per example id, with its title
    run ID [--smoke] [--steps N] [--seed S] [--data-dir DIR] [--logdir DIR]

`run` prints whatever the example prints, then, as its last line, one JSON object:
`{"example": ID, "impl": "tf1" | "tf2", "metrics": {...}}`.

Nothing here imports TensorFlow; the example modules do, when they are run.
"""

from __future__ import annotations

import abc
import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

Weights = dict[str, np.ndarray]
"""Model parameters by canonical name (the reference tree's variable names), in the reference layout."""

Batch = dict[str, np.ndarray]
"""One mini-batch by input name (for example {"x": images, "y": one_hot_labels})."""

MetricValue = float | int | str | bool | list[float] | list[int] | list[str] | None
Metrics = dict[str, MetricValue]


@dataclass(frozen=True)
class RunConfig:
    """The flags of `run`, as an example sees them."""

    smoke: bool = False
    """Finish within 60 s on 2 CPU cores: few steps, a small slice of the data, same code path."""
    steps: int | None = None
    """Override of the number of training steps (or episodes); None means the example's own choice."""
    seed: int = 0
    data_dir: Path | None = None
    """Where data sets live; None means the offline sources the project ships or builds."""
    logdir: Path | None = None
    """Where TensorBoard summaries and checkpoints go; None means a fresh temporary directory."""


@dataclass(frozen=True)
class TensorSpec:
    """Shape (without the batch dimension), dtype and value domain of one input of a batch.

    `kind` is one of: "real" (uniform in [low, high]), "one_hot" (rows of a `depth`-class one-hot
    matrix), "index" (integers in [low, high)), used by the parity harness to draw batches.
    """

    shape: tuple[int, ...]
    dtype: str = "float32"
    kind: str = "real"
    low: float = 0.0
    high: float = 1.0
    depth: int = 0


class ParityModel(Protocol):
    """The hooks the parity harness uses; both trees implement them for every trainable example.

    Weights go in and come out as numpy arrays under the reference tree's names and layouts; each tree
    documents how it maps them onto its own variables. All randomness inside the model (dropout,
    noise) is switched off in these hooks, so that both trees compute a deterministic function.
    """

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        """The inputs of one batch."""
        ...

    def initial_weights(self, seed: int) -> Weights:
        """Weights drawn the way the example initialises them, from a numpy generator seeded with `seed`."""
        ...

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        """The model's output for the batch (logits, probabilities or reconstruction, as the book has it)."""
        ...

    def loss(self, weights: Weights, batch: Batch) -> float:
        """The training loss exactly as the example defines it."""
        ...

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        """d loss / d weight for every trainable weight."""
        ...

    def train_steps(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> Weights:
        """Weights after one optimizer step per batch, starting from fresh optimizer state.

        `learning_rate` None means the example's own; a value overrides it (the parity tests draw it).
        """
        ...


@runtime_checkable
class FastParityModel(ParityModel, Protocol):
    """Optional hooks that compute several quantities from one graph or trace (the harness uses them
    when a model has them; the results must equal the separate hooks')."""

    def evaluate(self, weights: Weights, batch: Batch) -> tuple[np.ndarray, float, Weights]:
        """(forward, loss, gradients) for one batch."""
        ...

    def trajectory(
        self, weights: Weights, batches: Sequence[Batch], learning_rate: float | None = None
    ) -> list[Weights]:
        """The weights after each of the steps (one per batch), from fresh optimizer state."""
        ...


class EvaluatingParityModel(abc.ABC):
    """The part of ParityModel both trees implement alike: the batch spec and weight draw they are given,
    and forward, loss and gradients as the parts of one `evaluate` (the FastParityModel hook).

    Computing the three together matters beyond speed: a graph or trace that fetches the output alone can
    be optimised differently (grappler fuses ops whose intermediates nothing else needs), which moved the
    conv-LSTM's output by one float32 ulp; this way every hook gives what `evaluate` gives.
    """

    def __init__(
        self, spec: Mapping[str, TensorSpec], draw_weights: Callable[[np.random.Generator], Weights]
    ) -> None:
        self._spec = dict(spec)
        self._draw_weights = draw_weights

    def batch_spec(self) -> Mapping[str, TensorSpec]:
        return dict(self._spec)

    def initial_weights(self, seed: int) -> Weights:
        return self._draw_weights(np.random.default_rng(seed))

    @abc.abstractmethod
    def evaluate(self, weights: Weights, batch: Batch) -> tuple[np.ndarray, float, Weights]:
        """(forward, loss, gradients) for one batch."""

    def forward(self, weights: Weights, batch: Batch) -> np.ndarray:
        return self.evaluate(weights, batch)[0]

    def loss(self, weights: Weights, batch: Batch) -> float:
        return self.evaluate(weights, batch)[1]

    def gradients(self, weights: Weights, batch: Batch) -> Weights:
        return self.evaluate(weights, batch)[2]


def leaf_layers(model: Any) -> list[Any]:
    """The layers of a Keras model (Keras 3 or legacy Keras 2) that own variables, in creation order,
    looking inside nested models and wrappers such as TimeDistributed (duck-typed: no Keras import)."""
    found: list[Any] = []
    for layer in model.layers:
        inner = getattr(layer, "layer", None)
        if hasattr(layer, "layers"):
            found.extend(leaf_layers(layer))
        elif inner is not None and hasattr(inner, "layers"):
            found.extend(leaf_layers(inner))
        elif inner is not None:
            found.append(inner)
        else:
            found.append(layer)
    return found


@dataclass(frozen=True)
class Example:
    """One inventory id and how to run it."""

    example_id: str
    title: str
    run: Callable[[RunConfig], Metrics]
    parity_model: Callable[[], ParityModel] | None = None
    missing: str = ""
    """What could not be reproduced here and why (no weights to download, not runnable in the book...)."""
    tags: tuple[str, ...] = field(default_factory=tuple)
    migration: tuple[str, str] | None = None
    """modern_tf2 only: (the reference's TF1 construct, what replaced it), for docs/migration-notes.md."""


def discover(package: str) -> dict[str, Example]:
    """Every `EXAMPLES` tuple of every module of `package`, by example id (modules imported lazily)."""
    root = importlib.import_module(package)
    found: dict[str, Example] = {}
    for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        for example in getattr(module, "EXAMPLES", ()):
            if example.example_id in found:
                raise ValueError(f"example id {example.example_id!r} defined twice in {package}")
            found[example.example_id] = example
    return found


def _parse_args(argv: Sequence[str], prog: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=prog, description="Run the book's examples.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the example ids")
    run = commands.add_parser("run", help="run one example; the last line printed is a JSON object")
    run.add_argument("example_id", metavar="ID")
    run.add_argument("--smoke", action="store_true", help="a short run (under 60 s on 2 cores)")
    run.add_argument("--steps", type=int, default=None, help="number of training steps or episodes")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--data-dir", type=Path, default=None)
    run.add_argument("--logdir", type=Path, default=None)
    return parser.parse_args(list(argv))


def run_example(examples: Mapping[str, Example], example_id: str, config: RunConfig, impl: str) -> Metrics:
    """Run one example and print its JSON result line; returns its metrics."""
    example = examples[example_id]
    metrics = example.run(config)
    print(json.dumps({"example": example_id, "impl": impl, "metrics": metrics}, sort_keys=True))
    return metrics


def main(argv: Sequence[str] | None, *, package: str, impl: str) -> int:
    """Entry point of `python -m <package>`; exit 0 on success, 2 for an unknown id."""
    args = _parse_args(sys.argv[1:] if argv is None else argv, prog=f"python -m {package}")
    examples = discover(package)
    if args.command == "list":
        for example_id in sorted(examples):
            print(f"{example_id}\t{examples[example_id].title}")
        return 0
    if args.example_id not in examples:
        print(f"unknown example id {args.example_id!r}; see `python -m {package} list`", file=sys.stderr)
        return 2
    config = RunConfig(
        smoke=args.smoke, steps=args.steps, seed=args.seed, data_dir=args.data_dir, logdir=args.logdir
    )
    run_example(examples, args.example_id, config, impl)
    return 0
