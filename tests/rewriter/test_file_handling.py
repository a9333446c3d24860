"""File handling (issue 10): encodings, modes, links, special and temporary files, sizes, atomic writes.

Each case runs through the command line, as a user would. The interrupt tests kill a real `tfmigrate
--inplace` process mid-run and check that every file is exactly its old or its new content.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.rewriter.cli_runs import run_main, write_tree
from tfmigrate import files, rules
from tfmigrate.cli import EXIT_ATTENTION, EXIT_CLEAN, EXIT_INTERRUPTED, EXIT_USAGE
from tfmigrate.files import convert_bytes, is_temporary

RULES = rules.select("1")
TFMIGRATE = Path(sys.executable).with_name("tfmigrate")
LEGACY = b"import tensorflow as tf\ny = tf.mul(a, b)\n"
CONVERTED = b"import tensorflow as tf\ny = tf.multiply(a, b)\n"


def run(args: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    result = run_main([*args, "--reportfile", "report.txt"] if "--check" not in args else args, cwd, capsys)
    return result.code, result.out


def statuses(root: Path) -> dict[str, str]:
    document = json.loads((root / "r.json").read_text())
    return {f["input"]: f["status"] for f in document["files"]}


# --- encodings ------------------------------------------------------------------------------------------

LATIN1 = "# -*- coding: latin-1 -*-\n# café, naïve\nimport tensorflow as tf\nlabel = 'é'; y = tf.mul(a, b)\n".encode(
    "latin-1"
)
CP1252 = "# coding: cp1252\n# “quotes” €\nimport tensorflow as tf\ny = tf.neg(x)\n".encode("cp1252")
BOM = b"\xef\xbb\xbf" + "# 한국어\nimport tensorflow as tf\ny = tf.sub(a, b)\n".encode()


def test_encodings_are_honoured_and_written_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        tmp_path / "old",
        {
            "latin1.py": LATIN1,
            "cp1252.py": CP1252,
            "bom.py": BOM,
            "latin1_no_cookie.py": "import tensorflow as tf\nlabel = 'é'\n".encode("latin-1"),
            "unknown_codec.py": b"# coding: klingon\nimport tensorflow as tf\n",
            "bad_utf8.py": b"import tensorflow as tf\nx = '\xff\xfe'\ny = tf.mul(a, b)\n",
        },
    )
    code, out = run(["--intree", "old", "--outtree", "new", "--report-json", "r.json"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    new = tmp_path / "new"
    assert (new / "latin1.py").read_bytes() == LATIN1.replace(b"tf.mul", b"tf.multiply")
    assert (new / "cp1252.py").read_bytes() == CP1252.replace(b"tf.neg", b"tf.negative")
    assert (new / "bom.py").read_bytes() == BOM.replace(b"tf.sub", b"tf.subtract")
    for name in ("latin1_no_cookie.py", "unknown_codec.py", "bad_utf8.py"):
        assert (new / name).read_bytes() == (tmp_path / "old" / name).read_bytes(), name
        assert f"old/{name}:1:1: TFM0005 error: Could not decode this file" in out
    assert statuses(tmp_path)["old/latin1.py"] == "changed"
    assert statuses(tmp_path)["old/bad_utf8.py"] == "failed"


def test_undecodable_file_is_never_rewritten_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"import tensorflow as tf\nx = '\xff'\ny = tf.mul(a, b)\n"
    write_tree(tmp_path / "tree", {"bad.py": data})
    before = (tmp_path / "tree" / "bad.py").stat().st_mtime_ns
    code, _ = run(["--intree", "tree", "--inplace"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert (tmp_path / "tree" / "bad.py").read_bytes() == data
    assert (tmp_path / "tree" / "bad.py").stat().st_mtime_ns == before


# --- modes, links, special files ------------------------------------------------------------------------


def test_file_modes_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        tmp_path / "old",
        {
            "run.py": LEGACY,
            "same.py": b"x = 1\n",
            "tool.sh": b"#!/bin/sh\n",
            "ro.py": LEGACY,
            "nb.ipynb": b"",
        },
    )
    modes = {"run.py": 0o755, "same.py": 0o750, "tool.sh": 0o755, "ro.py": 0o444, "nb.ipynb": 0o700}
    for name, mode in modes.items():
        (tmp_path / "old" / name).chmod(mode)
    code, _ = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    for name, mode in modes.items():
        assert (tmp_path / "new" / name).stat().st_mode & 0o7777 == mode, name
    code, _ = run(["--intree", "old", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert (tmp_path / "old" / "run.py").read_bytes() == CONVERTED
    for name, mode in modes.items():
        assert (tmp_path / "old" / name).stat().st_mode & 0o7777 == mode, name


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_inplace_keeps_the_owner(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "tree", {"a.py": LEGACY})
    os.chown(tmp_path / "tree" / "a.py", 4321, 4322)
    code, _ = run(["--intree", "tree", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN and (tmp_path / "tree" / "a.py").read_bytes() == CONVERTED
    status = (tmp_path / "tree" / "a.py").stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)
    code, _ = run(["--intree", "tree", "--outtree", "new"], tmp_path, capsys)
    assert (tmp_path / "new" / "a.py").stat().st_uid == os.geteuid()  # a new tree is the runner's


def make_linked_tree(tmp_path: Path) -> Path:
    """A tree with links of every kind, and a directory outside it that must never be touched."""
    outside = tmp_path / "outside"
    write_tree(outside, {"secret.py": LEGACY, "data.txt": b"outside\n"})
    tree = tmp_path / "tree"
    write_tree(tree, {"a.py": LEGACY, "pkg/b.py": LEGACY})
    (tree / "link_to_a.py").symlink_to("a.py")
    (tree / "pkg_link").symlink_to("pkg", target_is_directory=True)
    (tree / "out_dir").symlink_to("../outside", target_is_directory=True)
    (tree / "out_file.py").symlink_to(outside / "secret.py")
    (tree / "broken.py").symlink_to("does_not_exist.py")
    (tree / "loop").symlink_to(".", target_is_directory=True)
    return tree


LINKS = {
    "link_to_a.py": "a.py",
    "pkg_link": "pkg",
    "out_dir": "../outside",
    "out_file.py": "OUTSIDE/secret.py",
    "broken.py": "does_not_exist.py",
    "loop": ".",
}


def test_symlinks_are_copied_as_links_and_never_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = make_linked_tree(tmp_path)
    outside = {p: p.read_bytes() for p in (tmp_path / "outside").iterdir()}
    code, _ = run(["--intree", "tree", "--outtree", "new", "--report-json", "r.json"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    new = tmp_path / "new"
    for name, target in LINKS.items():
        assert (new / name).is_symlink(), name
        assert os.readlink(new / name) == target.replace("OUTSIDE", str(tmp_path / "outside")), name
    assert (new / "a.py").read_bytes() == CONVERTED and (new / "pkg" / "b.py").read_bytes() == CONVERTED
    assert set(statuses(tmp_path)) == {"tree/a.py", "tree/pkg/b.py"}  # nothing read through a link

    code, _ = run(["--intree", "tree", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert {p: p.read_bytes() for p in (tmp_path / "outside").iterdir()} == outside
    for name in LINKS:
        assert (tree / name).is_symlink(), name
    code, out = run(["--check", "--intree", "tree"], tmp_path, capsys)
    assert code == EXIT_CLEAN and "secret" not in out


def test_intree_may_be_a_link_and_a_linked_infile_stays_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "real", {"a.py": LEGACY})
    (tmp_path / "alias").symlink_to("real", target_is_directory=True)
    code, _ = run(["--intree", "alias", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN and (tmp_path / "new" / "a.py").read_bytes() == CONVERTED
    code, _ = run(["--intree", "alias", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN and (tmp_path / "real" / "a.py").read_bytes() == CONVERTED

    write_tree(tmp_path, {"target.py": LEGACY})
    (tmp_path / "link.py").symlink_to("target.py")
    code, _ = run(["--infile", "link.py", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert (tmp_path / "link.py").is_symlink() and (tmp_path / "target.py").read_bytes() == CONVERTED


@pytest.mark.parametrize("outtree", ["old/new", "old/sub/new", "alias/new", "old"])
def test_outtree_inside_intree_is_refused(
    outtree: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "old", {"a.py": LEGACY, "sub/b.py": LEGACY})
    (tmp_path / "alias").symlink_to("old", target_is_directory=True)
    code, _ = run(["--intree", "old", "--outtree", outtree], tmp_path, capsys)
    assert code == EXIT_USAGE
    assert (tmp_path / "old" / "a.py").read_bytes() == LEGACY and not (tmp_path / "old" / "new").exists()


def test_special_files_are_left_alone(tmp_path: Path) -> None:
    """A FIFO would block a reader forever: it is reported as skipped, never opened (run in a subprocess
    with a timeout so that a regression fails instead of hanging)."""
    write_tree(tmp_path / "old", {"a.py": LEGACY})
    os.mkfifo(tmp_path / "old" / "pipe.py")
    os.mkfifo(tmp_path / "old" / "pipe.txt")
    completed = subprocess.run(
        [str(TFMIGRATE), "--intree", "old", "--outtree", "new", "--report-json", "r.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == EXIT_CLEAN, completed.stdout + completed.stderr
    assert "skipped: old/pipe.py: not a regular file" in completed.stdout
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["a.py"]
    assert statuses(tmp_path)["old/pipe.txt"] == "skipped"


# --- other files, empty files, large files --------------------------------------------------------------


def test_other_files_are_copied_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = bytes(range(256)) * 16384  # 4 MiB of every byte value
    other = {
        "weights.bin": blob,
        "notes.txt": b"line\r\nmixed\rends\n\x00",
        "Makefile": b"all:\n\tpython a.py\n",
        "empty.dat": b"",
        "a.pyc": b"\x00\x01",
    }
    write_tree(tmp_path / "old", other)
    os.utime(tmp_path / "old" / "notes.txt", ns=(1_000_000_000, 1_000_000_000))
    code, _ = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    for name, data in other.items():
        assert (tmp_path / "new" / name).read_bytes() == data, name
    assert (tmp_path / "new" / "notes.txt").stat().st_mtime_ns == 1_000_000_000


def test_empty_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(
        tmp_path / "old", {"empty.py": b"", "empty.ipynb": b"", "blank.py": b"\n\n", "pkg/__init__.py": b""}
    )
    code, _ = run(["--intree", "old", "--outtree", "new", "--report-json", "r.json"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    for name in ("empty.py", "empty.ipynb", "blank.py", "pkg/__init__.py"):
        assert (tmp_path / "new" / name).read_bytes() == (tmp_path / "old" / name).read_bytes()
    assert set(statuses(tmp_path).values()) == {"unchanged"}
    assert run(["--check", "--intree", "old"], tmp_path, capsys)[0] == EXIT_CLEAN


def test_files_of_several_megabytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Mostly comments and a long docstring (what makes real files large); TensorFlow calls at both ends.
    bulk = "".join(f"# {'w' * 70} {i}\n" for i in range(30000))
    docstring = 'DOC = """\n' + "".join(f"{'d' * 70} {i}\n" for i in range(20000)) + '"""\n'
    big = "import tensorflow as tf\ny = tf.mul(a, b)\n" + bulk + docstring + "z = tf.neg(y)\n"
    plain = "".join(f"VALUE_{i} = {i} * 2  # {'p' * 60}\n" for i in range(40000))
    write_tree(tmp_path / "old", {"big.py": big.encode(), "plain.py": plain.encode()})
    assert len(big) > 3_000_000 and len(plain) > 3_000_000
    started = time.monotonic()
    code, _ = run(["--intree", "old", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    expected = big.replace("tf.mul(", "tf.multiply(").replace("tf.neg(", "tf.negative(")
    assert (tmp_path / "new" / "big.py").read_text() == expected
    assert (tmp_path / "new" / "plain.py").read_text() == plain
    assert time.monotonic() - started < 120


# --- writes: atomic, temporaries, errors ----------------------------------------------------------------


def test_an_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.py"
    target.write_bytes(LEGACY)

    def interrupted(source: object, destination: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the temporary file was written, before the rename

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(target, CONVERTED)
    assert target.read_bytes() == LEGACY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py"]


def test_a_file_that_cannot_be_written_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path / "tree", {"a.py": LEGACY, "b.py": LEGACY})
    real = files.write_atomically

    def refuse_a(path: Path, data: bytes, mode_from: Path | None = None, *, keep_owner: bool = False) -> None:
        if path.name == "a.py":
            raise PermissionError(13, "Permission denied", str(path))
        real(path, data, mode_from, keep_owner=keep_owner)

    monkeypatch.setattr(files, "write_atomically", refuse_a)
    code, out = run(["--intree", "tree", "--inplace", "--jobs", "1"], tmp_path, capsys)
    assert code == EXIT_ATTENTION
    assert "tree/a.py:1:1: TFM0007 error: Could not write tree/a.py" in out
    assert (tmp_path / "tree" / "a.py").read_bytes() == LEGACY
    assert (tmp_path / "tree" / "b.py").read_bytes() == CONVERTED


def test_temporaries_of_an_interrupted_run_are_skipped_or_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leftover = ".a.py.k3x9_q2z.tfmigrate"
    assert is_temporary(leftover) and not is_temporary("a.py") and not is_temporary(".a.tfmigrate")
    write_tree(tmp_path / "tree", {"a.py": LEGACY, leftover: LEGACY[:10]})
    code, out = run(["--intree", "tree", "--outtree", "new"], tmp_path, capsys)
    assert code == EXIT_CLEAN and not (tmp_path / "new" / leftover).exists()
    assert f"skipped: tree/{leftover}: a temporary file of an interrupted tfmigrate run: not copied" in out
    code, out = run(["--intree", "tree", "--inplace"], tmp_path, capsys)
    assert code == EXIT_CLEAN and sorted(p.name for p in (tmp_path / "tree").iterdir()) == ["a.py"]
    assert "removed" in out


def legacy_module(index: int) -> bytes:
    """About 200 lines, with a call to convert in every tenth function."""
    body = [f"# module {index}", "import tensorflow as tf", ""]
    for k in range(50):
        call = f"tf.mul(a, b + {k})" if k % 10 == 0 else f"a * (b + {k})"
        body += [f"def layer_{k}(a, b):", f"    x = {call}", "    return x - a", ""]
    return ("\n".join(body) + "\n").encode()


def make_big_tree(root: Path, count: int) -> dict[str, tuple[bytes, bytes]]:
    """`count` modules; returns each one's old and new content (the header comment is the only
    difference between modules, so one conversion gives every module's new content)."""
    template_old = legacy_module(0)
    template_new = convert_bytes(Path("m.py"), template_old, RULES)[1]
    assert template_new != template_old
    expected = {}
    for index in range(count):
        old = template_old.replace(b"# module 0\n", f"# module {index}\n".encode(), 1)
        new = template_new.replace(b"# module 0\n", f"# module {index}\n".encode(), 1)
        expected[f"pkg{index % 7}/m{index:03d}.py"] = (old, new)
    for name in list(expected)[:: count // 3]:  # the shortcut checked against real conversions
        assert convert_bytes(Path(name), expected[name][0], RULES)[1] == expected[name][1]
    write_tree(root, {name: old for name, (old, _) in expected.items()})
    return expected


def interrupt_midway(root: Path, expected: dict[str, tuple[bytes, bytes]], jobs: str, sig: int) -> int:
    process = subprocess.Popen(
        [str(TFMIGRATE), "--intree", str(root), "--inplace", "--jobs", jobs, "--reportfile", os.devnull],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so a signal reaches the workers too
    )
    first = root / min(expected)
    deadline = time.monotonic() + 120
    while first.read_bytes() == expected[min(expected)][0] and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    os.killpg(process.pid, sig)
    return process.wait(timeout=120)


@pytest.mark.parametrize(
    ("jobs", "sig"),
    [("1", signal.SIGKILL), ("2", signal.SIGKILL), ("1", signal.SIGINT), ("2", signal.SIGINT)],
)
def test_killed_inplace_run_leaves_every_file_old_or_new(
    jobs: str, sig: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 10's must-show 3: a `--inplace` run on 400 files killed after a short delay; every file is
    exactly its old or its new content, and the only strays are temporaries (never .py files), which the
    next in-place run removes while it finishes the job (checked once: it converts the rest of the tree)."""
    root = tmp_path / "tree"
    expected = make_big_tree(root, 400)
    code = interrupt_midway(root, expected, jobs, sig)
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else EXIT_INTERRUPTED)
    states = {}
    for name, (old, new) in expected.items():
        data = (root / name).read_bytes()
        assert data in (old, new), f"{name} is partly written"
        states[name] = data == new
    assert any(states.values()) and not all(states.values()), "the kill did not land mid-run"
    strays = {p for p in root.rglob("*") if p.is_file()} - {root / name for name in expected}
    assert all(is_temporary(p.name) and p.suffix != ".py" for p in strays), strays
    if sig == signal.SIGINT:
        assert not strays  # Ctrl-C cleans up after itself
    if (jobs, sig) != ("2", signal.SIGKILL):
        return
    code, _ = run(["--intree", str(root), "--inplace", "--jobs", "2"], tmp_path, capsys)
    assert code == EXIT_CLEAN
    assert all((root / name).read_bytes() == new for name, (_, new) in expected.items())
    assert {p for p in root.rglob("*") if p.is_file()} == {root / name for name in expected}
