"""Dev figures of a stance model: FNC score, per-class and macro F1, accuracy, calibration error."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

LABELS = ("contradict", "agree", "discuss", "unrelated")


def f1_by_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        out[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return out


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """The FNC-1 weighted score relative to its maximum (0.25 related/unrelated, +0.75 right stance)."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            score += 0.25
            if g != "unrelated" and g == p:
                score += 0.75
    return score / best if best else 0.0


def expected_calibration_error(probs: np.ndarray, gold_index: np.ndarray, bins: int = 10) -> dict[str, Any]:
    """ECE of the top label's probability, and the reliability curve (per bin: confidence, accuracy, n)."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == gold_index
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece = 0.0
    curve = []
    for lo, hi in itertools.pairwise(edges):
        mask = (confidence > lo) & (confidence <= hi)
        if not mask.any():
            continue
        conf, acc = float(confidence[mask].mean()), float(correct[mask].mean())
        ece += mask.mean() * abs(conf - acc)
        curve.append(
            {
                "bin": [round(float(lo), 2), round(float(hi), 2)],
                "confidence": conf,
                "accuracy": acc,
                "n": int(mask.sum()),
            }
        )
    return {"ece": float(ece), "reliability": curve}


def dataset_figures(dataset: str, gold: Sequence[str], probs: np.ndarray) -> dict[str, Any]:
    """The figures the issue asks for, per dataset (``probs`` columns in ``LABELS`` order)."""
    pred = [LABELS[i] for i in probs.argmax(axis=1)]
    accuracy = float(np.mean([g == p for g, p in zip(gold, pred, strict=True)]))
    out: dict[str, Any] = {"n": len(gold), "accuracy": accuracy}
    if dataset == "fnc1":
        f1 = f1_by_class(gold, pred, LABELS)
        out |= {"fnc_score": fnc_score(gold, pred), "macro_f1": float(np.mean(list(f1.values()))), "f1": f1}
        out["disagree_f1"] = f1["contradict"]
    elif dataset == "sick":
        three = [p if p != "unrelated" else "discuss" for p in pred]
        f1 = f1_by_class(gold, three, LABELS[:3])
        out |= {
            "contradiction_f1": f1["contradict"],
            "f1": f1,
            "accuracy": float(np.mean([g == p for g, p in zip(gold, three, strict=True)])),
        }
    elif dataset == "perspectrum":
        two = ["contradict" if row[0] > row[1] else "agree" for row in probs]
        out["support_undermine_accuracy"] = float(np.mean([g == p for g, p in zip(gold, two, strict=True)]))
    return out
