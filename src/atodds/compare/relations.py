"""Relations: which statements in one topic contradict (across sides) or agree (across speakers)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from atodds.config import Options
from atodds.records import Frame, Relation, RelationLabel, Statement, StatementGroup, Topic

from .embed import Embedder, get_embedder
from .frames import frame_kind
from .model import ContradictionModel, PairContext, PairScores, get_model
from .topics import assign_topics

TOPIC_RELATED = 0.85  # p(related) floor for two statements the topic stage put together
PAIR_LIMIT = 150  # topics larger than this compare each statement with its nearest members only
NEAREST_IN_TOPIC = 30
SCORE_DECIMALS = 6


@dataclass(frozen=True)
class _Candidate:
    i: int
    j: int
    can_contradict: bool
    can_agree: bool


_LEADING_THE = re.compile(r"^the\s+")
_PUNCT = re.compile(r"[^\w\s]")


def _key(text: str) -> str:
    """Casefolded, whitespace-collapsed form used to compare sides."""
    return " ".join(text.split()).casefold()


def _name_key(name: str) -> str:
    """A speaker name for comparison: casefolded, no punctuation, no leading 'the'."""
    return _LEADING_THE.sub("", _PUNCT.sub("", _key(name))).strip()


def _frames_by_article(frames: Sequence[Frame]) -> dict[str, list[tuple[Frame, str | None, set[str]]]]:
    out: dict[str, list[tuple[Frame, str | None, set[str]]]] = defaultdict(list)
    for frame in frames:
        sides = {_key(s) for s in frame.sides}
        out[frame.article_id].append((frame, frame_kind(frame.span.text, tuple(sides)), sides))
    return out


def _pair_context(
    a: Statement, b: Statement, cosine: float, frames: dict[str, list[tuple[Frame, str | None, set[str]]]]
) -> PairContext:
    """Cosine, the topic's relatedness floor, and the framing sentences that name both speakers' sides."""
    both = {_key(a.speaker.side), _key(b.speaker.side)}
    conflict: list[str] = []
    agree: list[str] = []
    articles = dict.fromkeys((a.article_id, b.article_id))
    for article in articles:
        for frame, kind, sides in frames.get(article, []):
            if "" in both or len(both) < 2 or not both <= sides:
                continue
            (conflict if kind == "conflict" else agree if kind == "agree" else []).append(frame.span.text)
    return PairContext(cosine, TOPIC_RELATED, tuple(dict.fromkeys(conflict)), tuple(dict.fromkeys(agree)))


def _candidates(
    statements: Sequence[Statement], members: list[int], vectors: np.ndarray, group_of: dict[str, str]
) -> list[_Candidate]:
    """Pairs of a topic worth scoring: different speakers, not two reports of one utterance."""
    if len(members) <= PAIR_LIMIT:
        pairs = [(x, y) for k, x in enumerate(members) for y in members[k + 1 :]]
    else:
        sub = vectors[members]
        sims = sub @ sub.T
        np.fill_diagonal(sims, -np.inf)
        near = np.argsort(-sims, axis=1, kind="stable")[:, :NEAREST_IN_TOPIC]
        found = {tuple(sorted((members[r], members[int(c)]))) for r in range(len(members)) for c in near[r]}
        pairs = sorted((x, y) for x, y in found)
    out = []
    for i, j in pairs:
        group = group_of.get(statements[i].id)
        if group is not None and group == group_of.get(statements[j].id):
            continue  # the same utterance as reported twice
        a, b = statements[i].speaker, statements[j].speaker
        name_a, name_b = _name_key(a.name), _name_key(b.name)
        if name_a and name_a == name_b:
            continue  # the same speaker
        side_a, side_b = _key(a.side), _key(b.side)
        can_contradict = bool(side_a and side_b and side_a != side_b)
        can_agree = bool(name_a and name_b)
        if can_contradict or can_agree:
            out.append(_Candidate(i, j, can_contradict, can_agree))
    return out


def _decide(c: _Candidate, s: PairScores, options: Options) -> tuple[RelationLabel, float] | None:
    """The relation's label and score, or None when neither label clears its threshold."""
    floor = options.relation_threshold
    contradict_ok = s.contradict >= max(options.contradict_threshold, floor) and s.contradict >= s.agree
    if c.can_contradict and contradict_ok:
        return "contradict", s.contradict
    if c.can_agree and s.agree >= max(options.agree_threshold, floor) and s.agree > s.contradict:
        return "agree", s.agree
    return None


def find_relations(
    statements: Sequence[Statement],
    topics: Sequence[Topic],
    vectors: np.ndarray,
    frames: Sequence[Frame],
    model: ContradictionModel,
    options: Options,
    groups: Sequence[StatementGroup] = (),
) -> list[Relation]:
    """Contradict/agree relations between statements of the same topic, each pair listed once.

    ``contradict`` needs two different, non-empty sides; ``agree`` two different named speakers.
    Two statements of one ``StatementGroup`` (one utterance, several outlets) are never paired.
    Each relation's evidence gives the model probability, the features that fired and any framing
    sentence of either article that names both sides.
    """
    position = {st.id: k for k, st in enumerate(statements)}
    group_of = {sid: g.id for g in groups for sid in g.statements}
    by_article = _frames_by_article(frames)
    candidates: list[_Candidate] = []
    for topic in topics:
        members = sorted(position[sid] for sid in topic.statements if sid in position)
        candidates.extend(_candidates(statements, members, vectors, group_of))
    if not candidates:
        return []
    texts = [(statements[c.i].content.text, statements[c.j].content.text) for c in candidates]
    contexts = [
        _pair_context(statements[c.i], statements[c.j], float(vectors[c.i] @ vectors[c.j]), by_article)
        for c in candidates
    ]
    relations = []
    for cand, scores in zip(candidates, model.predict(texts, contexts), strict=True):
        decision = _decide(cand, scores, options)
        if decision is None:
            continue
        label, score = decision
        evidence = (f"{model.name} model: p({label}) = {score:.2f}", *scores.evidence)
        a_id, b_id = statements[cand.i].id, statements[cand.j].id
        # six decimals: embeddings differ in the last float bits with the batch they were computed in
        relations.append(Relation(a_id, b_id, label, round(score, SCORE_DECIMALS), evidence, model.name))
    return relations


def embed_statements(statements: Sequence[Statement], embedder: Embedder) -> np.ndarray:
    """L2-normalized embeddings of the statements' content texts, one row each."""
    return embedder.encode([st.content.text for st in statements])


def compare_statements(
    statements: Sequence[Statement],
    frames: Sequence[Frame],
    options: Options,
    embedder: Embedder | None = None,
    model: ContradictionModel | None = None,
    groups: Sequence[StatementGroup] = (),
) -> tuple[list[Topic], list[Relation]]:
    """The whole compare stage on a corpus: embed, group into topics, find relations."""
    embedder = embedder or get_embedder(options.embedding_model)
    model = model or get_model("lexical", embedder)
    vectors = embed_statements(statements, embedder)
    topics = assign_topics(statements, vectors, options.topic_threshold)
    return topics, find_relations(statements, topics, vectors, frames, model, options, groups)
