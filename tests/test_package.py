"""The package's top level: API functions stay functions whatever is imported later."""

from __future__ import annotations

import subprocess
import sys

import pytest


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


@pytest.mark.parametrize(
    "module", ["quellenlage.clustering.incremental", "quellenlage.link.claims"]
)
def test_accurate_ner_loads_after_the_nearest_neighbour_index(module: str) -> None:
    """onnxruntime 1.31 segfaults when it loads after usearch: the modules that use usearch
    load onnxruntime first, so the accurate tagger works in any process that grouped stories."""
    code = f"import {module}; import onnxruntime; onnxruntime.get_device()"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
