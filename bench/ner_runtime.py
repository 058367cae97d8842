"""Accurate NER, torch against onnxruntime, in one run (part of ``make bench``): sentences/s
and strict GermEval 2014 test F1 of the torch checkpoint and the shipped int8 ONNX graph, on
the same sentences in one process.

    .venv/bin/python bench/ner_runtime.py [--limit N]

The torch checkpoint is a training output (``train/ner/out/ner-accurate.pt``, git-ignored);
on a fresh clone it is taken from the last commit that shipped it, so nothing is retrained.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT = ROOT / "train" / "ner" / "out" / "ner-accurate.pt"
SHIPPED = ROOT / "src" / "quellenlage" / "lang" / "de" / "models" / "ner-accurate.onnx"
LAST_SHIPPED_PT = "src/quellenlage/lang/de/models/ner-accurate.pt"


def torch_checkpoint() -> Path:
    if not CHECKPOINT.exists():
        commit = subprocess.run(
            ["git", "log", "-1", "--format=%H", "--", LAST_SHIPPED_PT],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        CHECKPOINT.parent.mkdir(parents=True, exist_ok=True)
        with open(CHECKPOINT, "wb") as out:
            subprocess.run(
                ["git", "show", f"{commit}^:{LAST_SHIPPED_PT}"], cwd=ROOT, stdout=out, check=True
            )
    return CHECKPOINT


def main() -> None:
    extra = sys.argv[1:]
    print("accurate NER: torch checkpoint vs the shipped onnxruntime int8 graph")
    models = ["--model", str(torch_checkpoint()), "--model", str(SHIPPED)]
    evaluation = [sys.executable, str(ROOT / "eval" / "ner.py"), "--ner", "accurate"]
    subprocess.run([*evaluation, *models, *extra], check=True)


if __name__ == "__main__":
    main()
