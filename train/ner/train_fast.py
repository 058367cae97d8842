"""Train the fast NER model (``--ner fast``): a word CNN over e5 input embeddings, on the corpus
that ``distill.py`` builds (gold sets twice + sentences labelled by the accurate model).

Usage: python train/ner/train_fast.py [--seed 13] [--epochs 4] [--out PATH]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import spacy
import torch
from ner_scores import span_scores
from prepare import OUT, length_batches
from spacy.tokens import DocBin

from quellenlage.analyse.ner import model_path
from quellenlage.analyse.ner.decoding import LABELS
from quellenlage.analyse.ner.e5file import bundled_e5
from quellenlage.analyse.ner.fast import CnnWeights, FastTagger, WordFeatures, save_fast_model
from quellenlage.analyse.ner.wordcnn import WordCnn

Tagged = tuple[list[str], list[str]]
_BATCH = 64  # sentences
_MAX_WORDS = 80  # long OCR sentences of HIPE are cut for training


def read(path: Path) -> list[Tagged]:
    nlp = spacy.blank("de")
    sentences = []
    for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
        tags = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in doc]
        sentences.append(([t.text for t in doc][:_MAX_WORDS], tags[:_MAX_WORDS]))
    return [s for s in sentences if s[0]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--out", type=Path, default=model_path("fast", "de"))
    args = parser.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train, dev = read(OUT / "distill-train.spacy"), read(OUT / "dev.spacy")
    features = WordFeatures(bundled_e5())
    model = WordCnn(features.e5.config.hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_function = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best, started = -1.0, time.time()
    train_lengths = [len(words) for words, _ in train]
    for epoch in range(args.epochs):
        model.train()
        for indexes in length_batches(train_lengths, rng, lambda _, size: size <= _BATCH):
            batch = [train[i] for i in indexes]
            padded, sizes = features.batch([w for w, _ in batch])
            words, lengths = torch.from_numpy(padded), torch.from_numpy(sizes)
            gold = torch.full(words.shape[:2], -100, dtype=torch.long)
            for i, (_, tags) in enumerate(batch):
                gold[i, : len(tags)] = torch.tensor([LABELS.index(t) for t in tags])
            loss = loss_function(model(words, lengths).reshape(-1, len(LABELS)), gold.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
        for group in optimiser.param_groups:
            group["lr"] *= 0.6
        model.eval()  # scored as it ships: the numpy layers over the current weights
        tagger = FastTagger(CnnWeights.from_arrays(model.weights()), features)
        score = span_scores([t for _, t in dev], tagger.tag_words([w for w, _ in dev]))["ALL"][2]
        print(f"epoch {epoch + 1}: dev F1 {score:.4f} ({time.time() - started:.0f} s)", flush=True)
        if score > best:
            best = score
            save_fast_model(model.weights(), args.out)
    print(f"best dev F1 {best:.4f}; model in {args.out}")


if __name__ == "__main__":
    main()
