"""The learned candidate classifier: beliefs, intentions and cues outside the hand lexicon.

A logistic regression over the string features of ``learned_features.propose`` (trained on PolNeAR train
by ``atodds.train.extract``), shipped as plain JSON (feature weights, bias, threshold) and applied with the
standard library only. ``learned_candidates`` keeps the best reading of each cue above the threshold;
``merge_learned`` adds them to the rule candidates, which win every conflict.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..nlp import text_of
from .learned_features import Proposal, propose
from .quotes import find_quotes
from .reported import Candidate, find_candidates

MODEL_FILE = "extract_model.json"
MERGE_JACCARD = 0.5
CLAUSE_KINDS = frozenset({"ccomp", "ccomp_left", "xcomp", "raise", "noun_clause"})


@dataclass(frozen=True)
class LearnedModel:
    """Feature weights of a logistic regression, its bias and the decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any]

    def score(self, features: tuple[str, ...] | list[str]) -> float:
        """The probability that a candidate with these features is an attribution."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "atodds-extract-logreg/1",
            "bias": self.bias,
            "threshold": self.threshold,
            "meta": self.meta,
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnedModel:
        if data.get("format") != "atodds-extract-logreg/1":
            raise ValueError(f"unknown extract model format: {data.get('format')!r}")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("meta", {})))


def load_model(path: Path | None = None) -> LearnedModel:
    """A model from ``path`` (default: the packaged one)."""
    if path is None:
        return _packaged_model()
    return LearnedModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _packaged_model() -> LearnedModel:
    text = resources.files("atodds.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return LearnedModel.from_json(json.loads(text))


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Character Jaccard of two spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def _inside(pos: int, span: tuple[int, int]) -> bool:
    return span[0] <= pos < span[1]


def _conflicts(a: Candidate, b: Candidate) -> bool:
    """Two statements that cannot both hold in a univocal annotation: the same content, or the cue of one
    inside the content of the other."""
    if jaccard(a.content, b.content) >= MERGE_JACCARD:
        return True
    return any(x.cue is not None and _inside(x.cue[0], y.content) for x, y in ((a, b), (b, a)))


def decode(scored: list[tuple[float, Proposal]], threshold: float) -> list[Candidate]:
    """The best reading per cue above ``threshold``, then greedily without conflicts, in text order."""
    best: dict[int, tuple[float, Proposal]] = {}
    for prob, prop in scored:
        verb = prop.cand.verb
        if prob >= threshold and (verb not in best or prob > best[verb][0]):
            best[verb] = (prob, prop)
    kept: list[Candidate] = []
    for _, prop in sorted(best.values(), key=lambda x: -x[0]):
        if not any(_conflicts(prop.cand, k) for k in kept):
            kept.append(prop.cand)
    return sorted(kept, key=lambda c: c.content)


def eligible(doc: Doc, proposals: list[Proposal], rules: list[Candidate] | None = None) -> list[Proposal]:
    """Proposals whose cue is outside every quotation (what a quoted speaker says is not re-attributed)
    and that do not conflict with a rule candidate (``rules``, default: ``find_candidates(doc)``)."""
    quotes = find_quotes(text_of(doc))
    rules = find_candidates(doc) if rules is None else rules
    out = []
    for prop in proposals:
        cue = prop.cand.cue[0] if prop.cand.cue else prop.cand.content[0]
        if any(q.open < cue < q.close for q in quotes) or any(_conflicts(prop.cand, r) for r in rules):
            continue
        out.append(prop)
    return out


def learned_candidates(
    doc: Doc,
    threshold: float | None = None,
    model: LearnedModel | None = None,
    rules: list[Candidate] | None = None,
    clauses_only: bool = False,
) -> list[Candidate]:
    """Attribution candidates the classifier accepts in ``doc`` (threshold default: the model's), none of
    them inside a quotation or in conflict with the rule candidates ``rules`` (default: found here).
    ``clauses_only`` keeps propositional contents (clauses, infinitives), not objects ("supports the
    bill") or nominal cues: PolNeAR annotates those, news statement annotation mostly does not."""
    model = model or load_model()
    cut = model.threshold if threshold is None else threshold
    props = [p for p in propose(doc) if not clauses_only or p.kind in CLAUSE_KINDS]
    scored = [(model.score(p.features), p) for p in eligible(doc, props, rules)]
    return decode(scored, cut)


def merge_learned(rules: list[Candidate], learned: list[Candidate]) -> list[Candidate]:
    """The learned candidates that do not conflict with any rule candidate (rule candidates win)."""
    return [c for c in learned if not any(_conflicts(c, r) for r in rules)]
