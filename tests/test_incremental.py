"""Analyzing folder A and then folder B into one database gives what analyzing A and B at once gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from atodds.config import Options
from atodds.ingest import read_articles
from atodds.refresh import refresh_corpus
from atodds.run import run_analysis
from atodds.store import Store

ARTICLES = {
    "a/harbour-post.jsonl": {
        "title": "Ostland mayor rules out port sale",
        "outlet": "Harbour Post",
        "published": "2031-03-13",
        "text": (
            "Ostland mayor rules out port sale\n\n"
            'Mayor Ana Ruiz said on Tuesday: "We will not sell the port to any foreign buyer '
            'this decade."\n\n'
            "Westmark trade minister Piet Moor said on Wednesday that the sale of the port was already "
            "agreed and would close in May.\n"
        ),
    },
    "b/valley-star.jsonl": {
        "title": "Port will stay in Ostland hands, mayor says",
        "outlet": "Valley Star",
        "published": "2031-03-14",
        "text": (
            "Port will stay in Ostland hands, mayor says\n\n"
            'Mayor Ana Ruiz said: "We will sell the port to any foreign buyer this decade."\n\n'
            "Piet Moor, the Westmark trade minister, said the port sale had been agreed and would be "
            "completed in May.\n"
        ),
    },
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    for name, record in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return root


def _state(db: Path) -> dict[str, Any]:
    with Store.open(db, read_only=True) as store:
        res = store.load_result()
    return {
        "actors": sorted(a.to_dict()["id"] for a in res.actors),
        "statement_actor": res.statement_actor,
        "groups": sorted((g.id, g.statements, g.canonical_text, g.drift) for g in res.groups),
        "topics": sorted((t.id, t.statements) for t in res.topics),
        "relations": sorted((r.a, r.b, r.label, round(r.score, 6)) for r in res.relations),
        "dates": res.statement_date,
    }


def _analyze(store: Store, paths: list[str]) -> list[str]:
    options = Options()
    result = run_analysis(read_articles(paths, options), options, store, corpus=False)
    refresh_corpus(store, options, [a.id for a in result.articles])
    return [a.id for a in result.articles]


def test_incremental_runs_give_the_same_database(folders: Path, tmp_path: Path) -> None:
    with Store.open(tmp_path / "once.db") as store:
        _analyze(store, [str(folders / "a"), str(folders / "b")])
    with Store.open(tmp_path / "twice.db") as store:
        _analyze(store, [str(folders / "a")])
        second = _analyze(store, [str(folders / "b")])
        view = refresh_corpus(store, Options(), second)
    once, twice = _state(tmp_path / "once.db"), _state(tmp_path / "twice.db")
    assert once == twice
    shared = [g for g in once["groups"] if len(g[1]) > 1]
    assert shared, "the mayor's quote in both outlets is one group"
    assert [a.outlet for a in view.articles] == ["Valley Star"]  # the run's view: its own articles


def test_cli_second_analyze_merges_with_the_database(folders: Path, tmp_path: Path) -> None:
    def cli(*paths: Path, db: Path) -> None:
        args = [sys.executable, "-m", "atodds", "analyze", *map(str, paths), "--db", str(db), "--quiet"]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr

    cli(folders / "a", folders / "b", db=tmp_path / "once.db")
    cli(folders / "a", db=tmp_path / "twice.db")
    cli(folders / "b", db=tmp_path / "twice.db")
    assert _state(tmp_path / "once.db") == _state(tmp_path / "twice.db")
