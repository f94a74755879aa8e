"""Topics: statements grouped by what they are about (embedding similarity plus shared entities)."""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components

from atodds.ids import content_id
from atodds.records import Statement, Topic

from .text import content_words, entities

NEIGHBOURS = 20  # nearest neighbours per statement considered for an edge
ENTITY_BONUS = 0.05  # added to the cosine per shared entity (at most two count)
DENSE_LIMIT = 1500  # components up to this size are clustered exactly (average link)
BLOCK = 1024  # rows per block of the similarity product


def entity_matrix(texts: Sequence[str]) -> csr_matrix:
    """Binary statement-by-entity incidence matrix."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for ent in sorted(entities(text)):
            rows.append(i)
            cols.append(vocab.setdefault(ent, len(vocab)))
    data = np.ones(len(rows), dtype=np.float32)
    return csr_matrix((data, (rows, cols)), shape=(len(texts), max(1, len(vocab))))


def _bonus(ents: csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    if len(rows) == 0:
        return np.zeros(0, dtype=np.float32)
    shared = np.asarray(ents[rows].multiply(ents[cols]).sum(axis=1)).ravel()
    return ENTITY_BONUS * np.minimum(shared, 2.0)


def neighbour_edges(
    vectors: np.ndarray, ents: csr_matrix, threshold: float, k: int = NEIGHBOURS
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) among each row's ``k`` nearest rows whose similarity plus bonus reaches ``threshold``."""
    n = len(vectors)
    k = min(k, n - 1)
    rows_out, cols_out = [], []
    for lo in range(0, n, BLOCK):
        sims = vectors[lo : lo + BLOCK] @ vectors.T
        idx = np.arange(lo, min(lo + BLOCK, n))
        sims[idx - lo, idx] = -np.inf
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        rows = np.repeat(idx, k)
        cols = nearest.ravel()
        score = sims[rows - lo, cols] + _bonus(ents, rows, cols)
        keep = score >= threshold
        rows_out.append(rows[keep])
        cols_out.append(cols[keep])
    return np.concatenate(rows_out), np.concatenate(cols_out)


def _average_link(vectors: np.ndarray, ents: csr_matrix, members: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster labels for ``members`` by average-link on 1 - (cosine + entity bonus)."""
    sub = vectors[members]
    sims = sub @ sub.T
    sub_ents = ents[members]
    shared = (sub_ents @ sub_ents.T).toarray()
    sims = sims + ENTITY_BONUS * np.minimum(shared, 2.0)
    dist = np.clip(1.0 - sims, 0.0, 2.0)
    condensed = dist[np.triu_indices(len(members), k=1)]
    tree = linkage(condensed, method="average")
    return np.asarray(fcluster(tree, t=1.0 - threshold, criterion="distance"))


def _sparse_average_link(vectors: np.ndarray, members: np.ndarray, threshold: float) -> np.ndarray:
    """Average link restricted to nearest-neighbour connectivity, for very large components."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.neighbors import kneighbors_graph

    sub = vectors[members]
    graph = kneighbors_graph(sub, n_neighbors=min(NEIGHBOURS, len(sub) - 1), metric="cosine")
    model = AgglomerativeClustering(
        n_clusters=None,
        distance_threshold=1.0 - threshold,
        linkage="average",
        metric="cosine",
        connectivity=graph,
    )
    with warnings.catch_warnings():
        # a nearest-neighbour graph can fall apart in pieces; sklearn then joins them, which is what we want
        warnings.filterwarnings("ignore", message="the number of connected components", category=UserWarning)
        return np.asarray(model.fit_predict(sub))


def cluster(vectors: np.ndarray, texts: Sequence[str], threshold: float) -> list[list[int]]:
    """Groups (lists of row indices, each sorted, groups ordered by first index) of size >= 2."""
    n = len(texts)
    if n < 2:
        return []
    vectors = np.asarray(vectors, dtype=np.float32)
    ents = entity_matrix(texts)
    rows, cols = neighbour_edges(vectors, ents, threshold)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    groups: list[list[int]] = []
    for comp in np.unique(component):
        members = np.flatnonzero(component == comp)
        if len(members) < 2:
            continue
        if len(members) <= DENSE_LIMIT:
            labels = _average_link(vectors, ents, members, threshold)
        else:
            labels = _sparse_average_link(vectors, members, threshold)
        for lab in np.unique(labels):
            group = sorted(int(i) for i in members[labels == lab])
            if len(group) >= 2:
                groups.append(group)
    return sorted(groups, key=lambda g: g[0])


def topic_label(texts: Sequence[str], size: int = 3) -> str:
    """The most frequent entities of ``texts`` (then content words), as 'a, b, c'."""
    ent_counts: Counter[str] = Counter()
    word_counts: Counter[str] = Counter()
    for text in texts:
        ent_counts.update(entities(text))
        word_counts.update(w for w in content_words(text) if not w.isdigit() and len(w) > 3)
    picked = [e for e, c in sorted(ent_counts.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 2][:size]
    picked_lower = {p.lower() for p in picked}
    for word, _ in sorted(word_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(picked) >= size:
            break
        if word not in picked_lower:
            picked.append(word)
    return ", ".join(_display(p, texts) for p in picked)


def _display(key: str, texts: Sequence[str]) -> str:
    """The capitalized form of an entity key as written in ``texts`` (the key itself for plain words)."""
    for text in texts:
        pos = text.lower().find(key)
        if pos >= 0 and text[pos : pos + 1].isupper():
            return text[pos : pos + len(key)]
    return key


def _speaker_key(st: Statement) -> str:
    return st.speaker.name.strip().casefold()


def assign_topics(statements: Sequence[Statement], vectors: np.ndarray, threshold: float) -> list[Topic]:
    """Topics of >= 2 statements by >= 2 different (named) speakers; ids t1, t2, ... by first statement.

    ``vectors`` are the L2-normalized embeddings of the statements' content texts, one row each.
    Statements in no topic are left out (their topic is None).
    """
    if len(vectors) != len(statements):
        raise ValueError(f"{len(statements)} statements but {len(vectors)} vectors")
    texts = [st.content.text for st in statements]
    topics: list[Topic] = []
    for group in cluster(vectors, texts, threshold):
        speakers = {_speaker_key(statements[i]) for i in group} - {""}
        if len(speakers) < 2:
            continue
        label = topic_label([texts[i] for i in group])
        ids = tuple(statements[i].id for i in group)
        topics.append(Topic(content_id("t", ids), label, ids))
    return topics
