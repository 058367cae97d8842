"""Training data for the *fast* NER model (the word CNN of ``train_fast.py``), distilled from
the accurate one.

Gold sets keep their gold tags (GermEval 2014 dev, HIPE-2022 newseye and sonar). Silver or
differently annotated text is re-labelled by the accurate model (the teacher): WikiANN German
train, dev and test (wiki-markup sentences dropped; the teacher adds the MISC that WikiANN
lacks) and the Europarl German sentences (their tokens only; Europarl's own tags follow other
conventions and lowered the score when used directly). GermEval test is never read. The
teacher is ``finetune.py``'s torch checkpoint (``out/ner-accurate.pt``) before its export.

Usage: python train/ner/distill.py [seed]   (writes corpus/distill-train.spacy, corpus/dev.spacy)
"""

from __future__ import annotations

import random
import sys
import time

import spacy
from prepare import CHECKPOINT, DATA, OUT, Sentence, bio, germeval, hipe_gold, is_clean, to_doc
from spacy.tokens import DocBin

from quellenlage.analyse.ner.accurate import AccurateTagger
from quellenlage.analyse.ner.e5file import bundled_e5
from quellenlage.analyse.ner.encoder import load_model, torch_scorer


def europarl_words() -> list[list[str]]:
    sentences: list[list[str]] = []
    current: list[str] = []
    for line in (DATA / "europarl" / "train.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(line.split("\t", 1)[0])
    return [*sentences, current] if current else sentences


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 13
    rng = random.Random(seed)
    nlp = spacy.blank("de")
    gold: list[Sentence] = list(germeval(DATA / "germeval2014" / "NER-de-dev.tsv"))
    rng.shuffle(gold)
    dev, gold = gold[:500], gold[500:]
    gold.extend(hipe_gold())
    unlabelled = [
        [word for word, _ in s]
        for split in ("train", "dev", "test")
        for s in bio(DATA / "wikiann" / f"{split}.tsv")
        if is_clean(s)
    ] + europarl_words()
    teacher = AccurateTagger(torch_scorer(load_model(CHECKPOINT, bundled_e5())), bundled_e5())
    started = time.perf_counter()
    tags = teacher.tag_words(unlabelled)
    print(f"teacher labelled {len(unlabelled)} sentences in {time.perf_counter() - started:.0f} s")
    silver = [list(zip(words, t, strict=True)) for words, t in zip(unlabelled, tags, strict=True)]
    train = [to_doc(nlp, s) for s in gold * 2 + silver]
    rng.shuffle(train)
    OUT.mkdir(exist_ok=True)
    DocBin(docs=train).to_disk(OUT / "distill-train.spacy")
    DocBin(docs=[to_doc(nlp, s) for s in dev]).to_disk(OUT / "dev.spacy")
    print(f"train {len(train)} sentences ({len(silver)} teacher-labelled), dev {len(dev)}")


if __name__ == "__main__":
    main()
