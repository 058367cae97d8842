"""Storage: one interface (``Store``) over SQLite by default; SQLAlchemy Core keeps it portable."""

from quellenlage.store.db import Store

__all__ = ["Store"]
