"""Train the learned attribution classifier on PolNeAR train (``atodds train extract``).

Articles are parsed with the project's spaCy pipeline; every proposal of ``learned_features.propose`` is
labelled positive when its content matches a gold content with character Jaccard >= 0.5 (the scorer's
criterion). A logistic regression is fitted on 80% of the articles, the decision threshold chosen on the
other 20% (rule and learned candidates together, as ``extract`` combines them), then refitted on all.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..config import Options
from ..extract import extract
from ..extract.learned import LearnedModel, decode, eligible, jaccard, merge_learned
from ..extract.learned_features import Proposal, propose
from ..extract.reported import find_candidates

Gold = list[tuple[int, int]]
MIN_FEATURE_COUNT = 2
HELD_OUT_EVERY = 5
F1_TOLERANCE = (
    0.01  # the most precise threshold whose held-out F1 is this close to the best (favours precision)
)
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(11))


RULES_ONLY = Options(learned_extraction="off")  # the rule-only reference


def load_split(split_dir: Path) -> list[tuple[str, str, Gold]]:
    """(name, text, gold content spans) per article, from the first ``.ann`` in sorted order."""
    first: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        first.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), ann)
    out: list[tuple[str, str, Gold]] = []
    for key in sorted(first):
        text_path = split_dir / "text" / f"{key}.txt"
        if text_path.exists():
            out.append((key, text_path.read_text(encoding="utf-8"), _gold_contents(first[key])))
    return out


def _gold_contents(ann: Path) -> Gold:
    """Each attribution's content, its pieces merged into one outer span."""
    spans: dict[str, list[tuple[int, int]]] = {}
    rels: list[list[str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].startswith("T"):
            label, offsets = parts[1].split(" ", 1)
            if label == "Content":
                pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
                spans[parts[0]] = [(a, b) for a, b in pieces]
        elif len(parts) >= 2 and parts[0].startswith("E"):
            rels.append([a.split(":", 1)[1] for a in parts[1].split() if re.match(r"Content\d*:", a)])
    gold: Gold = []
    for tids in rels:
        pieces = [p for t in tids for p in spans.get(t, [])]
        if pieces:
            gold.append((min(p[0] for p in pieces), max(p[1] for p in pieces)))
    return gold


def matched(pred: Sequence[tuple[int, int]], gold: Gold, threshold: float = 0.5) -> int:
    """One-to-one greedy matches (best Jaccard first) at or above ``threshold``."""
    pairs = sorted(
        ((jaccard(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _label(prop: Proposal, gold: Gold) -> int:
    return int(any(jaccard(prop.cand.content, g) >= 0.5 for g in gold))


def _fit(rows: list[tuple[str, ...]], labels: list[int], seed: int, c: float) -> LearnedModel:
    """A logistic regression over features seen at least twice."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
    indptr, indices = [0], []
    for r in rows:
        indices.extend(sorted({vocab[f] for f in r if f in vocab}))
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=seed)
    clf.fit(x, np.array(labels))
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: float(w) for f, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-4}
    return LearnedModel(weights, float(clf.intercept_[0]), 0.5, {})


def _evaluate(
    docs: list[Doc], golds: list[Gold], props: list[list[Proposal]], model: LearnedModel
) -> dict[str, dict[str, float]]:
    """Content P/R/F1 (Jaccard >= 0.5) of rules alone and of rules plus learned at each threshold."""
    rules_only = RULES_ONLY
    base = [[(a.content.start, a.content.end) for a in extract(d, rules_only)] for d in docs]
    rule_cands = [find_candidates(d) for d in docs]
    scored = [[(model.score(p.features), p) for p in ps] for ps in props]
    n_gold = sum(len(g) for g in golds)
    out: dict[str, dict[str, float]] = {}
    for t in (None, *THRESHOLDS):
        tp = n_pred = 0
        for b, g, rc, sc in zip(base, golds, rule_cands, scored, strict=True):
            pred = list(b)
            if t is not None:
                pred += [c.content for c in merge_learned(rc, decode(sc, t)) if not _covered(c.content, b)]
            tp += matched(pred, g)
            n_pred += len(pred)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        out["rules" if t is None else f"{t:.2f}"] = {"P": p, "R": r, "F1": 2 * p * r / max(p + r, 1e-9)}
    return out


def _covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(jaccard(span, s) >= 0.5 for s in spans)


def train_extract(polnear_dir: Path, out: Path, seed: int = 13, c: float = 0.5) -> dict[str, Any]:
    """Train on ``polnear_dir/train``, write the model JSON to ``out``; return the figures."""
    from ..nlp import load_nlp

    started = time.perf_counter()
    articles = load_split(polnear_dir / "train")
    nlp = load_nlp()
    docs = list(nlp.pipe((text for _, text, _ in articles), batch_size=32))
    parse_s = time.perf_counter() - started
    figures = train_from_docs(docs, [g for _, _, g in articles], out, seed, c)
    return {**figures, "parse_s": round(parse_s, 1), "total_s": round(time.perf_counter() - started, 1)}


def train_from_docs(
    docs: list[Doc], golds: list[Gold], out: Path, seed: int = 13, c: float = 0.5
) -> dict[str, Any]:
    """Fit, choose the threshold on the held-out slice, refit on everything and write ``out``."""
    props = [eligible(d, propose(d)) for d in docs]
    held = [i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 for i in range(len(docs))]
    rows = [[p.features for p in ps] for ps in props]
    labels = [[_label(p, g) for p in ps] for ps, g in zip(props, golds, strict=True)]

    def flat(keep: bool) -> tuple[list[tuple[str, ...]], list[int]]:
        sel = [i for i, h in enumerate(held) if h == keep]
        return [r for i in sel for r in rows[i]], [y for i in sel for y in labels[i]]

    x_fit, y_fit = flat(False)
    model = _fit(x_fit, y_fit, seed, c)
    held_idx = [i for i, h in enumerate(held) if h]
    figures = _evaluate(
        [docs[i] for i in held_idx], [golds[i] for i in held_idx], [props[i] for i in held_idx], model
    )
    top = max(figures[f"{t:.2f}"]["F1"] for t in THRESHOLDS)
    best = max(t for t in THRESHOLDS if figures[f"{t:.2f}"]["F1"] >= top - F1_TOLERANCE)
    x_all, y_all = flat(True)
    final = _fit(x_fit + x_all, y_fit + y_all, seed, c)
    meta = {
        "trained_on": "PolNeAR train (first annotator per article)",
        "articles": len(docs),
        "candidates": len(y_fit) + len(y_all),
        "positives": sum(y_fit) + sum(y_all),
        "seed": seed,
        "C": c,
        "held_out": f"every {HELD_OUT_EVERY}th article ({len(held_idx)})",
    }
    final = LearnedModel(final.weights, final.bias, best, meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(final.to_json(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return {
        **meta,
        "threshold": best,
        "held_out_figures": figures,
        "features": len(final.weights),
        "model_bytes": out.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m atodds.train.extract [--data DIR] [--out FILE] [--seed N]``."""
    parser = argparse.ArgumentParser(prog="atodds train extract", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/benchmarks/polnear"))
    parser.add_argument("--out", type=Path, default=Path("src/atodds/data/extract_model.json"))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--C", type=float, default=0.5, dest="c")
    args = parser.parse_args(argv)
    figures = train_extract(args.data, args.out, seed=args.seed, c=args.c)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
