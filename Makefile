# atodds: `make run` sets up .venv and analyzes examples/; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
ATODDS := $(VENV)/bin/atodds
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run test test-fast test-slow lint typecheck eval eval-news eval-polnear eval-stance train-compare bench bench-quick clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: setup
	@mkdir -p out
	$(ATODDS) analyze examples/ --config examples/atodds.toml --db out/atodds.db --json out/analysis.json \
	  --report out/report.html --markdown out/summary.md

test: setup
	$(PY) -m pytest -q -m "not slow" tests

test-fast: setup
	$(PY) -m pytest -q -m "not slow and not gate" tests

# the long reliability loops (minutes): 300 articles, 24 random SIGKILLs, then a run to completion
test-slow: setup
	$(PY) -m pytest -q -m slow tests

lint: setup
	$(VENV)/bin/ruff check src tests eval bench
	$(VENV)/bin/ruff format --check src tests eval bench

typecheck: setup
	$(VENV)/bin/mypy

EVAL_STAMP := $(VENV)/.eval-installed

$(EVAL_STAMP): $(STAMP) requirements-eval.txt
	$(PY) -m pip install --quiet -r requirements-eval.txt
	touch $(EVAL_STAMP)

# PolNeAR dev and news dev through ../shared/eval, with textacy's direct_quotations baseline beside atodds
eval: $(EVAL_STAMP)
	@mkdir -p out
	$(PY) eval/run_eval.py --out out/eval.json

eval-news: setup
	@mkdir -p out
	$(PY) ../shared/eval/score_news.py --cmd $(ATODDS) --out out/news-dev.json

eval-polnear: setup
	@mkdir -p out
	$(PY) ../shared/eval/score_polnear.py --cmd $(ATODDS) --out out/polnear-dev.json

# FNC-1 hold-out, SICK trial, Emergent dev (claims held out by atodds train compare) and PERSPECTRUM dev
eval-stance: setup
	@mkdir -p out
	$(PY) eval/run_stance_eval.py --out out/stance-dev.json

# retrain the shipped stance model from ../shared (about 20 minutes on 2 cores; seeded)
train-compare: setup
	$(ATODDS) train compare --cache out/cache/stance-emb.pkl

# speed and memory (issue 8): PolNeAR train (../shared) through a bare spaCy parse, textacy, atodds extract and
# analyze (--jobs 1, --jobs 2, Dask with 2 workers), analyze at 1x/4x/16x and the corpus stages at 1k/10k/100k
# statements; writes bench/results/bench.json and bench.png. Hours on 2 cores; bench-quick takes minutes.
bench: $(EVAL_STAMP)
	$(PY) bench/run_bench.py --out bench/results/bench.json

bench-quick: $(EVAL_STAMP)
	$(PY) bench/run_bench.py --articles 40 --scales 1,4 --scale-base 10 --compare 1000,10000 \
	  --embed-cap 1000 --out bench/results/bench-quick.json

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
