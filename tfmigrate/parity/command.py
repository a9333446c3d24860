"""`tfmigrate parity [IDS...] [--device cpu|gpu|all] [--steps K] [--seed S] [--json PATH]`.

For every example that both trees can train (both have parity hooks), draws weights and batches once
and compares the two implementations (tfmigrate.parity.harness). Prints one row per example and
device; exit status 1 when any comparison fails, 2 for a usage error (an unknown id, no GPU).

Devices: `cpu` always works; `gpu` runs where TensorFlow sees a GPU, with TF32 off and op determinism
on; `all` is every device present. On a machine with a GPU, the CPU run hides the GPU (a subprocess
with CUDA_VISIBLE_DEVICES=-1), so that each row is computed on the device it names.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tfmigrate parity", description=__doc__.split("\n\n")[1])
    parser.add_argument("ids", nargs="*", metavar="ID", help="example ids (default: every trainable example)")
    parser.add_argument("--device", choices=("cpu", "gpu", "all"), default="cpu")
    parser.add_argument("--steps", type=int, default=3, help="K: compare parameters after 1 and K steps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--json", type=Path, help="write the results as JSON to this path")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    return parser


def gpu_available() -> bool:
    import tensorflow as tf

    return bool(tf.config.list_physical_devices("GPU"))


def configure_gpu_determinism() -> None:
    import tensorflow as tf

    tf.config.experimental.enable_tensor_float_32_execution(False)
    tf.config.experimental.enable_op_determinism()


def trainable_pairs(ids: Sequence[str]) -> list[tuple[str, object, object]]:
    import modern_tf2  # noqa: F401  (configures TensorFlow before it is imported)
    import reference_tf1  # noqa: F401
    from tfmigrate.book.runtime import discover

    reference, modern = discover("reference_tf1"), discover("modern_tf2")
    both = sorted(
        example_id
        for example_id in reference
        if reference[example_id].parity_model is not None
        and example_id in modern
        and modern[example_id].parity_model is not None
    )
    unknown = [example_id for example_id in ids if example_id not in both]
    if unknown:
        raise KeyError(f"not trainable in both trees: {', '.join(unknown)} (trainable: {', '.join(both)})")
    chosen = list(ids) or both
    return [(i, reference[i].parity_model, modern[i].parity_model) for i in chosen]


def run_in_process(
    ids: Sequence[str], device: str, steps: int, seed: int, batch_size: int
) -> list[dict[str, object]]:
    import numpy as np

    from tfmigrate.parity import harness

    if device == "gpu":
        configure_gpu_determinism()
    results = []
    for example_id, make_reference, make_modern in trainable_pairs(ids):
        reference, modern = make_reference(), make_modern()  # type: ignore[operator]
        rng = np.random.default_rng(seed)
        weights = reference.initial_weights(seed)
        batches = [harness.random_batch(reference.batch_spec(), batch_size, rng) for _ in range(steps)]
        result = harness.compare(
            example_id,
            reference,
            modern,
            weights=weights,
            batches=batches,
            steps=sorted({1, steps}),
            device=device,
        )
        results.append(asdict(result) | {"passed": result.passed})
    return results


def _run_hidden_gpu(arguments: Sequence[str]) -> list[dict[str, object]]:
    environment = dict(os.environ, CUDA_VISIBLE_DEVICES="-1")
    completed = subprocess.run(
        [sys.executable, "-m", "tfmigrate", "parity", *arguments, "--inner", "--device", "cpu"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    rows: list[dict[str, object]] = json.loads(completed.stdout.strip().splitlines()[-1])
    return rows


def format_table(rows: Sequence[dict[str, object]]) -> str:
    def cell(row: dict[str, object], quantity: str) -> str:
        for comparison in row["comparisons"]:  # type: ignore[attr-defined]
            if comparison["quantity"] == quantity:
                return f"{comparison['max_abs']:.2e}"
        return "-"

    steps = max((max(row["steps"]) for row in rows), default=3)  # type: ignore[call-overload]
    header = [
        "example",
        "device",
        "forward",
        "loss",
        "gradients",
        "params@1",
        f"params@{steps}",
        "tolerance",
        "result",
    ]
    lines = [header]
    for row in rows:
        comparisons: list[dict[str, object]] = row["comparisons"]  # type: ignore[assignment]
        bounds = sorted({f"{c['bound']['rtol']:g}/{c['bound']['atol']:g}" for c in comparisons})  # type: ignore[index]
        lines.append(
            [
                str(row["example_id"]),
                str(row["device"]),
                cell(row, "forward"),
                cell(row, "loss"),
                cell(row, "gradients"),
                cell(row, "parameters@1"),
                cell(row, f"parameters@{steps}"),
                " ".join(bounds),
                "PASS" if row["passed"] else "FAIL",
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    rendered = [
        "  ".join(value.ljust(width) for value, width in zip(line, widths, strict=True)) for line in lines
    ]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    failures = [
        f"  {row['example_id']} ({row['device']}): {c['quantity']} {c['detail']}".rstrip()
        for row in rows
        for c in row["comparisons"]  # type: ignore[attr-defined]
        if not c["passed"]
    ]
    footer = ["", "tolerance column: rtol/atol per quantity (forward, loss, gradients | parameters)"]
    if failures:
        footer += ["failures:", *failures]
    return "\n".join(rendered + footer)


def main(argv: Sequence[str]) -> int:
    from tfmigrate.book import tfenv

    tfenv.configure()  # before anything imports TensorFlow: the reference tree needs the legacy Keras
    args = _parser().parse_args(list(argv))
    if args.steps < 1 or args.steps > 10:
        print("tfmigrate parity: --steps must be between 1 and 10", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.inner:
            print(json.dumps(run_in_process(args.ids, "cpu", args.steps, args.seed, args.batch_size)))
            return EXIT_PASS
        has_gpu = gpu_available()
        if args.device == "gpu" and not has_gpu:
            print("tfmigrate parity: TensorFlow sees no GPU here", file=sys.stderr)
            return EXIT_USAGE
        rows: list[dict[str, object]] = []
        passthrough = [
            *args.ids,
            "--steps",
            str(args.steps),
            "--seed",
            str(args.seed),
            "--batch-size",
            str(args.batch_size),
        ]
        if args.device in ("cpu", "all"):
            if has_gpu:
                rows += _run_hidden_gpu(passthrough)
            else:
                rows += run_in_process(args.ids, "cpu", args.steps, args.seed, args.batch_size)
        if args.device in ("gpu", "all") and has_gpu:
            rows += run_in_process(args.ids, "gpu", args.steps, args.seed, args.batch_size)
    except KeyError as error:
        print(f"tfmigrate parity: {error.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    print(format_table(rows))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return EXIT_PASS if all(row["passed"] for row in rows) else EXIT_FAIL
