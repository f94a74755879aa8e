"""Per-document time limits: a slow document fails with E024, the rest of its batch is analyzed."""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from atodds import pipeline
from atodds.config import Options, load_config
from atodds.limits import DocumentTimeout, check_deadline, time_limit
from atodds.records import Article, ArticleAnalysis, Failure


def _spin(seconds: float) -> None:
    """Pure-Python busy work, interruptible by the timer, calling the cooperative check as loops do."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        check_deadline()


def test_timer_interrupts_work_in_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout), time_limit(0.2):
        time.sleep(5)  # no cooperative check: only the timer can stop this
    assert time.monotonic() - started < 2


def test_deadline_stops_cooperative_work_in_other_threads() -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                _spin(5)
            outcome.append("finished")
        except DocumentTimeout:
            outcome.append("stopped")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ["stopped"]


def test_no_limit_and_limits_that_are_not_reached() -> None:
    with time_limit(0):
        _spin(0.05)
    with time_limit(5):
        _spin(0.05)
    check_deadline()  # outside any limit: never raises
    with pytest.raises(DocumentTimeout), time_limit(0.1):
        _spin(5)


def test_slow_document_fails_with_e024_and_the_batch_goes_on(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.analyze_doc

    def slow_for_one(article: Article, doc: object, options: Options) -> ArticleAnalysis:
        if "stall" in article.text:
            _spin(30)
        return real(article, doc, options)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze_doc", slow_for_one)
    texts = [
        '"We will open the bridge on Monday," the mayor said.',
        "This one will stall the worker. The clerk said it would.",
        'The union said the talks had "gone nowhere at all" this week.',
    ]
    articles = [Article(f"a{i}", f"doc{i}.txt", t) for i, t in enumerate(texts)]
    options = replace(Options(), max_document_seconds=0.5)
    started = time.monotonic()
    results = pipeline.analyze_batch(articles, options)
    assert time.monotonic() - started < 20
    assert [type(r) for r in results] == [ArticleAnalysis, Failure, ArticleAnalysis], results
    failure = results[1]
    assert isinstance(failure, Failure) and failure.code == "E024"
    assert "max_document_seconds" in failure.reason and "doc1.txt" in failure.reason


def test_time_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "atodds.toml"
    path.write_text("[limits]\nmax_document_seconds = 5\n", encoding="utf-8")
    assert Options.from_config(load_config(path)).max_document_seconds == 5.0
    assert Options().max_document_seconds > 0


def test_an_alarm_that_lands_during_cleanup_leaves_no_deadline_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race CI hit: a cooperative check raises first and the timer fires while the limit is being
    cleared. Nothing of that limit may outlive it, or every later document in the thread would fail."""
    real_setitimer = signal.setitimer

    def late_alarm(which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        result = real_setitimer(which, seconds, interval)
        if seconds == 0:  # the alarm was already pending: it is delivered right after the cancel
            handler = signal.getsignal(signal.SIGALRM)
            assert callable(handler)
            handler(signal.SIGALRM, None)
        return result

    before = signal.getsignal(signal.SIGALRM)
    monkeypatch.setattr(signal, "setitimer", late_alarm)
    with pytest.raises(DocumentTimeout), time_limit(5):
        pass
    monkeypatch.undo()
    check_deadline()  # the limit is gone
    assert signal.getsignal(signal.SIGALRM) == before
    with time_limit(5):
        _spin(0.05)  # a fresh limit works as before
