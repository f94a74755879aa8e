"""The trained stance model: a small network over frozen MiniLM embeddings and the pair features.

Trained by ``atodds train compare`` (``atodds.train.compare``) on FNC-1, SICK, Emergent and PERSPECTRUM
train splits; the weights ship as ``data/compare_model.npz`` (see docs/model-card-compare.md). It
implements the same ``ContradictionModel`` interface as the lexical rule and any plug-in backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import error
from .embed import Embedder, get_embedder
from .model import LABELS, PairContext, PairScores, contexts_for
from .stance_features import featurize

MODEL_FILE = "compare_model.npz"
FRAME_LOGIT = 1.0  # an article's own framing sentence naming both sides: evidence, not proof
POOL_WEIGHT = 0.5  # the trained model's share in ``PooledModel``
MEMO_SIZE = 50_000  # texts whose vectors a model remembers across calls


@dataclass(frozen=True)
class StanceWeights:
    """Standardization, hidden layers (ReLU), output layer and the calibration temperature."""

    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]
    temperature: float
    labels: tuple[str, ...]
    embedder: str

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Uncalibrated output logits, one row per input row."""
        h = (x - self.mean) / self.scale
        for k, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if k < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        return h

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probabilities over ``labels``."""
        return softmax(self.logits(x) / self.temperature)

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {"mean": self.mean, "scale": self.scale}
        for k, (w, b) in enumerate(self.layers):
            arrays[f"w{k}"] = w.astype(np.float32)
            arrays[f"b{k}"] = b.astype(np.float32)
        arrays["temperature"] = np.array([self.temperature])
        arrays["labels"] = np.array(self.labels)
        arrays["embedder"] = np.array([self.embedder])
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, source: Path | object) -> StanceWeights:
        with np.load(source, allow_pickle=False) as data:  # type: ignore[arg-type]
            count = sum(1 for key in data.files if key.startswith("w"))
            layers = tuple((data[f"w{k}"], data[f"b{k}"]) for k in range(count))
            return cls(
                mean=data["mean"],
                scale=data["scale"],
                layers=layers,
                temperature=float(data["temperature"][0]),
                labels=tuple(str(x) for x in data["labels"]),
                embedder=str(data["embedder"][0]),
            )


class MemoEmbedder:
    """Remembers the vectors of recent texts: an article body compared with many headlines, in
    batch after batch, is embedded once (at most ``size`` texts are kept)."""

    def __init__(self, inner: Embedder, size: int = MEMO_SIZE) -> None:
        self.inner, self.name, self.size = inner, inner.name, size
        self.memo: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if missing and len(self.memo) + len(missing) > self.size:
            self.memo.clear()
            missing = list(dict.fromkeys(texts))
        if missing:
            self.memo.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return self.inner.encode([])
        return np.stack([self.memo[t] for t in texts])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def packaged_weights() -> StanceWeights:
    """The shipped weights."""
    try:
        with resources.files("atodds.data").joinpath(MODEL_FILE).open("rb") as handle:
            return StanceWeights.load(handle)
    except (FileNotFoundError, OSError, KeyError, ValueError) as exc:
        raise error("E045", path=MODEL_FILE, detail=exc) from exc


class TrainedModel:
    """``ContradictionModel`` backed by ``StanceWeights`` (the packaged ones unless given)."""

    name = "trained"

    def __init__(self, embedder: Embedder | None = None, weights: StanceWeights | None = None) -> None:
        self.weights = weights or packaged_weights()
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.weights.embedder)
        if not isinstance(self._embedder, MemoEmbedder):
            self._embedder = MemoEmbedder(self._embedder)
        return self._embedder

    def raw_probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities (rows in ``LABELS`` order) with no context applied."""
        x, _ = featurize(pairs, self.embedder)
        return self._reorder(self.weights.probabilities(x)) if len(pairs) else np.zeros((0, 4))

    def _reorder(self, probs: np.ndarray) -> np.ndarray:
        index = [self.weights.labels.index(label) for label in LABELS]
        return probs[:, index]

    def predict(
        self, pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None = None
    ) -> list[PairScores]:
        """Score every pair; framing sentences add evidence, a topic's relatedness floor caps unrelated."""
        contexts = contexts_for(pairs, context)
        if not pairs:
            return []
        x, readable = featurize(pairs, self.embedder)
        logits = self._reorder(self.weights.logits(x) / self.weights.temperature)
        out: list[PairScores] = []
        for row, features, ctx in zip(logits, readable, contexts, strict=True):
            z = row.copy()
            z[0] += FRAME_LOGIT * bool(ctx.conflict_frames)
            z[1] += FRAME_LOGIT * bool(ctx.agree_frames)
            p = softmax(z[None, :])[0]
            if ctx.related is not None and p[3] > 1.0 - ctx.related:
                rest = p[:3].sum()
                p = np.append(p[:3] * (ctx.related / rest if rest > 0 else 0.0), 1.0 - ctx.related)
            shown = ", ".join(f"{lab} {v:.2f}" for lab, v in zip(LABELS, p, strict=True))
            evidence = [f"model ({self.name}): {shown}"]
            evidence.extend(features.evidence)
            evidence.extend(f"article framing: '{text}'" for text in ctx.conflict_frames[:2])
            evidence.extend(f"article framing (agree): '{text}'" for text in ctx.agree_frames[:1])
            c, a, d, u = (float(v) for v in p)
            out.append(PairScores(c, a, d, u, evidence=tuple(evidence)))
        return out


class PooledModel:
    """The trained model and the lexical rule pooled log-linearly: p ~ p_trained^w * p_lexical^(1-w).

    The trained model reads benchmark-like pairs well (claim vs article, sentence pairs); the rule's
    explicit conflict evidence (antonymous predicates, one-sided negation, refuting words) keeps news
    statement pairs precise. Pooling needs both to agree before a label gets a high probability.
    """

    name = "pooled"

    def __init__(self, embedder: Embedder | None = None, weight: float = POOL_WEIGHT) -> None:
        from .model import LexicalModel

        self.trained = TrainedModel(embedder)
        self.lexical = LexicalModel(self.trained.embedder)
        self.weight = weight

    def predict(
        self, pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None = None
    ) -> list[PairScores]:
        """Pool the two models' probabilities pair by pair; evidence from both."""
        out: list[PairScores] = []
        learned = self.trained.predict(pairs, context)
        rule = self.lexical.predict(pairs, context)
        for t, r in zip(learned, rule, strict=True):
            pt = np.array([t.contradict, t.agree, t.discuss, t.unrelated])
            pr = np.array([r.contradict, r.agree, r.discuss, r.unrelated])
            z = self.weight * np.log(pt + 1e-6) + (1.0 - self.weight) * np.log(pr + 1e-6)
            p = softmax(z[None, :])[0]
            shown = ", ".join(f"{lab} {v:.2f}" for lab, v in zip(LABELS, p, strict=True))
            evidence = (f"model (pooled): {shown}", *t.evidence[:1], *r.evidence)
            c, a, d, u = (float(v) for v in p)
            out.append(PairScores(c, a, d, u, evidence=tuple(dict.fromkeys(evidence))))
        return out
