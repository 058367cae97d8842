"""Comparison keys for names, so that transliteration variants of one name compare equal."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from quellenlage.lang import get_language


@cache
def _rules(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    data = get_language(language).name_key_rules
    return tuple((re.compile(pattern), replacement) for pattern, replacement in data)


@lru_cache(maxsize=100_000)  # bounded: a server process meets ever new names
def name_key(name: str, language: str = "de") -> str:
    """ "Dmitrijew", "Dmitriew" and "Dmitriev" give the same key."""
    key = name.lower()
    for pattern, replacement in _rules(language):
        key = pattern.sub(replacement, key)
    return key
