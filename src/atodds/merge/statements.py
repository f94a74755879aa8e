"""The same utterance reported by several outlets: one group, with its canonical text, outlets and drift.

Candidates are blocked so that cost stays near-linear: statements of one actor (compared by sentence
embedding plus shared content words), and statements of one side that reproduce the same run of words
verbatim (found through an index of word 5-grams), always in different articles. Pairs are linked
strongest first; two clusters join only when every pair across them stays plausible (similar enough or
sharing a quote, not two different remarks of one article, not dated more than a week apart), so one
loose link cannot chain remarks.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from ..ids import content_id
from ..records import Actor, Statement, StatementDate, StatementGroup
from .drift import group_drift
from .words import STOPWORDS, content_words, jaccard, words

LEXICAL_WEIGHT = 0.5  # weight of shared content words (Jaccard) added to the embedding cosine
SAME_ACTOR = 0.76  # similarity for two reports of one actor in different articles
SAME_ARTICLE = 0.62  # two reports in one article join (through other outlets) only when this similar
FLOOR = 0.5  # no two members of a group are less similar than this, unless they share a quote
SHINGLE = 5  # a verbatim run of this many words (3 of them content words) is a shared quote
MAX_DAYS_APART = 7
SAME_STATEMENT_RATIO = 75  # without embeddings: token-set ratio of the folded texts
BAG_OF_WORDS_FLOOR = 0.3  # without embeddings: word-count cosine a candidate pair needs
NEIGHBOURS = 12  # candidate pairs per statement within its actor's block
CHUNK = 512  # rows of a block's similarity matrix computed at once
MAX_POSTINGS = 50  # a word run shared by more statements than this is boilerplate
SAMPLE = 30  # members of each cluster checked before two clusters join


class _Pairs:
    """Pairwise evidence between statements, computed on demand."""

    def __init__(
        self, statements: Sequence[Statement], vectors: np.ndarray | None, dates: Mapping[str, StatementDate]
    ):
        self.statements = statements
        self.vectors = vectors
        self.words = [content_words(s.content.text) for s in statements]
        self.folded = [" ".join(words(s.content.text)) for s in statements] if vectors is None else []
        self.shingles = [_shingles(s.content.text) for s in statements]
        self.days = [_day(dates.get(s.id)) for s in statements]

    def similarity(self, i: int, j: int) -> float:
        lexical = LEXICAL_WEIGHT * jaccard(self.words[i], self.words[j])
        if self.vectors is None:
            ratio = fuzz.token_set_ratio(self.folded[i], self.folded[j])
            return 1.0 if ratio >= SAME_STATEMENT_RATIO else lexical
        return float(self.vectors[i] @ self.vectors[j]) + lexical

    def quoted(self, i: int, j: int) -> bool:
        return bool(self.shingles[i] & self.shingles[j])

    def dated_apart(self, i: int, j: int) -> bool:
        a, b = self.days[i], self.days[j]
        return a is not None and b is not None and abs((a - b).days) > MAX_DAYS_APART

    def plausible(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` may report one utterance (the test every pair of a group passes)."""
        if self.dated_apart(i, j):
            return False
        if self.quoted(i, j):
            return True
        sim = self.similarity(i, j)
        same_article = self.statements[i].article_id == self.statements[j].article_id
        return sim >= (SAME_ARTICLE if same_article else FLOOR)


def _day(found: StatementDate | None) -> date | None:
    return date.fromisoformat(found.date) if found else None


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    ws = words(text)
    runs = (tuple(ws[k : k + SHINGLE]) for k in range(len(ws) - SHINGLE + 1))
    return frozenset(r for r in runs if sum(w not in STOPWORDS for w in r) >= 3)


