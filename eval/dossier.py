"""The quote part of ``make eval-dossier``: quotes, speakers and quote groups of the dossiers
the product builds, scored against gold annotated by character offsets (``eval/gold/``).

Each gold set (seeds + examples, dev, test) is ingested into its own temporary SQLite archive
through ``Archive`` exactly as a user's files would be, and the dossier of all its articles is
read back with ``Archive.dossier_of``. Every evidence span of a dossier quote is one predicted
quote in its article, with the quote's kind, ``speaker_name`` and group.

Scoring rules:
- a predicted span matches a gold span of the same kind when their overlap covers at least
  half of the gold span *and* half of the predicted span; matching is one-to-one, largest
  overlap first. Direct and indirect speech get P/R/F1 each.
- a speaker is right when the last word of the gold speaker (any of the names the text gives
  for that speaker, e.g. "Juri Uschakow" or "Uschakow") is a word of the predicted speaker, or
  the last word of the predicted speaker is a word of the gold one (words compared in lower
  case, a genitive "s" dropped, two spellings of one name alike when difflib's ratio is at
  least 0.75, as "Dmitriev" / "Dmitrijew"): "Putins Berater Juri Uschakow" is right for
  "Uschakow".
  Accuracy is over matched quotes of both kinds whose gold quote names a speaker.
- grouping: pairs of quotes in different articles that belong to one utterance. A predicted
  pair (two evidence spans of one dossier quote) is right when both spans match gold quotes of
  one gold group; recall counts gold pairs whose two quotes matched spans of one dossier quote.
- wording: every dossier quote's ``text`` must be the words of one of its own evidence spans,
  and every evidence ``text`` must be ``article.text[start:end]``; violations are counted.

Gold articles are named by their source (file and row or line, never their text) and checked
by the sha256 of the article text; an article whose text no longer matches is reported and left
out. ``--misses`` lists what went wrong, for the dev set and seeds + examples only: the test set
is held out (nothing may be tuned on it).

``python eval/dossier.py annotate SCRATCH.json SET`` turns annotations written as quoted
substrings (kept outside the repository) into the offsets stored here.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import itertools
import json
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quellenlage import api
from quellenlage.archive import Archive
from quellenlage.ingest.registry import Walk, read_inputs
from quellenlage.model import Article, RawItem
from quellenlage.pipeline import build_article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
SETS = {"seeds+examples": "seeds_examples.jsonl", "dev": "dev.jsonl", "test": "test.jsonl"}
HELD_OUT = "test"
KINDS = ("direct", "indirect")
SPELLINGS = 0.75  # difflib ratio of two spellings of one name ("Kowaltschuk" / "Kovalchuk")


# --- sources: where each gold article's text comes from -------------------------------------


def _gnad_rows() -> list[list[str]]:
    path = SHARED / "data" / "text" / "10kgnad" / "test.csv"
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream, delimiter=";", quotechar="'"))


def _xglue_lines() -> list[list[str]]:
    path = SHARED / "data" / "text" / "xglue_news_de" / "dev.txt"
    with open(path, encoding="utf-8") as stream:
        return [line.rstrip("\n").split("\t") for line in stream]


def _example_texts() -> dict[str, str]:
    """The article texts the examples yield, as ``file#item`` (the product's own reading)."""
    texts: dict[str, str] = {}
    settings = api.make_settings(workers=1)
    for path in sorted((ROOT / "examples").iterdir()):
        items = [r for r in read_inputs([str(path)], settings, Walk()) if isinstance(r, RawItem)]
        for number, item in enumerate(items):
            article = build_article(item, settings)
            if isinstance(article, Article):
                texts[f"examples/{path.name}#{number}"] = article.text
    return texts


def source_text(source: str, examples: dict[str, str]) -> str:
    """The text of one gold source: ``seeds/FILE``, ``examples/FILE#ITEM``,
    ``10kgnad/test.csv:ROW`` (the row's text) or ``xglue_news_de/dev.txt:LINE`` (title, a blank
    line, body: how the article is written to a plain-text file for ingest)."""
    if source.startswith("seeds/"):
        return (SHARED / source).read_text(encoding="utf-8")
    if source.startswith("examples/"):
        return examples[source]
    name, _, number = source.rpartition(":")
    if name == "10kgnad/test.csv":
        return _gnad_rows()[int(number)][1]
    if name == "xglue_news_de/dev.txt":
        title, body, _ = _xglue_lines()[int(number)]
        return f"{title}\n\n{body}"
    raise ValueError(f"unknown gold source {source!r}")


