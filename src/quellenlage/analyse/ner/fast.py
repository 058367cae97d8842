"""The fast NER model: a word-level CNN over multilingual-e5-small's frozen input
embeddings (each word the mean of its pieces), distilled from the accurate model, for bulk
ingest, clustering and benchmarks (``--ner fast``).

Why this shape: the pieces' input embeddings already know names and places in many
languages, so a few convolutions over a word's neighbours get far with little data, and no
transformer layer runs at tagging time (a BiLSTM was 50 times slower to train on 2 cores).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import torch
from torch import nn

from quellenlage.analyse.ner import NerModelError
from quellenlage.analyse.ner.checkpoint import load_checkpoint, save_checkpoint
from quellenlage.analyse.ner.decoding import LABELS, decode
from quellenlage.analyse.ner.e5file import E5File, bundled_e5

SHAPE_FEATURES = 4
_SENTENCES_PER_BATCH = 256


class WordCnn(nn.Module):
    """Residual 1-d convolutions over the words (each layer sees two more neighbours)."""

    def __init__(
        self, embedding: int, width: int = 256, layers: int = 4, labels: int = len(LABELS)
    ) -> None:
        super().__init__()
        self.project = nn.Linear(embedding + SHAPE_FEATURES, width)
        self.convolutions = nn.ModuleList(
            nn.Conv1d(width, width, 3, padding=1) for _ in range(layers)
        )
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in range(layers))
        self.dropout = nn.Dropout(0.25)
        self.head = nn.Linear(width, labels)

    def forward(self, words: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        present = (torch.arange(words.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        x = self.dropout(torch.relu(self.project(words))) * present
        for convolution, norm in zip(self.convolutions, self.norms, strict=True):
            y = convolution(x.transpose(1, 2)).transpose(1, 2)
            x = norm(x + self.dropout(nn.functional.gelu(y))) * present
        return self.head(x)


class WordFeatures:
    """Input vectors of words: the mean of the word's piece embeddings, and its shape."""

    def __init__(self, e5: E5File) -> None:
        self.e5 = e5

    @lru_cache(maxsize=300_000)  # noqa: B019 - one instance per process; words repeat a lot
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

    def batch(self, sentences: Sequence[Sequence[str]]) -> tuple[torch.Tensor, torch.Tensor]:
        longest = max((len(s) for s in sentences), default=0) or 1
        padded = np.zeros(
            (len(sentences), longest, self.e5.config.hidden + SHAPE_FEATURES), np.float32
        )
        for i, words in enumerate(sentences):
            if words:
                padded[i, : len(words)] = self.sentence(words)
        lengths = torch.tensor([max(1, len(s)) for s in sentences])
        return torch.from_numpy(padded), lengths


class FastTagger:
    def __init__(self, model: WordCnn, features: WordFeatures) -> None:
        self.model, self.features = model, features

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        self.model.eval()
        tagged: list[list[str]] = []
        for first in range(0, len(sentences), _SENTENCES_PER_BATCH):
            batch = sentences[first : first + _SENTENCES_PER_BATCH]
            words, lengths = self.features.batch(batch)
            with torch.inference_mode():
                scores = torch.log_softmax(self.model(words, lengths), dim=-1).numpy()
            tagged.extend(decode(row[: len(s)]) for row, s in zip(scores, batch, strict=True))
        return tagged


def save_fast_model(model: WordCnn, path: Path) -> None:
    save_checkpoint(path, model.state_dict(), labels=list(LABELS))


@cache
def fast_tagger(path: Path) -> FastTagger:
    """The shipped model, loaded once per process from the package folder."""
    saved = load_checkpoint(path)
    e5 = bundled_e5()
    model = WordCnn(e5.config.hidden)
    try:
        model.load_state_dict(saved["state"])
    except RuntimeError as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
    return FastTagger(model, WordFeatures(e5))
