"""The pipeline: per-article stages (nlp, extract, attribute, frames) and corpus stages (merge, compare).

``analyze_batch`` is the plain worker function: it takes articles and the picklable ``Options`` and
returns analyses or failures, so the same code runs in-process, in a process pool or on Dask.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .attribute import attribute, load_knowledge
from .config import Options
from .errors import AtoddsError, error
from .extract import extract
from .extract.learned import load_model
from .extract.quotes import find_quotes
from .limits import DocumentTimeout, time_limit
from .merge import group_statements, merge_actors
from .merge.aliases import AliasTable
from .nlp import load_nlp
from .records import Article, ArticleAnalysis, Failure, Frame, Result, Statement


def _frames(doc: Doc, article_id: str, options: Options) -> tuple[Frame, ...]:
    from .compare import find_frames

    knowledge = load_knowledge(options.side_knowledge)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    quoted = [(q.open, q.close + 1) for q in find_quotes(doc.text)]
    return tuple(find_frames(article_id, doc.text, sentences, quoted, knowledge.sides_in))


PER_ARTICLE_CODE = ("extract", "attribute", "compare/frames.py", "merge/aliases.py", "nlp.py", "pipeline.py")


@lru_cache(maxsize=8)
def analyzer_fingerprint(options: Options) -> str:
    """Identifies the code, data and settings of the per-article stages: an article stored by another
    analyzer is analyzed again rather than reused."""
    root = resources.files("atodds")
    settings = (
        options.model,
        options.min_quote_words,
        options.max_attribution_gap,
        options.learned_extraction,
        options.learned_threshold,
    )
    digest = hashlib.sha256(repr(settings).encode())
    files: list[Any] = []
    for name in PER_ARTICLE_CODE:
        node = root.joinpath(name)
        files.extend(sorted(node.iterdir(), key=lambda f: f.name) if node.is_dir() else [node])
    files.append(root.joinpath("data").joinpath("sides.yaml"))
    files.append(root.joinpath("data").joinpath("extract_model.json"))
    files.append(root.joinpath("data").joinpath("actors.yaml"))
    for user_file in (options.side_knowledge, options.actor_aliases):
        if user_file:
            files.append(Path(user_file))
    for f in files:
        if f.name.endswith((".py", ".yaml", ".json")) and f.is_file():
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def analyze_doc(article: Article, doc: Doc, options: Options) -> ArticleAnalysis:
    """Extract, attribute and find framing sentences in one parsed article."""
    knowledge = load_knowledge(options.side_knowledge)
    attributions = extract(doc, options)
    aliases = AliasTable.load(options.actor_aliases, options.side_knowledge)
    statements = attribute(doc, attributions, article.id, knowledge, aliases)
    return ArticleAnalysis(article, statements, _frames(doc, article.id, options))


def _parse(nlp: Language, articles: Sequence[Article], options: Options) -> list[Doc] | None:
    """Parse a batch with ``nlp.pipe``; None when the batch runs past its time budget (the caller then
    parses one document at a time, each under its own limit)."""
    budget = options.max_document_seconds * len(articles)
    try:
        with time_limit(budget):
            return list(nlp.pipe((a.text for a in articles), batch_size=options.batch_size))
    except DocumentTimeout:
        return None


def analyze_batch(articles: Sequence[Article], options: Options) -> list[ArticleAnalysis | Failure]:
    """The worker: parse a batch with ``nlp.pipe`` and analyze each article; a failure never stops it.

    Articles over ``limits.max_document_chars`` fail with E021; an article whose parse and analysis
    take longer than ``limits.max_document_seconds`` fails with E024."""
    nlp = load_nlp(options.model)
    load_knowledge(options.side_knowledge)  # loaded once, outside the per-document time limit
    AliasTable.load(options.actor_aliases, options.side_knowledge)
    from .compare import find_frames  # noqa: F401  (imports the compare package once, also outside it)

    if options.learned_extraction != "off":
        load_model()
    results: list[ArticleAnalysis | Failure] = []
    ok: list[Article] = []
    for article in articles:
        if len(article.text) > options.max_document_chars:
            exc = error("E021", path=article.source, size=len(article.text), limit=options.max_document_chars)
            results.append(Failure(article.source, exc.code, exc.message))
        else:
            ok.append(article)
    docs = _parse(nlp, ok, options) if ok else []
    for i, article in enumerate(ok):
        try:
            with time_limit(options.max_document_seconds):
                doc = docs[i] if docs is not None else nlp(article.text)
                results.append(analyze_doc(article, doc, options))
        except DocumentTimeout:
            exc = error("E024", path=article.source, limit=options.max_document_seconds)
            results.append(Failure(article.source, exc.code, exc.message))
        except AtoddsError as exc:
            results.append(Failure(article.source, exc.code, exc.message))
        except Exception as exc:  # one bad document must not stop the batch
            err = error("E020", path=article.source, detail=f"{type(exc).__name__}: {exc}")
            results.append(Failure(article.source, err.code, err.message))
    return _with_vectors(results, options) if options.embed_statements else results


@contextmanager
def _one_thread() -> Iterator[None]:
    """Torch on one thread: the same text then gets the same vector bit for bit in any process (workers
    share the cores anyway), so a resumed or incremental run equals a clean one."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def embed_statements(statements: Sequence[Statement], options: Options) -> np.ndarray:
    """One article's statement embeddings, always computed the same way (one call per article, one
    thread), whatever batch, executor or run the article comes in."""
    from .compare import get_embedder

    with _one_thread():
        return get_embedder(options.embedding_model).encode([s.content.text for s in statements])


