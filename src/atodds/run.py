"""One analysis run: ingest -> per-article stages (via an executor) -> store -> corpus stages -> store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from .config import Options
from .pipeline import analyze_batch, analyzer_fingerprint, corpus_stages
from .records import Article, ArticleAnalysis, Failure, Result
from .refresh import refresh_corpus
from .scale import Executor, get_executor
from .store import Store

Progress = Callable[[int], None]


def _batches(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run_analysis(
    items: Iterable[Article | Failure],
    options: Options,
    store: Store | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    corpus: bool = True,
    on_analysis: Callable[[ArticleAnalysis], None] | None = None,
) -> Result:
    """Analyze every article (reusing what ``store`` already holds), record failures, run the corpus
    stages over this run's articles and store them. Returns the run's ``Result``.

    With ``on_analysis`` (and ``corpus=False``) each analysis is handed over as it comes (in input order
    when there is no store) and not kept: the returned ``Result`` then holds only the failures, so memory
    stays flat however many articles stream through."""
    if on_analysis is not None and corpus:
        raise ValueError("on_analysis streams analyses out; the corpus stages need them all (corpus=False)")
    executor = executor or get_executor(options.jobs)
    analyzer = analyzer_fingerprint(options)
    analyses: dict[str, ArticleAnalysis] = {}
    failures: list[Failure] = []
    seen: set[str] = set()
    order: list[str] = []  # input order, so a resumed run gives the corpus stages what a clean run does

    def keep(analysis: ArticleAnalysis) -> None:
        if on_analysis is not None:
            on_analysis(analysis)
        else:
            analyses[analysis.article.id] = analysis

    def pending() -> Iterator[list[Article]]:
        for batch in _batches(items, options.batch_size):
            todo: list[Article] = []
            for item in batch:
                if isinstance(item, Failure):
                    failures.append(item)
                    if store is not None:
                        store.record_failure(item)
                    if progress:
                        progress(1)
                    continue
                if item.id in seen:
                    if progress:
                        progress(1)
                    continue
                seen.add(item.id)
                order.append(item.id)
                stored = store.load_article(item.id, analyzer) if store is not None else None
                if stored is not None:
                    keep(stored)
                    if progress:
                        progress(1)
                else:
                    todo.append(item)
            if todo:
                yield todo

    worker_options = options if corpus else replace(options, embed_statements=False)
    for results in executor.map_batches(analyze_batch, pending(), worker_options):
        for res in results:
            if isinstance(res, Failure):
                failures.append(res)
                if store is not None:
                    store.record_failure(res)
            else:
                keep(res)
                if store is not None:
                    store.save_article(res, analyzer)
            if progress:
                progress(1)
    ordered = [analyses[i] for i in order if i in analyses]
    if corpus and store is not None:  # merge with everything the database already holds (incremental)
        result = refresh_corpus(store, options, [a.article.id for a in ordered])
    else:
        result = corpus_stages(ordered, options) if corpus else _plain(ordered)
    result.failures = failures
    return result


def _plain(analyses: list[ArticleAnalysis]) -> Result:
    return Result(
        articles=[a.article for a in analyses],
        statements=[s for a in analyses for s in a.statements],
        frames=[f for a in analyses for f in a.frames],
    )
