"""What the pages compute, without a server: highlighted pieces by code points, spans,
language choice, the token check, and the web layer's imports."""

from __future__ import annotations

import ast
from pathlib import Path

from quellenlage.web import present
from quellenlage.web.i18n import MESSAGES, choose_language
from quellenlage.web.rest import _authorised

WEB = Path(present.__file__).parent


def test_pieces_cut_by_code_points_after_an_astral_character() -> None:
    text = "Frieden \U0001f54a jetzt. Zweiter Satz hier."
    start = text.index("Zweiter")
    cut = present.pieces(text, [(0, 7, "metadata")], (start, len(text)))
    assert "".join(p.text for p in cut) == text
    assert "".join(p.text for p in cut if p.marked) == text[start:]
    assert [p.anchor for p in cut if p.anchor] == [present.span_anchor(start, len(text))]
    assert [p.text for p in cut if p.noise] == ["Frieden"]


def test_a_mark_over_noise_keeps_both_looks() -> None:
    cut = present.pieces("abcdef", [(2, 4, "caption")], (1, 5))
    assert [(p.text, p.noise, p.marked) for p in cut] == [
        ("a", None, False),
        ("b", None, True),
        ("cd", "caption", True),
        ("e", None, True),
        ("f", None, False),
    ]


def test_parse_span_refuses_what_is_not_inside_the_text() -> None:
    assert present.parse_span("2-5", 10) == (2, 5)
    for bad in ("5-2", "0-11", "-1-3", "a-b", "3", "", "1-1", "\u00b9-2", "1-\u0663"):
        assert present.parse_span(bad, 10) is None


def test_story_number_takes_ascii_digits_only() -> None:
    assert present.story_number("s17") == 17 == present.story_number("17")
    for bad in ("s\u00b9", "\u0663", "sx", "", "s" + "9" * 20):
        assert present.story_number(bad) is None


def test_language_choice() -> None:
    assert choose_language(None, None, None) == ("de", False)
    assert choose_language(None, None, "en-US,en;q=0.9") == ("en", False)
    assert choose_language(None, None, "fr, en;q=0.5, de;q=0.8") == ("de", False)
    assert choose_language(None, "en", "de") == ("en", False)
    assert choose_language("en", "de", "de") == ("en", True)
    assert choose_language("xx", None, None) == ("de", False)


def test_one_catalogue_with_the_same_keys_in_each_language() -> None:
    assert set(MESSAGES["de"]) == set(MESSAGES["en"])


def test_token_check() -> None:
    assert _authorised("s3cret", "Bearer s3cret")
    assert _authorised("s3cret", "bearer s3cret ")
    assert not _authorised("s3cret", "Bearer s3cre")
    assert not _authorised("s3cret", "s3cret")
    assert not _authorised(None, "Bearer s3cret")
    assert not _authorised("s3cret", None)


def test_web_layer_speaks_no_sql_and_marks_no_article_data_safe() -> None:
    for module in WEB.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n.split(".")[0] == "sqlalchemy" for n in names), module
    for template in (WEB / "templates").glob("*.html"):
        assert "|safe" not in template.read_text().replace(" ", ""), template