def _bag_of_words(statements: Sequence[Statement], dim: int = 2048) -> np.ndarray:
    """Hashed, normalized content-word counts: the blocking vectors when no embeddings are given."""
    matrix = np.zeros((len(statements), dim), dtype=np.float32)
    for i, st in enumerate(statements):
        for word in content_words(st.content.text):
            matrix[i, zlib.crc32(word.encode()) % dim] += 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _candidates(members: list[int], matrix: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """Pairs of one block whose cosine reaches ``floor``, at most ``NEIGHBOURS`` per statement, computed
    in row chunks so that a large block never needs its whole similarity matrix."""
    block = matrix[members]
    found: set[tuple[int, int]] = set()
    for lo in range(0, len(members), CHUNK):
        sims = block[lo : lo + CHUNK] @ block.T
        for row, scores in enumerate(sims):
            x = lo + row
            scores[x] = -1.0
            top = np.argpartition(-scores, min(NEIGHBOURS, len(scores) - 1))[:NEIGHBOURS]
            for y in top[scores[top] >= floor]:
                found.add((members[min(x, int(y))], members[max(x, int(y))]))
    return sorted(found)


def _edges(
    statements: Sequence[Statement], actor_of: Mapping[str, str], side_of: Mapping[str, str], pairs: _Pairs
) -> list[tuple[float, int, int]]:
    """Candidate links with their strength: same actor and similar, or same side and a shared quote."""
    edges: dict[tuple[int, int], float] = {}
    by_actor: dict[str, list[int]] = {}
    for i, st in enumerate(statements):
        if actor_of.get(st.id):
            by_actor.setdefault(actor_of[st.id], []).append(i)
    matrix = pairs.vectors if pairs.vectors is not None else _bag_of_words(statements)
    floor = SAME_ACTOR - LEXICAL_WEIGHT if pairs.vectors is not None else BAG_OF_WORDS_FLOOR
    for members in by_actor.values():
        for i, j in _candidates(members, matrix, floor) if len(members) > 1 else ():
            if statements[i].article_id == statements[j].article_id or pairs.dated_apart(i, j):
                continue
            sim = pairs.similarity(i, j)
            if sim >= SAME_ACTOR:
                edges[(i, j)] = sim
    by_shingle: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for i, st in enumerate(statements):
        side = side_of.get(actor_of.get(st.id, ""), "")
        for shingle in pairs.shingles[i] if side else ():
            by_shingle.setdefault((side, shingle), []).append(i)
    for members in by_shingle.values():
        if len(set(members)) > MAX_POSTINGS:
            continue  # boilerplate many statements share, not one quote
        for i, j in combinations(sorted(set(members)), 2):
            if statements[i].article_id != statements[j].article_id and not pairs.dated_apart(i, j):
                edges[(i, j)] = 2.0 + pairs.similarity(i, j)
    return sorted(((s, i, j) for (i, j), s in edges.items()), key=lambda e: (-e[0], e[1], e[2]))


def group_statements(
    statements: Sequence[Statement],
    statement_actor: Mapping[str, str],
    vectors: np.ndarray | None = None,
    actors: Sequence[Actor] = (),
    dates: Mapping[str, StatementDate] | None = None,
    outlet_of: Mapping[str, str] | None = None,
) -> tuple[list[StatementGroup], dict[str, str]]:
    """Group reports of one utterance. ``vectors`` are the contents' normalized embeddings, one row per
    statement (without them, near-identical wording of one actor decides); ``outlet_of`` maps article
    id -> outlet for the groups' outlet lists."""
    if vectors is not None and len(vectors) != len(statements):
        raise ValueError(f"{len(statements)} statements but {len(vectors)} vectors")
    pairs = _Pairs(statements, vectors, dates or {})
    side_of = {a.id: a.side for a in actors}
    cluster_of = list(range(len(statements)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(statements))}
    for _, i, j in _edges(statements, statement_actor, side_of, pairs):
        a, b = cluster_of[i], cluster_of[j]
        if a == b or not all(
            pairs.plausible(x, y) for x in clusters[a][:SAMPLE] for y in clusters[b][:SAMPLE]
        ):
            continue
        for x in clusters[b]:
            cluster_of[x] = a
        clusters[a].extend(clusters.pop(b))
    groups: list[StatementGroup] = []
    statement_group: dict[str, str] = {}
    for index in sorted(clusters.values(), key=min):
        members = [statements[i] for i in sorted(index)]
        groups.append(_group(members, outlet_of or {}))
        for m in members:
            statement_group[m.id] = groups[-1].id
    return groups, statement_group


def _group(members: list[Statement], outlet_of: Mapping[str, str]) -> StatementGroup:
    direct = [m for m in members if m.kind == "direct"] or members
    canonical = max(direct, key=lambda m: len(m.content.text)).content.text
    quotes = {" ".join(words(m.content.text)) for m in members if m.kind == "direct"}
    outlets = dict.fromkeys(outlet_of.get(m.article_id, "") for m in members)
    return StatementGroup(
        content_id("g", [m.id for m in members]),
        tuple(m.id for m in members),
        canonical,
        len(quotes) > 1,
        tuple(o for o in outlets if o),
        group_drift(members),
    )
