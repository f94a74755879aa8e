"""Conversion between the records and database rows. JSON columns hold lists of strings."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import numpy as np

from atodds.records import (
    Actor,
    Article,
    ArticleAnalysis,
    DiffOp,
    Failure,
    Frame,
    QuoteDrift,
    Relation,
    Span,
    Speaker,
    Statement,
    StatementDate,
    StatementGroup,
)

ARTICLE_INSERT = (
    "INSERT INTO articles (id, seq, source, title, url, outlet, published, source_kind, text, added_at, "
    "analyzer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
STATEMENT_INSERT = (
    "INSERT INTO statements (id, article_id, seq, content_start, content_end, content_text, "
    "cue_start, cue_end, cue_text, mention_start, mention_end, mention_text, "
    "speaker_name, speaker_role, speaker_side, resolution, kind, nested_source) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
FRAME_INSERT = (
    "INSERT INTO frames (article_id, seq, span_start, span_end, span_text, sides) VALUES (?, ?, ?, ?, ?, ?)"
)
ACTOR_UPSERT = (
    "INSERT INTO actors (id, seq, name, aliases, kind, roles, side) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, name = excluded.name, aliases = excluded.aliases, "
    "kind = excluded.kind, roles = excluded.roles, side = excluded.side"
)
RELATION_UPSERT = (
    "INSERT INTO relations (a, b, seq, label, score, evidence, model, flipped) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (a, b) DO UPDATE SET seq = excluded.seq, label = excluded.label, score = excluded.score, "
    "evidence = excluded.evidence, model = excluded.model, flipped = excluded.flipped"
)


def dump_list(items: tuple[str, ...] | list[str]) -> str:
    """A JSON column value."""
    return json.dumps(list(items), ensure_ascii=False)


def load_list(value: str) -> tuple[str, ...]:
    """A tuple of strings back from a JSON column."""
    return tuple(str(item) for item in json.loads(value))


def _span_cols(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (None, None, None) if span is None else (span.start, span.end, span.text)


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    return None if start is None or end is None or text is None else Span(start, end, text)


def article_row(article: Article, seq: int, now: str, analyzer: str = "") -> tuple[Any, ...]:
    """Parameters for ``ARTICLE_INSERT``."""
    a = article
    return (a.id, seq, a.source, a.title, a.url, a.outlet, a.published, a.source_kind, a.text, now, analyzer)


def article_from(row: sqlite3.Row) -> Article:
    """An ``Article`` from an ``articles`` row."""
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        source_kind=row["source_kind"],
    )


def statement_row(st: Statement, seq: int) -> tuple[Any, ...]:
    """Parameters for ``STATEMENT_INSERT``."""
    sp = st.speaker
    return (
        st.id,
        st.article_id,
        seq,
        st.content.start,
        st.content.end,
        st.content.text,
        *_span_cols(st.cue),
        *_span_cols(sp.mention),
        sp.name,
        sp.role,
        sp.side,
        sp.resolution,
        st.kind,
        st.nested_source,
    )


def statement_from(row: sqlite3.Row) -> Statement:
    """A ``Statement`` from a ``statements`` row."""
    speaker = Speaker(
        mention=_span(row["mention_start"], row["mention_end"], row["mention_text"]),
        name=row["speaker_name"],
        role=row["speaker_role"],
        side=row["speaker_side"],
        resolution=row["resolution"],
    )
    return Statement(
        id=row["id"],
        article_id=row["article_id"],
        content=Span(row["content_start"], row["content_end"], row["content_text"]),
        cue=_span(row["cue_start"], row["cue_end"], row["cue_text"]),
        speaker=speaker,
        kind=row["kind"],
        nested_source=row["nested_source"],
    )


def frame_row(frame: Frame, seq: int) -> tuple[Any, ...]:
    """Parameters for ``FRAME_INSERT``."""
    sp = frame.span
    return (frame.article_id, seq, sp.start, sp.end, sp.text, dump_list(frame.sides))


def frame_from(row: sqlite3.Row) -> Frame:
    """A ``Frame`` from a ``frames`` row."""
    span = Span(row["span_start"], row["span_end"], row["span_text"])
    return Frame(article_id=row["article_id"], span=span, sides=load_list(row["sides"]))


def actor_row(actor: Actor, seq: int) -> tuple[Any, ...]:
    """Parameters for ``ACTOR_UPSERT``."""
    a = actor
    return (a.id, seq, a.name, dump_list(a.aliases), a.kind, dump_list(a.roles), a.side)


def actor_from(row: sqlite3.Row) -> Actor:
    """An ``Actor`` from an ``actors`` row."""
    return Actor(
        id=row["id"],
        name=row["name"],
        aliases=load_list(row["aliases"]),
        kind=row["kind"],
        roles=load_list(row["roles"]),
        side=row["side"],
    )


def relation_row(rel: Relation, seq: int) -> tuple[Any, ...]:
    """Parameters for ``RELATION_UPSERT``: the pair is stored as ``a <= b``; ``flipped`` keeps the order."""
    flipped = rel.a > rel.b
    a, b = (rel.b, rel.a) if flipped else (rel.a, rel.b)
    return (a, b, seq, rel.label, float(rel.score), dump_list(rel.evidence), rel.model, int(flipped))


def relation_from(row: sqlite3.Row) -> Relation:
    """A ``Relation`` from a ``relations`` row, in the order it was saved."""
    a, b = (row["b"], row["a"]) if row["flipped"] else (row["a"], row["b"])
    evidence = load_list(row["evidence"])
    return Relation(a=a, b=b, label=row["label"], score=row["score"], evidence=evidence, model=row["model"])


def failure_from(row: sqlite3.Row) -> Failure:
    """A ``Failure`` from a ``failures`` row."""
    return Failure(source=row["source"], code=row["code"], reason=row["reason"])


GROUP_UPSERT = (
    "INSERT INTO statement_groups (id, seq, canonical_text, wording_differs, outlets, drift) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, canonical_text = excluded.canonical_text, "
    "wording_differs = excluded.wording_differs, outlets = excluded.outlets, drift = excluded.drift"
)
DATE_INSERT = (
    "INSERT INTO statement_dates (statement_id, date, basis, expression, approximate) VALUES (?, ?, ?, ?, ?)"
)


def group_row(group: StatementGroup, seq: int) -> tuple[Any, ...]:
    """A ``statement_groups`` row."""
    drift = json.dumps([d.to_dict() for d in group.drift], ensure_ascii=False)
    return (group.id, seq, group.canonical_text, int(group.wording_differs), dump_list(group.outlets), drift)


def group_from(row: sqlite3.Row, members: tuple[str, ...]) -> StatementGroup:
    """A group from its row and its members."""
    return StatementGroup(
        row["id"],
        members,
        row["canonical_text"],
        bool(row["wording_differs"]),
        tuple(json.loads(row["outlets"])),
        tuple(drift_from(d) for d in json.loads(row["drift"])),
    )


def drift_from(data: dict[str, Any]) -> QuoteDrift:
    """A quote drift from its JSON form (``QuoteDrift.to_dict``)."""
    ops = tuple(DiffOp(o["op"], o["a"], o["b"]) for o in data["ops"])
    return QuoteDrift(data["a"], data["b"], ops, tuple(data["flags"]), bool(data["trivial"]))


def date_row(statement_id: str, found: StatementDate) -> tuple[Any, ...]:
    """A ``statement_dates`` row."""
    return (statement_id, found.date, found.basis, found.expression, int(found.approximate))


def date_from(row: sqlite3.Row) -> StatementDate:
    """A statement date from its row."""
    return StatementDate(row["date"], row["basis"], row["expression"], bool(row["approximate"]))


VECTORS_INSERT = "INSERT INTO article_vectors (article_id, model, rows, dim, data) VALUES (?, ?, ?, ?, ?)"


def vectors_row(analysis: ArticleAnalysis) -> tuple[str, str, int, int, bytes] | None:
    """The article's statement embeddings as one float32 blob (None when there are none)."""
    matrix = analysis.vectors
    if matrix is None or not analysis.vector_model or len(matrix) != len(analysis.statements):
        return None
    data = np.ascontiguousarray(matrix, dtype=np.float32)
    if data.ndim != 2:
        return None
    return (analysis.article.id, analysis.vector_model, data.shape[0], data.shape[1], data.tobytes())


def vectors_from(row: sqlite3.Row) -> tuple[np.ndarray, str]:
    """The embeddings matrix and its model from an ``article_vectors`` row."""
    matrix = np.frombuffer(row["data"], dtype=np.float32).reshape(row["rows"], row["dim"])
    return matrix.copy(), str(row["model"])
