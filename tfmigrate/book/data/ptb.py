"""Penn-Treebank-format language-model data for ch06_ptb_word_lm, and a clean-room PTB reader.

The book runs TensorFlow's ``ptb_word_lm.py`` on Mikolov's ``simple-examples.tgz`` (929k/73k/82k words), which
is not on any reachable registry. This module **generates** seeded synthetic text in the same format
(``ptb.train.txt``, ``ptb.valid.txt``, ``ptb.test.txt``: lower-case words, one sentence per line with a
leading and trailing space, rare words replaced by ``<unk>``, vocabulary well under 10k) from a small
stochastic grammar (sentence -> noun phrase + verb phrase, with prepositional phrases, adjectives,
subordinate clauses, Zipf-distributed word choice and subject-dependent verb preferences), so a word-level
LSTM has real structure to learn. Sizes are scaled down for CPU: about 50k/5k/5k tokens (full) or
5k/1k/1k (smoke). Point ``data_path`` at a directory with the real ``ptb.*.txt`` files to use those.

Reader semantics (written from the tutorial's documented behaviour, not copied): newlines become ``<eos>``
tokens; the vocabulary is the training words sorted by (-count, word) and numbered from 0; words missing
from the vocabulary are skipped; ``ptb_iterator`` cuts the id stream into ``batch_size`` rows of
``batch_len = len // batch_size`` and yields ``epoch_size = (batch_len - 1) // num_steps`` windows
``x = data[:, i*num_steps:(i+1)*num_steps]`` and ``y`` = the same window shifted right by one.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from tfmigrate.book.data._paths import PathLike, atomic_write_bytes, cache_root

GENERATOR_VERSION = 1
GENERATOR_SEED = 1993  # Penn Treebank release year
FULL_TOKENS = (50000, 5000, 5000)
SMOKE_TOKENS = (5000, 1000, 1000)
MIN_COUNT = 2  # words seen fewer times in the generated training text become <unk>
UNK = "<unk>"
EOS = "<eos>"
FILE_NAMES = ("ptb.train.txt", "ptb.valid.txt", "ptb.test.txt")

_FUNCTION_WORDS = {
    "det": ["the", "a", "its", "this", "their", "some", "every", "an", "that", "no"],
    "prep": ["of", "in", "to", "for", "on", "with", "at", "by", "from", "about", "after", "into"],
    "pron": ["it", "he", "they", "we", "she", "you", "i"],
    "aux": ["will", "would", "could", "has", "had", "may", "might", "should"],
    "conj": ["and", "but", "while", "because", "although"],
    "comp": ["that"],
    "verb_say": ["said", "says", "reported", "added", "noted"],
}
_ENDINGS = {
    "noun": ["", "", "s", "er", "ion"],
    "verb": ["s", "ed", "es", "ing"],
    "adj": ["al", "ive", "ous", "ic", "y"],
    "adv": ["ly"],
    "name": ["", "son", "ton"],
}
_POOL_SIZES = {"noun": 3000, "verb": 900, "adj": 700, "adv": 160, "name": 500}


class _Grammar:
    """A seeded stochastic grammar over pseudo-words."""

    def __init__(self, rng: np.random.RandomState) -> None:
        self.rng = rng
        taken = {w for words in _FUNCTION_WORDS.values() for w in words}
        self.pools: dict[str, list[str]] = {}
        for kind, size in _POOL_SIZES.items():
            self.pools[kind] = self._pseudo_words(size, taken, kind)
        self.pools.update(_FUNCTION_WORDS)
        self.cdfs: dict[str, NDArray[np.float64]] = {}
        for kind, words in self.pools.items():
            weights = 1.0 / (np.arange(len(words)) + 1.5) ** 1.1
            self.cdfs[kind] = np.cumsum(weights / weights.sum())

    def _pseudo_words(self, size: int, taken: set[str], kind: str) -> list[str]:
        onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                  "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr"]  # fmt: skip
        vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
        endings = _ENDINGS[kind]
        words: list[str] = []
        while len(words) < size:
            n_syll = 1 + int(self.rng.randint(0, 3))
            stem = "".join(onsets[self.rng.randint(len(onsets))] + vowels[self.rng.randint(len(vowels))]
                           for _ in range(n_syll))  # fmt: skip
            word = stem + endings[self.rng.randint(len(endings))]
            if word not in taken:
                taken.add(word)
                words.append(word)
        return words

    def pick(self, kind: str) -> str:
        index = int(np.searchsorted(self.cdfs[kind], self.rng.uniform()))
        return self.pools[kind][min(index, len(self.pools[kind]) - 1)]

    def noun_phrase(self, depth: int) -> tuple[list[str], str]:
        """(words, head) of a noun phrase."""
        roll = self.rng.uniform()
        if roll < 0.15:
            head = self.pick("pron")
            return [head], head
        if roll < 0.25:
            head = self.pick("name")
            return [head], head
        words = [self.pick("det")]
        for _ in range(int(self.rng.choice([0, 0, 1, 1, 2]))):
            words.append(self.pick("adj"))
        head = self.pick("noun")
        words.append(head)
        if depth < 2 and self.rng.uniform() < 0.25:
            words += self.prep_phrase(depth + 1)
        return words, head

    def prep_phrase(self, depth: int) -> list[str]:
        return [self.pick("prep"), *self.noun_phrase(depth)[0]]

    def verb_for(self, subject: str) -> str:
        # Subject-dependent verb preference: a learnable long-ish dependency.
        if self.rng.uniform() < 0.5:
            verbs = self.pools["verb"]
            offset = sum(map(ord, subject)) * 7
            return verbs[(offset + int(self.rng.randint(0, 4))) % len(verbs)]
        return self.pick("verb")

    def sentence(self, depth: int = 0) -> list[str]:
        words: list[str] = []
        if depth == 0 and self.rng.uniform() < 0.12:
            words += self.prep_phrase(1)
        subject, head = self.noun_phrase(depth)
        words += subject
        roll = self.rng.uniform()
        if roll < 0.12 and depth < 2:
            words += [self.pick("verb_say"), "that", *self.sentence(depth + 1)]
            return words
        if roll < 0.3:
            words.append(self.pick("aux"))
        words.append(self.verb_for(head))
        if self.rng.uniform() < 0.8:
            words += self.noun_phrase(depth + 1)[0]
        if self.rng.uniform() < 0.3:
            words += self.prep_phrase(depth + 1)
        if self.rng.uniform() < 0.15:
            words.append(self.pick("adv"))
        if depth < 1 and self.rng.uniform() < 0.15:
            words += [self.pick("conj"), *self.sentence(depth + 1)]
        return words


def generate_text(token_counts: tuple[int, int, int], seed: int = GENERATOR_SEED) -> tuple[str, str, str]:
    """(train, valid, test) text in PTB format with roughly the given numbers of word tokens each."""
    grammar = _Grammar(np.random.RandomState(seed))
    splits: list[list[list[str]]] = []
    for target in token_counts:
        sentences: list[list[str]] = []
        total = 0
        while total < target:
            sentence = grammar.sentence()
            sentences.append(sentence)
            total += len(sentence)
        splits.append(sentences)
    counts = collections.Counter(w for sentence in splits[0] for w in sentence)
    vocabulary = {w for w, c in counts.items() if c >= MIN_COUNT}
    texts = [
        "".join(
            " " + " ".join(w if w in vocabulary else UNK for w in sentence) + " \n" for sentence in sentences
        )
        for sentences in splits
    ]
    return texts[0], texts[1], texts[2]


def synthetic_dir(root: PathLike | None = None, *, smoke: bool = False) -> Path:
    sizes = SMOKE_TOKENS if smoke else FULL_TOKENS
    base = Path(root) if root is not None else cache_root()
    return base / f"ptb-synthetic-v{GENERATOR_VERSION}-s{GENERATOR_SEED}-{'x'.join(map(str, sizes))}"


def ensure_data(data_path: PathLike | None = None, *, smoke: bool = False) -> Path:
    """Directory with the three ``ptb.*.txt`` files: ``data_path`` if it has them, else the synthetic set."""
    if data_path is not None:
        # The book passes simple-examples/data/; accept the extracted archive's root too.
        for given in (Path(data_path), Path(data_path) / "simple-examples" / "data"):
            if all((given / name).is_file() for name in FILE_NAMES):
                return given
    directory = synthetic_dir(data_path, smoke=smoke)
    if not all((directory / name).is_file() for name in FILE_NAMES):
        texts = generate_text(SMOKE_TOKENS if smoke else FULL_TOKENS)
        for name, text in zip(FILE_NAMES, texts, strict=True):
            atomic_write_bytes(directory / name, text.encode("utf-8"))
    return directory


def read_words(path: Path) -> list[str]:
    """Whitespace-separated words of a file, each newline becoming an ``<eos>`` token."""
    return path.read_text(encoding="utf-8").replace("\n", f" {EOS} ").split()


def build_vocab(path: Path) -> dict[str, int]:
    """Word -> id, ids assigned in order of decreasing count, ties broken alphabetically."""
    counts = collections.Counter(read_words(path))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {word: i for i, (word, _) in enumerate(ordered)}


def file_to_word_ids(path: Path, word_to_id: dict[str, int]) -> list[int]:
    """Ids of the words of a file, skipping words not in the vocabulary."""
    return [word_to_id[w] for w in read_words(path) if w in word_to_id]


def ptb_raw_data(
    data_path: PathLike | None = None, *, smoke: bool = False
) -> tuple[list[int], list[int], list[int], int]:
    """(train_ids, valid_ids, test_ids, vocabulary_size) from ``ptb.{train,valid,test}.txt``."""
    directory = ensure_data(data_path, smoke=smoke)
    train_path, valid_path, test_path = (directory / name for name in FILE_NAMES)
    word_to_id = build_vocab(train_path)
    return (
        file_to_word_ids(train_path, word_to_id),
        file_to_word_ids(valid_path, word_to_id),
        file_to_word_ids(test_path, word_to_id),
        len(word_to_id),
    )


def epoch_size(data_len: int, batch_size: int, num_steps: int) -> int:
    """Number of (x, y) windows ``ptb_iterator`` yields for ``data_len`` ids."""
    return (data_len // batch_size - 1) // num_steps


def ptb_iterator(
    raw_data: list[int] | NDArray[np.integer], batch_size: int, num_steps: int
) -> Iterator[tuple[NDArray[np.int32], NDArray[np.int32]]]:
    """Yield ``(x, y)`` int32 [batch_size, num_steps] windows; ``y`` is ``x`` shifted one step ahead."""
    raw = np.asarray(raw_data, dtype=np.int32)
    batch_len = len(raw) // batch_size
    data = raw[: batch_size * batch_len].reshape(batch_size, batch_len)
    n_windows = (batch_len - 1) // num_steps
    if n_windows <= 0:
        raise ValueError("epoch_size == 0, decrease batch_size or num_steps")
    for i in range(n_windows):
        x = data[:, i * num_steps : (i + 1) * num_steps]
        y = data[:, i * num_steps + 1 : (i + 1) * num_steps + 1]
        yield x, y
