"""The corpus stages (merge, embed, topics, relations) over N statements, timed stage by stage.

Statements come from an atodds database (``atodds analyze --db``). When N is larger than what the database
holds, copies are made with one word dropped (a different word for each copy), new ids and new article
ids, so that they are distinct statements as a larger corpus would have. The embedding model runs on the
first ``--embed-cap`` texts; the vectors of later copies are their original's vector plus a little noise,
and the embedding time is extrapolated linearly (embedding is per text). Prints one JSON line.

Usage: python bench/compare_stage.py DB N [--embed-cap K]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from atodds.records import Frame, Statement

NOISE = 0.3  # norm of the noise added to a copy's vector: cosine to its original about 0.96


def vary(text: str, copy: int) -> str:
    """``text`` with one word dropped (which one depends on ``copy``); the text itself for copy 0."""
    words = text.split()
    if copy == 0 or len(words) < 2:
        return text if copy == 0 else f"{text} ({copy})"
    drop = copy % len(words)
    return " ".join(words[:drop] + words[drop + 1 :])


def synthesize(
    base: Sequence[Statement], frames: Sequence[Frame], n: int
) -> tuple[list[Statement], list[Frame], list[int]]:
    """``n`` statements (copies of ``base`` beyond its length), their frames, and each one's original."""
    out: list[Statement] = []
    origin: list[int] = []
    copies = 0
    for k in range(n):
        copy, i = divmod(k, len(base))
        copies = max(copies, copy)
        st = base[i]
        if copy:
            content = replace(st.content, text=vary(st.content.text, copy))
            st = replace(st, id=f"{st.id}~{copy}", article_id=f"{st.article_id}~{copy}", content=content)
        out.append(st)
        origin.append(i)
    more = [replace(f, article_id=f"{f.article_id}~{c}") for c in range(1, copies + 1) for f in frames]
    return out, [*frames, *more], origin


def timed(label: str, times: dict[str, float], fn: Callable[[], Any]) -> Any:
    """``fn()``, its wall time recorded in ``times[label]`` (its name on stderr first)."""
    print(f"stage {label}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    value = fn()
    times[label] = round(time.perf_counter() - start, 2)
    return value


def vectors_for(
    statements: Sequence[Statement], origin: list[int], embedder: Any, cap: int, times: dict[str, float]
) -> np.ndarray:
    """Real embeddings for the first ``cap`` statements, noisy copies of their original's for the rest."""
    head = min(cap, len(statements))
    texts = [s.content.text for s in statements[:head]]
    real = timed("embed_measured", times, lambda: embedder.encode(texts))
    times["embedded"] = head
    times["embed"] = round(times["embed_measured"] * len(statements) / max(1, head), 2)
    if head == len(statements):
        return np.asarray(real, dtype=np.float32)
    rng = np.random.default_rng(8)
    rest = real[np.asarray(origin[head:]) % head]
    rest = rest + rng.normal(scale=NOISE / np.sqrt(rest.shape[1]), size=rest.shape).astype(np.float32)
    rest /= np.linalg.norm(rest, axis=1, keepdims=True)
    return np.vstack([real, rest]).astype(np.float32)


def main() -> None:
    """Load, synthesize, run each stage as ``atodds.pipeline.corpus_stages`` does, print the timings."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("db")
    ap.add_argument("n", type=int)
    ap.add_argument("--embed-cap", type=int, default=10_000, help="embed at most this many texts")
    args = ap.parse_args()

    from atodds.compare import assign_topics, find_relations, get_embedder, get_model
    from atodds.config import Options
    from atodds.merge import group_statements, merge_actors
    from atodds.store import Store

    options = Options()
    with Store.open(args.db, read_only=True) as store:
        loaded = store.load_result()
    statements, frames, origin = synthesize(loaded.statements, loaded.frames, args.n)
    times: dict[str, float] = {}
    actors, statement_actor = timed("merge_actors", times, lambda: merge_actors(statements))
    embedder = get_embedder(options.embedding_model)
    embedder.encode(["load the model before timing"])
    vectors = vectors_for(statements, origin, embedder, args.embed_cap, times)
    groups, _ = timed(
        "group_statements", times, lambda: group_statements(statements, statement_actor, vectors, actors)
    )
    threshold = options.topic_threshold
    topics = timed("assign_topics", times, lambda: assign_topics(statements, vectors, threshold))
    model = get_model(options.relation_model, embedder=embedder)
    relations = timed(
        "find_relations",
        times,
        lambda: find_relations(statements, topics, vectors, frames, model, options, groups=groups),
    )
    stages = ("merge_actors", "group_statements", "embed", "assign_topics", "find_relations")
    report: dict[str, Any] = {"statements": len(statements), "base_statements": len(loaded.statements)}
    report |= {"topics": len(topics), "relations": len(relations), "groups": len(groups), **times}
    report["total_s"] = round(sum(times[s] for s in stages), 2)
    report["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
