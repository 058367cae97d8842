"""Transliteration variants compare equal; different names do not."""

from __future__ import annotations

import pytest

from quellenlage.link.names import name_key


@pytest.mark.parametrize(
    "variants",
    [
        ("Dmitriew", "Dmitrijew", "Dmitriev"),
        ("Peskow", "Peskov"),
        ("Selenskyj", "Selensky"),
        ("Witkoff", "Witkow"),
        ("Kiew", "Kyjiw"),
        ("Uschakow", "Ushakov"),
    ],
)
def test_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({name_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "pair", [("Peskow", "Dmitriev"), ("Witkoff", "Kushner"), ("Trump", "Putin")]
)
def test_different_names_differ(pair: tuple[str, str]) -> None:
    assert name_key(pair[0]) != name_key(pair[1])
