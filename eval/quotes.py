"""Quote, speaker and date evaluation on a test set written for this project in German news
style (``eval/data/quotes_gold.jsonl``: 24 short articles, 68 quotes, 30 of them indirect
speech, 14 dates; the last three articles test relative-clause speakers, passages in the
Konjunktiv, "nach Angaben von", unmarked speech after a colon and months by tense).
``make eval-quotes`` prints quote-span P/R/F1, speaker accuracy and date accuracy.

A predicted quote matches a gold quote when their character ranges overlap by at least half
of their union; a speaker is right when its last word is the gold speaker's last word (a
surname, or the head of "ein Sprecher").
"""

from __future__ import annotations

import json
from pathlib import Path

from quellenlage.analyse.dates import find_dates
from quellenlage.analyse.quotes import find_quotes
from quellenlage.lang import get_language
from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article
from quellenlage.settings import Settings

GOLD = Path(__file__).resolve().parent / "data" / "quotes_gold.jsonl"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def last_word(name: str | None) -> str:
    return (name or "").split()[-1].lower() if name else ""


def main() -> None:
    german = get_language("de")
    gold_count = predicted_count = matched = speaker_right = kind_right = 0
    dates_total = dates_right = 0
    misses: list[str] = []
    with open(GOLD, encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    for record in records:
        text = record["text"]
        article = build_article(
            RawItem("gold", text, "gold", published=record["published"]), Settings()
        )
        assert isinstance(article, Article)
        predicted = find_quotes(article, german)
        predicted_count += len(predicted)
        for gold in record["quotes"]:
            gold_count += 1
            start = text.index(gold["quote"])
            span = (start, start + len(gold["quote"]))
            best = max(predicted, key=lambda q: overlap((q.start, q.end), span), default=None)
            if best is None or overlap((best.start, best.end), span) < 0.5:
                misses.append(f"missed: {gold['quote'][:60]!r}")
                continue
            matched += 1
            kind_right += best.kind == gold["kind"]
            if last_word(best.speaker) == last_word(gold["speaker"]):
                speaker_right += 1
            else:
                misses.append(
                    f"speaker {best.speaker!r} for {gold['speaker']!r}: {gold['quote'][:40]!r}"
                )
        found = {text[d.start : d.end]: d.value for d in find_dates(article, german)}
        for gold_date in record["dates"]:
            dates_total += 1
            dates_right += found.get(gold_date["text"]) == gold_date["value"]
    precision = matched / predicted_count if predicted_count else 0.0
    recall = matched / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    print(
        f"quotes: {gold_count} gold, {predicted_count} predicted, {matched} matched; "
        f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )
    print(
        f"speaker accuracy (matched quotes): {speaker_right / max(matched, 1):.3f}; "
        f"kind accuracy: {kind_right / max(matched, 1):.3f}"
    )
    print(f"date accuracy: {dates_right}/{dates_total} = {dates_right / max(dates_total, 1):.3f}")
    for line in misses:
        print("  " + line)


if __name__ == "__main__":
    main()