def _input_paths(sources: Sequence[str], folder: Path, examples: dict[str, str]) -> list[str]:
    """Files to ingest: seeds and examples as they are, corpus rows written as .txt files."""
    paths: list[str] = []
    for source in sources:
        if source.startswith("seeds/"):
            paths.append(str(SHARED / source))
        elif source.startswith("examples/"):
            path = str(ROOT / source.partition("#")[0])
            if path not in paths:
                paths.append(path)
        else:
            name = re.sub(r"\W+", "_", source) + ".txt"
            (folder / name).write_text(source_text(source, examples), encoding="utf-8")
            paths.append(str(folder / name))
    return paths


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- gold -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    kind: str
    speakers: tuple[tuple[int, int], ...]  # the names the text gives the speaker, near the quote
    group: str | None  # one utterance quoted in several articles


@dataclass(frozen=True, slots=True)
class GoldArticle:
    source: str
    sha256: str
    quotes: tuple[GoldQuote, ...]


def load_gold(path: Path) -> list[GoldArticle]:
    articles = []
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            quotes = tuple(
                GoldQuote(
                    q["span"][0],
                    q["span"][1],
                    q["kind"],
                    tuple((s, e) for s, e in q["speaker"]),
                    q.get("group"),
                )
                for q in record["quotes"]
            )
            articles.append(GoldArticle(record["source"], record["sha256"], quotes))
    return articles


# --- predictions from the dossier -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Predicted:
    article: str
    start: int
    end: int
    kind: str
    speaker: str | None
    group: tuple[str, str]  # (story id, quote id)


@dataclass
class Run:
    texts: dict[str, str]  # article id -> text
    predicted: list[Predicted]
    wording_errors: list[str]


def run_product(sources: Sequence[str], examples: dict[str, str]) -> Run:
    """Ingest the sources into a fresh archive and read the dossier of all their articles."""
    with tempfile.TemporaryDirectory(prefix="quellenlage-eval-") as tmp:
        folder = Path(tmp)
        paths = _input_paths(sources, folder, examples)
        settings = api.make_settings(workers=1)
        with Archive(folder / "eval.db", settings=settings) as archive:
            report = archive.ingest(paths)
            document = archive.dossier_of(report.article_ids)
    texts = {a["id"]: a["text"] for a in document["articles"]}
    predicted: list[Predicted] = []
    errors: list[str] = []
    for story in document["stories"]:
        for quote in story["quotes"]:
            errors.extend(_wording_errors(quote, texts))
            for span in quote["evidence"]:
                predicted.append(
                    Predicted(
                        span["article"],
                        span["start"],
                        span["end"],
                        quote["kind"],
                        quote["speaker_name"],
                        (story["id"], quote["id"]),
                    )
                )
    return Run(texts, predicted, errors)


def _wording_errors(quote: dict[str, Any], texts: dict[str, str]) -> list[str]:
    errors = []
    own = set()
    for span in quote["evidence"]:
        words = texts[span["article"]][span["start"] : span["end"]]
        own.add(words)
        if span["text"] != words:
            errors.append(f"{quote['id']}: evidence text is not the words of its span")
    if quote["text"] not in own:
        errors.append(f"{quote['id']}: quote text is not the words of any of its spans")
    return errors


# --- scoring --------------------------------------------------------------------------------


