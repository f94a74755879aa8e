"""Concurrency: two ``atodds analyze`` processes writing one database, and readers while one writes.

Both writers must finish (exit 0) with every article of both stored and the database sound; a reader
must never see anything but data or the coded "busy" error (E052).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import atodds
from atodds.errors import AtoddsError
from atodds.ingest import article_id
from atodds.store import Store
from badinput import news_articles

ATODDS = [sys.executable, "-m", "atodds"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
ALLOWED_WHILE_WRITING = {"E052"}  # busy: the only error a reader may see while analyze writes
ALLOWED_BEFORE_FIRST_READ = {"E052", "E053"}  # and "does not exist" until the writer has created it


def write_folder(folder: Path, articles: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def start_analyze(inputs: Path, db: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*ATODDS, "analyze", str(inputs), "--db", str(db), "--json", str(out), "--jobs", "1", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def finish(proc: subprocess.Popen[str]) -> None:
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr, stderr[-3000:]


@pytest.fixture(scope="module")
def two_writers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[tuple[str, str]]]:
    """Two analyze processes started together on one database, over overlapping inputs."""
    tmp_path = tmp_path_factory.mktemp("writers")
    articles = news_articles(44, seed=11)
    first = write_folder(tmp_path / "x", articles[:28])
    second = write_folder(tmp_path / "y", articles[16:])  # 12 articles in both
    db = tmp_path / "shared.db"
    outs = [tmp_path / "x.json", tmp_path / "y.json"]
    procs = [start_analyze(first, db, outs[0]), start_analyze(second, db, outs[1])]
    for proc in procs:
        finish(proc)  # both exit 0, no traceback
    return db, outs, articles


def test_two_writers_on_one_database(two_writers: tuple[Path, list[Path], list[tuple[str, str]]]) -> None:
    db, outs, articles = two_writers
    with Store.open(db, read_only=True) as store:
        assert store.integrity_ok()
        result = store.load_result()
    stored_articles = {a.id for a in result.articles}
    assert stored_articles == {article_id(text) for _, text in articles}  # no article lost
    stored_statements = {s.id: s for s in result.statements}
    for out in outs:  # every statement each run reported is stored, as reported
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["failures"] == []
        for st in data["statements"]:
            assert st["id"] in stored_statements
            assert stored_statements[st["id"]].content.text == st["content"]["text"]
    assert {s.article_id for s in result.statements} == stored_articles  # each article has statements


def test_two_writers_keep_both_runs_groups_and_topics(
    two_writers: tuple[Path, list[Path], list[tuple[str, str]]],
) -> None:
    db, outs, _ = two_writers
    with Store.open(db, read_only=True) as store:
        result = store.load_result()
    grouped = {sid for g in result.groups for sid in g.statements}
    in_topic = {sid for t in result.topics for sid in t.statements}
    for out in outs:
        data = json.loads(out.read_text(encoding="utf-8"))
        assert {sid for g in data["groups"] for sid in g["statements"]} <= grouped
        assert {sid for t in data["topics"] for sid in t["statements"]} <= in_topic


def test_readers_while_analyze_writes(tmp_path: Path) -> None:
    inputs = write_folder(tmp_path / "in", news_articles(60, seed=12))
    db = tmp_path / "live.db"
    proc = start_analyze(inputs, db, tmp_path / "live.json")
    errors: list[BaseException] = []
    reads = {"load_store": 0, "store": 0}
    seen_articles: list[int] = []
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                result = atodds.load_store(db)
                reads["load_store"] += 1
                seen_articles.append(len(result.articles))
                with Store.open(db, read_only=True, timeout=1) as store:
                    counts = store.counts()
                    assert counts["articles"] <= 60
                    assert store.failures() == []
                    reads["store"] += 1
            except AtoddsError as exc:
                allowed = ALLOWED_WHILE_WRITING if reads["load_store"] else ALLOWED_BEFORE_FIRST_READ
                if exc.code not in allowed:
                    errors.append(exc)
            except BaseException as exc:
                errors.append(exc)
            time.sleep(0.01)

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        finish(proc)
    finally:
        stop.set()
        reader.join(timeout=60)
    assert not errors, [f"{type(e).__name__}: {e}" for e in errors[:5]]
    assert reads["load_store"] >= 3 and reads["store"] >= 3, reads
    assert seen_articles == sorted(seen_articles)  # a reader never sees articles disappear
    with Store.open(db, read_only=True) as store:
        assert store.integrity_ok()
        assert store.counts()["articles"] == 60
