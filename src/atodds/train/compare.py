"""Train the stance model (``atodds train compare``): frozen MiniLM features + a small network.

1. Read the train and dev pairs of FNC-1, SICK, Emergent and PERSPECTRUM (``stance_data``).
2. Turn every pair into the feature vector of ``compare.stance_features`` (embeddings cached on disk
   when ``--cache`` is given, so that a second run skips the encoder).
3. Fit a one-hidden-layer network (scikit-learn's MLP, seeded) with per-dataset and per-class weights,
   early-stopped on a slice of train.
4. Calibrate: one temperature, chosen on dev to minimise the log loss.
5. Write the weights (``data/compare_model.npz``) and the dev figures (JSON) for the model card.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..compare.embed import DEFAULT_EMBEDDER, Embedder, get_embedder
from ..compare.stance_features import featurize
from ..compare.trained import StanceWeights, softmax
from .stance_data import StancePair, load_all
from .stance_metrics import LABELS, dataset_figures, expected_calibration_error

DATASET_SHARE = {"fnc1": 0.35, "sick": 0.2, "emergent": 0.15, "perspectrum": 0.2, "unrelated": 0.1}
HIDDEN = 256
TEMPERATURES = tuple(round(0.5 + 0.05 * i, 2) for i in range(51))


class CachedEmbedder:
    """Wraps an embedder with an on-disk cache keyed by a hash of each text."""

    def __init__(self, inner: Embedder, path: Path | None) -> None:
        self.inner, self.path, self.name = inner, path, inner.name
        self.vectors: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            self.vectors = pickle.loads(path.read_bytes())

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if self._key(t) not in self.vectors))
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self.vectors[self._key(text)] = vector
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.path.write_bytes(pickle.dumps(self.vectors))
        return np.stack([self.vectors[self._key(t)] for t in texts])


def _weights(pairs: Sequence[StancePair]) -> np.ndarray:
    """Each dataset gets its share of the total weight; within it, classes by sqrt inverse frequency."""

    def family(p: StancePair) -> str:
        return "unrelated" if p.dataset.endswith("-unrelated") else p.dataset

    counts = Counter((family(p), p.label) for p in pairs)
    per_dataset = Counter(family(p) for p in pairs)
    raw = np.array([1.0 / np.sqrt(counts[(family(p), p.label)]) for p in pairs])
    out = np.zeros(len(pairs))
    for name, share in DATASET_SHARE.items():
        mask = np.array([family(p) == name for p in pairs])
        if mask.any():
            out[mask] = raw[mask] / raw[mask].sum() * share
    assert per_dataset  # every pair belongs to one family
    return out / out.mean()


def _fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, seed: int) -> StanceWeights:
    from sklearn.neural_network import MLPClassifier

    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    net = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,),
        alpha=1e-3,
        batch_size=256,
        learning_rate_init=1e-3,
        max_iter=60,
        early_stopping=True,
        validation_fraction=0.1,
        n_iter_no_change=6,
        random_state=seed,
    )
    net.fit((x - mean) / scale, y, sample_weight=weight)
    labels = tuple(str(c) for c in net.classes_)
    layers = tuple(
        (w.astype(np.float32), b.astype(np.float32)) for w, b in zip(net.coefs_, net.intercepts_, strict=True)
    )
    return StanceWeights(
        mean.astype(np.float32), scale.astype(np.float32), layers, 1.0, labels, DEFAULT_EMBEDDER
    )


def _calibrate(weights: StanceWeights, x: np.ndarray, gold: np.ndarray) -> float:
    logits = weights.logits(x)
    best, best_loss = 1.0, float("inf")
    for t in TEMPERATURES:
        p = softmax(logits / t)
        loss = float(-np.mean(np.log(p[np.arange(len(gold)), gold] + 1e-12)))
        if loss < best_loss:
            best, best_loss = t, loss
    return best


def _in_label_order(weights: StanceWeights, x: np.ndarray) -> np.ndarray:
    probs = weights.probabilities(x)
    return probs[:, [weights.labels.index(label) for label in LABELS]]


def evaluate(weights: StanceWeights, dev: Sequence[StancePair], x: np.ndarray) -> dict[str, Any]:
    """Per-dataset figures and the calibration of the whole dev set."""
    probs = _in_label_order(weights, x)
    figures: dict[str, Any] = {}
    for name in sorted({p.dataset for p in dev}):
        idx = [i for i, p in enumerate(dev) if p.dataset == name]
        figures[name] = dataset_figures(name, [dev[i].label for i in idx], probs[idx])
    gold = np.array([LABELS.index(p.label) for p in dev])
    figures["calibration"] = expected_calibration_error(probs, gold)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="atodds train compare", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/benchmarks"))
    parser.add_argument("--out", type=Path, default=Path("src/atodds/data/compare_model.npz"))
    parser.add_argument("--report", type=Path, default=Path("docs/compare-model-dev.json"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache file (speeds up reruns)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    train, dev = load_all(args.data, args.seed)
    print(
        f"pairs: train {len(train)} ({dict(Counter(p.label for p in train))}), dev {len(dev)}",
        file=sys.stderr,
    )
    embedder = CachedEmbedder(get_embedder(DEFAULT_EMBEDDER), args.cache)
    x_train, _ = featurize([(p.a, p.b) for p in train], embedder)
    x_dev, _ = featurize([(p.a, p.b) for p in dev], embedder)
    print(f"features: {x_train.shape} in {time.monotonic() - started:.0f}s", file=sys.stderr)
    y_train = np.array([p.label for p in train])
    weights = _fit(x_train, y_train, _weights(train), args.seed)
    gold_dev = np.array([weights.labels.index(p.label) for p in dev])
    temperature = _calibrate(weights, x_dev, gold_dev)
    uncalibrated = evaluate(weights, dev, x_dev)["calibration"]["ece"]
    weights = StanceWeights(
        weights.mean, weights.scale, weights.layers, temperature, weights.labels, weights.embedder
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    weights.save(args.out)
    figures = evaluate(weights, dev, x_dev)
    report = {
        "seed": args.seed,
        "train_pairs": dict(Counter(p.dataset for p in train)),
        "dev_pairs": dict(Counter(p.dataset for p in dev)),
        "temperature": temperature,
        "ece_before_calibration": uncalibrated,
        "seconds": round(time.monotonic() - started, 1),
        "figures": figures,
    }
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in figures.items() if k != "calibration"}, indent=1), file=sys.stderr)
    print(
        f"ECE {figures['calibration']['ece']:.3f} (before {uncalibrated:.3f}); wrote {args.out}",
        file=sys.stderr,
    )
    return 0
