"""The fast NER model: a word-level CNN over multilingual-e5-small's frozen input
embeddings (each word the mean of its pieces), distilled from the accurate model, for bulk
ingest, clustering and benchmarks (``--ner fast``).

Why this shape: the pieces' input embeddings already know names and places in many
languages, so a few convolutions over a word's neighbours get far with little data, and no
transformer layer runs at tagging time. Why numpy: tagging then needs neither torch nor its
2.5 s import, so ``--ner fast`` starts in well under 3 s; the weights are a plain ``.npz``
read without pickle (a model file can never run code). Training uses the same layers in
torch (``wordcnn.py``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from quellenlage.analyse.ner import NerModelError
from quellenlage.analyse.ner.decoding import LABELS, decode
from quellenlage.analyse.ner.e5file import E5File, bundled_e5

SHAPE_FEATURES = 4
_SENTENCES_PER_BATCH = 256
_LAYER_NORM_EPS = 1e-5


class WordFeatures:
    """Input vectors of words: the mean of the word's piece embeddings, and its shape."""

    def __init__(self, e5: E5File) -> None:
        self.e5 = e5

    # One instance per process; words repeat a lot. 50,000 vectors of 384 floats are ~80 MB:
    # a bound, so that a long ingest of ever new words does not grow the worker.
    @lru_cache(maxsize=50_000)  # noqa: B019
    def vector(self, word: str) -> np.ndarray:
        ids = self.e5.tokenizer.word_ids(word)[:8] or (self.e5.tokenizer.unk,)
        return self.e5.embedding_rows(np.asarray(ids)).mean(axis=0)

    def sentence(self, words: Sequence[str]) -> np.ndarray:
        rows = np.zeros((len(words), self.e5.config.hidden + SHAPE_FEATURES), dtype=np.float32)
        for i, word in enumerate(words):
            rows[i, : self.e5.config.hidden] = self.vector(word)
            rows[i, self.e5.config.hidden :] = (
                word[:1].isupper(),
                word.isupper() and len(word) > 1,
                any(c.isdigit() for c in word),
                i == 0,
            )
        return rows

    def batch(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Padded word vectors (sentences x words x features) and the sentence lengths."""
        longest = max((len(s) for s in sentences), default=0) or 1
        padded = np.zeros(
            (len(sentences), longest, self.e5.config.hidden + SHAPE_FEATURES), np.float32
        )
        for i, words in enumerate(sentences):
            if words:
                padded[i, : len(words)] = self.sentence(words)
        return padded, np.asarray([max(1, len(s)) for s in sentences])


@dataclass(frozen=True)
class Convolution:
    """One residual block: a width-3 convolution over the words, GELU, then layer norm."""

    taps: tuple[np.ndarray, np.ndarray, np.ndarray]  # (in, out) for the word before, it, after
    bias: np.ndarray
    norm_weight: np.ndarray
    norm_bias: np.ndarray

    @classmethod
    def from_torch(
        cls, kernel: np.ndarray, bias: np.ndarray, norm_weight: np.ndarray, norm_bias: np.ndarray
    ) -> Convolution:
        """From torch's Conv1d kernel (out, in, 3) and LayerNorm parameters."""
        before, this, after = (np.ascontiguousarray(kernel[:, :, k].T) for k in range(3))
        return cls((before, this, after), bias, norm_weight, norm_bias)

    def __call__(self, x: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """``x`` holds the words of many sentences one after another; ``first`` and ``last``
        mark where sentences start and end, so that no word sees another sentence."""
        before = np.zeros_like(x)
        before[1:] = x[:-1]
        before[first] = 0.0
        after = np.zeros_like(x)
        after[:-1] = x[1:]
        after[last] = 0.0
        y = before @ self.taps[0]
        y += x @ self.taps[1]
        y += after @ self.taps[2]
        y += self.bias
        return _layer_norm(x + _gelu(y), self.norm_weight, self.norm_bias)


@dataclass(frozen=True)
class CnnWeights:
    """The fast model's layers in numpy (inference only; dropout is off)."""

    project: tuple[np.ndarray, np.ndarray]
    blocks: tuple[Convolution, ...]
    head: tuple[np.ndarray, np.ndarray]

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> CnnWeights:
        """From parameters named as torch names them (``project.weight``, ``norms.0.bias``…)."""
        get = {name: np.asarray(value, dtype=np.float32) for name, value in arrays.items()}
        layers = sum(1 for name in get if name.startswith("convolutions.") and "weight" in name)
        blocks = tuple(
            Convolution.from_torch(
                get[f"convolutions.{i}.weight"],
                get[f"convolutions.{i}.bias"],
                get[f"norms.{i}.weight"],
                get[f"norms.{i}.bias"],
            )
            for i in range(layers)
        )
        return cls(
            (np.ascontiguousarray(get["project.weight"].T), get["project.bias"]),
            blocks,
            (np.ascontiguousarray(get["head.weight"].T), get["head.bias"]),
        )

    def log_probabilities(self, words: np.ndarray, lengths: Sequence[int]) -> np.ndarray:
        """Log-probabilities of ``LABELS`` for ``words``: the word vectors of sentences of
        ``lengths``, one sentence after another (no padding, so no work is wasted on it)."""
        ends = np.cumsum(lengths, dtype=np.int64)
        sizes = np.asarray(lengths, dtype=np.int64)
        first = np.zeros(len(words), dtype=bool)
        last = np.zeros(len(words), dtype=bool)
        first[(ends - sizes)[sizes > 0]] = True
        last[ends[sizes > 0] - 1] = True
        x = np.maximum(words @ self.project[0] + self.project[1], 0.0)
        for block in self.blocks:
            x = block(x, first, last)
        scores = x @ self.head[0] + self.head[1]
        shifted = scores - scores.max(axis=-1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact GELU, x·Φ(x), as torch computes it by default."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1 / np.sqrt(2.0))))


def _erf(x: np.ndarray) -> np.ndarray:
    """Abramowitz & Stegun 7.1.26 (error below 1.5e-7, under float32 rounding): numpy has no
    erf, and scipy.special would cost its import."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = 1.061405429 * t
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += coefficient
        poly *= t
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    np.subtract(1.0, poly, out=poly)
    return np.copysign(poly, x, out=poly)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    x = x - x.mean(axis=-1, keepdims=True)
    scale = np.sqrt((x * x).mean(axis=-1, keepdims=True) + _LAYER_NORM_EPS)
    x /= scale
    x *= weight
    x += bias
    return x


class FastTagger:
    def __init__(self, weights: CnnWeights, features: WordFeatures) -> None:
        self.weights, self.features = weights, features

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        tagged: list[list[str]] = []
        for first in range(0, len(sentences), _SENTENCES_PER_BATCH):
            batch = sentences[first : first + _SENTENCES_PER_BATCH]
            lengths = [len(words) for words in batch]
            if not sum(lengths):
                tagged.extend([] for _ in batch)
                continue
            rows = np.concatenate([self.features.sentence(words) for words in batch])
            scores = self.weights.log_probabilities(rows, lengths)
            ends = np.cumsum(lengths)
            tagged.extend(
                decode(scores[end - n : end]) for end, n in zip(ends, lengths, strict=True)
            )
        return tagged


def save_fast_model(arrays: Mapping[str, np.ndarray], path: Path) -> None:
    """The weights in fp16 (half the size, no measurable loss) and the label order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    halves: dict[str, Any] = {k: np.asarray(v, dtype=np.float16) for k, v in arrays.items()}
    with path.open("wb") as handle:
        np.savez_compressed(handle, labels=np.asarray(LABELS), **halves)


def load_fast_model(path: Path) -> CnnWeights:
    """The saved weights; a missing, damaged or foreign file is one clear error."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in saved.files}
        if tuple(arrays.pop("labels").tolist()) != LABELS:
            raise ValueError("its labels differ from this version's")
        return CnnWeights.from_arrays(arrays)
    except (OSError, ValueError, KeyError, IndexError, EOFError, zipfile.BadZipFile) as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error


def fast_tagger(path: Path, e5: E5File | None = None) -> FastTagger:
    """The model at ``path`` over the word embeddings of ``e5`` (loaded when not given;
    callers keep the tagger: ``analyse.resources`` loads it once per process)."""
    weights, features = load_fast_model(path), WordFeatures(e5 or bundled_e5())
    try:  # a file for other embeddings fails here, not in the middle of a story
        weights.log_probabilities(features.sentence(["Test"]), [1])
    except ValueError as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
    return FastTagger(weights, features)
