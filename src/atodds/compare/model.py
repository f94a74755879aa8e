"""Pair stance models: the ``ContradictionModel`` protocol and the built-in transparent ``LexicalModel``."""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

import numpy as np

from ..errors import error
from .embed import Embedder, get_embedder
from .features import PairFeatures, pair_features
from .text import sentences

StanceLabel = Literal["contradict", "agree", "discuss", "unrelated"]
LABELS: tuple[StanceLabel, ...] = ("contradict", "agree", "discuss", "unrelated")


@dataclass(frozen=True)
class PairContext:
    """What the caller knows about a pair beyond its two texts.

    ``cosine``: the embedding similarity when already computed; ``related``: a floor on the probability
    that the two are about the same thing (e.g. both in one topic); ``conflict_frames`` /
    ``agree_frames``: sentences in which an article says the two sides' accounts conflict / agree.
    """

    cosine: float | None = None
    related: float | None = None
    conflict_frames: tuple[str, ...] = ()
    agree_frames: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairScores:
    """Probabilities of the four stance labels (summing to 1) and what drove them."""

    contradict: float
    agree: float
    discuss: float
    unrelated: float
    evidence: tuple[str, ...] = ()

    def probabilities(self) -> dict[str, float]:
        return {label: getattr(self, label) for label in LABELS}

    def label(self) -> StanceLabel:
        """The most probable label (ties go to the earlier label in ``LABELS``)."""
        probs = self.probabilities()
        return max(LABELS, key=lambda lab: probs[lab])


@runtime_checkable
class ContradictionModel(Protocol):
    """Scores text pairs; a trained model drops in by implementing ``predict``."""

    name: str

    def predict(
        self, pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None = None
    ) -> list[PairScores]:
        """One ``PairScores`` per pair, in order."""
        ...


@dataclass(frozen=True)
class LexicalWeights:
    """The scoring rule's constants: logits are sums of these times features (see ``LexicalModel``)."""

    related_mid: float = 0.44  # cosine at which a pair is as likely related as not
    related_slope: float = 14.0
    related_overlap: float = 3.0  # logit per unit of content-word overlap
    related_antonym: float = 1.5  # opposed predicates on a shared word: about the same thing
    contradict_bias: float = -1.8
    antonym: float = 2.4  # per opposed antonym axis (at most two count)
    negation: float = 3.0  # one-sided negation, scaled by word overlap (0 at 0.15, full from 0.5)
    negated_shared: float = 2.4  # a word one text negates and the other asserts ...
    negated_shared_min_cosine: float = 0.4  # ... in two texts about the same thing
    numbers: float = 0.6
    refute: float = 2.0
    frame: float = 1.5
    agree_mid: float = 0.76  # cosine at which agree is as likely as discuss
    agree_slope: float = 8.0
    agree_overlap: float = 1.5
    aligned: float = 1.5  # per axis where both texts take the same pole (at most two count)
    conflict_blocks_agree: float = 2.0
    modality: float = 0.8
    agree_frame: float = 0.8
    hedge_discuss: float = 0.6


LONG_TEXT = 400  # characters: a longer ``b`` is read sentence by sentence
TOP_PASSAGES = 3  # of a long ``b``, the sentences nearest to ``a`` that are read for features ...
PASSAGE_MARGIN = 0.15  # ... when their cosine is within this margin of the nearest one


def contexts_for(
    pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None
) -> list[PairContext]:
    """One context per pair (empty ones when none are given); a count mismatch is a caller's bug."""
    contexts = list(context) if context is not None else [PairContext()] * len(pairs)
    if len(contexts) != len(pairs):
        raise ValueError(f"{len(pairs)} pairs but {len(contexts)} contexts")
    return contexts


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _ramp(x: float, lo: float, hi: float) -> float:
    """0 below ``lo``, 1 above ``hi``, linear in between."""
    return min(1.0, max(0.0, (x - lo) / (hi - lo)))


