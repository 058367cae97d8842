"""One settings object, passed explicitly to every stage (defaults shipped here)."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs a user may turn; every stage receives the same object."""

    max_article_bytes: int = 5 * MB  # per article (text) and per JSON line
    max_markup_factor: int = 8  # an HTML page or feed may be this many times the text cap
    batch_size: int = 200  # articles per store transaction
    workers: int = 1  # processes for the per-article analysis; the CLI uses one per CPU (a
    # script that asks for more must guard its entry point: ``if __name__ == "__main__":``)
    summary_sentences: int = 6
    default_language: str = "de"
    outlet_from: str | None = None  # sources.csv or a file-name regex (see ingest/outlets.py)
    ner: str = "accurate"  # accurate | fast (see analyse/ner)

    @property
    def max_markup_bytes(self) -> int:
        return self.max_article_bytes * self.max_markup_factor


DEFAULT_SETTINGS = Settings()
