"""Executors: in-process, process pool and Dask give the same results, in input order, with bounded
batches in flight; an unreachable Dask scheduler is a coded error."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from atodds.config import Options
from atodds.errors import AtoddsError
from atodds.ingest import read_articles
from atodds.pipeline import analyze_batch
from atodds.records import Article
from atodds.run import run_analysis
from atodds.scale import (
    DaskExecutor,
    LocalExecutor,
    ProcessExecutor,
    _in_order,
    get_executor,
    resolve_jobs,
)

TEXTS = (
    'Mayor Ann Holt said the new bridge over the Tern would open in May.\n\n"We are ready," Holt said.',
    "Council member Bo Reyes said the bridge would not open before July.\n\n"
    '"The inspections are not finished," Reyes told reporters.',
    "The engineers' union said its members had not been paid for three months.\n\n"
    "A spokeswoman for the city, Dana Pike, said the payments were on their way.",
    'Holt said the delay was "a matter of days, not months."',
    "Reyes argued that the city had ignored the inspectors' warnings for a year.",
)
OPTIONS = Options(batch_size=2, compare_model="lexical")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    folder = tmp_path_factory.mktemp("scale")
    for k, text in enumerate(TEXTS):
        (folder / f"a{k}.txt").write_text(text, encoding="utf-8")
    items = list(read_articles([str(folder)], OPTIONS))
    assert all(isinstance(a, Article) for a in items)
    return [a for a in items if isinstance(a, Article)]


def _batches(articles: Sequence[Article], size: int = 2) -> list[Sequence[Article]]:
    return [articles[k : k + size] for k in range(0, len(articles), size)]


def _flat(executor: Any, articles: Sequence[Article]) -> list[Any]:
    """Every result of every batch, in the order the executor yields them."""
    out = []
    for results in executor.map_batches(analyze_batch, _batches(articles), OPTIONS):
        out.extend(results)
    return out


@pytest.fixture(scope="module")
def expected(articles: list[Article]) -> list[Any]:
    return _flat(LocalExecutor(), articles)


def test_local_results_are_in_input_order(articles: list[Article], expected: list[Any]) -> None:
    assert [a.id for a in articles] == [r.article.id for r in expected]
    assert any(r.statements for r in expected)


def test_process_pool_matches_local(articles: list[Article], expected: list[Any]) -> None:
    assert _flat(ProcessExecutor(2), articles) == expected


@pytest.mark.filterwarnings(
    # distributed's worker processes may leave sockets to the garbage collector at shutdown
    "ignore::ResourceWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)
def test_dask_local_cluster_matches_local(articles: list[Article], expected: list[Any]) -> None:
    assert _flat(DaskExecutor(workers=2), articles) == expected


def test_run_analysis_is_the_same_through_any_executor(articles: list[Article]) -> None:
    local = run_analysis(articles, OPTIONS, corpus=False)
    pooled = run_analysis(articles, OPTIONS, executor=ProcessExecutor(2), corpus=False)
    assert [s.to_dict() for s in local.statements] == [s.to_dict() for s in pooled.statements]


def test_streaming_hands_over_each_analysis_and_keeps_none(articles: list[Article]) -> None:
    seen: list[str] = []
    result = run_analysis(articles, OPTIONS, corpus=False, on_analysis=lambda a: seen.append(a.article.id))
    assert seen == [a.id for a in articles]
    assert result.articles == [] and result.statements == []


def test_batches_in_flight_are_bounded() -> None:
    consumed: list[int] = []

    def batches() -> Iterator[list[int]]:
        for k in range(20):
            consumed.append(k)
            yield [k]

    seen = []
    for value in _in_order(lambda batch: batch[0], batches(), limit=4):
        seen.append(value)
        assert len(consumed) - len(seen) < 4  # never more than `limit` submitted and not yet returned
    assert seen == list(range(20))


def test_get_executor_picks_by_jobs_and_kind() -> None:
    assert isinstance(get_executor(1), LocalExecutor)
    assert isinstance(get_executor(2), ProcessExecutor)
    assert isinstance(get_executor(1, "dask"), DaskExecutor)
    assert isinstance(get_executor(1, scheduler="tcp://127.0.0.1:1"), DaskExecutor)
    assert resolve_jobs(0) >= 1 and resolve_jobs(None) == resolve_jobs(0) and resolve_jobs(3) == 3
    with pytest.raises(AtoddsError) as exc:
        get_executor(1, "spark")
    assert exc.value.code == "E072"


def test_unreachable_scheduler_is_a_coded_error(articles: list[Article]) -> None:
    executor = DaskExecutor("tcp://127.0.0.1:9", timeout=1)
    with pytest.raises(AtoddsError) as exc:
        list(executor.map_batches(analyze_batch, _batches(articles), replace(OPTIONS)))
    assert exc.value.code == "E070" and "tcp://127.0.0.1:9" in exc.value.message


def test_cli_unreachable_scheduler_exits_3(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    code = (
        "import sys; import atodds.scale as s; s.CONNECT_TIMEOUT_S = 1.0; "
        "s.DaskExecutor.__init__.__defaults__ = (None, None, 1.0); "
        "from atodds.cli import main; sys.argv = sys.argv[1:]; main()"
    )
    args = ["atodds", "extract", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9", "-q"]
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "E070" in proc.stderr and "Traceback" not in proc.stderr
    assert not proc.stdout.strip()


def test_cli_rejects_scheduler_without_dask(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    args = ["extract", str(tmp_path), "--executor", "process", "--scheduler", "tcp://127.0.0.1:9"]
    proc = subprocess.run(
        [sys.executable, "-m", "atodds", *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr


def test_extract_streams_jsonl_lines(tmp_path: Path, articles: list[Article]) -> None:
    for k, text in enumerate(TEXTS):
        (tmp_path / f"a{k}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "atodds", "extract", str(tmp_path), "-o", str(out), "--jobs", "1", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and [r["article"] for r in rows] == sorted(r["article"] for r in rows)
