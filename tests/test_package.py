"""The package's top level: API functions stay functions whatever is imported later."""

from __future__ import annotations

import subprocess
import sys


def test_api_functions_are_not_replaced_by_lazily_imported_stages() -> None:
    """``quellenlage.dossier`` is a function and also a subpackage imported on first use; in a
    fresh interpreter the function must survive that import."""
    script = (
        "import quellenlage, quellenlage.dossier.build, quellenlage.clustering.update\n"
        "print(all(callable(getattr(quellenlage, name)) for name in quellenlage.__all__[1:]))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "True"
