"""Crash safety: ``atodds analyze`` killed with SIGKILL at random moments, then run to completion, leaves
exactly what one clean run leaves: the same articles, statements and relations, a sound database, and
the same ``--json`` output (modulo ordering).

The slow variant kills 20 times over a few hundred articles:
``.venv/bin/pytest -q -m slow tests/test_crash_safety.py``. The quick one kills 3 times over 30.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from badinput import news_articles

ATODDS = [sys.executable, "-m", "atodds"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def write_articles(folder: Path, count: int, seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in news_articles(count, seed):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def analyze_cmd(inputs: Path, db: Path, out: Path | None = None) -> list[str]:
    cmd = [*ATODDS, "analyze", str(inputs), "--db", str(db), "--jobs", "1", "-q"]
    return [*cmd, "--json", str(out)] if out else cmd


def run_analyze(inputs: Path, db: Path, out: Path | None = None) -> float:
    """Run to completion; returns the wall time."""
    start = time.monotonic()
    proc = subprocess.run(analyze_cmd(inputs, db, out), capture_output=True, text=True, env=ENV, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return time.monotonic() - start


def kill_at(inputs: Path, db: Path, after_s: float) -> bool:
    """Start analyze and SIGKILL it after ``after_s`` seconds; False when it finished first."""
    with subprocess.Popen(
        analyze_cmd(inputs, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, text=True
    ) as proc:
        try:
            _, stderr = proc.communicate(timeout=after_s)
        except subprocess.TimeoutExpired:
            proc.kill()  # SIGKILL: no handler, no cleanup, nothing but SQLite's own recovery
            proc.communicate()
            return True
    assert proc.returncode == 0 and "Traceback" not in stderr, stderr[-3000:]
    return False


def snapshot(db: Path) -> dict[str, Any]:
    """What a run leaves in the database, in comparable form; also checks its integrity."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return {
            "articles": sorted(r[0] for r in conn.execute("SELECT id FROM articles")),
            "statements": sorted(
                conn.execute(
                    "SELECT id, article_id, seq, content_start, content_end, content_text, cue_text, "
                    "mention_text, speaker_name, speaker_role, speaker_side, kind FROM statements"
                )
            ),
            "relations": sorted(conn.execute("SELECT label, a, b, round(score, 9) FROM relations")),
            "statement_actor": sorted(conn.execute("SELECT statement_id, actor_id FROM statement_actor")),
            "topics": sorted(conn.execute("SELECT statement_id, topic_id FROM topic_members")),
            "failures": sorted(r[0] for r in conn.execute("SELECT source FROM failures")),
        }
    finally:
        conn.close()


def canonical(value: Any) -> Any:
    """``value`` with every list sorted, so that two outputs compare modulo ordering."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


@pytest.fixture(scope="module")
def clean_30(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, float]:
    """30 articles and one clean run over them: (inputs, db, json, seconds the run took)."""
    root = tmp_path_factory.mktemp("clean")
    inputs = write_articles(root / "in", 30, seed=7)
    seconds = run_analyze(inputs, root / "a.db", root / "a.json")
    return inputs, root / "a.db", root / "a.json", seconds


def assert_same_as_clean(db: Path, out: Path, clean_db: Path, clean_json: Path) -> None:
    assert snapshot(db) == snapshot(clean_db)
    a = json.loads(clean_json.read_text(encoding="utf-8"))
    b = json.loads(out.read_text(encoding="utf-8"))
    assert canonical(b) == canonical(a)


def crash_and_resume(inputs: Path, work: Path, kills: int, seed: int, clean_s: float) -> tuple[Path, Path]:
    """Kill analyze ``kills`` times at random moments, then run it to completion; returns (db, json)."""
    rng = random.Random(seed)
    db, out = work / "b.db", work / "b.json"
    killed = 0
    upper = clean_s * 1.1
    for _ in range(kills):
        # spread over the whole run: start-up (model load), per-article saves, corpus stages
        started = time.monotonic()
        if kill_at(inputs, db, rng.uniform(0.5, upper)):
            killed += 1
            snapshot(db)  # sound after every kill
        else:  # it finished: later runs reuse what is stored and are shorter, so aim inside them
            upper = max(1.0, (time.monotonic() - started) * 0.9)
    assert killed >= kills // 2, f"only {killed} of {kills} runs were killed before they finished"
    run_analyze(inputs, db, out)
    return db, out


def test_killed_runs_resume_to_the_clean_result_quick(
    clean_30: tuple[Path, Path, Path, float], tmp_path: Path
) -> None:
    inputs, clean_db, clean_json, clean_s = clean_30
    db, out = crash_and_resume(inputs, tmp_path, kills=3, seed=7, clean_s=clean_s)
    assert_same_as_clean(db, out, clean_db, clean_json)


def test_resume_after_a_partial_run_matches_a_clean_run(
    clean_30: tuple[Path, Path, Path, float], tmp_path: Path
) -> None:
    """What a kill half-way leaves, made deterministic: every third article already stored."""
    inputs, clean_db, clean_json, _ = clean_30
    db, out = tmp_path / "b.db", tmp_path / "b.json"
    some = sorted(inputs.iterdir())[1::3]
    proc = subprocess.run(
        [*ATODDS, "analyze", *map(str, some), "--db", str(db), "--jobs", "1", "-q"],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    run_analyze(inputs, db, out)
    assert_same_as_clean(db, out, clean_db, clean_json)


@pytest.mark.slow
def test_killed_runs_resume_to_the_clean_result(tmp_path: Path) -> None:
    inputs = write_articles(tmp_path / "in", 300, seed=2024)
    clean_db, clean_json = tmp_path / "a.db", tmp_path / "a.json"
    clean_s = run_analyze(inputs, clean_db, clean_json)
    expected = snapshot(clean_db)
    assert len(expected["articles"]) == 300 and expected["statements"] and expected["relations"]
    work = tmp_path / "crash"
    work.mkdir()
    db, out = crash_and_resume(inputs, work, kills=24, seed=2024, clean_s=clean_s)
    assert_same_as_clean(db, out, clean_db, clean_json)
