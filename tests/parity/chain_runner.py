"""The migration chain's worker: converted legacy modules against reference_tf1, in a process of its own.

    python tests/parity/chain_runner.py TREE ID [ID ...] [--seeds 0 1] [--batch-size 3]

TREE is a `tfmigrate --target 2` output of examples/migration_chain; each ID is imported as `chain.<ID>` from it.
Converted graph-mode modules call `tf.compat.v1.disable_eager_execution()` (symbols style) or
`tf.disable_v2_behavior()` (import style) when imported, which holds for the whole process: that is why
test_migration_chain.py runs this script with `sys.executable` instead of importing the modules itself.

For every example and seed, `harness.compare` runs the reference hooks (expected side) and the converted
legacy hooks on the reference's `initial_weights(seed)` and three batches from `harness.random_batch`, with
each example's own learning rate. One JSON object per example is printed on its own line; an exception in
one example is reported in its object and the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tfmigrate.book import tfenv

tfenv.configure()  # before TensorFlow: the converted rnn_cell code needs the legacy Keras

import numpy as np  # noqa: E402

from tfmigrate.book.runtime import ParityModel, TensorSpec  # noqa: E402
from tfmigrate.parity import harness  # noqa: E402

BATCHES = 3


def reference_model(example_id: str) -> ParityModel:
    module = importlib.import_module(f"reference_tf1.{example_id}")
    for example in module.EXAMPLES:
        if example.example_id == example_id and example.parity_model is not None:
            model: ParityModel = example.parity_model()
            return model
    raise LookupError(f"reference_tf1.{example_id} has no parity hooks for {example_id}")


def spec_fields(spec: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Comparable fields of a batch spec (the legacy modules return namedtuples of the same fields)."""
    return {
        name: [list(s.shape), str(s.dtype), s.kind, float(s.low), float(s.high), int(s.depth)]
        for name, s in spec.items()
    }


def weight_layout(weights: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {name: [list(np.shape(value)), str(np.asarray(value).dtype)] for name, value in weights.items()}


def run_example(example_id: str, seeds: Sequence[int], batch_size: int) -> dict[str, Any]:
    started = time.perf_counter()
    reference = reference_model(example_id)
    legacy = importlib.import_module(f"chain.{example_id}").parity_model()
    spec: Mapping[str, TensorSpec] = reference.batch_spec()
    record: dict[str, Any] = {
        "example": example_id,
        "spec": {"reference": spec_fields(spec), "legacy": spec_fields(legacy.batch_spec())},
        "weights": {
            "reference": weight_layout(reference.initial_weights(seeds[0])),
            "legacy": weight_layout(legacy.initial_weights(seeds[0])),
        },
        "results": [],
    }
    for seed in seeds:
        rng = np.random.default_rng(seed)
        batches = [harness.random_batch(spec, batch_size, rng) for _ in range(BATCHES)]
        result = harness.compare(
            example_id, reference, legacy, weights=reference.initial_weights(seed), batches=batches
        )
        record["results"].append(
            {
                "seed": seed,
                "passed": result.passed,
                "comparisons": [
                    {
                        "quantity": c.quantity,
                        "max_abs": c.max_abs,
                        "bound": str(c.bound),
                        "passed": c.passed,
                        "detail": c.detail,
                    }
                    for c in result.comparisons
                ],
            }
        )
    record["seconds"] = round(time.perf_counter() - started, 2)
    return record


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("examples", nargs="+")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--batch-size", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.tree.resolve()))
    for example_id in args.examples:
        try:
            record = run_example(example_id, args.seeds, args.batch_size)
        except Exception:  # one broken conversion must not hide the others' results
            record = {"example": example_id, "error": traceback.format_exc()}
        print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
