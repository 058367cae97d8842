"""The fast NER model: numpy layers equal to the torch ones it was trained as, a clear error
for a bad model file, and CLI processes that never import torch (fast or accurate)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from quellenlage.analyse.ner import NerModelError, model_path
from quellenlage.analyse.ner.decoding import LABELS
from quellenlage.analyse.ner.e5file import bundled_e5
from quellenlage.analyse.ner.fast import (
    CnnWeights,
    WordFeatures,
    fast_tagger,
    load_fast_model,
    save_fast_model,
)
from quellenlage.analyse.ner.wordcnn import WordCnn

SENTENCES = [
    "Kremlsprecher Dmitri Peskow sagte am Dienstag in Moskau , die Gespräche gingen weiter .",
    "Putin empfing Witkoff .",
    "Die",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_numpy_layers_score_like_the_torch_model(tmp_path: Path) -> None:
    """A randomly initialised torch model, saved and read back, gives the same scores in
    numpy: padding, masks, convolutions, GELU and layer norm all agree."""
    torch.manual_seed(3)
    features = WordFeatures(bundled_e5())
    model = WordCnn(features.e5.config.hidden, width=32, layers=2)
    for parameter in model.parameters():  # away from the initial zeros and ones
        torch.nn.init.normal_(parameter, std=0.2)
    model.eval()
    sentences = [s.split() for s in SENTENCES]
    words, lengths = features.batch(sentences)
    with torch.no_grad():
        padded = torch.log_softmax(
            model(torch.from_numpy(words), torch.from_numpy(lengths)), dim=-1
        ).numpy()
    expected = np.concatenate([padded[i, : len(s)] for i, s in enumerate(sentences)])
    packed = np.concatenate([features.sentence(s) for s in sentences])
    sizes = [len(s) for s in sentences]
    in_memory = CnnWeights.from_arrays(model.weights()).log_probabilities(packed, sizes)
    path = tmp_path / "model.npz"
    save_fast_model(model.weights(), path)
    from_file = load_fast_model(path).log_probabilities(packed, sizes)
    assert np.abs(in_memory - expected).max() < 1e-4
    assert np.abs(from_file - expected).max() < 0.05  # the file holds fp16


def test_empty_sentences_get_no_tags() -> None:
    path = model_path("fast", "de")
    assert path is not None
    tagged = fast_tagger(path, bundled_e5()).tag_words(
        [[], ["Putin"], [], ["Berlin", "und", "Paris"], []]
    )
    assert [len(tags) for tags in tagged] == [0, 1, 0, 3, 0]
    assert fast_tagger(path, bundled_e5()).tag_words([[], []]) == [[], []]


def test_saved_model_is_half_precision_with_labels(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    save_fast_model(WordCnn(384, width=16, layers=1).weights(), path)
    with np.load(path, allow_pickle=False) as saved:
        assert tuple(saved["labels"].tolist()) == LABELS
        assert saved["project.weight"].dtype == np.float16


def _saved_arrays() -> dict[str, np.ndarray]:
    path = model_path("fast", "de")
    assert path is not None
    with np.load(path, allow_pickle=False) as saved:
        return {name: saved[name] for name in saved.files}


def _write(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    with path.open("wb") as handle:
        np.savez(handle, **arrays)
    return path


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "missing layer",
        "flat kernel",
        "other labels",
        "other embeddings",
        "pickled",
    ],
)
def test_a_bad_fast_model_file_is_one_clear_error(tmp_path: Path, damage: str) -> None:
    arrays = _saved_arrays()
    path = tmp_path / "ner-fast.npz"
    if damage == "garbage":
        path.write_bytes(b"\x80\x02garbage")
    elif damage == "truncated":
        whole = _write(tmp_path / "whole.npz", arrays).read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif damage == "missing layer":
        del arrays["norms.1.weight"]
        _write(path, arrays)
    elif damage == "flat kernel":
        _write(path, {**arrays, "convolutions.0.weight": arrays["convolutions.0.weight"][:, :, 0]})
    elif damage == "other labels":
        _write(path, {**arrays, "labels": np.asarray(["O", "B-X", "I-X"])})
    elif damage == "other embeddings":
        _write(path, {**arrays, "project.weight": arrays["project.weight"][:, :100]})
    else:  # an object array needs pickle to load, which a model file may never use
        _write(path, {**arrays, "labels": np.asarray([object()], dtype=object)})
    with pytest.raises(NerModelError, match="cannot load the NER model"):
        fast_tagger(path, bundled_e5())


def test_a_missing_fast_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NerModelError, match="cannot load the NER model"):
        load_fast_model(tmp_path / "absent.npz")


def _run_cli(command: list[str]) -> tuple[bool, str]:
    """Run the CLI in a fresh interpreter: whether it imported torch, and its output."""
    script = (
        "import sys\n"
        "from quellenlage.cli import main\n"
        "try:\n"
        f"    main({command!r})\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "print('torch' in sys.modules, file=sys.stderr)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return completed.stderr.splitlines()[-1] == "True", completed.stdout


def test_fast_mode_never_imports_torch() -> None:
    """The cold start of ``--ner fast`` rests on this: torch alone takes 2.5 s to import."""
    used_torch, output = _run_cli(["analyse", str(EXAMPLES), "--ner", "fast", "--format", "jsonl"])
    assert not used_torch
    records = [json.loads(line) for line in output.splitlines()]
    assert any(e["type"] == "PER" for r in records for e in r["entities"])


def test_accurate_mode_never_imports_torch() -> None:
    """The accurate model runs in onnxruntime: torch is for training only, in neither mode."""
    used_torch, output = _run_cli(
        ["analyse", str(EXAMPLES / "kuestenbote-hafenbruecke.txt"), "--format", "jsonl"]
    )
    assert not used_torch
    assert json.loads(output)["entities"]
