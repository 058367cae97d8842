"""What the clusterer sees of an article: an embedding of title + lead, its weighted terms,
and its publication day — all computed once per article at ingest (``analyse.article``) and
read back from the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np


@dataclass(frozen=True, slots=True)
class Features:
    """One article as the clusterer sees it; ``terms`` is L2-normalised."""

    key: str  # article id
    embedding: np.ndarray  # (512,) float32, unit length
    terms: dict[str, float]
    day: date | None
