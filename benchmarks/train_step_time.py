"""Training-step time of reference_tf1 (graph + Session) against modern_tf2 (tf.function), per example.

    python benchmarks/train_step_time.py [IDS...] [--steps 20] [--repeats 3] [--batch-size 64]

For every example trainable in both trees, each implementation runs its parity hook `train_steps`
from the same weights on the same batches, once with N steps and once with 2N; the per-step time
is (t(2N) - t(N)) / N, which leaves out building the graph or tracing the function. The median of
the repeats is printed, with the ratio modern / reference (target: <= 1.0). CPU only; note the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence

import numpy as np


def per_step_seconds(
    model: object, weights: dict[str, np.ndarray], batches: list[dict[str, np.ndarray]]
) -> float:
    start = time.perf_counter()
    model.train_steps(weights, batches[:1])  # type: ignore[attr-defined]
    one = time.perf_counter() - start
    start = time.perf_counter()
    model.train_steps(weights, batches)  # type: ignore[attr-defined]
    many = time.perf_counter() - start
    return (many - one) / (len(batches) - 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ids", nargs="*")
    parser.add_argument("--steps", type=int, default=20, help="2N: runs of N and 2N steps are compared")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args(argv)

    import modern_tf2  # noqa: F401  (before TensorFlow: legacy Keras for the reference tree)
    import reference_tf1  # noqa: F401
    from tfmigrate.book.runtime import discover
    from tfmigrate.parity.harness import random_batch

    reference, modern = discover("reference_tf1"), discover("modern_tf2")
    pairs = sorted(
        i
        for i, e in reference.items()
        if e.parity_model is not None and modern.get(i) and modern[i].parity_model
    )
    chosen = args.ids or pairs
    machine = f"{os.uname().machine}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    print(
        f"# {machine}; batch {args.batch_size}; per step from {args.steps} vs {args.steps // 2} steps; ",
        end="",
    )
    print(f"median of {args.repeats}")
    print(f"{'example':<36} {'reference_tf1 (ms)':>19} {'modern_tf2 (ms)':>16} {'ratio':>7}")
    ratios = []
    for example_id in chosen:
        tf1, tf2 = reference[example_id].parity_model(), modern[example_id].parity_model()  # type: ignore[misc]
        rng = np.random.default_rng(0)
        weights = tf1.initial_weights(0)
        batches = [random_batch(tf1.batch_spec(), args.batch_size, rng) for _ in range(args.steps)]
        times: dict[str, list[float]] = {"tf1": [], "tf2": []}
        for model in (tf1, tf2):  # warm up: first calls pay one-time costs (kernels, caches, traces)
            model.train_steps(weights, batches)
        for _ in range(args.repeats):
            times["tf1"].append(per_step_seconds(tf1, weights, batches))
            times["tf2"].append(per_step_seconds(tf2, weights, batches))
        old, new = statistics.median(times["tf1"]) * 1000, statistics.median(times["tf2"]) * 1000
        ratio = new / old if old > 0 else float("inf")
        ratios.append(ratio)
        print(f"{example_id:<36} {old:>19.2f} {new:>16.2f} {ratio:>7.2f}", flush=True)
    slower = sum(1 for ratio in ratios if ratio > 1.0)
    print(f"# modern <= reference on {len(ratios) - slower} of {len(ratios)} examples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
