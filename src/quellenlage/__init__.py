"""quellenlage: the state of the sources — story dossiers from many news outlets, with evidence."""

import logging

from quellenlage.api import analyse, articles, cluster, dossier, ingest, search, stories
from quellenlage.version import __version__

__all__ = [
    "__version__",
    "analyse",
    "articles",
    "cluster",
    "dossier",
    "ingest",
    "search",
    "stories",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
