# Two commands do everything on a fresh clone:
#   make demo   — dossier of examples/ (or INPUT=folder) into out/
#   make test   — lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
INPUT ?= examples
OUT ?= out

.PHONY: bench-archive demo test lint format bench clean fuzz stress eval-cluster train-ner export-ner eval-ner eval-quotes eval-dossier browser postgres

$(STAMP): pyproject.toml
	rm -f $(VENV)/.installed-*
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## one build of the dossier, written as JSON, Markdown and HTML
	$(BIN)/quellenlage dossier $(INPUT) --format json --format md --format html --out $(OUT)/dossier
	@echo "dossier of $(INPUT): $(OUT)/dossier.json, $(OUT)/dossier.md and $(OUT)/dossier.html"

.PHONY: serve
serve: $(STAMP)  ## the web UI and API on the demo data (examples/ into out/demo.db), http://127.0.0.1:8000
	$(BIN)/quellenlage ingest $(INPUT) --db $(OUT)/demo.db
	$(BIN)/quellenlage serve --db $(OUT)/demo.db

lint: $(STAMP)
	$(BIN)/ruff check src tests bench eval train
	$(BIN)/ruff format --check src tests bench eval train
	$(BIN)/mypy

test: lint browser postgres
	$(BIN)/python -m pytest -q

browser:  ## headless Chromium for the HTML export test (Debian package; needs root or sudo)
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

postgres:  ## PostgreSQL server binaries for the store tests (Debian package; needs root or sudo)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

format: $(STAMP)
	$(BIN)/ruff format src tests bench eval train
	$(BIN)/ruff check --fix src tests bench eval train

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/sentences.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/cold_start.py
	$(BIN)/python bench/archive.py
	$(BIN)/python bench/ner_runtime.py

bench-archive: $(STAMP)  ## analyse once, read fast: ingest fast vs accurate, accurate NER torch vs onnxruntime, stored dossiers, cold start
	$(BIN)/python bench/archive.py
	$(BIN)/python bench/ner_runtime.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache

fuzz: $(STAMP)  ## properties with 5,000 examples each (not part of make test)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:randomly \
		tests/reliability/test_properties.py tests/analyse/test_sentences.py -k "raise or spans or round_trip or evidence"

stress: $(STAMP)  ## huge inputs (200 MB files, 100,000 tiny files, a 5 MB unbroken text) and a 100,000-article stream; 1M: bench/stress.py --stream 1000000 --only-stream
	$(BIN)/python bench/stress.py

eval-cluster: $(STAMP)  ## ECB+ B-cubed table with baselines, and the German mix check
	$(BIN)/python eval/cluster.py

MODELS := src/quellenlage/lang/de/models

train-ner: $(STAMP)  ## both shipped German NER models, from licence-compatible data; fixed seed 13
	cd train/ner && ../../$(BIN)/python finetune.py --seed 13 --epochs 2 --out out/ner-accurate.pt
	cd train/ner && ../../$(BIN)/python distill.py 13
	cd train/ner && ../../$(BIN)/python train_fast.py --seed 13 --epochs 6 --out ../../$(MODELS)/ner-fast.npz
	$(MAKE) export-ner

export-ner: $(STAMP)  ## the accurate model's torch checkpoint (train/ner/out) to the shipped ONNX graph, int8
	cd train/ner && ../../$(BIN)/python export_onnx.py --checkpoint out/ner-accurate.pt --precision int8 --out ../../$(MODELS)/ner-accurate.onnx

eval-ner: $(STAMP)  ## strict span P/R/F1 per type on GermEval 2014 test, and sentences/s, both modes
	$(BIN)/python eval/ner.py --ner accurate
	$(BIN)/python eval/ner.py --ner fast

eval-quotes: $(STAMP)  ## quote spans, speakers and dates on our own German test set
	$(BIN)/python eval/quotes.py

eval-dossier: $(STAMP)  ## the dossier against gold by offsets: quotes (seeds+examples, dev, held-out test), claims, contradictions, entity merges
	$(BIN)/python eval/dossier.py
	$(BIN)/python eval/claims.py