def _with_vectors(
    results: list[ArticleAnalysis | Failure], options: Options
) -> list[ArticleAnalysis | Failure]:
    """Embed each analyzed article's statements here, in the worker, so that it runs in parallel."""
    out: list[ArticleAnalysis | Failure] = []
    for r in results:
        if isinstance(r, ArticleAnalysis) and r.statements:
            with suppress(AtoddsError):  # else the corpus stages embed (or report the problem) themselves
                vectors = embed_statements(r.statements, options)
                r = replace(r, vectors=vectors, vector_model=options.embedding_model)
        out.append(r)
    return out


def statement_vectors(analyses: Sequence[ArticleAnalysis], options: Options) -> np.ndarray | None:
    """One row per statement of ``analyses``: the workers' vectors where they match the configured
    embedding model, the others embedded now, article by article (None when there are no statements)."""
    rows: list[np.ndarray] = []
    for a in analyses:
        if not a.statements:
            continue
        ok = a.vectors is not None and a.vector_model == options.embedding_model
        if ok and len(a.vectors) == len(a.statements):
            rows.append(np.asarray(a.vectors, dtype=np.float32))
        else:
            rows.append(embed_statements(a.statements, options))
    return np.concatenate(rows).astype(np.float32) if rows else None


def corpus_stages(analyses: Iterable[ArticleAnalysis], options: Options) -> Result:
    """Over many articles: date the statements, merge actors, embed every statement once, group reports of
    one utterance (with quote drift), then find topics and relations."""
    from .compare import assign_topics, find_relations, get_embedder, get_model
    from .merge import AliasTable, date_statements

    analyses = list(analyses)
    result = Result(
        articles=[a.article for a in analyses],
        statements=[s for a in analyses for s in a.statements],
        frames=[f for a in analyses for f in a.frames],
    )
    result.statement_date = date_statements(result.articles, result.statements)
    aliases = AliasTable.load(options.actor_aliases, options.side_knowledge)
    result.actors, result.statement_actor = merge_actors(result.statements, aliases)
    embedder = get_embedder(options.embedding_model) if len(result.statements) >= 2 else None
    vectors = statement_vectors(analyses, options) if embedder else None
    result.groups, result.statement_group = group_statements(
        result.statements,
        result.statement_actor,
        vectors,
        result.actors,
        result.statement_date,
        {a.id: a.outlet for a in result.articles},
    )
    if embedder is not None and vectors is not None:
        result.topics = assign_topics(result.statements, vectors, options.topic_threshold)
        result.statement_topic = {sid: t.id for t in result.topics for sid in t.statements}
        model = get_model(options.relation_model, embedder=embedder)
        result.relations = find_relations(
            result.statements, result.topics, vectors, result.frames, model, options, groups=result.groups
        )
    return result
