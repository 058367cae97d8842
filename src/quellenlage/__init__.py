"""quellenlage: the state of the sources — story dossiers from many news outlets, with evidence."""

import logging

# The dossier stage is imported lazily, and a package's first import binds its name here:
# loading it now keeps ``quellenlage.dossier`` the API function below, not the subpackage.
from quellenlage import dossier as _dossier_stage  # noqa: F401
from quellenlage.api import analyse, articles, cluster, dossier, ingest, search, stories
from quellenlage.archive import Archive
from quellenlage.store import Filter
from quellenlage.version import __version__

__all__ = [  # noqa: RUF022 - the version first, then the API (tests/test_package.py)
    "__version__",
    "Archive",
    "Filter",
    "analyse",
    "articles",
    "cluster",
    "dossier",
    "ingest",
    "search",
    "stories",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
