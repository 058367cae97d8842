"""Wire-copy reuse: shared passages as span pairs, never across noise, with the share."""

from __future__ import annotations

from quellenlage.link.reuse import MIN_WORDS, find_reuse
from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings

WIRE = "Die Hafenbrücke war 1968 eröffnet worden und wird täglich von vielen Autos genutzt."


def article(text: str, source: str) -> Article:
    built = build_article(RawItem(source, text, source), Settings())
    assert isinstance(built, Article)
    return built


def test_shared_wire_sentence() -> None:
    a = article(f"Die Stadt sperrt die Brücke nach einer Prüfung. {WIRE} Busse fahren um.", "a")
    b = article(f"Pendler stehen im Stau. {WIRE} Die Fähre fährt öfter.", "b")
    c = article("Der Handballverein gewinnt das Derby deutlich mit sieben Toren.", "c")
    [reuse] = find_reuse([a, b, c])
    assert set(reuse.articles) == {a.id, b.id}
    [passage] = reuse.passages
    assert a.text[passage.a.start : passage.a.end] == passage.a.text == WIRE.rstrip(".")
    assert b.text[passage.b.start : passage.b.end] == passage.b.text == WIRE.rstrip(".")
    assert 0 < reuse.share < 1


def test_passages_never_cross_noise() -> None:
    half = "Der Rat tagte am Abend lange über den neuen Haushalt der Stadt Lindholm"
    rest = "und beschloss am Ende mit knapper Mehrheit die geplanten Kürzungen im Kulturetat"
    a = article(f"{half}\n\nSHARE\n\n{rest}.\n", "a")
    b = article(f"{half} {rest}.\n", "b")
    [reuse] = find_reuse([a, b])
    for passage in reuse.passages:
        assert "SHARE" not in a.text[passage.a.start : passage.a.end]
        assert len(a.text[passage.a.start : passage.a.end].split()) >= MIN_WORDS


def test_seed_wire_sentence(seed_texts: dict[str, str]) -> None:
    articles = [article(seed_texts[k], k) for k in ("002", "004")]
    [reuse] = find_reuse(articles)
    texts = [articles[0].text[p.a.start : p.a.end] for p in reuse.passages]
    assert any(t.startswith("Die Seiten seien nach den Gesprächen nicht weiter") for t in texts)
