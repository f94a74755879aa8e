"""Statement embeddings are computed in the workers, stored with the article, and reused later."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from atodds.compare import register_embedder
from atodds.config import Options
from atodds.pipeline import analyze_batch, statement_vectors
from atodds.records import Article, ArticleAnalysis
from atodds.store import Store

CALLS: list[int] = []


class CountingEmbedder:
    """Deterministic word-hash vectors that count how many texts they embed."""

    name = "counting"

    def encode(self, texts: list[str]) -> np.ndarray:
        CALLS.append(len(texts))
        out = np.zeros((len(texts), 8), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.split():
                out[i, sum(map(ord, word)) % 8] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


register_embedder("counting", CountingEmbedder)
OPTIONS = Options(embedding_model="counting", jobs=1)
TEXTS = [
    '"We will reopen the ferry line in spring," the harbour master said on Monday.',
    "The transport minister said the ferry line would stay closed until the pier is rebuilt.",
]


def _analyses(options: Options = OPTIONS) -> list[ArticleAnalysis]:
    articles = [Article(f"v{i}", f"v{i}.txt", text) for i, text in enumerate(TEXTS)]
    results = analyze_batch(articles, options)
    assert all(isinstance(r, ArticleAnalysis) for r in results)
    return [r for r in results if isinstance(r, ArticleAnalysis)]


def test_workers_embed_each_article_in_one_call(nlp: object) -> None:
    CALLS.clear()
    analyses = _analyses()
    n = sum(len(a.statements) for a in analyses)
    assert n >= 2 and [len(a.statements) for a in analyses if a.statements] == CALLS
    for a in analyses:
        assert a.vector_model == "counting" and a.vectors.shape == (len(a.statements), 8)
    CALLS.clear()
    matrix = statement_vectors(analyses, OPTIONS)
    assert CALLS == [] and matrix is not None and matrix.shape == (n, 8)


def test_extract_runs_skip_embedding_and_other_models_are_embedded_again(nlp: object) -> None:
    CALLS.clear()
    plain = _analyses(replace(OPTIONS, embed_statements=False))
    assert CALLS == [] and all(a.vectors is None for a in plain)
    n = sum(len(a.statements) for a in plain)
    matrix = statement_vectors(plain, OPTIONS)
    per_article = [len(a.statements) for a in plain if a.statements]
    assert per_article == CALLS and matrix is not None and matrix.shape == (n, 8)
    stale = [replace(a, vector_model="another-model") for a in _analyses()]
    CALLS.clear()
    statement_vectors(stale, OPTIONS)
    assert per_article == CALLS


def test_vectors_are_stored_with_the_article(nlp: object, tmp_path: Path) -> None:
    analyses = _analyses()
    with Store.open(tmp_path / "v.db") as store:
        for a in analyses:
            store.save_article(a, "test")
        loaded = [store.load_article(a.article.id) for a in analyses]
    for before, after in zip(analyses, loaded, strict=True):
        assert after is not None and after.vector_model == "counting"
        assert np.array_equal(before.vectors, after.vectors)
