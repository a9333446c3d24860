"""tfmigrate.book.data.ptb: synthetic PTB-format text, the reader and ptb_iterator."""

from __future__ import annotations

import collections
from pathlib import Path

import numpy as np
import pytest

from tfmigrate.book.data import ptb


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ptb-cache")


def test_files_in_ptb_format(cache: Path) -> None:
    directory = ptb.ensure_data(cache, smoke=True)
    assert directory == ptb.synthetic_dir(cache, smoke=True)
    for name in ptb.FILE_NAMES:
        text = (directory / name).read_text()
        lines = text.split("\n")
        assert lines[-1] == "" and len(lines) > 20
        for line in lines[:-1]:
            assert line.startswith(" ") and line.endswith(" ") and line.strip()
        words = text.split()
        assert all(w == ptb.UNK or (w.isalpha() and w.islower()) for w in words)
    assert ptb.UNK in (directory / "ptb.train.txt").read_text().split()


def test_reader_vocabulary_and_ids(cache: Path) -> None:
    train, valid, test, vocab_size = ptb.ptb_raw_data(cache, smoke=True)
    directory = ptb.synthetic_dir(cache, smoke=True)
    words = (directory / "ptb.train.txt").read_text().replace("\n", " <eos> ").split()
    counts = collections.Counter(words)
    expected_order = sorted(counts, key=lambda w: (-counts[w], w))
    word_to_id = ptb.build_vocab(directory / "ptb.train.txt")
    assert list(word_to_id) == expected_order and list(word_to_id.values()) == list(range(len(counts)))
    assert vocab_size == len(counts) <= 10000 and "<eos>" in word_to_id and "<unk>" in word_to_id
    assert train == [word_to_id[w] for w in words]
    assert 5000 <= len(train) < 6000 and 1000 <= len(valid) < 1300 and 1000 <= len(test) < 1300
    # Every valid/test word is in the training vocabulary (rare words were already <unk>): nothing skipped.
    valid_words = (directory / "ptb.valid.txt").read_text().replace("\n", " <eos> ").split()
    assert len(valid) == len(valid_words)
    assert max(train + valid + test) < vocab_size and min(train) == 0


def test_full_size(tmp_path: Path) -> None:
    train, valid, test, vocab_size = ptb.ptb_raw_data(tmp_path)
    assert 50000 <= len(train) < 57000 and 5000 <= len(valid) < 6000 and 5000 <= len(test) < 6000
    assert 1000 < vocab_size <= 10000
    # Not uniform noise: the unigram entropy is far below log(vocab) and bigrams are predictable.
    counts = np.bincount(train)
    p = counts[counts > 0] / counts.sum()
    assert -(p * np.log(p)).sum() < 0.8 * np.log(vocab_size)


def test_generation_is_deterministic() -> None:
    assert ptb.generate_text((800, 100, 100)) == ptb.generate_text((800, 100, 100))
    assert ptb.generate_text((800, 100, 100)) != ptb.generate_text((800, 100, 100), seed=1)


def test_real_files_in_data_path_are_used(tmp_path: Path) -> None:
    (tmp_path / "ptb.train.txt").write_text(" b a a c \n a b \n")
    (tmp_path / "ptb.valid.txt").write_text(" a z \n")
    (tmp_path / "ptb.test.txt").write_text(" c \n")
    train, valid, test, vocab_size = ptb.ptb_raw_data(tmp_path)
    # counts: a 3, b 2, <eos> 2, c 1 -> ids a0 <eos>1 b2 c3 (ties sorted by word: "<eos>" < "b").
    assert vocab_size == 4
    assert train == [2, 0, 0, 3, 1, 0, 2, 1]
    assert valid == [0, 1]  # "z" is not in the vocabulary: skipped
    assert test == [3, 1]


@pytest.mark.parametrize(
    ("n", "batch_size", "num_steps"), [(103, 4, 5), (1000, 20, 20), (50, 1, 7), (21, 2, 9)]
)
def test_ptb_iterator_shapes_and_shift(n: int, batch_size: int, num_steps: int) -> None:
    raw = list(range(100, 100 + n))
    batches = list(ptb.ptb_iterator(raw, batch_size, num_steps))
    batch_len = n // batch_size
    assert len(batches) == (batch_len - 1) // num_steps == ptb.epoch_size(n, batch_size, num_steps)
    data = np.array(raw[: batch_size * batch_len], dtype=np.int32).reshape(batch_size, batch_len)
    for i, (x, y) in enumerate(batches):
        assert x.shape == y.shape == (batch_size, num_steps) and x.dtype == y.dtype == np.int32
        np.testing.assert_array_equal(x, data[:, i * num_steps : (i + 1) * num_steps])
        np.testing.assert_array_equal(y, x + 1)  # consecutive ids: y is x shifted by one step
    # Rows are contiguous slices of the stream: row r starts at r * batch_len.
    np.testing.assert_array_equal(batches[0][0][:, 0], 100 + np.arange(batch_size) * batch_len)


def test_ptb_iterator_rejects_empty_epoch() -> None:
    with pytest.raises(ValueError, match="epoch_size == 0"):
        list(ptb.ptb_iterator(list(range(10)), 5, 2))


def test_extracted_archive_root_is_accepted(tmp_path: Path) -> None:
    data = tmp_path / "simple-examples" / "data"
    data.mkdir(parents=True)
    for name in ptb.FILE_NAMES:
        (data / name).write_text(" x y \n")
    assert ptb.ensure_data(tmp_path) == data
    assert ptb.ptb_raw_data(tmp_path)[3] == 3
