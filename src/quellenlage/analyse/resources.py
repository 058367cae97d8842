"""The models a per-article task needs, loaded once per process and passed in.

One ``Resources`` lives in each worker of the executor (and one in the main process for work
done there): models load lazily on first use, so a task that needs no NER never loads it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from quellenlage.analyse.embeddings import Encoder, embed, load_encoder
from quellenlage.analyse.ner import WordTagger, word_tagger
from quellenlage.analyse.ner.e5file import E5File, bundled_e5
from quellenlage.settings import Settings


class Resources:
    """Loaded models of one process, keyed by what they are for."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._encoder: Encoder | None = None
        self._taggers: dict[tuple[str, str | None], WordTagger | None] = {}
        self._e5: E5File | None = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length sentence embeddings (one row per text)."""
        if self._encoder is None:
            self._encoder = load_encoder()
        return embed(self._encoder, texts)

    def tagger(self, mode: str, language: str | None) -> WordTagger | None:
        """The NER model for ``mode`` and ``language``; None for a language without one."""
        key = (mode, language)
        if key not in self._taggers:
            if self._e5 is None:  # both taggers read the words through it
                self._e5 = bundled_e5()
            self._taggers[key] = word_tagger(mode, language, self._e5)
        return self._taggers[key]
