"""``quellenlage analyse`` on the seed story: one record per article with offsets that hold."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quellenlage.cli import main


def test_analyse_seeds(seeds_dir: Path) -> None:
    result = CliRunner().invoke(main, ["analyse", str(seeds_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    texts = {Path(p).name[:3]: p.read_text(encoding="utf-8") for p in seeds_dir.iterdir()}
    by_file = {Path(r["source"]).name[:3]: r for r in records}
    for key, record in by_file.items():
        text = texts[key]
        for item in record["entities"] + record["quotes"] + record["numbers"] + record["dates"]:
            assert text[item["start"] : item["end"]] == item["text"]
    speakers = {q["speaker"] for r in records for q in r["quotes"]}
    assert {
        "Uschakow",
        "Putin",
        "Rubio",
        "Karoline Leavitt",
        "Johann Wadephul",
        "Rutte",
        "Dmitriev",
    } <= speakers
    dated = {d["text"]: d["value"] for key in ("001", "003") for d in by_file[key]["dates"]}
    assert dated["am Dienstagabend"] == dated["am Dienstag"] == "2025-12-02"
    people = {e["text"] for r in records for e in r["entities"] if e["type"] == "PER"}
    assert {"Wladimir Putin", "Juri Uschakow", "Steve Witkoff", "Marco Rubio"} <= people


def test_analyse_fast_mode(seeds_dir: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[3]
    result = CliRunner().invoke(main, ["analyse", str(seed), "--ner", "fast"])
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    text = seed.read_text(encoding="utf-8")
    found = {(e["text"], e["type"]) for e in record["entities"]}
    assert ("Putin", "PER") in found or ("Wladimir Putin", "PER") in found
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_unknown_ner_mode_is_a_usage_error(seeds_dir: Path) -> None:
    result = CliRunner().invoke(main, ["analyse", str(seeds_dir), "--ner", "huge"])
    assert result.exit_code == 2
    assert "huge" in result.stderr