def _softmax(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


class LexicalModel:
    """Embedding similarity plus lexical features, combined by a fixed, readable rule.

    p(related) = sigmoid(slope * (cosine - mid) + overlap + [opposed predicates sharing a word]), raised
    to the context's ``related`` floor.
    Among related pairs a softmax over three logits:
    contradict = bias + antonym*axes + negation*[one-sided]*overlap + numbers + refute + frame;
    agree = slope * (cosine - mid) + overlap + aligned axes - conflict evidence - modality + agree_frame;
    discuss = hedge_discuss * [b hedges].
    """

    name = "lexical"

    def __init__(self, embedder: Embedder | None = None, weights: LexicalWeights | None = None) -> None:
        self._embedder = embedder
        self.weights = weights or LexicalWeights()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder()
        return self._embedder

    def predict(
        self, pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None = None
    ) -> list[PairScores]:
        """Score every pair; texts are embedded once per call, long ``b`` texts per sentence."""
        contexts = contexts_for(pairs, context)
        passages = [self._passages(b) for _, b in pairs]
        vectors = self._embed(pairs, passages, contexts)
        return [
            self._score(a, parts, ctx, vectors)
            for (a, _), parts, ctx in zip(pairs, passages, contexts, strict=True)
        ]

    @staticmethod
    def _passages(b: str) -> list[str]:
        if len(b) <= LONG_TEXT:
            return [b]
        return sentences(b) or [b]

    def _embed(
        self, pairs: Sequence[tuple[str, str]], passages: list[list[str]], contexts: list[PairContext]
    ) -> dict[str, np.ndarray]:
        needed: dict[str, None] = {}
        for (a, _), parts, ctx in zip(pairs, passages, contexts, strict=True):
            if ctx.cosine is None or len(parts) > 1:
                needed[a] = None
                needed.update(dict.fromkeys(parts))
        texts = list(needed)
        if not texts:
            return {}
        matrix = self.embedder.encode(texts)
        return {text: matrix[i] for i, text in enumerate(texts)}

    def _score(
        self, a: str, parts: list[str], ctx: PairContext, vectors: dict[str, np.ndarray]
    ) -> PairScores:
        if len(parts) > 1:
            sims = np.array([float(vectors[a] @ vectors[p]) for p in parts])
            order = np.argsort(-sims, kind="stable")[:TOP_PASSAGES]
            cosine = float(sims[order[0]])
            close = [i for i in order if sims[i] >= cosine - PASSAGE_MARGIN]
            b = " ".join(parts[i] for i in sorted(close))
        else:
            b = parts[0]
            cosine = ctx.cosine if ctx.cosine is not None else float(vectors[a] @ vectors[b])
        return self.combine(pair_features(a, b, cosine), ctx)

    def combine(self, f: PairFeatures, ctx: PairContext) -> PairScores:
        """Turn features into label probabilities with the fixed rule (see the class docstring)."""
        w = self.weights
        cosine = f.cosine if f.cosine is not None else 0.0
        shared_antonym = bool(f.antonyms) and f.overlap > 0
        related = _sigmoid(
            w.related_slope * (cosine - w.related_mid)
            + w.related_overlap * f.overlap
            + w.related_antonym * shared_antonym
        )
        if ctx.related is not None:
            related = max(related, ctx.related)
        explained = any(x.negated or y.negated for x, y in f.antonyms)
        negation = float(f.negation_mismatch and not explained) * _ramp(f.overlap, 0.15, 0.5)
        negation = max(
            negation, float(bool(f.negated_shared) and not explained) * w.negated_shared / w.negation
        )
        refute = float(bool(f.refute_a) != bool(f.refute_b))
        conflict = (
            w.antonym * min(len(f.antonyms), 2) + w.negation * negation + w.numbers * f.numbers_differ
        ) + w.refute * refute
        framed = bool(ctx.conflict_frames)
        z_contradict = w.contradict_bias + conflict + w.frame * framed
        z_agree = (
            w.agree_slope * (cosine - w.agree_mid)
            + w.agree_overlap * f.overlap
            + w.aligned * min(len(f.aligned), 2)
            - w.conflict_blocks_agree * min(conflict, 2.0)
            - w.modality * f.modality_mismatch
            + w.agree_frame * bool(ctx.agree_frames)
        )
        z_discuss = w.hedge_discuss * f.hedged[1]
        p_contradict, p_agree, p_discuss = _softmax([z_contradict, z_agree, z_discuss])
        evidence = list(f.evidence)
        evidence.extend(f"article framing: '{text}'" for text in ctx.conflict_frames[:2])
        evidence.extend(f"article framing (agree): '{text}'" for text in ctx.agree_frames[:1])
        return PairScores(
            contradict=related * p_contradict,
            agree=related * p_agree,
            discuss=related * p_discuss,
            unrelated=1.0 - related,
            evidence=tuple(evidence),
        )


def _trained(embedder: Embedder | None) -> ContradictionModel:
    from .trained import TrainedModel  # imported on use: it reads the packaged weights

    return TrainedModel(embedder)


def _pooled(embedder: Embedder | None) -> ContradictionModel:
    from .trained import PooledModel

    return PooledModel(embedder)


_MODELS: dict[str, Callable[[Embedder | None], ContradictionModel]] = {
    "lexical": LexicalModel,
    "trained": _trained,
    "pooled": _pooled,
}


def register_model(name: str, factory: Callable[[Embedder | None], ContradictionModel]) -> None:
    """Make ``get_model(name)`` build ``factory(embedder)``."""
    _MODELS[name] = factory


def get_model(name: str = "lexical", embedder: Embedder | None = None) -> ContradictionModel:
    """A registered model by name, or any ``package.module:factory`` that takes an embedder."""
    if name in _MODELS:
        return _MODELS[name](embedder)
    if ":" in name:
        module_name, _, attr = name.partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
        model = factory(embedder)
        if not isinstance(model, ContradictionModel):
            raise TypeError(f"{name} did not build a ContradictionModel (it needs name and predict)")
        return model
    known = ", ".join(sorted(_MODELS))
    raise error("E044", name=name, known=known)
