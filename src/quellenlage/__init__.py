"""quellenlage: the state of the sources — story dossiers from many news outlets, with evidence."""

import logging

__version__ = "0.1.0"

from quellenlage.api import analyse, articles, cluster, dossier, ingest, search, stories

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
