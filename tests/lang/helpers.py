"""Noise found in a text, as {covered text: kind}."""

from __future__ import annotations

from quellenlage.clean.noise import mark_noise
from quellenlage.lang.base import LanguageData


def kinds_of(text: str, language: LanguageData) -> dict[str, str]:
    return {text[e.start : e.end]: e.kind for e in mark_noise(text, language)}
