"""Generate the API snapshot of the installed TensorFlow: every public `tf.*` and `tf.compat.v1.*` name.

    python -m tfmigrate.api.snapshot --write tfmigrate/api/tensorflow_2_21.json.gz

Runs TensorFlow twice in subprocesses, with and without TF_USE_LEGACY_KERAS=1, because the legacy
Keras 2 package (tf-keras) is what gives `tf.compat.v1.layers` and `tf.compat.v1.nn.rnn_cell` their
contents. Each name records its kind, its call signature, and an identity group shared by names that
denote the very same Python object (so that `tf.compat.v1.log` and `tf.math.log` are known to be one
function, and `tf.compat.v1.nn.dropout` and `tf.nn.dropout` two).

This is the only module of tfmigrate that imports TensorFlow, and only when run as a script.
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

API_MODULE_PREFIXES = (
    "tensorflow._api.",
    "tensorflow.compat",
    "tf_keras.api.",
    "keras._tf_keras.",
    "keras.api.",
)
"""Module names whose contents are public API (everything else reached by attribute is an implementation)."""

SKIPPED_SUBTREES = ("compat.v1.compat", "compat.v2", "compat.v1.keras.__internal__")
MAX_DEPTH = 8

Entry = dict[str, Any]


def _parameters(obj: Any) -> list[list[Any]] | None:
    try:
        parameters = list(inspect.signature(obj).parameters.values())
        variadic = {inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD}
        if inspect.isclass(obj) and {p.kind for p in parameters} <= variadic:
            # A metaclass __call__ hides the constructor (tf.Variable): read __init__ instead.
            parameters = list(inspect.signature(obj.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return None
    return [[p.name, p.kind.name, p.default is not inspect.Parameter.empty] for p in parameters]


def _unwrap(obj: Any) -> Any:
    if inspect.isfunction(obj) or inspect.ismethod(obj):
        return inspect.unwrap(obj)
    return obj


def _kind(obj: Any) -> str:
    if isinstance(obj, types.ModuleType):
        return "module"
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return "constant"


def _is_api_module(obj: Any) -> bool:
    return isinstance(obj, types.ModuleType) and str(getattr(obj, "__name__", "")).startswith(
        API_MODULE_PREFIXES
    )


def collect(legacy_keras: bool) -> dict[str, Any]:
    """Walk tf and tf.compat.v1 in this process (TF_USE_LEGACY_KERAS must already be set as wanted)."""
    # tf.compat.v1.flags.FLAGS parses sys.argv when inspected: give it nothing to parse.
    sys.argv = sys.argv[:1]
    import tensorflow as tf

    entries: dict[str, Entry] = {}
    identities: dict[int, int] = {}

    def identity(obj: Any) -> int:
        return identities.setdefault(id(obj), len(identities))

    def walk(module: Any, prefix: str, depth: int) -> None:
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            path = f"{prefix}.{name}" if prefix else name
            if path in SKIPPED_SUBTREES:
                continue
            try:
                obj = getattr(module, name)
            except Exception:  # some lazy attributes raise on access (Keras 3 stubs of removed APIs)
                continue
            if isinstance(obj, types.ModuleType):
                if not _is_api_module(obj) or depth >= MAX_DEPTH:
                    continue
                first_visit = id(obj) not in identities
                entries[path] = {"kind": "module", "id": identity(obj)}
                if first_visit:  # a module reached again under another name is recorded, not walked twice
                    walk(obj, path, depth + 1)
                continue
            try:
                # Decorators (dispatch, deprecation) wrap one function differently under different
                # names; the function underneath is what tells whether two names mean the same.
                entry: Entry = {"kind": _kind(obj), "id": identity(_unwrap(obj))}
                if entry["kind"] in ("function", "class"):
                    parameters = _parameters(obj)
                    if parameters is not None:
                        entry["params"] = parameters
            except Exception:  # objects whose attributes misbehave when inspected: record the name only
                entry = {"kind": "constant", "id": identity(obj)}
            entries[path] = entry

    walk(tf, "", 0)
    return {
        "tensorflow": tf.__version__,
        "keras": _version("keras"),
        "tf_keras": _version("tf_keras"),
        "legacy_keras": legacy_keras,
        "entries": entries,
    }


def _version(package: str) -> str | None:
    try:
        module = __import__(package)
    except ImportError:
        return None
    return str(module.__version__)


def _run_collector(legacy_keras: bool) -> dict[str, Any]:
    environment = dict(os.environ, TF_USE_LEGACY_KERAS="1" if legacy_keras else "0", TF_CPP_MIN_LOG_LEVEL="3")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tfmigrate.api.snapshot",
            "--collect",
            "--legacy-keras" if legacy_keras else "--keras3",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def build() -> dict[str, Any]:
    """The snapshot: names from both Keras settings, marked where they exist under only one."""
    legacy = _run_collector(legacy_keras=True)
    keras3 = _run_collector(legacy_keras=False)
    names: dict[str, Entry] = {}
    for path in sorted(set(legacy["entries"]) | set(keras3["entries"])):
        in_legacy, in_keras3 = path in legacy["entries"], path in keras3["entries"]
        entry = dict(legacy["entries"][path] if in_legacy else keras3["entries"][path])
        if not in_keras3:
            entry["only"] = "legacy_keras"
        elif not in_legacy:
            entry["only"] = "keras3"
        names[path] = entry
    # Identity groups come from the legacy-Keras process; re-number them densely for a stable file.
    renumbered: dict[int, int] = {}
    for path in sorted(names):
        names[path]["id"] = renumbered.setdefault(
            names[path]["id"] * 2 + (path not in legacy["entries"]), len(renumbered)
        )
    return {
        "format_version": 1,
        "tensorflow": legacy["tensorflow"],
        "tf_keras": legacy["tf_keras"],
        "keras": keras3["keras"],
        "names": names,
    }


def serialise(snapshot: dict[str, Any]) -> bytes:
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
    return gzip.compress(text, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write", type=Path, help="write the snapshot (gzipped JSON) to this file")
    parser.add_argument("--collect", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--legacy-keras", dest="legacy", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keras3", dest="legacy", action="store_false", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.collect:
        json.dump(collect(args.legacy), sys.stdout, sort_keys=True)
        return 0
    if args.write is None:
        parser.error("give --write PATH")
    args.write.write_bytes(serialise(build()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
