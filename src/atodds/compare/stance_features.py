"""The feature vector of the trained stance model, shared by training and prediction.

For a pair (``a``, ``b``): the MiniLM embeddings ``u`` of ``a`` and ``v`` of ``b`` give ``u * v`` and
``|u - v|`` (384 each); a long ``b`` (an article body) is read sentence by sentence and ``v`` is the mean of
its sentences nearest to ``a``. Then the transparent pair features of ``features.py`` (negation,
antonymous predicates, numbers, hedges, refuting words, overlap) and a few similarity statistics.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .embed import Embedder
from .features import PairFeatures, pair_features, profile
from .lexicon import lexicon, normalize
from .model import LONG_TEXT, PASSAGE_MARGIN, TOP_PASSAGES  # read long texts as the rule does
from .text import sentences

MAX_SENTENCES = 60  # sentences of a long ``b`` that are read (bodies are cut there)

SCALAR_NAMES = (
    "cosine",
    "max_sentence_cosine",
    "mean_sentence_cosine",
    "share_sentences_close",
    "overlap",
    "b_is_long",
    "log_len_a",
    "log_len_b",
    "antonyms",
    "aligned",
    "negation_mismatch",
    "negated_a",
    "negated_b",
    "negated_shared",
    "numbers_differ",
    "numbers_both",
    "hedged_a",
    "hedged_b",
    "certain_a",
    "certain_b",
    "modality_mismatch",
    "refute_a",
    "refute_b",
    "refute_body",
    "hedged_body",
    "antonym_negated",
)


@dataclass(frozen=True)
class PairView:
    """What the features read of one pair: ``b``'s passage nearest to ``a`` and similarity statistics."""

    passage: str
    cosine: float
    max_cosine: float
    mean_cosine: float
    share_close: float
    long: bool
    refute_body: float
    hedged_body: float


def _parts(b: str) -> list[str]:
    if len(b) <= LONG_TEXT:
        return [b]
    return (sentences(b) or [b])[:MAX_SENTENCES]


def embed_pairs(
    pairs: Sequence[tuple[str, str]], embedder: Embedder
) -> tuple[list[list[str]], dict[str, np.ndarray]]:
    """Each pair's ``b`` split into passages, and one vector per distinct text (embedded once)."""
    parts = [_parts(b) for _, b in pairs]
    distinct: dict[str, None] = {}
    for (a, _), ps in zip(pairs, parts, strict=True):
        distinct[a] = None
        distinct.update(dict.fromkeys(ps))
    texts = list(distinct)
    matrix = embedder.encode(texts) if texts else np.zeros((0, 384), dtype=np.float32)
    return parts, {t: matrix[i] for i, t in enumerate(texts)}


def _body_stats(parts: list[str]) -> tuple[float, float]:
    """Shares of a long text's sentences with refuting words and with hedges."""
    lex = lexicon()
    norms = [normalize(p) for p in parts]
    refute = sum(bool(lex.refute.search(n)) for n in norms) / len(parts)
    hedged = sum(bool(lex.hedges.search(n)) for n in norms) / len(parts)
    return refute, hedged


def _view(
    a: str, parts: list[str], vectors: dict[str, np.ndarray], body: tuple[float, float]
) -> tuple[PairView, np.ndarray]:
    u = vectors[a]
    mat = np.stack([vectors[p] for p in parts])
    sims = mat @ u
    order = np.argsort(-sims, kind="stable")[:TOP_PASSAGES]
    best = float(sims[order[0]])
    close = sorted(int(i) for i in order if sims[i] >= best - PASSAGE_MARGIN)
    v = mat[close].mean(axis=0)
    v = v / (np.linalg.norm(v) or 1.0)
    long = len(parts) > 1
    view = PairView(
        passage=" ".join(parts[i] for i in close),
        cosine=float(v @ u),
        max_cosine=best,
        mean_cosine=float(sims.mean()),
        share_close=float((sims >= 0.5).mean()),
        long=long,
        refute_body=body[0],
        hedged_body=body[1],
    )
    return view, v


def _scalars(a: str, view: PairView, f: PairFeatures) -> list[float]:
    pa, pb = profile(a), profile(view.passage)
    return [
        view.cosine,
        view.max_cosine,
        view.mean_cosine,
        view.share_close,
        f.overlap,
        float(view.long),
        math.log1p(len(a)) / 8,
        math.log1p(len(view.passage)) / 8,
        min(len(f.antonyms), 2) / 2,
        min(len(f.aligned), 2) / 2,
        float(f.negation_mismatch),
        float(pa.negated),
        float(pb.negated),
        float(bool(f.negated_shared)),
        float(f.numbers_differ),
        float(bool(f.numbers_a and f.numbers_b)),
        float(f.hedged[0]),
        float(f.hedged[1]),
        float(f.certain[0]),
        float(f.certain[1]),
        float(f.modality_mismatch),
        float(bool(f.refute_a)),
        float(bool(f.refute_b)),
        view.refute_body,
        view.hedged_body,
        float(any(x.negated or y.negated for x, y in f.antonyms)),
    ]


def featurize(pairs: Sequence[tuple[str, str]], embedder: Embedder) -> tuple[np.ndarray, list[PairFeatures]]:
    """The model's input matrix (one row per pair) and each pair's readable features (for evidence)."""
    parts, vectors = embed_pairs(pairs, embedder)
    rows: list[np.ndarray] = []
    readable: list[PairFeatures] = []
    bodies: dict[str, tuple[float, float]] = {}
    for (a, b), ps in zip(pairs, parts, strict=True):
        if b not in bodies:
            bodies[b] = _body_stats(ps) if len(ps) > 1 else (0.0, 0.0)
        view, v = _view(a, ps, vectors, bodies[b])
        f = pair_features(a, view.passage, view.cosine)
        u = vectors[a]
        scalars = np.asarray(_scalars(a, view, f), dtype=np.float32)
        rows.append(np.concatenate([u * v, np.abs(u - v), scalars]).astype(np.float32))
        readable.append(f)
    width = 2 * 384 + len(SCALAR_NAMES)
    matrix = np.stack(rows) if rows else np.zeros((0, width), dtype=np.float32)
    return matrix, readable
