"""The server's configuration: the database, the ingest token, the request size limit.

Read once from the command line and the environment (``QUELLENLAGE_TOKEN``,
``QUELLENLAGE_MAX_UPLOAD_MB``); no token configured means ingest over the API is off.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from quellenlage.settings import Settings

TOKEN_VARIABLE = "QUELLENLAGE_TOKEN"
UPLOAD_VARIABLE = "QUELLENLAGE_MAX_UPLOAD_MB"
DEFAULT_UPLOAD_MB = 10.0


@dataclass(frozen=True)
class WebConfig:
    db: str | Path
    settings: Settings = field(default_factory=Settings)
    token: str | None = None  # bearer token for POST /api/articles; None: ingest refused
    max_body_bytes: int = int(DEFAULT_UPLOAD_MB * 1_000_000)
    page_size: int = 20

    @classmethod
    def from_environment(cls, db: str | Path, settings: Settings) -> WebConfig:
        token = os.environ.get(TOKEN_VARIABLE) or None
        try:
            upload_mb = float(os.environ.get(UPLOAD_VARIABLE, DEFAULT_UPLOAD_MB))
        except ValueError:
            upload_mb = DEFAULT_UPLOAD_MB
        return cls(db, settings, token, int(max(upload_mb, 0.001) * 1_000_000))
