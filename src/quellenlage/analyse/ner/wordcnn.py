"""The fast NER model's layers in torch, for training only (``train/ner/train_fast.py``).

Tagging never imports torch: ``fast.py`` runs the same layers in numpy from the saved
weights, and a test holds the two to the same scores.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from quellenlage.analyse.ner.decoding import LABELS
from quellenlage.analyse.ner.fast import SHAPE_FEATURES


class WordCnn(nn.Module):
    """Residual 1-d convolutions over the words (each layer sees two more neighbours)."""

    def __init__(
        self, embedding: int, width: int = 256, layers: int = 4, labels: int = len(LABELS)
    ) -> None:
        super().__init__()
        self.project = nn.Linear(embedding + SHAPE_FEATURES, width)
        self.convolutions = nn.ModuleList(
            nn.Conv1d(width, width, 3, padding=1) for _ in range(layers)
        )
        self.norms = nn.ModuleList(nn.LayerNorm(width) for _ in range(layers))
        self.dropout = nn.Dropout(0.25)
        self.head = nn.Linear(width, labels)

    def forward(self, words: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        present = (torch.arange(words.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        x = self.dropout(torch.relu(self.project(words))) * present
        for convolution, norm in zip(self.convolutions, self.norms, strict=True):
            y = convolution(x.transpose(1, 2)).transpose(1, 2)
            x = norm(x + self.dropout(nn.functional.gelu(y))) * present
        return self.head(x)

    def weights(self) -> dict[str, np.ndarray]:
        """The parameters as numpy arrays, named as ``fast.CnnWeights`` reads them."""
        return {name: value.detach().numpy() for name, value in self.state_dict().items()}
