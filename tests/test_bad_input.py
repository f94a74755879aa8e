"""Malformed input never crashes atodds: every bad file is read into an article or a coded failure.

The inputs come from ``tests/badinput.py`` (over 1,000 generated files). The ingest stage runs over all
of them in-process; ``atodds analyze`` runs over a representative subset mixed with good articles.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from atodds.config import Options
from atodds.errors import CATALOGUE
from atodds.ingest import article_id, expand_inputs, read_articles
from atodds.ingest.common import decode_text, printable
from atodds.records import Article, Failure
from atodds.store import Store
from badinput import GOOD_ARTICLES, BadInput, generate

ATODDS = [sys.executable, "-m", "atodds"]
SURROGATE = re.compile("[\ud800-\udfff]")
CLI_SUBSET = 100
MAX_CLI_BYTES = 20_000  # keep the analysis of the subset quick (parsing 1M characters takes minutes)
HUGE_BYTES = 2_000_000  # over the per-document character limit: failures, found without parsing


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[BadInput]]:
    folder = tmp_path_factory.mktemp("bad")
    return folder, generate(folder, seed=20240)


def check_item(item: Article | Failure, options: Options) -> None:
    """An article is storable and hashable; a failure has a catalogued code (never the catch-all) and a
    reason."""
    assert item.source and not SURROGATE.search(item.source), item.source
    if isinstance(item, Failure):
        assert item.code in CATALOGUE, item
        assert item.code != "E020", f"a reader raised: {item.reason}"
        assert item.reason.strip() and not SURROGATE.search(item.reason), item
        return
    assert item.text.strip(), item.source
    assert len(item.text) <= options.max_document_chars
    for value in (item.text, item.title, item.url, item.outlet):
        assert not SURROGATE.search(value), item.source
    assert item.id == article_id(item.text)


def test_corpus_is_large_varied_and_deterministic(
    corpus: tuple[Path, list[BadInput]], tmp_path: Path
) -> None:
    _, made = corpus
    assert len(made) >= 1000
    categories = Counter(b.category for b in made)
    assert len(categories) >= 15 and min(categories.values()) >= 3, categories
    again = generate(tmp_path, seed=20240, skip=frozenset({"huge"}))
    first = {b.path.name: b.path.read_bytes() for b in made if b.category == "encoding"}
    second = {b.path.name: b.path.read_bytes() for b in again if b.category == "encoding"}
    assert first == second


def test_ingest_every_bad_input_gives_articles_or_coded_failures(
    corpus: tuple[Path, list[BadInput]],
) -> None:
    _, made = corpus
    options = Options()
    codes: Counter[str] = Counter()
    for bad in made:
        items = list(read_articles([str(bad.path)], options))  # must not raise
        assert items, f"{bad.path} ({bad.category}) gave neither an article nor a failure"
        for item in items:
            check_item(item, options)
            codes[item.code if isinstance(item, Failure) else "ok"] += 1
            if isinstance(item, Article) and item.source_kind == "txt":
                assert item.text == decode_text(bad.path.read_bytes())  # offsets index the file's text
    expected = {"ok", "E003", "E004", "E006", "E007", "E008", "E009", "E010", "E013", "E021"}
    assert expected <= set(codes), codes


def test_ingest_of_the_whole_folder_loses_no_supported_file(corpus: tuple[Path, list[BadInput]]) -> None:
    folder, _ = corpus
    options = Options()
    walked = list(expand_inputs([str(folder)]))
    items = list(read_articles([str(folder)], options))
    for item in items:
        check_item(item, options)
    sources = {item.source for item in items}
    for path in walked:  # every walked file gave at least one item (records are 'path#...')
        shown = printable(path)
        assert shown in sources or any(s.startswith(f"{shown}#") for s in sources), shown
    assert len(walked) >= 900


def pick_subset(made: list[BadInput], count: int) -> list[BadInput]:
    """Files spread over every category (round robin, evenly spaced within a category)."""
    by_category: dict[str, list[BadInput]] = {}
    for bad in made:
        if bad.size <= MAX_CLI_BYTES or bad.size >= HUGE_BYTES:
            by_category.setdefault(bad.category, []).append(bad)
    picked: list[BadInput] = []
    for rank in range(count):
        for files in by_category.values():
            step = max(1, len(files) // 8)
            if rank * step < len(files) and len(picked) < count:
                picked.append(files[rank * step])
    return picked[:count]


def test_analyze_cli_on_bad_and_good_inputs(corpus: tuple[Path, list[BadInput]], tmp_path: Path) -> None:
    folder, made = corpus
    subset = pick_subset(made, CLI_SUBSET)
    assert len(subset) >= CLI_SUBSET * 0.9
    inputs = tmp_path / "in"
    for bad in subset:
        target = inputs / bad.path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bad.path, target)
    for name, text in GOOD_ARTICLES:
        (inputs / name).write_text(text, encoding="utf-8")
    db, out = tmp_path / "bad.db", tmp_path / "bad.json"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.run(
        [*ATODDS, "analyze", str(inputs), "--db", str(db), "--json", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        errors="replace",
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]

    with Store.open(db, read_only=True) as store:
        assert store.integrity_ok()
        result = store.load_result()
        failures = {f.source: f for f in store.failures()}
    stored = {a.id for a in result.articles}
    for failure in failures.values():
        assert failure.code in CATALOGUE and failure.reason.strip(), failure
    for name, text in GOOD_ARTICLES:
        good_id = article_id(text)
        assert good_id in stored, name
        assert any(s.article_id == good_id for s in result.statements), f"no statement from {name}"

    expected = list(read_articles([str(inputs)], Options()))
    last_failure = {item.source: item for item in expected if isinstance(item, Failure)}
    for item in expected:
        if isinstance(item, Article):
            analysis_failure = failures.get(item.source)
            assert item.id in stored or analysis_failure is not None, f"lost: {item.source}"
        else:
            assert item.source in failures, f"failure not recorded: {item.source} {item.code}"
            assert failures[item.source].code == last_failure[item.source].code
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {f["source"] for f in data["failures"]} <= set(failures)
    assert {a["id"] for a in data["articles"]} == stored
