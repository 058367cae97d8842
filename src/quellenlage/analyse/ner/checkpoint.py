"""Saving and loading torch checkpoints of training (``make train-ner``; never imported when
tagging): fp16 tensors plus a little metadata, read with ``weights_only`` (a model file can
never run code), and a damaged file as one clear error."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import torch

from quellenlage.analyse.ner import NerModelError


def save_checkpoint(path: Path, state: dict[str, torch.Tensor], **meta: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({**meta, "state": {k: v.half() for k, v in state.items()}}, path)


def load_checkpoint(path: Path) -> dict[str, Any]:
    """The saved metadata, and ``state`` with float32 tensors."""
    try:
        saved = torch.load(path, map_location="cpu", weights_only=True)
        saved["state"] = {k: v.float() for k, v in saved["state"].items()}
    except (
        OSError,
        RuntimeError,
        KeyError,
        TypeError,
        AttributeError,
        pickle.UnpicklingError,
    ) as error:
        raise NerModelError(f"cannot load the NER model {path}: {error}") from error
    return dict(saved)