def covers(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Both spans overlap by at least half of each."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and 2 * inter >= a[1] - a[0] and 2 * inter >= b[1] - b[0]


def _words(name: str) -> list[str]:
    words = [w.lower() for w in re.findall(r"\w+", name)]
    return [w[:-1] if len(w) > 4 and w.endswith("s") else w for w in words]


def _alike(word: str, words: Sequence[str]) -> bool:
    return any(difflib.SequenceMatcher(None, word, w).ratio() >= SPELLINGS for w in words)


def same_speaker(predicted: str | None, gold_names: Iterable[str]) -> bool:
    if not predicted:
        return False
    mine = _words(predicted)
    for name in gold_names:
        theirs = _words(name)
        if mine and theirs and (_alike(theirs[-1], mine) or _alike(mine[-1], theirs)):
            return True
    return False


@dataclass
class Counts:
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    predicted: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    speakers: int = 0
    speakers_right: int = 0
    pairs_gold: int = 0
    pairs_predicted: int = 0
    pairs_right_predicted: int = 0
    pairs_found: int = 0
    wording_errors: int = 0
    stale: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def score(gold: Sequence[GoldArticle], run: Run) -> Counts:
    counts = Counts(wording_errors=len(run.wording_errors))
    by_hash = {sha256(text): article_id for article_id, text in run.texts.items()}
    matches: dict[Predicted, tuple[str, GoldQuote]] = {}
    found_ids = set()
    for article in gold:
        article_id = by_hash.get(article.sha256)
        if article_id is None:
            counts.stale.append(article.source)
            continue
        found_ids.add(article_id)
        text = run.texts[article_id]
        mine = [p for p in run.predicted if p.article == article_id]
        for kind in KINDS:
            golds = [q for q in article.quotes if q.kind == kind]
            preds = [p for p in mine if p.kind == kind]
            counts.gold[kind] += len(golds)
            counts.predicted[kind] += len(preds)
            for pred, quote in _match(golds, preds):
                matches[pred] = (article.source, quote)
                counts.matched[kind] += 1
                if quote.speakers:
                    counts.speakers += 1
                    names = [text[s:e] for s, e in quote.speakers]
                    if same_speaker(pred.speaker, names):
                        counts.speakers_right += 1
                    else:
                        counts.misses.append(
                            f"{article.source}: speaker {pred.speaker!r} for {names[0]!r}: "
                            f"{_short(text, quote.start, quote.end)}"
                        )
            matched_gold = {id(q) for p, (_, q) in matches.items() if p.article == article_id}
            for quote in golds:
                if id(quote) not in matched_gold:
                    counts.misses.append(
                        f"{article.source}: missed {kind}: {_short(text, quote.start, quote.end)}"
                    )
            for pred in preds:
                if pred not in matches:
                    counts.misses.append(
                        f"{article.source}: spurious {kind} ({pred.speaker}): "
                        f"{_short(text, pred.start, pred.end)}"
                    )
    _score_groups(gold, run, matches, found_ids, counts)
    return counts


def _match(golds: list[GoldQuote], preds: list[Predicted]) -> list[tuple[Predicted, GoldQuote]]:
    candidates = sorted(
        (
            (min(p.end, q.end) - max(p.start, q.start), i, j)
            for i, q in enumerate(golds)
            for j, p in enumerate(preds)
            if covers((p.start, p.end), (q.start, q.end))
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((preds[j], golds[i]))
    return pairs


def _score_groups(
    gold: Sequence[GoldArticle],
    run: Run,
    matches: dict[Predicted, tuple[str, GoldQuote]],
    found_ids: set[str],
    counts: Counts,
) -> None:
    members: dict[str, list[tuple[str, GoldQuote]]] = {}
    for article in gold:
        for quote in article.quotes:
            if quote.group:
                members.setdefault(quote.group, []).append((article.source, quote))
    gold_pairs = {
        frozenset((id(a[1]), id(b[1])))
        for group in members.values()
        for a, b in itertools.combinations(group, 2)
        if a[0] != b[0]
    }
    counts.pairs_gold = len(gold_pairs)
    predicted = [p for p in run.predicted if p.article in found_ids]
    groups: dict[tuple[str, str], list[Predicted]] = {}
    for pred in predicted:
        groups.setdefault(pred.group, []).append(pred)
    found = set()
    for spans in groups.values():
        for a, b in itertools.combinations(spans, 2):
            if a.article == b.article:
                continue
            counts.pairs_predicted += 1
            ga, gb = matches.get(a), matches.get(b)
            if ga and gb and ga[1].group and ga[1].group == gb[1].group:
                counts.pairs_right_predicted += 1
                found.add(frozenset((id(ga[1]), id(gb[1]))))
    counts.pairs_found = len(found & gold_pairs)


def _short(text: str, start: int, end: int) -> str:
    words = text[start:end].replace("\n", " ")
    return repr(words if len(words) <= 70 else words[:67] + "...")


# --- report ---------------------------------------------------------------------------------


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table_rows(name: str, counts: Counts) -> list[str]:
    rows = []
    for kind in KINDS:
        p, r, f = prf(counts.matched[kind], counts.predicted[kind], counts.gold[kind])
        rows.append(
            f"{name:<15} {kind + ' quotes':<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
            f"(gold {counts.gold[kind]}, predicted {counts.predicted[kind]}, "
            f"matched {counts.matched[kind]})"
        )
    accuracy = counts.speakers_right / counts.speakers if counts.speakers else 0.0
    rows.append(
        f"{name:<15} {'speaker accuracy':<22} {accuracy:.3f}  "
        f"({counts.speakers_right} of {counts.speakers} matched quotes)"
    )
    if counts.pairs_gold or counts.pairs_predicted:
        p = counts.pairs_right_predicted / counts.pairs_predicted if counts.pairs_predicted else 0.0
        r = counts.pairs_found / counts.pairs_gold if counts.pairs_gold else 0.0
        rows.append(
            f"{name:<15} {'grouping (pairwise)':<22} P {p:.3f}  R {r:.3f}  "
            f"(gold pairs {counts.pairs_gold}, predicted pairs {counts.pairs_predicted})"
        )
    rows.append(f"{name:<15} {'wording errors':<22} {counts.wording_errors}")
    return rows


def evaluate(names: Sequence[str], misses: bool) -> int:
    examples = _example_texts()
    status = 0
    for name in names:
        gold = load_gold(GOLD / SETS[name])
        run = run_product([a.source for a in gold], examples)
        counts = score(gold, run)
        print("\n".join(table_rows(name, counts)), flush=True)
        for source in counts.stale:
            print(f"{name}: {source}: article text changed since annotation, left out")
            status = 1
        if counts.wording_errors:
            status = 1
        if misses and name != HELD_OUT:
            for line in counts.misses:
                print("  " + line)
    return status


# --- annotation -----------------------------------------------------------------------------


def annotate(scratch: Path, name: str) -> None:
    """Offsets from substring annotations: ``{source: [[kind, words, speakers, occurrence,
    group], ...]}`` where ``speakers`` is "Name|Other name" (the occurrence of a name nearest to
    the quote is taken) and ``occurrence`` picks among repeated words (0 = first). The set's
    other articles are kept, so articles can be added to a set later."""
    examples = _example_texts()
    with open(scratch, encoding="utf-8") as stream:
        annotations = json.load(stream)
    records = [r for r in _records(GOLD / SETS[name]) if r["source"] not in annotations]
    for source, items in annotations.items():
        text = source_text(source, examples)
        quotes = []
        for kind, words, speakers, occurrence, group in items:
            start, end = _find(text, words, occurrence, source)
            names = speakers.split("|") if speakers else []
            spans = [_nearest(text, name, start, source) for name in names]
            quotes.append({"span": [start, end], "kind": kind, "speaker": spans, "group": group})
        quotes.sort(key=lambda q: q["span"])
        records.append({"source": source, "sha256": sha256(text), "quotes": quotes})
    records.sort(key=lambda r: _source_order(r["source"]))
    with open(GOLD / SETS[name], "w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{name}: {len(records)} articles, {sum(len(r['quotes']) for r in records)} quotes")


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def _source_order(source: str) -> tuple[str, int]:
    """Corpus rows by number ("…:27" before "…:119"), other sources by name."""
    name, _, number = source.rpartition(":")
    return (name, int(number)) if number.isdigit() else (source, 0)


def _pattern(words: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words.split()))


def _find(text: str, words: str, occurrence: int, source: str) -> tuple[int, int]:
    found = list(_pattern(words).finditer(text))
    if len(found) <= occurrence:
        raise SystemExit(f"{source}: not found: {words[:60]!r}")
    return found[occurrence].start(), found[occurrence].end()


def _nearest(text: str, name: str, at: int, source: str) -> list[int]:
    found = list(_pattern(name).finditer(text))
    if not found:
        raise SystemExit(f"{source}: speaker not found: {name!r}")
    best = min(found, key=lambda m: abs(m.start() - at))
    return [best.start(), best.end()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="score the gold sets (the default)")
    run.add_argument("--set", choices=list(SETS), action="append", dest="sets")
    run.add_argument("--misses", action="store_true", help="list errors (never for test)")
    make = sub.add_parser("annotate", help="write a gold set from substring annotations")
    make.add_argument("scratch", type=Path)
    make.add_argument("set", choices=list(SETS))
    args = parser.parse_args(argv if argv is not None else (sys.argv[1:] or ["run"]))
    if args.command == "annotate":
        annotate(args.scratch, args.set)
        return 0
    return evaluate(args.sets or list(SETS), args.misses)


if __name__ == "__main__":
    sys.exit(main())
