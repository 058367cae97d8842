"""quellenlage: the state of the sources — story dossiers from many news outlets, with evidence."""

import logging

from quellenlage.api import (
    analyse_paths,
    articles,
    build_dossier,
    cluster,
    ingest_paths,
    search,
    stories,
)
from quellenlage.archive import Archive
from quellenlage.store import Filter
from quellenlage.version import __version__

__all__ = [  # noqa: RUF022 - the version first, then the API (tests/test_package.py)
    "__version__",
    "Archive",
    "Filter",
    "analyse_paths",
    "articles",
    "build_dossier",
    "cluster",
    "ingest_paths",
    "search",
    "stories",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
